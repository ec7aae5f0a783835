from __future__ import annotations

from datetime import datetime
from functools import cached_property

import httpx

from .._core import (
    NOT_GIVEN,
    AsyncAPIResource,
    AsyncPaginator,
    Headers,
    NotGiven,
    Query,
    RequestOptions,
    SyncAPIResource,
    SyncCursorPage,
    async_to_raw_response_wrapper,
    to_raw_response_wrapper,
)
from ..models import Chat, ChatAvailability, SortOrder

__all__ = [
    "AsyncChatsService",
    "AsyncChatsServiceWithRawResponse",
    "ChatsService",
    "ChatsServiceWithRawResponse",
]


class ChatsService(SyncAPIResource):
    """Chats."""

    @cached_property
    def with_raw_response(self) -> ChatsServiceWithRawResponse:
        return ChatsServiceWithRawResponse(self)

    def list_chats(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        cursor: str | NotGiven = NOT_GIVEN,
        sort_id: SortOrder | NotGiven = NOT_GIVEN,
        availability: ChatAvailability | NotGiven = NOT_GIVEN,
        last_message_at_after: datetime | NotGiven = NOT_GIVEN,
        personal: bool | NotGiven = NOT_GIVEN,
        chat_ids: list[int] | NotGiven = NOT_GIVEN,
        tags: list[str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> SyncCursorPage[Chat]:
        """List chats (cursor pagination)."""
        return self._client.request_page(
            "GET",
            "/chats",
            query={
                "limit": limit,
                "cursor": cursor,
                "sort[id]": sort_id,
                "availability": availability,
                "last_message_at_after": last_message_at_after,
                "personal": personal,
                "chat_ids": chat_ids,
                "tags": tags,
            },
            query_style={"chat_ids": "comma"},
            item_type=Chat,
            items_path=("data",),
            next_cursor_path=("meta", "paginate", "next_page"),
            cursor_param="cursor",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def get_chat(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Chat:
        """Get one chat."""
        return self._client.request(
            "GET",
            "/chats/{id}",
            path_params={"id": id},
            cast_to=Chat,
            unwrap="data",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )


class ChatsServiceWithRawResponse:
    def __init__(self, service: ChatsService) -> None:
        self.list_chats = to_raw_response_wrapper(service.list_chats)
        self.get_chat = to_raw_response_wrapper(service.get_chat)


class AsyncChatsService(AsyncAPIResource):
    """Chats (async)."""

    @cached_property
    def with_raw_response(self) -> AsyncChatsServiceWithRawResponse:
        return AsyncChatsServiceWithRawResponse(self)

    def list_chats(
        self,
        *,
        limit: int | NotGiven = NOT_GIVEN,
        cursor: str | NotGiven = NOT_GIVEN,
        sort_id: SortOrder | NotGiven = NOT_GIVEN,
        availability: ChatAvailability | NotGiven = NOT_GIVEN,
        last_message_at_after: datetime | NotGiven = NOT_GIVEN,
        personal: bool | NotGiven = NOT_GIVEN,
        chat_ids: list[int] | NotGiven = NOT_GIVEN,
        tags: list[str] | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> AsyncPaginator[Chat]:
        """List chats (cursor pagination)."""
        return self._client.request_page(
            "GET",
            "/chats",
            query={
                "limit": limit,
                "cursor": cursor,
                "sort[id]": sort_id,
                "availability": availability,
                "last_message_at_after": last_message_at_after,
                "personal": personal,
                "chat_ids": chat_ids,
                "tags": tags,
            },
            query_style={"chat_ids": "comma"},
            item_type=Chat,
            items_path=("data",),
            next_cursor_path=("meta", "paginate", "next_page"),
            cursor_param="cursor",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def get_chat(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Chat:
        """Get one chat."""
        return await self._client.request(
            "GET",
            "/chats/{id}",
            path_params={"id": id},
            cast_to=Chat,
            unwrap="data",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )


class AsyncChatsServiceWithRawResponse:
    def __init__(self, service: AsyncChatsService) -> None:
        self.list_chats = async_to_raw_response_wrapper(service.list_chats)
        self.get_chat = async_to_raw_response_wrapper(service.get_chat)
