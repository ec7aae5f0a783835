"""Raw responses: :class:`APIResponse` and the ``with_raw_response`` wrappers."""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Awaitable, Callable
from typing import Any, Generic, ParamSpec, TypeVar, cast

import httpx

from ._utils import decode_body

__all__ = [
    "APIResponse",
    "async_to_raw_response_wrapper",
    "to_raw_response_wrapper",
]

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")

_raw_response_requested: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "_sdk_raw_response_requested", default=False
)

_UNSET: Any = object()


def take_raw_response_flag() -> bool:
    """True when the current call runs under a raw-response wrapper (consumes the flag)."""
    if _raw_response_requested.get():
        _raw_response_requested.set(False)
        return True
    return False


class APIResponse(Generic[_T]):
    """A successful HTTP response together with the way to parse it.

    ``parse()`` returns what the plain method would have returned (cached); it raises
    :class:`APIResponseValidationError` when the body does not match the schema.
    """

    http_response: httpx.Response
    retries_taken: int

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

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.method} {self.url}>"


def to_raw_response_wrapper(func: Callable[_P, _R]) -> Callable[_P, APIResponse[_R]]:
    """Wrap a sync service method so that it returns :class:`APIResponse` instead."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_R]:
        token = _raw_response_requested.set(True)
        try:
            result: Any = func(*args, **kwargs)
        finally:
            _raw_response_requested.reset(token)
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
        token = _raw_response_requested.set(True)
        try:
            result: Any = await func(*args, **kwargs)
        finally:
            _raw_response_requested.reset(token)
        if not isinstance(result, APIResponse):  # pragma: no cover - generated code bug
            raise TypeError(f"{getattr(func, '__name__', func)!r} did not issue a request")
        return cast(APIResponse[_R], result)

    return wrapped
