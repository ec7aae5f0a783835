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


def _verify(core: ModuleType, *args: object, **kwargs: object) -> None:
    """The runtime's check, as Pachca's SDK calls it (its payloads carry webhook_timestamp)."""
    kwargs.setdefault("timestamp_field", "webhook_timestamp")
    core.verify_signature(*args, **kwargs)


def _sign(body: bytes, secret: str = SECRET) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_good_signature(core: ModuleType) -> None:
    body = _body()
    _verify(core, body, _sign(body), SECRET, now=NOW + 5)
    _verify(core, body.decode(), _sign(body), SECRET, now=NOW + 5)  # str body
    _verify(core, body, _sign(body).upper(), SECRET, now=NOW)
    _verify(core, body, "sha256=" + _sign(body), SECRET, now=NOW)
    _verify(core, body, f"  {_sign(body)}\n", SECRET, now=NOW)
    assert core.compute_signature(body, SECRET) == _sign(body)


@pytest.mark.parametrize(
    "signature",
    ["", "   ", "0" * 64, "not-hex", "sha256=", _sign(_body(), secret="other-secret")],
)
def test_bad_signature(core: ModuleType, sdk: ModuleType, signature: str) -> None:
    with pytest.raises(sdk.WebhookVerificationError) as info:
        _verify(core, _body(), signature, SECRET, now=NOW)
    assert "signature" in str(info.value)
    assert isinstance(info.value, sdk.APIError)


def test_tampered_body(core: ModuleType, sdk: ModuleType) -> None:
    signature = _sign(_body())
    with pytest.raises(sdk.WebhookVerificationError, match="does not match"):
        _verify(core, _body(content="changed"), signature, SECRET, now=NOW)
    # re-serialized JSON (different whitespace) is a different body
    reserialized = json.dumps(json.loads(_body()), indent=2).encode()
    with pytest.raises(sdk.WebhookVerificationError):
        _verify(core, reserialized, signature, SECRET, now=NOW)


def test_empty_secret_rejected(core: ModuleType, sdk: ModuleType) -> None:
    body = _body()
    with pytest.raises(sdk.WebhookVerificationError, match="secret"):
        _verify(core, body, _sign(body, ""), "", now=NOW)


def test_too_old(core: ModuleType, sdk: ModuleType) -> None:
    body = _body()
    _verify(core, body, _sign(body), SECRET, now=NOW + 60)  # exactly at tolerance
    with pytest.raises(sdk.WebhookVerificationError, match="too old"):
        _verify(core, body, _sign(body), SECRET, now=NOW + 61)
    with pytest.raises(sdk.WebhookVerificationError, match="too old"):
        _verify(core, body, _sign(body), SECRET, tolerance=300, now=NOW + 301)
    _verify(core, body, _sign(body), SECRET, tolerance=300, now=NOW + 299)


def test_from_the_future(core: ModuleType, sdk: ModuleType) -> None:
    body = _body()
    _verify(core, body, _sign(body), SECRET, now=NOW - 60)
    with pytest.raises(sdk.WebhookVerificationError, match="future"):
        _verify(core, body, _sign(body), SECRET, now=NOW - 61)


def test_tolerance_none_skips_timestamp(core: ModuleType) -> None:
    old = _body(webhook_timestamp=1)
    _verify(core, old, _sign(old), SECRET, tolerance=None, now=NOW)
    no_ts = b'{"type": "message"}'
    _verify(core, no_ts, _sign(no_ts), SECRET, tolerance=None)
    not_json = b"plain text"
    _verify(core, not_json, _sign(not_json), SECRET, tolerance=None)


def test_timestamp_field_is_the_one_named(core: ModuleType, sdk: ModuleType) -> None:
    body = json.dumps({"type": "message", "sent_at": NOW}).encode()
    _verify(core, body, _sign(body), SECRET, timestamp_field="sent_at", now=NOW + 5)
    with pytest.raises(sdk.WebhookVerificationError, match="too old"):
        _verify(core, body, _sign(body), SECRET, timestamp_field="sent_at", now=NOW + 61)
    with pytest.raises(sdk.WebhookVerificationError, match="no numeric 'webhook_timestamp'"):
        _verify(core, body, _sign(body), SECRET, now=NOW)
    # no timestamp field: the signature alone is checked, whatever the body's age
    _verify(core, body, _sign(body), SECRET, timestamp_field=None, now=NOW + 3600)
    with pytest.raises(sdk.WebhookVerificationError, match="does not match"):
        _verify(core, body, "0" * 64, SECRET, timestamp_field=None)


@pytest.mark.parametrize(
    "body", [b'{"type": "message"}', b"[1, 2]", b"not json", b'{"webhook_timestamp": true}']
)
def test_missing_or_bad_timestamp(core: ModuleType, sdk: ModuleType, body: bytes) -> None:
    with pytest.raises(sdk.WebhookVerificationError):
        _verify(core, body, _sign(body), SECRET, now=NOW)


def test_default_now_is_current_time(core: ModuleType, sdk: ModuleType) -> None:
    import time

    fresh = _body(webhook_timestamp=int(time.time()))
    _verify(core, fresh, _sign(fresh), SECRET)
    stale = _body(webhook_timestamp=int(time.time()) - 3600)
    with pytest.raises(sdk.WebhookVerificationError):
        _verify(core, stale, _sign(stale), SECRET)


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
