"""Lenient response validation (the default) and ``strict_response_validation=True``."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import pytest
import respx

from .helpers import TOKEN, message_json


def test_missing_required_field_returns_the_model_and_warns(
    client: Any,
    router: respx.MockRouter,
    sdk: ModuleType,
    models: ModuleType,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = message_json(extra_field="kept")
    del body["content"]
    router.get("/messages/1").respond(200, json={"data": body})
    with caplog.at_level("WARNING", logger="samplesdk"):
        message = client.messages.get_message(1)
    assert isinstance(message, models.Message)
    assert message.id == 1
    assert message.entity_type is models.MessageEntityType.DISCUSSION  # still converted
    assert message.created_at.year == 2024
    assert message.extra_field == "kept"
    assert "content: required field missing" in caplog.text
    assert "does not match Message" in caplog.text
    with pytest.raises(sdk.MissingFieldError, match=r"Message\.content.*'content'") as info:
        _ = message.content
    assert isinstance(info.value, AttributeError)
    assert getattr(message, "content", "default") == "default"
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = message.no_such_thing


def test_wrong_type_is_kept_as_sent_and_named(
    client: Any, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json(user_id="seven")})
    with caplog.at_level("WARNING", logger="samplesdk"):
        message = client.messages.get_message(1)
    assert message.user_id == "seven"
    assert "user_id: Input should be a valid integer" in caplog.text


def test_nested_models_are_built_leniently(sdk: ModuleType, models: ModuleType) -> None:
    lenient = __import__(sdk.__name__ + "._core._lenient", fromlist=["validate_leniently"])
    result = lenient.validate_leniently(
        list[models.Chat], [{"id": 1, "public": True}, {"id": 2, "name": "b", "public": 3}]
    )
    assert result is not None
    chats, problems = result
    assert [chat.id for chat in chats] == [1, 2]
    assert chats[0].is_public is True and chats[0].member_ids == []  # default applied
    assert problems == [
        "[0].name: required field missing",
        "[1].public: Input should be a valid boolean, unable to interpret input",
    ]
    assert lenient.validate_leniently(models.Chat, None) is None
    assert lenient.validate_leniently(models.Chat, "text") is None


def test_valid_responses_do_not_warn(
    client: Any, router: respx.MockRouter, caplog: pytest.LogCaptureFixture
) -> None:
    router.get("/messages/1").respond(200, json={"data": message_json()})
    with caplog.at_level("WARNING"):
        client.messages.get_message(1)
    assert caplog.text == ""


def test_strict_client_keeps_the_error(router: respx.MockRouter, sdk: ModuleType) -> None:
    body = message_json()
    del body["content"]
    router.get("/messages/1").respond(200, json={"data": body})
    strict = sdk.SampleClient(TOKEN, strict_response_validation=True)
    with strict, pytest.raises(sdk.APIResponseValidationError, match="content"):
        strict.messages.get_message(1)
    assert strict.with_options(timeout=1.0).strict_response_validation is True


async def test_async_client_is_lenient_too(
    aclient: Any, router: respx.MockRouter, sdk: ModuleType
) -> None:
    body = message_json()
    del body["user_id"]
    router.get("/messages/1").respond(200, json={"data": body})
    message = await aclient.messages.get_message(1)
    with pytest.raises(sdk.MissingFieldError):
        _ = message.user_id


@pytest.mark.filterwarnings("error")
def test_lenient_models_dump_repr_copy_without_warnings(
    client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    import copy
    import pickle

    body = message_json(user_id="seven")
    del body["content"]
    router.get("/messages/1").respond(200, json={"data": body})
    message = client.messages.get_message(1)
    dumped = message.to_dict()
    assert dumped["user_id"] == "seven" and "content" not in dumped
    assert '"user_id":"seven"' in message.to_json()
    assert "user_id='seven'" in repr(message)
    assert copy.deepcopy(message) == message == pickle.loads(pickle.dumps(message))
