"""Client configuration, headers, bodies, query strings, raw responses and logging."""

from __future__ import annotations

import enum
import json
import logging
import platform
from datetime import UTC, date, datetime, timedelta, timezone
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx

from .helpers import BASE_URL, TOKEN, message_json


def _json(request: httpx.Request) -> Any:
    return json.loads(request.content)


# -- construction ------------------------------------------------------------------------


def test_token_from_argument_and_env(sdk: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    assert sdk.SampleClient("explicit").token == "explicit"
    monkeypatch.setenv("SAMPLE_TOKEN", "from-env")
    with sdk.SampleClient() as client:
        assert client.token == "from-env"
    # an explicit token wins over the environment
    with sdk.SampleClient("explicit") as client:
        assert client.token == "explicit"


def test_missing_token_is_a_clear_error(sdk: ModuleType) -> None:
    with pytest.raises(sdk.ConfigurationError) as info:
        sdk.SampleClient()
    assert "SAMPLE_TOKEN" in str(info.value)
    assert "SampleClient" in str(info.value)
    assert isinstance(info.value, sdk.APIError)


def test_empty_env_token_counts_as_missing(
    sdk: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAMPLE_TOKEN", "")
    with pytest.raises(sdk.ConfigurationError):
        sdk.SampleClient()


def test_base_url_default_env_and_argument(
    sdk: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sdk.SampleClient("t").base_url == BASE_URL
    assert sdk.SampleClient("t", base_url="https://other.test/api/").base_url == (
        "https://other.test/api"
    )
    monkeypatch.setenv("SAMPLE_BASE_URL", "https://env.test/v2")
    assert sdk.SampleClient("t").base_url == "https://env.test/v2"


def test_negative_max_retries_rejected(sdk: ModuleType) -> None:
    with pytest.raises(sdk.ConfigurationError):
        sdk.SampleClient("t", max_retries=-1)


def test_wrong_http_client_type_rejected(sdk: ModuleType) -> None:
    with pytest.raises(sdk.ConfigurationError):
        sdk.SampleClient("t", http_client=httpx.AsyncClient())
    with pytest.raises(sdk.ConfigurationError):
        sdk.AsyncSampleClient("t", http_client=httpx.Client())


# -- headers -----------------------------------------------------------------------------


def test_default_headers(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/messages/1").respond(200, json={"data": message_json()})
    client.messages.get_message(1)
    request = route.calls.last.request
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Accept"] == "application/json"
    major, minor, _ = platform.python_version_tuple()
    assert request.headers["User-Agent"] == (
        f"sample-python/1.2.3 python/{major}.{minor} httpx/{httpx.__version__}"
    )
    assert "content-type" not in request.headers  # no body on GET


def test_extra_headers_override_and_default_headers(
    sdk: ModuleType, router: respx.MockRouter
) -> None:
    route = router.get("/messages/1").respond(200, json={"data": message_json()})
    with sdk.SampleClient(TOKEN, default_headers={"X-Team": "a", "Accept": "text/plain"}) as client:
        client.messages.get_message(1, extra_headers={"X-Team": "b", "X-Trace": "1"})
        request = route.calls.last.request
        assert request.headers["X-Team"] == "b"
        assert request.headers["X-Trace"] == "1"
        assert request.headers["Accept"] == "text/plain"
        client.messages.get_message(1, extra_headers={"Authorization": "Bearer other"})
        assert route.calls.last.request.headers["Authorization"] == "Bearer other"


def test_extra_query_is_merged_and_overrides(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/chats").respond(200, json={"data": [], "meta": {}})
    client.chats.list_chats(limit=5, extra_query={"limit": 7, "debug": True})
    params = route.calls.last.request.url.params
    assert params.get_list("limit") == ["7"]
    assert params["debug"] == "true"


# -- JSON bodies -------------------------------------------------------------------------


def test_unset_fields_are_not_sent_and_none_is_null(
    client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    route = router.post("/messages").respond(201, json={"data": message_json()})
    client.messages.create_message(content="hi", entity_id=10)
    request = route.calls.last.request
    assert request.headers["Content-Type"] == "application/json"
    assert _json(request) == {"message": {"content": "hi", "entity_id": 10}}

    client.messages.create_message(
        content="hi",
        entity_id=10,
        entity_type=models.MessageEntityType.THREAD,
        parent_message_id=None,
        priority=models.Priority.HIGH,
    )
    assert _json(route.calls.last.request) == {
        "message": {
            "content": "hi",
            "entity_id": 10,
            "entity_type": "thread",
            "parent_message_id": None,
            "priority": 2,
        }
    }
    assert b'"parent_message_id":null' in route.calls.last.request.content


def test_json_body_non_ascii_is_utf8(client: Any, router: respx.MockRouter) -> None:
    route = router.post("/messages").respond(201, json={"data": message_json()})
    client.messages.create_message(content="Привет 👋", entity_id=1)
    content = route.calls.last.request.content
    assert "Привет 👋".encode() in content


class _Color(enum.Enum):
    RED = "red"


def test_body_with_models_enums_datetimes_and_nesting(
    client: Any, router: respx.MockRouter, models: ModuleType, core: ModuleType
) -> None:
    route = router.post("/raw").respond(204)
    chat = models.Chat(id=1, name="x", is_public=True)  # set by name, dumped by alias
    body = {
        "chat": chat,
        "when": datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
        "day": date(2024, 1, 2),
        "colors": [_Color.RED, models.ChatMemberRole("brand_new")],
        "nested": {"a": [1, {"b": core.NOT_GIVEN, "c": None}], "skip": core.NOT_GIVEN},
        "tuple": (1, 2),
    }
    assert client.request("POST", "/raw", body=body, cast_to=None) is None
    assert _json(route.calls.last.request) == {
        "chat": {"id": 1, "name": "x", "public": True},
        "when": "2024-01-02T03:04:05+00:00",
        "day": "2024-01-02",
        "colors": ["red", "brand_new"],
        "nested": {"a": [1, {"c": None}]},
        "tuple": [1, 2],
    }


def test_extra_body_merges_into_json_body(
    client: Any, router: respx.MockRouter, core: ModuleType
) -> None:
    route = router.post("/raw").respond(204)
    client.request(
        "POST",
        "/raw",
        body={"a": 1},
        cast_to=None,
        options=core.RequestOptions(extra_body={"b": 2}),
    )
    assert _json(route.calls.last.request) == {"a": 1, "b": 2}


# -- path and query ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected_path"),
    [
        ("a/b c", "/v1/messages/a%2Fb%20c"),
        ("x?y#z", "/v1/messages/x%3Fy%23z"),
        ("..", "/v1/messages/%2E%2E"),
        ("привет", "/v1/messages/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82"),
        (42, "/v1/messages/42"),
    ],
)
def test_path_params_are_quoted(
    client: Any, router: respx.MockRouter, value: object, expected_path: str
) -> None:
    route = router.route(method="GET").respond(200, json={"data": message_json()})
    client.messages.get_message(value)
    url = route.calls.last.request.url
    assert url.raw_path.decode() == expected_path
    assert url.host == "api.example.test"


def test_empty_path_param_rejected(client: Any, sdk: ModuleType, router: respx.MockRouter) -> None:
    route = router.route().respond(200)
    with pytest.raises(sdk.ConfigurationError):
        client.messages.get_message("")
    assert not route.called


def test_query_serialization(client: Any, router: respx.MockRouter, models: ModuleType) -> None:
    route = router.get("/chats").respond(200, json={"data": [], "meta": {}})
    client.chats.list_chats(
        limit=50,
        sort_id=models.SortOrder.DESC,
        availability=models.ChatAvailability.PUBLIC,
        last_message_at_after=datetime(2024, 3, 1, 10, 0, tzinfo=timezone(timedelta(hours=3))),
        personal=False,
        chat_ids=[1, 2, 3],
        tags=["a b", "c"],
    )
    url = route.calls.last.request.url
    params = url.params
    assert params["limit"] == "50"
    assert params["sort[id]"] == "desc"
    assert params["availability"] == "public"
    assert params["last_message_at_after"] == "2024-03-01T10:00:00+03:00"
    assert params["personal"] == "false"
    assert params.get_list("chat_ids") == ["1,2,3"]  # comma style (explode: false)
    assert params.get_list("tags") == ["a b", "c"]  # form style (explode: true)
    assert "cursor" not in params  # NOT_GIVEN dropped
    assert list(params.keys()) == [
        "limit",
        "sort[id]",
        "availability",
        "last_message_at_after",
        "personal",
        "chat_ids",
        "tags",
    ]


def test_query_none_and_empty_lists_dropped(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/raw").respond(200, json={})
    client.request(
        "GET", "/raw", query={"a": None, "b": [], "c": True, "d": [None, 1]}, cast_to=dict
    )
    assert str(route.calls.last.request.url) == f"{BASE_URL}/raw?c=true&d=1"


# -- response parsing --------------------------------------------------------------------


def test_response_parsed_into_model(
    client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json(priority=1)})
    message = client.messages.get_message(1)
    assert isinstance(message, models.Message)
    assert message.created_at == datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert message.entity_type is models.MessageEntityType.DISCUSSION
    assert message.priority is models.Priority.LOW


def test_unknown_enum_values_and_fields_are_kept(
    client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    router.get("/messages/1").respond(
        200,
        json={
            "data": message_json(entity_type="galaxy", priority=99, reactions={"+1": 3}),
            "meta": {"ignored": True},
        },
    )
    message = client.messages.get_message(1)
    assert message.entity_type.value == "galaxy"
    assert message.entity_type.is_unknown
    assert message.entity_type is models.MessageEntityType("galaxy")
    assert message.priority == 99 and message.priority.is_unknown
    assert message.reactions == {"+1": 3}
    assert message.model_extra == {"reactions": {"+1": 3}}
    assert message.to_dict()["entity_type"] == "galaxy"
    assert message.to_dict()["reactions"] == {"+1": 3}


def test_delete_returns_none(client: Any, router: respx.MockRouter) -> None:
    route = router.delete("/messages/5").respond(204)
    assert client.messages.delete_message(5) is None
    assert route.call_count == 1


def test_cast_to_variants(client: Any, router: respx.MockRouter, models: ModuleType) -> None:
    router.get("/list").respond(200, json=[{"id": 1, "name": "a", "public": True}])
    router.get("/text").respond(200, text="plain words")
    router.get("/bin").respond(200, content=b"\x00\x01")
    chats = client.request("GET", "/list", cast_to=list[models.Chat])
    assert [c.name for c in chats] == ["a"]
    assert client.request("GET", "/text", cast_to=str) == "plain words"
    assert client.request("GET", "/bin", cast_to=bytes) == b"\x00\x01"
    response = client.request("GET", "/bin", cast_to=httpx.Response)
    assert isinstance(response, httpx.Response) and response.status_code == 200
    assert client.request("GET", "/list", cast_to=object) == [
        {"id": 1, "name": "a", "public": True}
    ]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"json": {"data": {"id": "not-a-number"}}},
        {"json": {"no_data": {}}},
        {"text": "<html>oops</html>"},
        {"content": b""},
        {"json": {"data": None}},
    ],
)
def test_bad_success_body_raises_validation_error_when_strict(
    router: respx.MockRouter, sdk: ModuleType, kwargs: dict[str, Any]
) -> None:
    router.get("/messages/1").respond(200, **kwargs)
    strict = sdk.SampleClient(TOKEN, strict_response_validation=True)
    with strict, pytest.raises(sdk.APIResponseValidationError) as info:
        strict.messages.get_message(1)
    assert info.value.status_code == 200
    assert isinstance(info.value.response, httpx.Response)
    assert isinstance(info.value, sdk.APIError)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"json": {"no_data": {}}},
        {"text": "<html>oops</html>"},
        {"content": b""},
        {"json": {"data": None}},
        {"json": {"data": [1, 2]}},
    ],
)
def test_body_of_the_wrong_shape_raises_even_when_lenient(
    client: Any, router: respx.MockRouter, sdk: ModuleType, kwargs: dict[str, Any]
) -> None:
    router.get("/messages/1").respond(200, **kwargs)
    with pytest.raises(sdk.APIResponseValidationError):
        client.messages.get_message(1)


