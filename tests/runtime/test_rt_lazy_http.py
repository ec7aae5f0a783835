"""The httpx client is built on the first request, not in the constructor.

Building one costs tens of milliseconds (its SSL context); a client that is created and not
used yet does not pay for it.  Copies made by ``with_options`` share the one pool whichever
sends first, closing before any request still closes, and threads racing to send first
build one client between them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx

from .helpers import TOKEN, message_json


def _counting(factory: Callable[[], Any], calls: list[int]) -> Callable[[], Any]:
    def build() -> Any:
        calls.append(1)
        return factory()

    return build


def test_no_http_client_until_the_first_request(sdk: ModuleType, router: respx.MockRouter) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    with sdk.SampleClient(TOKEN) as client:
        assert client._pool.created is None
        assert not client.is_closed
        client.messages.get_message(1)
        built = client._pool.created
        assert isinstance(built, httpx.Client)
        client.messages.get_message(1)
        assert client._pool.created is built
    assert built.is_closed


def test_a_copy_made_before_any_request_shares_the_pool(
    sdk: ModuleType, router: respx.MockRouter
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    client = sdk.SampleClient(TOKEN)
    copy = client.with_options(max_retries=0)
    copy.messages.get_message(1)
    assert copy._pool.created is not None
    assert client.http_client is copy.http_client
    copy.close()
    assert not client.is_closed
    client.close()
    assert client.is_closed and copy.is_closed


def test_closing_before_any_request(sdk: ModuleType, router: respx.MockRouter) -> None:
    route = router.get("/messages/1").respond(200, json={"data": message_json()})
    client = sdk.SampleClient(TOKEN)
    client.close()
    assert client.is_closed
    with pytest.raises(RuntimeError, match="has been closed"):
        client.messages.get_message(1)
    assert client._pool.created is None
    assert route.call_count == 0


def test_threads_racing_to_send_first_build_one_client(
    sdk: ModuleType, router: respx.MockRouter
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    calls: list[int] = []
    with sdk.SampleClient(TOKEN) as client:
        client._pool._factory = _counting(client._pool._factory, calls)
        start = threading.Barrier(8)
        results: list[Any] = []

        def first_request() -> None:
            start.wait()
            results.append(client.messages.get_message(1))

        threads = [threading.Thread(target=first_request) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 8
    assert calls == [1]


async def test_async_client_builds_on_first_request(
    sdk: ModuleType, router: respx.MockRouter
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    async with sdk.AsyncSampleClient(TOKEN) as client:
        assert client._pool.created is None
        await client.messages.get_message(1)
        built = client._pool.created
        assert isinstance(built, httpx.AsyncClient)
    assert built.is_closed


async def test_async_closing_before_any_request(sdk: ModuleType) -> None:
    client = sdk.AsyncSampleClient(TOKEN)
    await client.aclose()
    assert client.is_closed
    with pytest.raises(RuntimeError, match="has been closed"):
        await client.messages.get_message(1)
    assert client._pool.created is None
