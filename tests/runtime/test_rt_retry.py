"""Retry rules and delays."""

from __future__ import annotations

import email.utils
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx

from .helpers import message_json


def test_post_on_503_is_not_retried(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.post("/messages").respond(503, json={"message": "maintenance"})
    with pytest.raises(sdk.InternalServerError):
        client.messages.create_message(content="x", entity_id=1)
    assert route.call_count == 1
    assert sleeps.delays == []


def test_get_on_503_retried_max_retries_times(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.get("/messages/1").respond(503)
    with pytest.raises(sdk.InternalServerError):
        client.messages.get_message(1)
    assert route.call_count == 3
    assert sleeps.delays == [0.5, 1.0]  # exponential backoff, no jitter (random=0.5)


def test_get_recovers_after_retry(
    client: Any, router: respx.MockRouter, sleeps: Any, models: ModuleType
) -> None:
    route = router.get("/messages/1").mock(
        side_effect=[
            httpx.Response(502),
            httpx.Response(500),
            httpx.Response(200, json={"data": message_json()}),
        ]
    )
    assert isinstance(client.messages.get_message(1), models.Message)
    assert route.call_count == 3


def test_retries_taken_reported(client: Any, router: respx.MockRouter) -> None:
    router.get("/messages/1").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json={"data": message_json()})]
    )
    raw = client.messages.with_raw_response.get_message(1)
    assert raw.retries_taken == 1


@pytest.mark.parametrize("method", ["PUT", "DELETE", "HEAD", "OPTIONS"])
def test_other_idempotent_methods_retried_on_5xx(
    sdk: ModuleType, client: Any, router: respx.MockRouter, method: str
) -> None:
    route = router.route(method=method, path="/x").respond(500)
    with pytest.raises(sdk.InternalServerError):
        client.request(method, "/x", cast_to=None)
    assert route.call_count == 3


@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_non_idempotent_methods_not_retried_on_5xx_or_408(
    sdk: ModuleType, client: Any, router: respx.MockRouter, method: str
) -> None:
    route = router.route(method=method, path="/x").respond(500)
    with pytest.raises(sdk.InternalServerError):
        client.request(method, "/x", cast_to=None)
    assert route.call_count == 1
    route408 = router.route(method=method, path="/y").respond(408)
    with pytest.raises(sdk.APIStatusError):
        client.request(method, "/y", cast_to=None)
    assert route408.call_count == 1


def test_408_retried_for_get(sdk: ModuleType, client: Any, router: respx.MockRouter) -> None:
    route = router.get("/x").respond(408)
    with pytest.raises(sdk.APIStatusError):
        client.request("GET", "/x", cast_to=None)
    assert route.call_count == 3


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_never_retried(
    sdk: ModuleType, client: Any, router: respx.MockRouter, status: int
) -> None:
    route = router.get("/x").respond(status)
    with pytest.raises(sdk.APIStatusError):
        client.request("GET", "/x", cast_to=None)
    assert route.call_count == 1


def test_429_post_is_retried_with_retry_after_seconds(
    client: Any, router: respx.MockRouter, sleeps: Any, models: ModuleType
) -> None:
    route = router.post("/messages").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "3"}),
            httpx.Response(201, json={"data": message_json()}),
        ]
    )
    assert isinstance(client.messages.create_message(content="x", entity_id=1), models.Message)
    assert route.call_count == 2
    assert sleeps.delays == [3.0]


def test_429_exhausts_retries_and_raises_rate_limit(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.post("/messages").respond(429, json={"message": "slow down"})
    with pytest.raises(sdk.RateLimitError) as info:
        client.messages.create_message(content="x", entity_id=1)
    assert route.call_count == 3
    assert "slow down" in str(info.value)


def test_429_http_date_retry_after(
    client: Any,
    router: respx.MockRouter,
    sleeps: Any,
    monkeypatch: pytest.MonkeyPatch,
    core: ModuleType,
) -> None:
    now = 1_700_000_000.0
    retry_at = email.utils.formatdate(now + 7, usegmt=True)
    retry_module = __import__(core.__name__ + "._retry", fromlist=["time"])
    monkeypatch.setattr(retry_module.time, "time", lambda: now)
    router.get("/messages/1").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": retry_at}),
            httpx.Response(200, json={"data": message_json()}),
        ]
    )
    client.messages.get_message(1)
    assert sleeps.delays == [pytest.approx(7.0)]


def test_retry_after_ms_wins(client: Any, router: respx.MockRouter, sleeps: Any) -> None:
    router.get("/messages/1").mock(
        side_effect=[
            httpx.Response(429, headers={"retry-after-ms": "250", "Retry-After": "9"}),
            httpx.Response(200, json={"data": message_json()}),
        ]
    )
    client.messages.get_message(1)
    assert sleeps.delays == [0.25]


@pytest.mark.parametrize("header", ["garbage", "-5"])
def test_retry_after_out_of_range_or_invalid(
    client: Any, router: respx.MockRouter, sleeps: Any, header: str
) -> None:
    router.get("/messages/1").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": header}),
            httpx.Response(200, json={"data": message_json()}),
        ]
    )
    client.messages.get_message(1)
    expected = 0.0 if header == "-5" else 0.5  # negative → now; invalid → backoff
    assert sleeps.delays == [expected]


@pytest.mark.parametrize("header", ["retry-after", "retry-after-ms"])
def test_retry_after_past_the_cap_raises_at_once(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any, header: str
) -> None:
    value = "120" if header == "retry-after" else "120000"
    route = router.post("/messages").respond(429, headers={header: value})
    with pytest.raises(sdk.RateLimitError) as info:
        client.messages.create_message(content="x", entity_id=1)
    assert route.call_count == 1
    assert sleeps.delays == []
    assert info.value.retry_after == 120.0


