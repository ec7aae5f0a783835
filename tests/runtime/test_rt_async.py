"""The async client mirrors the sync one."""

from __future__ import annotations

import asyncio
import json
import logging
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx

from .helpers import BASE_URL, TOKEN, message_json

pytestmark = pytest.mark.asyncio


async def test_async_create_and_get(
    aclient: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    route = router.post("/messages").respond(201, json={"data": message_json(id=5)})
    message = await aclient.messages.create_message(content="hi", entity_id=3)
    assert isinstance(message, models.Message) and message.id == 5
    request = route.calls.last.request
    assert json.loads(request.content) == {"message": {"content": "hi", "entity_id": 3}}
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["User-Agent"].startswith("sample-python/1.2.3 python/")


async def test_async_delete_returns_none(aclient: Any, router: respx.MockRouter) -> None:
    router.delete("/messages/9").respond(204)
    assert await aclient.messages.delete_message(9) is None


async def test_async_token_from_env_and_missing(
    sdk: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(sdk.ConfigurationError):
        sdk.AsyncSampleClient()
    monkeypatch.setenv("SAMPLE_TOKEN", "env-token")
    async with sdk.AsyncSampleClient() as client:
        assert client.token == "env-token"


async def test_async_post_503_not_retried(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType, sleeps: Any
) -> None:
    route = router.post("/messages").respond(503)
    with pytest.raises(sdk.InternalServerError):
        await aclient.messages.create_message(content="x", entity_id=1)
    assert route.call_count == 1
    assert sleeps.delays == []


async def test_async_get_503_retried_with_async_sleep(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType, sleeps: Any
) -> None:
    route = router.get("/messages/1").respond(503)
    with pytest.raises(sdk.InternalServerError):
        await aclient.messages.get_message(1)
    assert route.call_count == 3
    assert sleeps.delays == [0.5, 1.0]


async def test_async_429_post_retried_with_retry_after(
    aclient: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.post("/messages").mock(
        side_effect=[
            httpx.Response(429, headers={"retry-after-ms": "1500"}),
            httpx.Response(201, json={"data": message_json()}),
        ]
    )
    await aclient.messages.create_message(content="x", entity_id=1)
    assert route.call_count == 2
    assert sleeps.delays == [1.5]


async def test_async_connection_errors(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType, sleeps: Any
) -> None:
    get_route = router.get("/messages/1").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(sdk.APIConnectionError):
        await aclient.messages.get_message(1)
    assert get_route.call_count == 3
    post_route = router.post("/messages").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(sdk.APIConnectionError):
        await aclient.messages.create_message(content="x", entity_id=1)
    assert post_route.call_count == 1


async def test_async_timeout(aclient: Any, router: respx.MockRouter, sdk: ModuleType) -> None:
    route = router.get("/messages/1").mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(sdk.APITimeoutError):
        await aclient.messages.get_message(1, max_retries=1, timeout=2.0)
    assert route.call_count == 2
    assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(2.0).as_dict()


async def test_async_error_body_parsing(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType, models: ModuleType
) -> None:
    router.get("/messages/1").respond(403, json={"error": "forbidden", "error_description": "no"})
    with pytest.raises(sdk.PermissionDeniedError) as info:
        await aclient.messages.get_message(1)
    assert isinstance(info.value.error, models.OAuthError)


async def test_async_raw_response(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType, models: ModuleType
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json(id=1)}, headers={"X-A": "b"})
    raw = await aclient.messages.with_raw_response.get_message(1)
    assert isinstance(raw, sdk.APIResponse)
    assert raw.headers["x-a"] == "b"
    assert isinstance(raw.parse(), models.Message)
    assert isinstance(await aclient.messages.get_message(1), models.Message)


async def test_async_raw_flag_is_per_task(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType, models: ModuleType
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json(id=1)})
    raw, plain = await asyncio.gather(
        aclient.messages.with_raw_response.get_message(1), aclient.messages.get_message(1)
    )
    assert isinstance(raw, sdk.APIResponse)
    assert isinstance(plain, models.Message)


async def test_async_context_manager_closes_owned_pool(sdk: ModuleType) -> None:
    async with sdk.AsyncSampleClient(TOKEN) as client:
        pool = client.http_client
        assert isinstance(pool, httpx.AsyncClient)
    assert pool.is_closed and client.is_closed


async def test_async_caller_pool_left_open(sdk: ModuleType, router: respx.MockRouter) -> None:
    route = router.get("/messages/1").respond(200, json={"data": message_json()})
    own = httpx.AsyncClient()
    async with sdk.AsyncSampleClient(TOKEN, http_client=own) as client:
        await client.messages.get_message(1)
        assert client.http_client is own
    assert not own.is_closed
    assert str(route.calls.last.request.url) == f"{BASE_URL}/messages/1"
    await own.aclose()


async def test_async_with_options(aclient: Any, router: respx.MockRouter, sdk: ModuleType) -> None:
    route = router.get("/messages/1").respond(500)
    copy = aclient.with_options(max_retries=0)
    assert copy.http_client is aclient.http_client
    with pytest.raises(sdk.InternalServerError):
        await copy.messages.get_message(1)
    assert route.call_count == 1
    await copy.aclose()
    assert not aclient.http_client.is_closed


async def test_async_logging_masks_token(
    aclient: Any, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    with caplog.at_level(logging.DEBUG, logger="samplesdk"):
        await aclient.messages.get_message(1)
    records = [r for r in caplog.records if r.name == "samplesdk"]
    assert len(records) >= 2
    for record in records:
        assert TOKEN not in record.getMessage()