# -- raw responses -----------------------------------------------------------------------


def test_raw_response(
    client: Any, router: respx.MockRouter, sdk: ModuleType, models: ModuleType
) -> None:
    route = router.post("/messages").respond(
        201, json={"data": message_json(id=77)}, headers={"X-Request-Id": "req-1"}
    )
    raw = client.messages.with_raw_response.create_message(content="x", entity_id=1)
    assert isinstance(raw, sdk.APIResponse)
    assert raw.status_code == 201
    assert raw.headers["x-request-id"] == "req-1"
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.retries_taken == 0
    assert raw.json()["data"]["id"] == 77
    message = raw.parse()
    assert isinstance(message, models.Message) and message.id == 77
    assert raw.parse() is message  # cached
    assert _json(route.calls.last.request) == {"message": {"content": "x", "entity_id": 1}}
    # the flag does not leak into later plain calls
    assert isinstance(client.messages.create_message(content="x", entity_id=1), models.Message)


def test_raw_flag_applies_to_the_first_request_only(
    client: Any, router: respx.MockRouter, core: ModuleType, models: ModuleType
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json(id=1)})
    router.get("/messages/2").respond(200, json={"data": message_json(id=2)})
    seen: list[Any] = []

    def two_requests() -> Any:
        first = client.messages.get_message(1)
        seen.append(client.messages.get_message(2))
        return first

    raw = core.to_raw_response_wrapper(two_requests)()
    assert isinstance(raw, core.APIResponse) and raw.parse().id == 1
    assert isinstance(seen[0], models.Message) and seen[0].id == 2


