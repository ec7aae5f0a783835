"""Cursor pagination, sync and async."""

from __future__ import annotations

import itertools
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx

from .helpers import chat_json


def _page(ids: list[int], next_page: str | None) -> dict[str, Any]:
    return {"data": [chat_json(i) for i in ids], "meta": {"paginate": {"next_page": next_page}}}


def _three_pages(router: respx.MockRouter) -> respx.Route:
    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        pages = {
            None: _page([1, 2], "c2"),
            "c2": _page([3, 4], "c3"),
            "c3": _page([5], None),
        }
        return httpx.Response(200, json=pages[cursor])

    return router.get("/chats").mock(side_effect=handler)


def _cursors(route: respx.Route) -> list[str | None]:
    return [call.request.url.params.get("cursor") for call in route.calls]


# -- sync --------------------------------------------------------------------------------


def test_first_page(
    client: Any, router: respx.MockRouter, sdk: ModuleType, models: ModuleType
) -> None:
    route = _three_pages(router)
    page = client.chats.list_chats(limit=2)
    assert isinstance(page, sdk.SyncCursorPage)
    assert [c.id for c in page.data] == [1, 2]
    assert all(isinstance(c, models.Chat) for c in page.data)
    assert page.next_cursor == "c2"
    assert page.has_next_page()
    assert route.call_count == 1  # nothing fetched eagerly
    assert isinstance(page.http_response, httpx.Response)


def test_iterate_all_items_across_three_pages(client: Any, router: respx.MockRouter) -> None:
    route = _three_pages(router)
    ids = [chat.id for chat in client.chats.list_chats(limit=2)]
    assert ids == [1, 2, 3, 4, 5]
    assert _cursors(route) == [None, "c2", "c3"]
    # other query parameters are kept on every page
    assert all(call.request.url.params["limit"] == "2" for call in route.calls)


def test_iter_pages_and_get_next_page(client: Any, router: respx.MockRouter) -> None:
    _three_pages(router)
    first = client.chats.list_chats()
    pages = list(first.iter_pages())
    assert [[c.id for c in p.data] for p in pages] == [[1, 2], [3, 4], [5]]
    assert pages[0] is first

    second = first.get_next_page()
    assert second is not None and [c.id for c in second.data] == [3, 4]
    third = second.get_next_page()
    assert third is not None and third.next_cursor is None
    assert not third.has_next_page()
    assert third.get_next_page() is None


def test_page_iteration_is_restartable(client: Any, router: respx.MockRouter) -> None:
    route = _three_pages(router)
    page = client.chats.list_chats()
    assert len(list(page)) == 5
    assert len(list(page)) == 5
    assert route.call_count == 5  # first page once, then pages 2 and 3 twice


