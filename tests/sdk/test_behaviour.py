"""The generated Pachca SDK, exercised for real: retries, errors, pagination, bodies, uploads.

Response bodies come from the spec's own examples (through the IR), so these tests also
check that what the spec promises parses into the generated models.
"""

from __future__ import annotations

import copy
import email.utils
import hashlib
import hmac
import json
import time
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx

from generator.ir import Api, Operation
from generator.load import load_spec
from generator.parse import parse_spec

from .conftest import BASE

SPEC = Path(__file__).resolve().parents[2] / "spec" / "pachca.yaml"


@cache
def api() -> Api:
    parsed, _ = parse_spec(load_spec(SPEC))
    return parsed


def operation(op_id: str) -> Operation:
    return next(op for op in api().operations if op.id == op_id)


def example(op_id: str) -> Any:
    success = operation(op_id).success
    assert success is not None and success.example is not None
    return copy.deepcopy(success.example)


def sent_json(route: respx.Route, index: int = -1) -> Any:
    return json.loads(route.calls[index].request.content)


# -- construction -------------------------------------------------------------------------


def test_import_and_token_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from pachca import ConfigurationError, PachcaClient

    monkeypatch.setenv("PACHCA_TOKEN", "env-token")
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/profile").respond(json=example("getProfile"))
        with PachcaClient(base_url=BASE) as client:
            client.profile.get_profile()
    assert route.calls.last.request.headers["Authorization"] == "Bearer env-token"
    monkeypatch.delenv("PACHCA_TOKEN")
    with pytest.raises(ConfigurationError, match="PACHCA_TOKEN"):
        PachcaClient()


def test_user_agent_names_sdk_and_version(client: Any) -> None:
    from pachca import __version__

    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/profile").respond(json=example("getProfile"))
        client.profile.get_profile()
    agent = route.calls.last.request.headers["User-Agent"]
    assert agent.startswith(f"pachca-python/{__version__} ")


# -- bodies -------------------------------------------------------------------------------


