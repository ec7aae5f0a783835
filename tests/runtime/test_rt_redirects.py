"""Documented redirects never come back as ``None``; per-call ``extra_body``; typed errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import ModuleType
from typing import Any

import pytest
import respx

from .helpers import TOKEN

SIGNED = "https://files.example.test/export-7.zip?signature=abc"


def test_location_redirect_returns_the_target_url(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/exports/7/download").respond(302, headers={"Location": SIGNED})
    assert client.exports.download_export(7) == SIGNED
    assert route.call_count == 1  # not followed
    router.get("/exports/8/download").respond(303, headers={"Location": "/v1/files/8"})
    assert client.exports.download_export(8) == "https://api.example.test/v1/files/8"
    raw = client.exports.with_raw_response.download_export(7)
    assert raw.status_code == 302 and raw.parse() == SIGNED


def test_location_redirect_not_followed_even_by_a_following_http_client(
    sdk: ModuleType, router: respx.MockRouter
) -> None:
    router.get("/exports/7/download").respond(302, headers={"Location": SIGNED})
    with sdk.SampleClient(
        TOKEN, http_client=__import__("httpx").Client(follow_redirects=True)
    ) as c:
        assert c.exports.download_export(7) == SIGNED


def test_missing_redirect_is_a_validation_error(
    sdk: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    router.get("/exports/7/download").respond(200, json={"url": SIGNED})
    with pytest.raises(sdk.APIResponseValidationError, match="not the documented redirect"):
        client.exports.download_export(7)
    router.get("/exports/8/download").respond(302)
    with pytest.raises(sdk.APIResponseValidationError, match="Location"):
        client.exports.download_export(8)


def test_follow_redirect_parses_the_final_body_without_leaking_the_token(
    client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    router.get("/exports/7").respond(307, headers={"Location": "/v1/node2/exports/7"})
    same_origin = router.get("/node2/exports/7").respond(200, json={"id": 7, "state": "done"})
    export = client.exports.get_export(7)
    assert isinstance(export, models.Export) and export.state == "done"
    assert same_origin.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"
    with respx.mock(base_url="https://api.example.test/v1") as mock:
        mock.get("/exports/8").respond(307, headers={"Location": "https://other.test/e/8"})
        elsewhere = mock.get("https://other.test/e/8").respond(200, json={"id": 8, "state": "x"})
        assert client.exports.get_export(8).id == 8
    assert "Authorization" not in elsewhere.calls.last.request.headers


async def test_async_location_redirect(aclient: Any, router: respx.MockRouter) -> None:
    router.get("/exports/7/download").respond(302, headers={"Location": SIGNED})
    assert await aclient.exports.download_export(7) == SIGNED


def test_extra_body_is_merged_into_the_json_body(client: Any, router: respx.MockRouter) -> None:
    route = router.post("/exports").respond(201, json={"id": 1, "state": "queued"})
    client.exports.create_export(
        start_at=datetime(2024, 1, 1, tzinfo=UTC), extra_body={"format": "csv", "start_at": "x"}
    )
    assert json.loads(route.calls.last.request.content) == {"start_at": "x", "format": "csv"}


def test_status_errors_are_the_sdk_subclasses(
    sdk: ModuleType, core: ModuleType, client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    router.get("/exports/7/download").respond(404, json={"errors": [{"key": "id"}]})
    with pytest.raises(sdk.NotFoundError) as info:
        client.exports.download_export(7)
    assert type(info.value) is sdk.NotFoundError
    assert isinstance(info.value, core.NotFoundError) and isinstance(info.value, sdk.APIStatusError)
    assert isinstance(info.value.error, models.ApiError)
    router.get("/exports/8/download").respond(418)
    with pytest.raises(sdk.APIStatusError) as teapot:
        client.exports.download_export(8)
    assert type(teapot.value) is sdk.APIStatusError
    router.get("/exports/9/download").respond(502)
    with pytest.raises(core.InternalServerError) as server:
        client.with_options(max_retries=0).exports.download_export(9)
    assert type(server.value) is sdk.InternalServerError