def test_retry_after_cap_is_configurable(
    sdk: ModuleType, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.get("/messages/1").mock(
        side_effect=[
            httpx.Response(503, headers={"Retry-After": "120"}),
            httpx.Response(200, json={"data": message_json()}),
        ]
    )
    with sdk.SampleClient("t", max_retry_after=300) as patient:
        patient._sleep = sleeps
        patient.messages.get_message(1)
    assert sleeps.delays == [120.0]
    assert route.call_count == 2
    with sdk.SampleClient("t", max_retry_after=5) as impatient:
        impatient._sleep = sleeps
        router.get("/messages/2").respond(429, headers={"Retry-After": "6"})
        with pytest.raises(sdk.RateLimitError) as info:
            impatient.messages.get_message(2)
    assert info.value.retry_after == 6.0
    with pytest.raises(sdk.ConfigurationError, match="max_retry_after"):
        sdk.SampleClient("t", max_retry_after=-1)
    with sdk.SampleClient("t") as default:
        assert default.max_retry_after == 60.0
        assert default.with_options(max_retry_after=600).max_retry_after == 600
        assert default.max_retry_after == 60.0


def test_rate_limit_error_after_retries_carries_retry_after(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    router.get("/messages/1").respond(429, headers={"Retry-After": "2"})
    with pytest.raises(sdk.RateLimitError) as info:
        client.messages.get_message(1)
    assert sleeps.delays == [2.0, 2.0]
    assert info.value.retry_after == 2.0
    router.get("/messages/3").respond(404)
    with pytest.raises(sdk.NotFoundError) as missing:
        client.messages.get_message(3)
    assert missing.value.retry_after is None


def test_connection_error_on_get_retried(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any, models: ModuleType
) -> None:
    route = router.get("/messages/1").mock(
        side_effect=[
            httpx.ConnectError("refused"),
            httpx.RemoteProtocolError("reset"),
            httpx.Response(200, json={"data": message_json()}),
        ]
    )
    assert isinstance(client.messages.get_message(1), models.Message)
    assert route.call_count == 3
    assert sleeps.delays == [0.5, 1.0]


def test_connection_error_on_get_exhausts(
    sdk: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    route = router.get("/messages/1").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(sdk.APIConnectionError):
        client.messages.get_message(1)
    assert route.call_count == 3


def test_connection_error_on_post_not_retried(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.post("/messages").mock(side_effect=httpx.ConnectError("refused"))
    with pytest.raises(sdk.APIConnectionError):
        client.messages.create_message(content="x", entity_id=1)
    assert route.call_count == 1
    assert sleeps.delays == []


def test_max_retries_per_client_and_per_call(
    sdk: ModuleType, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.get("/messages/1").respond(503)
    with sdk.SampleClient("t", max_retries=5) as client:
        client._sleep = sleeps
        with pytest.raises(sdk.InternalServerError):
            client.messages.get_message(1)
        assert route.call_count == 6
        route.reset()
        with pytest.raises(sdk.InternalServerError):
            client.messages.get_message(1, max_retries=0)
        assert route.call_count == 1
        route.reset()
        with pytest.raises(sdk.InternalServerError):
            client.messages.get_message(1, max_retries=1)
        assert route.call_count == 2


def test_backoff_grows_caps_and_jitters(
    sdk: ModuleType, router: respx.MockRouter, sleeps: Any
) -> None:
    router.get("/messages/1").respond(503)
    with sdk.SampleClient("t", max_retries=7) as client:
        client._sleep = sleeps
        client._random = lambda: 0.5
        with pytest.raises(sdk.InternalServerError):
            client.messages.get_message(1)
        assert sleeps.delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]

        sleeps.delays.clear()
        client._random = lambda: 0.0  # lowest jitter: -25 %
        with pytest.raises(sdk.InternalServerError):
            client.messages.get_message(1, max_retries=2)
        assert sleeps.delays == [0.375, 0.75]

        sleeps.delays.clear()
        client._random = lambda: 1.0  # highest jitter: +25 %, still capped at 8 s
        with pytest.raises(sdk.InternalServerError):
            client.messages.get_message(1, max_retries=5)
        assert sleeps.delays == [0.625, 1.25, 2.5, 5.0, 8.0]


def test_default_sleep_and_jitter_are_real(sdk: ModuleType) -> None:
    import random
    import time

    with sdk.SampleClient("t") as client:
        assert client._sleep is time.sleep
        assert client._random is random.random
    policy = sdk._core.RetryPolicy()
    for attempt in range(6):
        for _ in range(50):
            delay = policy.backoff(attempt, random.random)
            base = min(0.5 * 2**attempt, 8.0)
            assert base * 0.75 <= delay <= min(base * 1.25, 8.0)


def test_parse_retry_after_unit(core: ModuleType) -> None:
    retry = __import__(core.__name__ + "._retry", fromlist=["parse_retry_after"])
    parse = retry.parse_retry_after
    assert parse({}) is None
    assert parse({"Retry-After": "1.5"}) == 1.5
    assert parse({"retry-after": " 2 "}) == 2.0
    assert parse({"Retry-After-Ms": "1500"}) == 1.5
    assert parse({"retry-after-ms": "bad", "retry-after": "4"}) == 4.0
    assert parse({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, now=1445412470.0) == 10.0
    assert parse({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, now=1445412490.0) == 0.0
    assert parse({"Retry-After": "not a date"}) is None
