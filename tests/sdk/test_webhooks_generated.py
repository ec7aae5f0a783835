"""The generated ``webhooks`` module follows what the spec says of signing: a verifier for the
header and send time it names, none when it says nothing (Pachca's own is tested in
test_behaviour.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest

from .generated_sdk import generated

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"
PAID = {"kind": "paid", "order_id": 42, "sent_at": 1}


def _sign(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_unsigned_webhooks_parse_and_offer_no_verifier(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with generated(tmp_path_factory, FIXTURES / "webhooks.yaml") as (src, sdk):
        from importlib import import_module

        webhooks = import_module(f"{sdk.__name__}.webhooks")
        assert webhooks.__all__ == ["parse_event"]
        assert not hasattr(webhooks, "verify")
        assert not hasattr(webhooks, "SIGNATURE_HEADER")
        event = webhooks.parse_event(json.dumps(PAID))
        assert type(event).__name__ == "OrderPaid"
        assert event.order_id == 42
        readme = (src.parent / "README.md").read_text(encoding="utf-8")
        assert "does not say how" in readme and "verify" not in readme.split("## Webhooks")[1]


def test_signed_without_send_time_checks_the_signature_only(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with generated(tmp_path_factory, FIXTURES / "webhooks_signed.yaml") as (src, sdk):
        from importlib import import_module

        webhooks = import_module(f"{sdk.__name__}.webhooks")
        assert webhooks.SIGNATURE_HEADER == "X-Hooks-Signature"
        assert not hasattr(webhooks, "TIMESTAMP_FIELD")
        body = json.dumps(PAID).encode()  # sent at 1970-01-01: no replay check to fail
        event = webhooks.verify_and_parse(body, _sign(body, "k"), "k")
        assert type(event).__name__ == "OrderPaid"
        with pytest.raises(webhooks.WebhookVerificationError, match="does not match"):
            webhooks.verify(body, _sign(body, "other"), "k")
        readme = (src.parent / "README.md").read_text(encoding="utf-8")
        section = readme.split("## Webhooks")[1].split("\n## ")[0]
        assert "`X-Hooks-Signature`" in section and "older than" not in section


def test_openapi_31_webhooks_verified_and_parsed_by_their_tag(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with generated(tmp_path_factory, FIXTURES / "webhooks_31.yaml", strict=False) as (_, sdk):
        from importlib import import_module

        webhooks = import_module(f"{sdk.__name__}.webhooks")
        assert (webhooks.SIGNATURE_HEADER, webhooks.TIMESTAMP_FIELD) == (
            "Events-Signature",
            "created_at",
        )
        now = int(time.time())
        body = json.dumps({"type": "file.uploaded", "file_id": "f1", "created_at": now}).encode()
        event = webhooks.verify_and_parse(body, _sign(body, "k"), "k")
        assert type(event).__name__ == "FileUploadedEvent" and event.file_id == "f1"
        stale = json.dumps({"type": "batch.failed", "batch_id": "b", "created_at": 1}).encode()
        with pytest.raises(webhooks.WebhookVerificationError, match="too old"):
            webhooks.verify(stale, _sign(stale, "k"), "k")
        assert type(webhooks.parse_event(stale)).__name__ == "BatchFailed"
        unknown = webhooks.parse_event(json.dumps({"type": "batch.paused", "created_at": now}))
        assert type(unknown).__name__ == "UnknownVariant"