def test_empty_cursor_stops(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/chats").respond(200, json=_page([1], ""))
    page = client.chats.list_chats()
    assert page.next_cursor is None
    assert not page.has_next_page()
    assert [c.id for c in page] == [1]
    assert route.call_count == 1


def test_missing_meta_stops(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/chats").respond(200, json={"data": [chat_json(1)]})
    assert [c.id for c in client.chats.list_chats()] == [1]
    assert route.call_count == 1


def test_empty_page_stops_even_with_cursor(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/chats").mock(
        side_effect=[
            httpx.Response(200, json=_page([1], "c2")),
            httpx.Response(200, json=_page([], "c3")),
            httpx.Response(200, json=_page([9], None)),
        ]
    )
    assert [c.id for c in client.chats.list_chats()] == [1]
    assert route.call_count == 2


def test_repeating_cursor_stops(client: Any, router: respx.MockRouter) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        cursor = request.url.params.get("cursor")
        if cursor is None:
            return httpx.Response(200, json=_page([1], "A"))
        if cursor == "A":
            return httpx.Response(200, json=_page([2], "B"))
        return httpx.Response(200, json=_page([3], "A"))  # server loops back to A

    route = router.get("/chats").mock(side_effect=handler)
    # islice bounds the loop so a broken guard fails the test instead of hanging it
    assert [c.id for c in itertools.islice(client.chats.list_chats(), 10)] == [1, 2, 3]
    assert _cursors(route) == [None, "A", "B"]


def test_cursor_equal_to_the_starting_cursor_stops(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/chats").respond(200, json=_page([1], "same"))
    assert [c.id for c in itertools.islice(client.chats.list_chats(cursor="same"), 10)] == [1]
    assert route.call_count == 1


def test_page_items_validation_error(
    client: Any, router: respx.MockRouter, sdk: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    router.get("/chats").respond(200, json={"data": [{"id": "x"}], "meta": {}})
    strict = sdk.SampleClient("t", strict_response_validation=True)
    with strict, pytest.raises(sdk.APIResponseValidationError):
        strict.chats.list_chats()
    with caplog.at_level("WARNING"):
        page = client.chats.list_chats()  # lenient by default: the item is kept
    assert page.data[0].id == "x"
    assert "[0].id: Input should be a valid integer" in caplog.text
    with pytest.raises(sdk.MissingFieldError, match="'name'"):
        _ = page.data[0].name
    router.get("/chats").respond(200, json={"items": []})
    with pytest.raises(sdk.APIResponseValidationError):
        client.chats.list_chats()


def test_page_error_on_later_page(client: Any, router: respx.MockRouter, sdk: ModuleType) -> None:
    router.get("/chats").mock(
        side_effect=[httpx.Response(200, json=_page([1], "c2")), httpx.Response(404, json={})]
    )
    page = client.chats.list_chats(max_retries=0)
    with pytest.raises(sdk.NotFoundError):
        list(page)


def test_page_of_plain_type(client: Any, router: respx.MockRouter) -> None:
    router.get("/ids").respond(200, json={"items": ["1", 2], "next": None})
    page = client.request_page(
        "GET", "/ids", item_type=int, items_path=("items",), next_cursor_path=("next",)
    )
    assert page.data == [1, 2]


def test_custom_cursor_param(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/ids").mock(
        side_effect=[
            httpx.Response(200, json={"items": [1], "next": 7}),
            httpx.Response(200, json={"items": [2], "next": None}),
        ]
    )
    page = client.request_page(
        "GET",
        "/ids",
        item_type=int,
        items_path=("items",),
        next_cursor_path=("next",),
        cursor_param="after",
    )
    assert list(page) == [1, 2]
    assert route.calls[1].request.url.params["after"] == "7"


def test_page_repr(client: Any, router: respx.MockRouter) -> None:
    router.get("/chats").respond(200, json=_page([1, 2], "n"))
    assert repr(client.chats.list_chats()) == "<SyncCursorPage items=2 next_cursor='n'>"


# -- async -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_async_await_first_page(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType, models: ModuleType
) -> None:
    route = _three_pages(router)
    paginator = aclient.chats.list_chats(limit=2)
    assert isinstance(paginator, sdk.AsyncPaginator)
    assert route.call_count == 0  # lazy until awaited
    page = await paginator
    assert isinstance(page, sdk.AsyncCursorPage)
    assert [c.id for c in page.data] == [1, 2]
    assert isinstance(page.data[0], models.Chat)
    assert page.next_cursor == "c2" and page.has_next_page()
    second = await page.get_next_page()
    assert second is not None and [c.id for c in second.data] == [3, 4]
    third = await second.get_next_page()
    assert third is not None and not third.has_next_page()
    assert await third.get_next_page() is None


@pytest.mark.asyncio
async def test_async_for_over_paginator(aclient: Any, router: respx.MockRouter) -> None:
    route = _three_pages(router)
    ids = [chat.id async for chat in aclient.chats.list_chats(limit=2)]
    assert ids == [1, 2, 3, 4, 5]
    assert _cursors(route) == [None, "c2", "c3"]


@pytest.mark.asyncio
async def test_async_for_over_page_and_iter_pages(aclient: Any, router: respx.MockRouter) -> None:
    _three_pages(router)
    page = await aclient.chats.list_chats()
    assert [chat.id async for chat in page] == [1, 2, 3, 4, 5]
    sizes = [len(p.data) async for p in page.iter_pages()]
    assert sizes == [2, 2, 1]
    sizes = [len(p.data) async for p in aclient.chats.list_chats().iter_pages()]
    assert sizes == [2, 2, 1]


@pytest.mark.asyncio
async def test_async_repeating_cursor_stops(aclient: Any, router: respx.MockRouter) -> None:
    route = router.get("/chats").respond(200, json=_page([1], "loop"))
    ids = []
    async for chat in aclient.chats.list_chats():
        ids.append(chat.id)
        if len(ids) >= 10:  # bound the loop so a broken guard fails instead of hanging
            break
    assert ids == [1, 1]
    assert _cursors(route) == [None, "loop"]


@pytest.mark.asyncio
async def test_async_raw_list(aclient: Any, router: respx.MockRouter, sdk: ModuleType) -> None:
    _three_pages(router)
    raw = await aclient.chats.with_raw_response.list_chats(limit=2)
    assert isinstance(raw, sdk.APIResponse)
    assert raw.status_code == 200
    page = raw.parse()
    assert isinstance(page, sdk.AsyncCursorPage)
    assert [c.id async for c in page] == [1, 2, 3, 4, 5]