def test_wrapped_body_flattened_and_unset_not_sent(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages").respond(json=example("createMessage"))
        message = client.messages.create_message(entity_id=334, content="Hello")
    assert sent_json(route) == {"message": {"entity_id": 334, "content": "Hello"}}
    assert message.id == example("createMessage")["data"]["id"]


def test_wrapped_body_accepts_a_model_and_outer_fields(client: Any) -> None:
    from pachca import MessageCreateRequestMessage, MessageEntityType

    inner = MessageCreateRequestMessage(
        entity_type=MessageEntityType.USER, entity_id=12, content="Hi"
    )
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages").respond(json=example("createMessage"))
        client.messages.create_message(inner, link_preview=False)
    assert sent_json(route) == {
        "message": {"entity_type": "user", "entity_id": 12, "content": "Hi"},
        "link_preview": False,
    }


def test_missing_required_field_is_a_clear_type_error(client: Any) -> None:
    with pytest.raises(TypeError, match="content"):
        client.messages.create_message(entity_id=334)


def test_explicit_none_is_sent_as_null(client: Any) -> None:
    """Not passing an argument leaves it out; passing None sends JSON null."""
    fields = operation("updateTask").body.fields  # type: ignore[union-attr]
    optional = [f for f in fields if not f.required]
    assert len(optional) >= 2
    first, second = optional[0], optional[1]
    with respx.mock(base_url=BASE) as mock:
        route = mock.put("/tasks/22283").respond(json=example("updateTask"))
        client.tasks.update_task(22283, **{first.names.py: None})
    assert sent_json(route) == {"task": {first.names.wire: None}}
    assert second.names.wire not in sent_json(route)["task"]


def test_path_parameters_are_quoted(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.delete(url__regex=r".*/webhooks/events/.*").respond(204)
        assert client.webhooks.delete_webhook_event("a/b c") is None
    assert route.calls.last.request.url.raw_path == b"/v1/webhooks/events/a%2Fb%20c"


def test_array_query_parameters_follow_the_spec_style(client: Any) -> None:
    params = [
        p
        for p in operation("searchMessages").parameters
        if p.type.kind == "array" and p.location == "query"
    ]
    assert params
    param = params[0]
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/search/messages").respond(json=example("searchMessages"))
        page = client.search.search_messages(query="deploy", **{param.names.py: [198, 334]})
        assert page.data
    query = route.calls.last.request.url.params
    if param.explode:
        assert query.get_list(param.names.wire) == ["198", "334"]
    else:
        assert query[param.names.wire] == "198,334"


# -- responses and models -------------------------------------------------------------------


def test_unknown_enum_values_and_fields_are_kept(client: Any) -> None:
    from pachca import MessageEntityType

    body = example("getMessage")
    body["data"]["entity_type"] = "galaxy"
    body["data"]["brand_new_field"] = {"x": 1}
    with respx.mock(base_url=BASE) as mock:
        mock.get("/messages/194275").respond(json=body)
        message = client.messages.get_message(194275)
    assert message.entity_type.value == "galaxy"
    assert message.entity_type.is_unknown
    assert MessageEntityType("galaxy") is message.entity_type
    assert message.brand_new_field == {"x": 1}
    assert message.model_dump()["brand_new_field"] == {"x": 1}


def test_datetimes_are_parsed(client: Any) -> None:
    import datetime as dt

    with respx.mock(base_url=BASE) as mock:
        mock.get("/messages/194275").respond(json=example("getMessage"))
        message = client.messages.get_message(194275)
    assert isinstance(message.created_at, dt.datetime)
    assert message.created_at.tzinfo is not None


def test_raw_response(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/messages/194275").respond(
            json=example("getMessage"), headers={"X-Request-Id": "r-1"}
        )
        raw = client.messages.with_raw_response.get_message(194275)
    assert raw.status_code == 200
    assert raw.headers["X-Request-Id"] == "r-1"
    assert raw.parse().id == 194275 or raw.parse().id == example("getMessage")["data"]["id"]


# -- errors -------------------------------------------------------------------------------


def test_api_error_body_is_typed(client: Any) -> None:
    from pachca import ApiError, NotFoundError

    response = next(r for r in operation("getMessage").errors if r.status == "404")
    body = copy.deepcopy(response.example)
    body["errors"][0]["message"] = "Not found"
    with respx.mock(base_url=BASE) as mock:
        mock.get("/messages/1").respond(404, json=body)
        with pytest.raises(NotFoundError) as caught:
            client.messages.get_message(1)
    error = caught.value
    assert error.status_code == 404
    assert isinstance(error.error, ApiError)
    assert error.error.errors[0].message == "Not found"
    assert "404" in str(error)


def test_oauth_error_on_403_does_not_crash(client: Any) -> None:
    from pachca import OAuthError, PermissionDeniedError

    body = {"error": "insufficient_scope", "error_description": "Needs messages:read"}
    with respx.mock(base_url=BASE) as mock:
        mock.get("/messages/1").respond(403, json=body)
        with pytest.raises(PermissionDeniedError) as caught:
            client.messages.get_message(1)
    assert isinstance(caught.value.error, OAuthError)
    assert caught.value.error.error == "insufficient_scope"


def test_non_json_502_becomes_internal_server_error(client: Any) -> None:
    from pachca import InternalServerError

    with respx.mock(base_url=BASE) as mock:
        mock.post("/messages").respond(502, text="<html>Bad Gateway</html>")
        with pytest.raises(InternalServerError) as caught:
            client.messages.create_message(entity_id=1, content="x")
    assert caught.value.body == "<html>Bad Gateway</html>"
    assert caught.value.error is None


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "AuthenticationError"),
        (402, "PaymentRequiredError"),
        (409, "ConflictError"),
        (410, "GoneError"),
        (422, "UnprocessableEntityError"),
        (429, "RateLimitError"),
        (503, "InternalServerError"),
    ],
)
def test_status_classes(status: int, name: str) -> None:
    import pachca

    with respx.mock(base_url=BASE) as mock:
        mock.delete("/messages/1").respond(status, json={"errors": []})
        with (
            pachca.PachcaClient("t", base_url=BASE, max_retries=0) as client,
            pytest.raises(getattr(pachca, name)) as caught,
        ):
            client.messages.delete_message(1)
    assert isinstance(caught.value, pachca.APIStatusError)
    assert caught.value.status_code == status