def test_raw_response_parse_error_is_deferred(
    client: Any, router: respx.MockRouter, sdk: ModuleType
) -> None:
    router.get("/messages/1").respond(200, json={"data": "bad"})
    raw = client.messages.with_raw_response.get_message(1)
    assert raw.status_code == 200
    with pytest.raises(sdk.APIResponseValidationError):
        raw.parse()


def test_raw_response_still_raises_status_errors(
    client: Any, router: respx.MockRouter, sdk: ModuleType
) -> None:
    router.get("/messages/1").respond(404, json={"errors": [{"key": "id", "value": "nope"}]})
    with pytest.raises(sdk.NotFoundError):
        client.messages.with_raw_response.get_message(1)


def test_raw_response_for_delete_and_page(
    client: Any, router: respx.MockRouter, sdk: ModuleType
) -> None:
    router.delete("/messages/3").respond(204)
    raw = client.messages.with_raw_response.delete_message(3)
    assert raw.status_code == 204 and raw.parse() is None
    router.get("/chats").respond(
        200, json={"data": [{"id": 1, "name": "a", "public": True}], "meta": {}}
    )
    raw_page = client.chats.with_raw_response.list_chats(limit=1)
    assert isinstance(raw_page, sdk.APIResponse)
    page = raw_page.parse()
    assert isinstance(page, sdk.SyncCursorPage)
    assert [c.id for c in page.data] == [1]


