"""Raw and streamed responses: :class:`APIResponse`, :class:`StreamedAPIResponse` and the
``with_raw_response`` / ``with_streaming_response`` wrappers."""

from __future__ import annotations

import contextvars
import functools
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, Literal, ParamSpec, TypeVar, cast

import httpx

from ._utils import decode_body

__all__ = [
    "APIResponse",
    "AsyncResponseContextManager",
    "AsyncStreamedAPIResponse",
    "ResponseContextManager",
    "StreamedAPIResponse",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
]

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")
_S = TypeVar("_S", bound="StreamedAPIResponse[Any]")
_AS = TypeVar("_AS", bound="AsyncStreamedAPIResponse[Any]")

ResponseMode = Literal["parsed", "raw", "stream"]

_response_mode: contextvars.ContextVar[ResponseMode] = contextvars.ContextVar(
    "_sdk_response_mode", default="parsed"
)

_UNSET: Any = object()


def take_response_mode() -> ResponseMode:
    """What the current call returns: the parsed value, an :class:`APIResponse` (under a
    raw-response wrapper) or a streamed response; consumes the wrapper's request."""
    mode = _response_mode.get()
    if mode != "parsed":
        _response_mode.set("parsed")
    return mode


def take_raw_response_flag() -> bool:
    """True when the current call runs under a raw or streaming wrapper (consumes it)."""
    return take_response_mode() != "parsed"


class _ResponseInfo:
    """Status, headers and request of an HTTP response, whatever its body."""

    http_response: httpx.Response
    retries_taken: int

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_response.request.method

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.status_code}] {self.method} {self.url}>"