def test_timeout_becomes_api_timeout_error(client: Any, sleeps: list[float]) -> None:
    from pachca import APITimeoutError

    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/messages/1").mock(side_effect=httpx.ReadTimeout("slow"))
        with pytest.raises(APITimeoutError):
            client.messages.get_message(1, timeout=0.5)
    assert route.call_count == 3  # GET is idempotent: retried twice
    assert len(sleeps) == 2


# -- retries ------------------------------------------------------------------------------


def test_post_is_not_retried_on_503(client: Any, sleeps: list[float]) -> None:
    from pachca import InternalServerError

    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages").respond(503)
        with pytest.raises(InternalServerError):
            client.messages.create_message(entity_id=1, content="x")
    assert route.call_count == 1
    assert sleeps == []


def test_get_is_retried_on_503_then_succeeds(client: Any, sleeps: list[float]) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/messages/194275")
        route.side_effect = [
            httpx.Response(503),
            httpx.Response(503),
            httpx.Response(200, json=example("getMessage")),
        ]
        client.messages.get_message(194275)
    assert route.call_count == 3
    assert len(sleeps) == 2
    assert all(0 < delay <= 8 * 1.25 for delay in sleeps)


def test_429_with_http_date_retry_after_is_retried_for_post(
    client: Any, sleeps: list[float]
) -> None:
    later = email.utils.formatdate(time.time() + 5, usegmt=True)
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages")
        route.side_effect = [
            httpx.Response(429, headers={"Retry-After": later}),
            httpx.Response(201, json=example("createMessage")),
        ]
        client.messages.create_message(entity_id=1, content="x")
    assert route.call_count == 2
    assert len(sleeps) == 1 and 3.0 <= sleeps[0] <= 6.0


def test_max_retries_per_call(client: Any, sleeps: list[float]) -> None:
    from pachca import InternalServerError

    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/messages/1").respond(500)
        with pytest.raises(InternalServerError):
            client.messages.get_message(1, max_retries=0)
    assert route.call_count == 1


def test_with_options_changes_retries(client: Any) -> None:
    from pachca import InternalServerError

    quiet = client.with_options(max_retries=0)
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/messages/1").respond(500)
        with pytest.raises(InternalServerError):
            quiet.messages.get_message(1)
    assert route.call_count == 1


# -- pagination ---------------------------------------------------------------------------


def _pages(op_id: str, count: int, *, loop: bool = False) -> list[httpx.Response]:
    pages: list[httpx.Response] = []
    for index in range(count):
        body = example(op_id)
        item = body["data"][0]
        body["data"] = [{**item, "id": index * 10 + n} for n in range(2)]
        last = index == count - 1
        body["meta"] = {"paginate": {"next_page": None if last and not loop else f"c{index + 1}"}}
        if loop and last:
            body["meta"]["paginate"]["next_page"] = "c1"
        pages.append(httpx.Response(200, json=body))
    return pages