# -- lifecycle ---------------------------------------------------------------------------


def test_context_manager_closes_owned_pool(sdk: ModuleType) -> None:
    with sdk.SampleClient(TOKEN) as client:
        pool = client.http_client
        assert not pool.is_closed
    assert pool.is_closed
    assert client.is_closed


def test_context_manager_leaves_callers_pool_open(
    sdk: ModuleType, router: respx.MockRouter
) -> None:
    route = router.get("/messages/1").respond(200, json={"data": message_json()})
    own = httpx.Client(base_url="https://ignored.example", headers={"X-From-Caller": "1"})
    with sdk.SampleClient(TOKEN, http_client=own) as client:
        assert client.http_client is own
        client.messages.get_message(1)
    assert not own.is_closed
    request = route.calls.last.request
    assert str(request.url) == f"{BASE_URL}/messages/1"  # the SDK's base URL is applied
    assert request.headers["X-From-Caller"] == "1"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    own.close()


def test_one_pool_per_client(sdk: ModuleType, router: respx.MockRouter) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    with sdk.SampleClient(TOKEN) as client:
        pool = client.http_client
        client.messages.get_message(1)
        client.messages.get_message(1)
        assert client.http_client is pool
        assert client.messages is client.messages


def test_with_options_shares_pool_and_overrides(
    client: Any, router: respx.MockRouter, sleeps: Any, sdk: ModuleType
) -> None:
    route = router.get("/messages/1").respond(503)
    copy = client.with_options(max_retries=0, timeout=5.0, default_headers={"X-Copy": "1"})
    assert type(copy) is type(client)
    assert copy.http_client is client.http_client
    assert copy.max_retries == 0 and client.max_retries == 2
    assert copy.timeout == 5.0 and client.timeout == 60.0
    # cached services are rebuilt for the copy, so they use the copy's settings
    assert client.messages._client is client
    assert copy.messages._client is copy
    with pytest.raises(sdk.InternalServerError):
        copy.messages.get_message(1)
    assert route.call_count == 1
    request = route.calls.last.request
    assert request.headers["X-Copy"] == "1"
    assert request.extensions["timeout"] == httpx.Timeout(5.0).as_dict()
    # closing the copy does not close the shared pool
    copy.close()
    assert not client.http_client.is_closed
    # the original still retries twice
    with pytest.raises(sdk.InternalServerError):
        client.messages.get_message(1)
    assert route.call_count == 4
    assert "X-Copy" not in route.calls.last.request.headers


