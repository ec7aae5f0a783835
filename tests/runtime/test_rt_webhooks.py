"""Webhook signature verification and parsing."""

from __future__ import annotations

import hashlib
import hmac
import json
from types import ModuleType

import pytest

SECRET = "whsec_test_secret"
NOW = 1_700_000_000


def _body(**overrides: object) -> bytes:
    payload: dict[str, object] = {
        "type": "message",
        "event": "new",
        "id": 1,
        "content": "hi",
        "webhook_timestamp": NOW,
    }
    payload.update(overrides)
    return json.dumps(payload).encode()


def _sign(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_good_signature(core: ModuleType) -> None:
    body = _body()
    core.verify_signature(body, _sign(body), SECRET, now=NOW + 5)
    core.verify_signature(body.decode(), _sign(body), SECRET, now=NOW + 5)  # str body
    core.verify_signature(body, _sign(body).upper(), SECRET, now=NOW)
    core.verify_signature(body, "sha256=" + _sign(body), SECRET, now=NOW)
    core.verify_signature(body, f"  {_sign(body)}\n", SECRET, now=NOW)
    assert core.compute_signature(body, SECRET) == _sign(body)


@pytest.mark.parametrize(
    "signature",
    ["", "   ", "0" * 64, "not-hex", "sha256=", _sign(_body(), secret="other-secret")],
)
def test_bad_signature(core: ModuleType, sdk: ModuleType, signature: str) -> None:
    with pytest.raises(sdk.WebhookVerificationError) as info:
        core.verify_signature(_body(), signature, SECRET, now=NOW)
    assert "signature" in str(info.value)
    assert isinstance(info.value, sdk.APIError)


def test_tampered_body(core: ModuleType, sdk: ModuleType) -> None:
    signature = _sign(_body())
    with pytest.raises(sdk.WebhookVerificationError, match="does not match"):
        core.verify_signature(_body(content="changed"), signature, SECRET, now=NOW)
    # re-serialized JSON (different whitespace) is a different body
    reserialized = json.dumps(json.loads(_body()), indent=2).encode()
    with pytest.raises(sdk.WebhookVerificationError):
        core.verify_signature(reserialized, signature, SECRET, now=NOW)


def test_empty_secret_rejected(core: ModuleType, sdk: ModuleType) -> None:
    body = _body()
    with pytest.raises(sdk.WebhookVerificationError, match="secret"):
        core.verify_signature(body, _sign(body, ""), "", now=NOW)


def test_too_old(core: ModuleType, sdk: ModuleType) -> None:
    body = _body()
    core.verify_signature(body, _sign(body), SECRET, now=NOW + 60)  # exactly at tolerance
    with pytest.raises(sdk.WebhookVerificationError, match="too old"):
        core.verify_signature(body, _sign(body), SECRET, now=NOW + 61)
    with pytest.raises(sdk.WebhookVerificationError, match="too old"):
        core.verify_signature(body, _sign(body), SECRET, tolerance=300, now=NOW + 301)
    core.verify_signature(body, _sign(body), SECRET, tolerance=300, now=NOW + 299)


def test_from_the_future(core: ModuleType, sdk: ModuleType) -> None:
    body = _body()
    core.verify_signature(body, _sign(body), SECRET, now=NOW - 60)
    with pytest.raises(sdk.WebhookVerificationError, match="future"):
        core.verify_signature(body, _sign(body), SECRET, now=NOW - 61)


def test_tolerance_none_skips_timestamp(core: ModuleType) -> None:
    old = _body(webhook_timestamp=1)
    core.verify_signature(old, _sign(old), SECRET, tolerance=None, now=NOW)
    no_ts = b'{"type": "message"}'
    core.verify_signature(no_ts, _sign(no_ts), SECRET, tolerance=None)
    not_json = b"plain text"
    core.verify_signature(not_json, _sign(not_json), SECRET, tolerance=None)


@pytest.mark.parametrize(
    "body", [b'{"type": "message"}', b"[1, 2]", b"not json", b'{"webhook_timestamp": true}']
)
def test_missing_or_bad_timestamp(core: ModuleType, sdk: ModuleType, body: bytes) -> None:
    with pytest.raises(sdk.WebhookVerificationError):
        core.verify_signature(body, _sign(body), SECRET, now=NOW)


def test_default_now_is_current_time(core: ModuleType, sdk: ModuleType) -> None:
    import time

    fresh = _body(webhook_timestamp=int(time.time()))
    core.verify_signature(fresh, _sign(fresh), SECRET)
    stale = _body(webhook_timestamp=int(time.time()) - 3600)
    with pytest.raises(sdk.WebhookVerificationError):
        core.verify_signature(stale, _sign(stale), SECRET)


def test_parse_webhook_discriminated_union(core: ModuleType, models: ModuleType) -> None:
    event = core.parse_webhook(_body(), models.WebhookEvent)
    assert isinstance(event, models.MessageWebhookEvent)
    assert event.content == "hi"
    reaction = json.dumps(
        {
            "type": "reaction",
            "event": "new",
            "message_id": 3,
            "code": "👍",
            "webhook_timestamp": NOW,
            "extra": 1,
        }
    )
    event = core.parse_webhook(reaction, models.WebhookEvent)
    assert isinstance(event, models.ReactionWebhookEvent)
    assert event.code == "👍" and event.extra == 1
    single = core.parse_webhook(_body(), models.MessageWebhookEvent)
    assert isinstance(single, models.MessageWebhookEvent)


@pytest.mark.parametrize("body", [b"not json", b'{"type": "unknown_type"}', b'{"type": "message"}'])
def test_parse_webhook_errors(
    core: ModuleType, sdk: ModuleType, models: ModuleType, body: bytes
) -> None:
    with pytest.raises(sdk.WebhookParseError) as info:
        core.parse_webhook(body, models.WebhookEvent)
    assert isinstance(info.value, sdk.WebhookVerificationError)
    assert isinstance(info.value, sdk.APIError)
