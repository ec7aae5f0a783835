"""The generated ``webhooks`` module follows what the spec says of signing: a verifier for the
header and send time it names, none when it says nothing (Pachca's own is tested in
test_behaviour.py)."""

from __future__ import annotations

import hashlib
import hmac
import json
import sys
import time
from pathlib import Path

import pytest

from .generated_sdk import generated, mypy_strict

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


HEADER_USER_SCRIPT = """\
import json

from forge import webhooks
from forge.types import WebhookIssuesClosed, WebhookPush

body = json.dumps({"action": "closed", "issue": {"number": 7, "title": "t"}})
event = webhooks.parse_event(body, {"X-Forge-Event": "issues"})
if isinstance(event, WebhookIssuesClosed):
    print(event.issue.number + 1, event.reason)
elif isinstance(event, WebhookPush):
    print(event.ref.upper())
"""


def test_events_a_header_names_parse_into_their_types(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """GitHub's shape (tests/fixtures/features/webhooks_header.yaml): the `X-Forge-Event`
    header names the event, the body's `action` tells apart the events of one header value."""
    with generated(tmp_path_factory, FIXTURES / "webhooks_header.yaml") as (src, sdk):
        from importlib import import_module

        webhooks = import_module(f"{sdk.__name__}.webhooks")
        assert webhooks.EVENT_HEADER == "X-Forge-Event"
        assert webhooks.__all__ == ["EVENT_HEADER", "parse_event"]
        # each value's models are built when its first event arrives (GitHub has 270)
        issues_types = f"{sdk.__name__}.types.issues_webhook_event"
        assert issues_types not in sys.modules
        issue = {"number": 7, "title": "Crash"}
        closed = json.dumps({"action": "closed", "issue": issue, "reason": "fixed"})
        event = webhooks.parse_event(closed, {"X-Forge-Event": "issues"})
        assert type(event).__name__ == "WebhookIssuesClosed" and event.reason == "fixed"
        assert issues_types in sys.modules
        # an event of two shapes, each saying `labeled`: the shape the body has
        labeled = json.dumps({"action": "labeled", "issue": issue, "rule": "triage"})
        event = webhooks.parse_event(labeled, {"X-Forge-Event": "issues"})
        assert (type(event).__name__, event.rule) == ("WebhookIssuesLabeledVariant2", "triage")
        # a header's name is matched whatever its case in the mapping
        opened = json.dumps({"action": "opened", "issue": issue})
        assert type(webhooks.parse_event(opened, {"x-forge-event": "issues"})).__name__ == (
            "WebhookIssuesOpened"
        )
        push = json.dumps({"ref": "refs/heads/main", "repository": {"id": 1, "name": "r"}})
        assert webhooks.parse_event(push.encode(), {"X-Forge-Event": "push"}).ref == (
            "refs/heads/main"
        )
        # the same body under another header value is that value's event, or none known
        assert type(webhooks.parse_event(push, {"X-Forge-Event": "fork"})).__name__ == (
            "UnknownVariant"
        )
        assert type(webhooks.parse_event(push, {})).__name__ == "UnknownVariant"
        # an action this SDK version does not know, of a known header value
        reopened = json.dumps({"action": "reopened", "issue": issue})
        assert type(webhooks.parse_event(reopened, {"X-Forge-Event": "issues"})).__name__ == (
            "UnknownVariant"
        )
        with pytest.raises(sdk.WebhookParseError, match="does not match"):  # no issue
            webhooks.parse_event(json.dumps({"action": "closed"}), {"X-Forge-Event": "issues"})
        (tmp_path / "use.py").write_text(HEADER_USER_SCRIPT, encoding="utf-8")
        result = mypy_strict("use.py", cwd=tmp_path, search_path=src)
        assert result.returncode == 0, result.stdout + result.stderr
        readme = (src.parent / "README.md").read_text(encoding="utf-8")
        section = readme.split("## Webhooks")[1].split("\n## ")[0]
        assert "headers = {'X-Forge-Event': 'push'}" in section
        assert "webhooks.parse_event(raw_body, headers)" in section