def test_iteration_walks_three_pages(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/chats")
        route.side_effect = _pages("listChats", 3)
        ids = [chat.id for chat in client.chats.list_chats(limit=2)]
    assert ids == [0, 1, 10, 11, 20, 21]
    cursors = [call.request.url.params.get("cursor") for call in route.calls]
    assert cursors == [None, "c1", "c2"]
    assert all(call.request.url.params["limit"] == "2" for call in route.calls)


def test_page_api(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/chats").side_effect = _pages("listChats", 2)
        page = client.chats.list_chats()
        assert [c.id for c in page.data] == [0, 1]
        assert page.next_cursor == "c1" and page.has_next_page()
        second = page.get_next_page()
        assert second is not None and not second.has_next_page()
        assert second.get_next_page() is None


def test_repeated_cursor_stops(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/chats")
        route.side_effect = [*_pages("listChats", 2, loop=True), *_pages("listChats", 2)]
        ids = [chat.id for chat in client.chats.list_chats()]
    assert ids == [0, 1, 10, 11]
    assert route.call_count == 2


async def test_async_pagination_and_await(aclient: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/chats").side_effect = _pages("listChats", 3)
        ids = [chat.id async for chat in aclient.chats.list_chats()]
    assert ids == [0, 1, 10, 11, 20, 21]
    with respx.mock(base_url=BASE) as mock:
        mock.get("/chats").side_effect = _pages("listChats", 2)
        first = await aclient.chats.list_chats()
        assert [c.id for c in first.data] == [0, 1]


async def test_async_create_and_errors(aclient: Any, sleeps: list[float]) -> None:
    from pachca import InternalServerError

    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages").respond(503)
        with pytest.raises(InternalServerError):
            await aclient.messages.create_message(entity_id=1, content="x")
    assert route.call_count == 1
    with respx.mock(base_url=BASE) as mock:
        mock.post("/messages").respond(201, json=example("createMessage"))
        message = await aclient.messages.create_message(entity_id=1, content="x")
    assert message.id == example("createMessage")["data"]["id"]


# -- uploads and webhooks -------------------------------------------------------------------


def test_one_call_upload(client: Any, tmp_path: Path) -> None:
    params = example("getUploadParams")
    params["direct_url"] = "https://storage.test/upload"
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4 test")
    with respx.mock() as mock:
        mock.post(f"{BASE}/uploads").respond(201, json=params)
        storage = mock.post("https://storage.test/upload").respond(204)
        attachment = client.files.upload(report)
    request = storage.calls.last.request
    assert "Authorization" not in request.headers
    body = request.content
    assert b"%PDF-1.4 test" in body and b'filename="report.pdf"' in body
    assert attachment.key == params["key"].replace("${filename}", "report.pdf")
    assert attachment.name == "report.pdf"
    assert attachment.size == len(b"%PDF-1.4 test")
    assert attachment.file_type.value == "file"
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages").respond(json=example("createMessage"))
        client.messages.create_message(entity_id=334, content="See", files=[attachment])
    sent = sent_json(route)["message"]["files"][0]
    assert sent == {"key": attachment.key, "name": "report.pdf", "file_type": "file",
                    "size": 13}  # fmt: skip


def test_webhook_verification_and_parsing() -> None:
    from pachca import webhooks

    body = json.dumps(
        {
            "type": "reaction",
            "event": "new",
            "message_id": 1,
            "code": "👍",
            "name": "+1",
            "user_id": 2,
            "chat_id": 3,
            "created_at": "2025-04-14T08:18:54.000Z",
            "webhook_timestamp": int(time.time()),
        }
    ).encode()
    signature = hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    event = webhooks.verify_and_parse(body, signature, "s3cret")
    assert type(event).__name__ == "ReactionWebhookPayload"
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(body, "0" * 64, "s3cret")
    stale = json.dumps({"type": "reaction", "webhook_timestamp": int(time.time()) - 3600})
    stale_sig = hmac.new(b"s3cret", stale.encode(), hashlib.sha256).hexdigest()
    with pytest.raises(webhooks.WebhookVerificationError):
        webhooks.verify(stale, stale_sig, "s3cret")


def test_per_call_extra_headers_and_query(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/messages/194275").respond(json=example("getMessage"))
        client.messages.get_message(
            194275, extra_headers={"X-Trace": "abc"}, extra_query={"debug": "1"}
        )
    request = route.calls.last.request
    assert request.headers["X-Trace"] == "abc"
    assert request.url.params["debug"] == "1"


def test_caller_supplied_http_client_is_used_and_left_open() -> None:
    from pachca import PachcaClient

    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json=example("getProfile"))

    http = httpx.Client(transport=httpx.MockTransport(handler))
    with PachcaClient("t", base_url=BASE, http_client=http) as client:
        client.profile.get_profile()
    assert seen == [f"{BASE}/profile"]
    assert not http.is_closed
    http.close()


def test_model_and_fields_together_is_a_type_error(client: Any) -> None:
    from pachca import MessageCreateRequestMessage

    inner = MessageCreateRequestMessage(entity_id=12, content="Hi")
    with pytest.raises(TypeError, match="not both"):
        client.messages.create_message(inner, content="other")  # type: ignore[call-overload]


async def test_async_upload_and_raw_response(aclient: Any) -> None:
    params = example("getUploadParams")
    params["direct_url"] = "https://storage.test/upload"
    with respx.mock() as mock:
        mock.post(f"{BASE}/uploads").respond(201, json=params)
        storage = mock.post("https://storage.test/upload").respond(204)
        attachment = await aclient.files.upload(("photo.png", b"\x89PNG data", "image/png"))
        mock.get(f"{BASE}/messages/194275").respond(json=example("getMessage"))
        raw = await aclient.messages.with_raw_response.get_message(194275)
    assert "Authorization" not in storage.calls.last.request.headers
    assert attachment.name == "photo.png" and attachment.file_type.value == "image"
    assert raw.status_code == 200
    assert raw.parse().id == example("getMessage")["data"]["id"]


# -- issue 7: what a side-by-side with Pachca's own SDK found ---------------------------------


def test_long_retry_after_is_not_hammered(client: Any, sleeps: list[float]) -> None:
    from pachca import RateLimitError

    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages").respond(429, headers={"Retry-After": "120"})
        with pytest.raises(RateLimitError) as info:
            client.messages.create_message(entity_id=1, content="x")
    assert route.call_count == 1 and sleeps == []
    assert info.value.retry_after == 120.0


@pytest.fixture
def utc_plus_5(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("TZ", "Etc/GMT-5")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("utc_plus_5")
def test_naive_datetimes_are_sent_with_the_local_offset(client: Any) -> None:
    import datetime as dt

    naive = dt.datetime(2025, 3, 1, 18, 0)
    with respx.mock(base_url=BASE) as mock:
        status = mock.put("/profile/status").respond(json=example("updateProfileStatus"))
        client.profile.update_profile_status(emoji="x", title="away", expires_at=naive)
        chats = mock.get("/chats").respond(json={"data": [], "meta": {"paginate": {}}})
        client.chats.list_chats(last_message_at_after=naive)
    assert sent_json(status)["status"]["expires_at"] == "2025-03-01T18:00:00+05:00"
    query = chats.calls.last.request.url.params
    assert query["last_message_at_after"] == "2025-03-01T18:00:00+05:00"


def test_a_message_missing_a_required_field_is_returned(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from pachca import Message, MissingFieldError

    body = example("getMessage")
    del body["data"]["content"]
    with respx.mock(base_url=BASE) as mock, caplog.at_level("WARNING", logger="pachca"):
        mock.get("/messages/194275").respond(json=body)
        message = client.messages.get_message(194275)
    assert isinstance(message, Message) and message.id == 194275
    assert "content: required field missing" in caplog.text
    with pytest.raises(MissingFieldError, match="content"):
        _ = message.content


def test_error_is_the_documented_model_of_its_status(client: Any) -> None:
    import pachca
    from pachca import ApiError, NotFoundError

    response = next(r for r in operation("getMessage").errors if r.status == "404")
    with respx.mock(base_url=BASE) as mock:
        mock.get("/messages/1").respond(404, json=response.example)
        with pytest.raises(NotFoundError) as info:
            client.messages.get_message(1, max_retries=0)
    assert type(info.value) is pachca.NotFoundError
    assert isinstance(info.value, pachca._core.NotFoundError)
    assert isinstance(info.value.error, ApiError)


def test_extra_body_reaches_the_wire(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/messages").respond(201, json=example("createMessage"))
        client.messages.create_message(entity_id=1, content="x", extra_body={"beta": True})
    assert sent_json(route)["beta"] is True
