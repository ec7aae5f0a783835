"""Type-checked (not run) usage of the sample SDK; see ``test_rt_typing.py``.

``mypy --strict`` must accept this file as is.  Each ``type: ignore[...]`` marks a call
that must be rejected: with ``warn_unused_ignores`` (part of ``--strict``) mypy reports
an error if the runtime's typing ever stops catching it.
"""

from __future__ import annotations

from datetime import datetime
from typing import assert_type

from samplesdk import (
    APIResponse,
    APIStatusError,
    AsyncCursorPage,
    AsyncPaginator,
    AsyncSampleClient,
    AsyncStreamedAPIResponse,
    MissingFieldError,
    NotFoundError,
    RateLimitError,
    SampleClient,
    StreamedAPIResponse,
    SyncCursorPage,
)
from samplesdk._core import (
    NOT_GIVEN,
    NotGiven,
    RequestOptions,
    parse_webhook,
    presigned_form_upload,
    strip_not_given,
    verify_signature,
)
from samplesdk.models import (
    ApiError,
    ApiErrorItem,
    Chat,
    Export,
    Message,
    MessageEntityType,
    MessageWebhookEvent,
    OAuthError,
)


def sync_usage() -> None:
    with SampleClient("token", timeout=5.0, max_retries=1) as client:
        message = client.messages.create_message(
            content="x", entity_id=1, entity_type=MessageEntityType.USER
        )
        assert_type(message, Message)
        assert_type(client.messages.delete_message(1), None)

        raw = client.messages.with_raw_response.create_message(content="x", entity_id=1)
        assert_type(raw, APIResponse[Message])
        assert_type(raw.parse(), Message)
        assert_type(raw.status_code, int)

        page = client.chats.list_chats(limit=10)
        assert_type(page, SyncCursorPage[Chat])
        assert_type(page.data, list[Chat])
        assert_type(page.next_cursor, str | None)
        assert_type(page.get_next_page(), SyncCursorPage[Chat] | None)
        for chat in page:
            assert_type(chat, Chat)
        for p in page.iter_pages():
            assert_type(p, SyncCursorPage[Chat])

        raw_page = client.chats.with_raw_response.list_chats()
        assert_type(raw_page, APIResponse[SyncCursorPage[Chat]])

        copy = client.with_options(timeout=1.0, max_retries=0)
        assert_type(copy, SampleClient)

        result = client.request("GET", "/x", cast_to=Chat, options=RequestOptions(timeout=2))
        assert_type(result, Chat)
        assert_type(client.request("DELETE", "/x", cast_to=None), None)

        presigned_form_upload(client, "https://s.example", {"key": "k"}, b"data")

        # the raw wrapper keeps the parameters of the wrapped method
        client.messages.with_raw_response.create_message(content=1, entity_id=1)  # type: ignore[arg-type]
        client.messages.with_raw_response.get_message()  # type: ignore[call-arg]
        client.request("GET", "/x", cast_to=Chat, no_such_option=1)  # type: ignore[call-overload]


async def async_usage() -> None:
    async with AsyncSampleClient("token") as client:
        message = await client.messages.get_message(1)
        assert_type(message, Message)

        raw = await client.messages.with_raw_response.get_message(1)
        assert_type(raw, APIResponse[Message])

        paginator = client.chats.list_chats(limit=10)
        assert_type(paginator, AsyncPaginator[Chat])
        first = await paginator
        assert_type(first, AsyncCursorPage[Chat])
        assert_type(await first.get_next_page(), AsyncCursorPage[Chat] | None)
        async for chat in client.chats.list_chats():
            assert_type(chat, Chat)
        async for p in first.iter_pages():
            assert_type(p, AsyncCursorPage[Chat])

        raw_page = await client.chats.with_raw_response.list_chats()
        assert_type(raw_page, APIResponse[AsyncCursorPage[Chat]])

        assert_type(client.with_options(max_retries=3), AsyncSampleClient)
        await client.messages.with_raw_response.get_message("x", timeout="slow")  # type: ignore[arg-type]


def values_usage() -> None:
    fields: dict[str, int | NotGiven] = {"a": 1, "b": NOT_GIVEN}
    assert_type(strip_not_given(fields), dict[str, int])
    verify_signature(b"{}", "sig", "secret", timestamp_field=None)
    event = parse_webhook(b"{}", MessageWebhookEvent)
    assert_type(event, MessageWebhookEvent)


def issue7_usage(path: str) -> None:
    """Retry-After cap, redirects, lenient parsing, typed errors, streaming, extra_body."""
    with SampleClient("t", max_retry_after=30.0, strict_response_validation=True) as client:
        assert_type(client.max_retry_after, float)
        url = client.exports.download_export(7)
        assert_type(url, str)
        export = client.exports.create_export(
            start_at=datetime(2024, 5, 1, 9, 30), extra_body={"format": "csv"}
        )
        assert_type(export, Export)
        try:
            client.messages.get_message(1)
        except NotFoundError as exc:
            assert_type(exc.error, ApiError | None)
            if exc.error is not None:
                assert_type(exc.error.errors, list[ApiErrorItem])
        except RateLimitError as exc:
            assert_type(exc.retry_after, float | None)
        except APIStatusError as exc:
            assert_type(exc.error, ApiError | OAuthError | None)
        except MissingFieldError as exc:
            assert_type(exc.message, str)

        with client.exports.with_streaming_response.get_export_file(7) as response:
            assert_type(response, StreamedAPIResponse[bytes])
            for chunk in response.iter_bytes(65536):
                assert_type(chunk, bytes)
            for line in response.iter_lines():
                assert_type(line, str)
            assert_type(response.write_to_file(path), int)
            assert_type(response.parse(), bytes)
        with client.exports.with_streaming_response.create_export(start_at=datetime.now()) as r:
            assert_type(r.parse(), Export)

        client.exports.create_export(start_at="2024-05-01")  # type: ignore[arg-type]
        client.exports.download_export(7, extra_body={})  # type: ignore[call-arg]


async def issue7_async_usage(path: str) -> None:
    client = AsyncSampleClient("t")
    assert_type(await client.exports.download_export(7), str)
    async with client.exports.with_streaming_response.get_export_file(7) as response:
        assert_type(response, AsyncStreamedAPIResponse[bytes])
        async for chunk in response.iter_bytes():
            assert_type(chunk, bytes)
        assert_type(await response.write_to_file(path), int)
        assert_type(await response.parse(), bytes)
    await client.close()