class APIResponse(_ResponseInfo, Generic[_T]):
    """A successful HTTP response together with the way to parse it.

    ``parse()`` returns what the plain method would have returned (cached); it raises
    :class:`APIResponseValidationError` when the body does not match the schema (with
    ``strict_response_validation=True``; otherwise a warning is logged).
    """

    def __init__(
        self,
        http_response: httpx.Response,
        parser: Callable[[httpx.Response], _T],
        *,
        retries_taken: int = 0,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        self._parser = parser
        self._parsed: Any = _UNSET

    @property
    def content(self) -> bytes:
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def json(self) -> object:
        """The decoded JSON body (or text when not JSON, ``None`` when empty)."""
        return decode_body(self.http_response)

    def parse(self) -> _T:
        if self._parsed is _UNSET:
            self._parsed = self._parser(self.http_response)
        return cast(_T, self._parsed)


class StreamedAPIResponse(_ResponseInfo, Generic[_T]):
    """A successful response whose body has not been read yet (``with_streaming_response``).

    Read it once, in pieces (``iter_bytes``, ``iter_text``, ``iter_lines``), to a file
    (``write_to_file``) or whole (``read``, ``parse``).  The connection is released when
    the ``with`` block that produced it ends.
    """

    def __init__(
        self,
        http_response: httpx.Response,
        parser: Callable[[httpx.Response], _T],
        *,
        retries_taken: int = 0,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        self._parser = parser

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The body in chunks of (at most) ``chunk_size`` bytes, decompressed."""
        return self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        return self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        """The body line by line, without line endings."""
        return self.http_response.iter_lines()

    def write_to_file(self, file: str | os.PathLike[str], chunk_size: int | None = None) -> int:
        """Stream the body into ``file`` (created or truncated); returns the bytes written."""
        written = 0
        with Path(file).open("wb") as out:
            for chunk in self.iter_bytes(chunk_size):
                written += out.write(chunk)
        return written

    def read(self) -> bytes:
        """The whole body (read now if it was not yet)."""
        return self.http_response.read()

    def parse(self) -> _T:
        """Read the whole body and parse it as the plain method would have."""
        self.read()
        return self._parser(self.http_response)

    def close(self) -> None:
        self.http_response.close()


class AsyncStreamedAPIResponse(_ResponseInfo, Generic[_T]):
    """Async twin of :class:`StreamedAPIResponse`."""

    def __init__(
        self,
        http_response: httpx.Response,
        parser: Callable[[httpx.Response], _T],
        *,
        retries_taken: int = 0,
    ) -> None:
        self.http_response = http_response
        self.retries_taken = retries_taken
        self._parser = parser

    def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        return self.http_response.aiter_bytes(chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        return self.http_response.aiter_text(chunk_size)

    def iter_lines(self) -> AsyncIterator[str]:
        return self.http_response.aiter_lines()

    async def write_to_file(
        self, file: str | os.PathLike[str], chunk_size: int | None = None
    ) -> int:
        """Stream the body into ``file``; the writes are blocking, one chunk at a time."""
        written = 0
        with Path(file).open("wb") as out:
            async for chunk in self.iter_bytes(chunk_size):
                written += out.write(chunk)
        return written

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def parse(self) -> _T:
        await self.read()
        return self._parser(self.http_response)

    async def close(self) -> None:
        await self.http_response.aclose()


class ResponseContextManager(Generic[_S]):
    """``with``: sends the request on entry, releases the connection on exit."""

    def __init__(self, send: Callable[[], _S]) -> None:
        self._send = send
        self._response: _S | None = None

    def __enter__(self) -> _S:
        self._response = self._send()
        return self._response

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            self._response.close()


class AsyncResponseContextManager(Generic[_AS]):
    """``async with``: sends the request on entry, releases the connection on exit."""

    def __init__(self, send: Callable[[], Awaitable[_AS]]) -> None:
        self._send = send
        self._response: _AS | None = None

    async def __aenter__(self) -> _AS:
        self._response = await self._send()
        return self._response

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._response is not None:
            await self._response.close()


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    """Wrap a sync service method so that it returns :class:`APIResponse` instead."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        token = _response_mode.set("raw")
        try:
            result: Any = func(*args, **kwargs)
        finally:
            _response_mode.reset(token)
        if not isinstance(result, APIResponse):  # pragma: no cover - generated code bug
            raise TypeError(f"{getattr(func, '__name__', func)!r} did not issue a request")
        return cast(APIResponse[_R], result)

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, Awaitable[APIResponse[_R]]]:
    """Wrap an async service method (or one returning an awaitable paginator)."""

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        token = _response_mode.set("raw")
        try:
            result: Any = await func(*args, **kwargs)
        finally:
            _response_mode.reset(token)
        if not isinstance(result, APIResponse):  # pragma: no cover - generated code bug
            raise TypeError(f"{getattr(func, '__name__', func)!r} did not issue a request")
        return cast(APIResponse[_R], result)

    return wrapped


def to_streamed_response_wrapper(
    func: Callable[_P, _R],
) -> Callable[_P, ResponseContextManager[StreamedAPIResponse[_R]]]:
    """Wrap a sync service method: ``with wrapped(...) as response:`` streams the body."""

    @functools.wraps(func)
    def wrapped(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> ResponseContextManager[StreamedAPIResponse[_R]]:
        def send() -> StreamedAPIResponse[_R]:
            token = _response_mode.set("stream")
            try:
                result: Any = func(*args, **kwargs)
            finally:
                _response_mode.reset(token)
            if not isinstance(result, StreamedAPIResponse):  # pragma: no cover
                raise TypeError(f"{getattr(func, '__name__', func)!r} did not issue a request")
            return cast(StreamedAPIResponse[_R], result)

        return ResponseContextManager(send)

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_R]],
) -> Callable[_P, AsyncResponseContextManager[AsyncStreamedAPIResponse[_R]]]:
    """Wrap an async service method: ``async with wrapped(...) as response:``."""

    @functools.wraps(func)
    def wrapped(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncResponseContextManager[AsyncStreamedAPIResponse[_R]]:
        async def send() -> AsyncStreamedAPIResponse[_R]:
            token = _response_mode.set("stream")
            try:
                result: Any = await func(*args, **kwargs)
            finally:
                _response_mode.reset(token)
            if not isinstance(result, AsyncStreamedAPIResponse):  # pragma: no cover
                raise TypeError(f"{getattr(func, '__name__', func)!r} did not issue a request")
            return cast(AsyncStreamedAPIResponse[_R], result)

        return AsyncResponseContextManager(send)

    return wrapped
