"""Cursor pagination."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import Any, Generic, TypeVar

import httpx

__all__ = ["AsyncCursorPage", "AsyncPaginator", "SyncCursorPage"]

_T = TypeVar("_T")


class _BasePage(Generic[_T]):
    data: list[_T]
    """Items of this page, parsed into the item type."""
    next_cursor: str | None
    """Cursor of the next page as returned by the server (``None`` when absent)."""
    http_response: httpx.Response | None

    def __init__(
        self,
        *,
        data: list[_T],
        next_cursor: str | None,
        seen_cursors: frozenset[str] = frozenset(),
        http_response: httpx.Response | None = None,
    ) -> None:
        self.data = data
        self.next_cursor = next_cursor or None
        self.http_response = http_response
        self._seen_cursors = seen_cursors

    def _can_fetch(self) -> bool:
        return True

    def has_next_page(self) -> bool:
        """Whether another page exists.

        False when the server sent no cursor (or an empty one), when this page is empty,
        or when the cursor was already used earlier in this chain (loop guard).
        """
        return (
            self.next_cursor is not None
            and bool(self.data)
            and self.next_cursor not in self._seen_cursors
            and self._can_fetch()
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.data)} next_cursor={self.next_cursor!r}>"


class SyncCursorPage(_BasePage[_T]):
    """One page of a cursor-paginated list.

    ``for item in page`` iterates over the items of this page and of every following
    page (fetching them lazily); ``page.iter_pages()`` yields the pages themselves.
    ``get_next_page()`` returns ``None`` when there is no next page.
    """

    def __init__(
        self,
        *,
        data: list[_T],
        next_cursor: str | None,
        fetch: Callable[[str, frozenset[str]], SyncCursorPage[_T]] | None = None,
        seen_cursors: frozenset[str] = frozenset(),
        http_response: httpx.Response | None = None,
    ) -> None:
        super().__init__(
            data=data,
            next_cursor=next_cursor,
            seen_cursors=seen_cursors,
            http_response=http_response,
        )
        self._fetch = fetch

    def _can_fetch(self) -> bool:
        return self._fetch is not None

    def get_next_page(self) -> SyncCursorPage[_T] | None:
        """Fetch the next page, or return ``None`` when :meth:`has_next_page` is false."""
        if not self.has_next_page() or self._fetch is None or self.next_cursor is None:
            return None
        return self._fetch(self.next_cursor, self._seen_cursors | {self.next_cursor})

    def iter_pages(self) -> Iterator[SyncCursorPage[_T]]:
        """Yield this page, then every following page."""
        page: SyncCursorPage[_T] | None = self
        while page is not None:
            yield page
            page = page.get_next_page()

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncCursorPage(_BasePage[_T]):
    """Async twin of :class:`SyncCursorPage`.

    ``async for item in page`` iterates over all items of all following pages;
    ``async for p in page.iter_pages()`` over the pages; ``await page.get_next_page()``.
    """

    def __init__(
        self,
        *,
        data: list[_T],
        next_cursor: str | None,
        fetch: Callable[[str, frozenset[str]], Awaitable[AsyncCursorPage[_T]]] | None = None,
        seen_cursors: frozenset[str] = frozenset(),
        http_response: httpx.Response | None = None,
    ) -> None:
        super().__init__(
            data=data,
            next_cursor=next_cursor,
            seen_cursors=seen_cursors,
            http_response=http_response,
        )
        self._fetch = fetch

    def _can_fetch(self) -> bool:
        return self._fetch is not None

    async def get_next_page(self) -> AsyncCursorPage[_T] | None:
        """Fetch the next page, or return ``None`` when :meth:`has_next_page` is false."""
        if not self.has_next_page() or self._fetch is None or self.next_cursor is None:
            return None
        return await self._fetch(self.next_cursor, self._seen_cursors | {self.next_cursor})

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[_T]]:
        """Yield this page, then every following page."""
        page: AsyncCursorPage[_T] | None = self
        while page is not None:
            yield page
            page = await page.get_next_page()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[_T]):
    """What an async list method returns before any request is made.

    ``await paginator`` fetches the first page (an :class:`AsyncCursorPage`);
    ``async for item in paginator`` iterates over every item of every page;
    ``async for page in paginator.iter_pages()`` over the pages.  Each ``await`` / loop
    starts again from the first page.
    """

    def __init__(self, fetch_first: Callable[[], Awaitable[AsyncCursorPage[_T]]]) -> None:
        self._fetch_first = fetch_first

    def __await__(self) -> Generator[Any, None, AsyncCursorPage[_T]]:
        return self._fetch_first().__await__()

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[_T]]:
        first = await self._fetch_first()
        async for page in first.iter_pages():
            yield page

    async def __aiter__(self) -> AsyncIterator[_T]:
        first = await self._fetch_first()
        async for item in first:
            yield item
