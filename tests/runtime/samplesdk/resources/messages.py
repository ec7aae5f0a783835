from __future__ import annotations

from functools import cached_property

import httpx

from .._core import (
    NOT_GIVEN,
    AsyncAPIResource,
    Headers,
    NotGiven,
    Query,
    RequestOptions,
    SyncAPIResource,
    async_to_raw_response_wrapper,
    strip_not_given,
    to_raw_response_wrapper,
)
from ..models import Message, MessageEntityType, Priority

__all__ = [
    "AsyncMessagesService",
    "AsyncMessagesServiceWithRawResponse",
    "MessagesService",
    "MessagesServiceWithRawResponse",
]


class MessagesService(SyncAPIResource):
    """Messages."""

    @cached_property
    def with_raw_response(self) -> MessagesServiceWithRawResponse:
        return MessagesServiceWithRawResponse(self)

    def create_message(
        self,
        *,
        content: str,
        entity_id: int,
        entity_type: MessageEntityType | NotGiven = NOT_GIVEN,
        parent_message_id: int | NotGiven | None = NOT_GIVEN,
        priority: Priority | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Create a message."""
        return self._client.request(
            "POST",
            "/messages",
            body={
                "message": strip_not_given(
                    {
                        "content": content,
                        "entity_id": entity_id,
                        "entity_type": entity_type,
                        "parent_message_id": parent_message_id,
                        "priority": priority,
                    }
                )
            },
            cast_to=Message,
            unwrap="data",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def get_message(
        self,
        id: int | str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Get one message."""
        return self._client.request(
            "GET",
            "/messages/{id}",
            path_params={"id": id},
            cast_to=Message,
            unwrap="data",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def update_message(
        self,
        id: int,
        *,
        content: str | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Edit a message (PUT)."""
        return self._client.request(
            "PUT",
            "/messages/{id}",
            path_params={"id": id},
            body={"message": strip_not_given({"content": content})},
            cast_to=Message,
            unwrap="data",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def delete_message(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a message (204)."""
        return self._client.request(
            "DELETE",
            "/messages/{id}",
            path_params={"id": id},
            cast_to=None,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )


class MessagesServiceWithRawResponse:
    def __init__(self, service: MessagesService) -> None:
        self.create_message = to_raw_response_wrapper(service.create_message)
        self.get_message = to_raw_response_wrapper(service.get_message)
        self.update_message = to_raw_response_wrapper(service.update_message)
        self.delete_message = to_raw_response_wrapper(service.delete_message)


class AsyncMessagesService(AsyncAPIResource):
    """Messages (async)."""

    @cached_property
    def with_raw_response(self) -> AsyncMessagesServiceWithRawResponse:
        return AsyncMessagesServiceWithRawResponse(self)

    async def create_message(
        self,
        *,
        content: str,
        entity_id: int,
        entity_type: MessageEntityType | NotGiven = NOT_GIVEN,
        parent_message_id: int | NotGiven | None = NOT_GIVEN,
        priority: Priority | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Create a message."""
        return await self._client.request(
            "POST",
            "/messages",
            body={
                "message": strip_not_given(
                    {
                        "content": content,
                        "entity_id": entity_id,
                        "entity_type": entity_type,
                        "parent_message_id": parent_message_id,
                        "priority": priority,
                    }
                )
            },
            cast_to=Message,
            unwrap="data",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def get_message(
        self,
        id: int | str,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Message:
        """Get one message."""
        return await self._client.request(
            "GET",
            "/messages/{id}",
            path_params={"id": id},
            cast_to=Message,
            unwrap="data",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def delete_message(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Delete a message (204)."""
        return await self._client.request(
            "DELETE",
            "/messages/{id}",
            path_params={"id": id},
            cast_to=None,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )


class AsyncMessagesServiceWithRawResponse:
    def __init__(self, service: AsyncMessagesService) -> None:
        self.create_message = async_to_raw_response_wrapper(service.create_message)
        self.get_message = async_to_raw_response_wrapper(service.get_message)
        self.delete_message = async_to_raw_response_wrapper(service.delete_message)
