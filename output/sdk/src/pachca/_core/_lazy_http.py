"""The httpx client of an SDK client, built when the first request needs it.

Building an ``httpx.Client`` costs tens of milliseconds (mostly its SSL context), which would
make ``Client("token")`` slower than importing httpx itself.  A :class:`LazyHttpClient` holds
either the caller's client or a factory for ours; copies made by ``with_options`` share the
holder, so they share one pool whichever of them sends first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

__all__ = ["LazyHttpClient"]

_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)

CLOSED_MESSAGE = "Cannot send a request, as the client has been closed."


class LazyHttpClient(Generic[_HttpxClientT]):
    """``given`` when the caller supplied one, else ``factory()`` on the first :meth:`get`."""

    __slots__ = ("_client", "_closed_unused", "_factory", "_lock")

    _client: _HttpxClientT | None
    _factory: Callable[[], _HttpxClientT]
    _lock: threading.Lock
    _closed_unused: bool

    def __init__(self, given: _HttpxClientT | None, factory: Callable[[], _HttpxClientT]) -> None:
        self._client = given
        self._factory = factory
        self._lock = threading.Lock()
        self._closed_unused = False

    @property
    def created(self) -> _HttpxClientT | None:
        """The httpx client if it exists yet (never builds one)."""
        return self._client

    @property
    def is_closed(self) -> bool:
        if self._client is None:
            return self._closed_unused
        return self._client.is_closed

    def get(self) -> _HttpxClientT:
        """The httpx client, built now if this is the first request (thread-safe)."""
        client = self._client
        if client is not None:
            return client
        with self._lock:
            if self._client is None:
                if self._closed_unused:
                    # What httpx itself raises for a request on a closed client.
                    raise RuntimeError(CLOSED_MESSAGE)
                self._client = self._factory()
            return self._client

    def closing(self) -> _HttpxClientT | None:
        """For ``close()``: the client to close, or ``None`` when none was built, in which
        case the holder is marked closed so that later requests fail as on a closed pool."""
        with self._lock:
            if self._client is None:
                self._closed_unused = True
            return self._client