def test_with_options_token(client: Any, router: respx.MockRouter) -> None:
    route = router.get("/messages/1").respond(200, json={"data": message_json()})
    client.with_options(token="other-token").messages.get_message(1)
    assert route.calls.last.request.headers["Authorization"] == "Bearer other-token"
    client.messages.get_message(1)
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"


def test_timeouts_per_client_and_per_call(sdk: ModuleType, router: respx.MockRouter) -> None:
    route = router.get("/messages/1").respond(200, json={"data": message_json()})
    with sdk.SampleClient(TOKEN, timeout=12.5) as client:
        client.messages.get_message(1)
        assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(12.5).as_dict()
        client.messages.get_message(1, timeout=httpx.Timeout(3.0, connect=1.0))
        assert route.calls.last.request.extensions["timeout"] == (
            httpx.Timeout(3.0, connect=1.0).as_dict()
        )
        client.messages.get_message(1, timeout=None)
        assert route.calls.last.request.extensions["timeout"] == httpx.Timeout(None).as_dict()


# -- logging -----------------------------------------------------------------------------


def test_debug_logging_masks_token(
    client: Any, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.get("/messages/1").mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json={"data": message_json()})]
    )
    with caplog.at_level(logging.DEBUG, logger="samplesdk"):
        client.messages.get_message(1)
    records = [r for r in caplog.records if r.name == "samplesdk"]
    assert records, "expected DEBUG records on the SDK's logger"
    text = "\n".join(r.getMessage() for r in records)
    assert "GET https://api.example.test/v1/messages/1" in text
    assert "503" in text and "200" in text
    assert "retry 1" in text
    assert " ms" in text
    assert "****" + TOKEN[-4:] in text  # masked form is shown
    for record in records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in repr(record.args)
        assert TOKEN not in record.msg


def test_no_logging_above_debug(
    client: Any, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    with caplog.at_level(logging.INFO, logger="samplesdk"):
        client.messages.get_message(1)
    assert [r for r in caplog.records if r.name == "samplesdk"] == []
