"""Mapping of error responses to exception classes; nothing else may escape."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import httpx
import pytest
import respx

from .helpers import BASE_URL

STATUS_CLASSES = [
    (400, "BadRequestError"),
    (401, "AuthenticationError"),
    (402, "PaymentRequiredError"),
    (403, "PermissionDeniedError"),
    (404, "NotFoundError"),
    (409, "ConflictError"),
    (410, "GoneError"),
    (422, "UnprocessableEntityError"),
    (429, "RateLimitError"),
    (500, "InternalServerError"),
    (502, "InternalServerError"),
    (503, "InternalServerError"),
    (504, "InternalServerError"),
    (418, "APIStatusError"),
    (405, "APIStatusError"),
]

API_ERROR_BODY = {
    "errors": [
        {
            "key": "content",
            "value": "can't be blank",
            "message": "Content is required",
            "code": "blank",
            "payload": None,
        }
    ]
}


@pytest.mark.parametrize(("status", "class_name"), STATUS_CLASSES)
def test_status_maps_to_exception_class(
    sdk: ModuleType, client: Any, router: respx.MockRouter, status: int, class_name: str
) -> None:
    route = router.post("/messages").respond(status, json=API_ERROR_BODY)
    with pytest.raises(sdk.APIStatusError) as info:
        client.messages.create_message(content="", entity_id=1, max_retries=0)
    error = info.value
    assert type(error) is getattr(sdk, class_name)
    assert isinstance(error, sdk.APIError)
    assert error.status_code == status
    assert error.response.status_code == status
    assert error.request.method == "POST"
    assert error.body == API_ERROR_BODY
    assert route.call_count == 1


def test_error_body_parsed_into_model_and_str(
    sdk: ModuleType, models: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    router.post("/messages").respond(400, json=API_ERROR_BODY)
    with pytest.raises(sdk.BadRequestError) as info:
        client.messages.create_message(content="", entity_id=1)
    error = info.value
    assert isinstance(error.error, models.ApiError)
    assert error.error.errors[0].key == "content"
    text = str(error)
    assert "400" in text
    assert "Bad Request" in text
    assert f"POST {BASE_URL}/messages" in text
    assert "Content is required" in text


def test_oauth_error_body(
    sdk: ModuleType, models: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    router.get("/messages/1").respond(
        401, json={"error": "invalid_token", "error_description": "The access token is invalid"}
    )
    with pytest.raises(sdk.AuthenticationError) as info:
        client.messages.get_message(1)
    assert isinstance(info.value.error, models.OAuthError)
    assert info.value.error.error == "invalid_token"
    assert "invalid_token: The access token is invalid" in str(info.value)


def test_oauth_body_where_api_error_model_expected(
    sdk: ModuleType, models: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    # 404 is documented as ApiError, but the server sends an OAuth-shaped body.
    router.get("/messages/1").respond(
        404, json={"error": "insufficient_scope", "error_description": "Needs messages:read"}
    )
    with pytest.raises(sdk.NotFoundError) as info:
        client.messages.get_message(1)
    # Only the models documented for 404 are tried, so `error` is always what its class
    # is typed with; the body is kept and still gives the message.
    assert info.value.error is None
    assert info.value.body["error"] == "insufficient_scope"
    assert "Needs messages:read" in str(info.value)


def test_403_oauth_body_with_only_api_error_model(
    sdk: ModuleType, models: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    route = router.get("/only-api-error").respond(
        403, json={"error": "forbidden", "error_description": "nope"}
    )
    with pytest.raises(sdk.PermissionDeniedError) as info:
        client.request("GET", "/only-api-error", cast_to=dict, error_models={403: models.ApiError})
    assert info.value.error is None  # no model validates: raw body kept
    assert info.value.body == {"error": "forbidden", "error_description": "nope"}
    assert route.call_count == 1


def test_error_model_chosen_by_range_and_default(
    sdk: ModuleType, models: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    router.get("/r").respond(422, json=API_ERROR_BODY)
    with pytest.raises(sdk.UnprocessableEntityError) as info:
        client.request(
            "GET",
            "/r",
            cast_to=dict,
            error_models={"4XX": models.ApiError, "default": models.OAuthError},
        )
    assert isinstance(info.value.error, models.ApiError)


def test_html_502_body(sdk: ModuleType, client: Any, router: respx.MockRouter) -> None:
    html = "<html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>"
    route = router.post("/messages").respond(502, text=html, headers={"Content-Type": "text/html"})
    with pytest.raises(sdk.InternalServerError) as info:
        client.messages.create_message(content="x", entity_id=1)
    assert info.value.body == html
    assert info.value.error is None
    # the page title is used as the server's message
    assert str(info.value) == f"502 Bad Gateway for POST {BASE_URL}/messages: 502 Bad Gateway"
    assert route.call_count == 1  # POST is not retried on 5xx


def test_html_without_title_is_stripped_of_tags(
    sdk: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    router.get("/messages/1").respond(
        500, text="<html><body><p>Upstream   <b>down</b></p></body></html>"
    )
    with pytest.raises(sdk.InternalServerError) as info:
        client.messages.get_message(1, max_retries=0)
    assert str(info.value).endswith(": Upstream down")


def test_empty_error_body(sdk: ModuleType, client: Any, router: respx.MockRouter) -> None:
    router.delete("/messages/1").respond(404)
    with pytest.raises(sdk.NotFoundError) as info:
        client.messages.delete_message(1)
    assert info.value.body is None
    assert info.value.error is None
    assert str(info.value) == f"404 Not Found for DELETE {BASE_URL}/messages/1"


@pytest.mark.parametrize(
    ("content", "expected_body"),
    [
        (b'["first problem", {"message": "second"}]', ["first problem", {"message": "second"}]),
        (b'"just a string"', "just a string"),
        (b"42", 42),
        (b"null", None),
        (b"\xff\xfe not utf-8 \xc3", None),
        (b'{"truncated": ', '{"truncated": '),
    ],
)
def test_odd_error_bodies_never_crash(
    sdk: ModuleType, client: Any, router: respx.MockRouter, content: bytes, expected_body: object
) -> None:
    router.post("/messages").respond(
        400, content=content, headers={"Content-Type": "application/json"}
    )
    with pytest.raises(sdk.BadRequestError) as info:
        client.messages.create_message(content="x", entity_id=1)
    error = info.value
    assert error.error is None
    if content.startswith(b"\xff"):
        assert isinstance(error.body, str) and "not utf-8" in error.body
    else:
        assert error.body == expected_body
    assert str(error).startswith("400 Bad Request for POST")


def test_list_body_message_in_str(sdk: ModuleType, client: Any, router: respx.MockRouter) -> None:
    router.post("/messages").respond(400, json=["first problem", {"message": "second"}])
    with pytest.raises(sdk.BadRequestError) as info:
        client.messages.create_message(content="x", entity_id=1)
    assert "first problem; second" in str(info.value)


def test_long_error_text_is_shortened(
    sdk: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    router.post("/messages").respond(400, text="x" * 5000)
    with pytest.raises(sdk.BadRequestError) as info:
        client.messages.create_message(content="x", entity_id=1)
    assert len(str(info.value)) < 500
    assert len(info.value.body) == 5000  # the body itself is complete


def test_broken_error_model_does_not_hide_http_error(
    sdk: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    class Exploding:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise RuntimeError("boom")

    router.get("/r").respond(400, json={"a": 1})
    with pytest.raises(sdk.BadRequestError) as info:
        client.request("GET", "/r", cast_to=dict, error_models={400: Exploding})
    assert info.value.error is None


def test_connection_error(sdk: ModuleType, client: Any, router: respx.MockRouter) -> None:
    router.post("/messages").mock(side_effect=httpx.ConnectError("connection refused"))
    with pytest.raises(sdk.APIConnectionError) as info:
        client.messages.create_message(content="x", entity_id=1)
    assert not isinstance(info.value, sdk.APITimeoutError)
    assert "connection refused" in str(info.value)
    assert info.value.request.method == "POST"
    assert isinstance(info.value.__cause__, httpx.ConnectError)


def test_timeout_maps_to_api_timeout_error(
    sdk: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    route = router.post("/messages").mock(side_effect=httpx.ReadTimeout("too slow"))
    with pytest.raises(sdk.APITimeoutError) as info:
        client.messages.create_message(content="x", entity_id=1)
    assert isinstance(info.value, sdk.APIConnectionError)
    assert isinstance(info.value, sdk.APIError)
    assert route.call_count == 1  # POST: not retried


def test_timeout_on_get_is_retried_then_raised(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    route = router.get("/messages/1").mock(side_effect=httpx.ConnectTimeout("slow connect"))
    with pytest.raises(sdk.APITimeoutError):
        client.messages.get_message(1)
    assert route.call_count == 3  # 1 + max_retries (2)
    assert sleeps.delays == [0.5, 1.0]


def test_real_timeout_from_transport(sdk: ModuleType) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = sdk.SampleClient("t", http_client=http, max_retries=0)
    with pytest.raises(sdk.APITimeoutError):
        client.messages.get_message(1, timeout=0.01)
    http.close()


def test_client_error_models_unless_the_call_names_its_own(
    sdk: ModuleType, models: ModuleType, client: Any, router: respx.MockRouter
) -> None:
    # messages names no error models: the client's map 401 to OAuthError; exports names
    # its own (everything ApiError), which replace the client's rather than merge with them.
    oauth = {"error": "invalid_token", "error_description": "expired"}
    router.get("/messages/1").respond(401, json=oauth)
    router.get("/exports/1").respond(401, json={**oauth, "errors": []})
    with pytest.raises(sdk.AuthenticationError) as default:
        client.messages.get_message(1)
    with pytest.raises(sdk.AuthenticationError) as own:
        client.exports.get_export(1)
    assert isinstance(default.value.error, models.OAuthError)
    assert isinstance(own.value.error, models.ApiError)
