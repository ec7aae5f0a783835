"""Webhooks: the payload schema, and how requests are signed — decided in parse, from the spec."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.ir import TypeRef, WebhookHeader, WebhookSigning
from generator.load import load_spec
from generator.parse import parse_spec

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_unsigned_payload_is_found_without_a_signing(parsed: Any) -> None:
    api, findings = parsed("features/webhooks.yaml")
    assert api.webhook_payload == TypeRef("ref", ref="WebhookEvent")
    assert api.webhook_signing is None
    assert not [f for f in findings if "webhook" in f.message]


def test_signing_declared_on_the_payload(parsed: Any) -> None:
    api, _ = parsed("features/webhooks_signed.yaml")
    assert api.webhook_signing == WebhookSigning(header="X-Hooks-Signature", timestamp=None)


def test_pachca_declares_its_signature_header_and_send_time(parsed: Any) -> None:
    api, _ = parsed("../../spec/pachca.yaml")
    assert api.webhook_payload == TypeRef("ref", ref="WebhookPayload")
    assert api.webhook_signing == WebhookSigning(
        header="Pachca-Signature", timestamp="webhook_timestamp"
    )


def test_malformed_signing_is_a_located_warning_and_no_verifier(parsed: Any, position: Any) -> None:
    api, findings = parsed("bad/webhook_signature.yaml")
    assert api.webhook_payload == TypeRef("ref", ref="WebhookEvent")  # still parsed
    assert api.webhook_signing is None
    found = {f.message: f for f in findings if "x-webhook-signature" in f.message}
    assert all(f.severity.value == "warning" for f in found.values())
    unknown = found["x-webhook-signature: unknown key 'tolerance' ignored"]
    assert unknown.location.line == position("bad/webhook_signature.yaml", "tolerance:")[0]
    (header,) = [f for m, f in found.items() if m.startswith("x-webhook-signature needs")]
    assert header.location.line == position("bad/webhook_signature.yaml", "header:")[0]
    # the header is refused first: the algorithm is not judged on top
    assert not [m for m in found if "algorithm" in m]


def test_openapi_31_webhooks_make_a_tagged_union_of_their_events(
    parsed: Any, position: Any
) -> None:
    api, findings = parsed("features/webhooks_31.yaml")
    assert api.webhook_payload == TypeRef("ref", ref="WebhookEvent")
    union = api.schema("WebhookEvent")
    assert union.kind == "union" and union.pointer == "/webhooks"
    assert union.discriminator is not None and union.discriminator.property == "type"
    assert [(v.type.ref, v.tags) for v in union.variants] == [
        ("BatchCompleted", ("batch.completed",)),
        ("BatchFailed", ("batch.failed",)),
        ("FileUploadedEvent", ("file.uploaded",)),  # an inline body, named after its webhook
    ]
    # the union is made here, so the document's top says how requests are signed
    assert api.webhook_signing == WebhookSigning(header="Events-Signature", timestamp="created_at")
    (ping,) = [f for f in findings if "'ping'" in f.message]
    assert "no JSON request body" in ping.message
    assert ping.location.line == position("features/webhooks_31.yaml", "ping:")[0] + 1


def _rewritten(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> tuple[Any, list[Any]]:
    document = yaml.safe_load((FIXTURES / "features" / "webhooks_31.yaml").read_text("utf-8"))
    edit(document)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    spec = load_spec(path)
    api, findings = parse_spec(spec)
    return api, [*spec.diagnostics, *findings]


def test_x_webhooks_in_openapi_30_read_alike(tmp_path: Path) -> None:
    def to_30(document: dict[str, Any]) -> None:
        document["openapi"] = "3.0.3"
        document["x-webhooks"] = document.pop("webhooks")
        for schema in document["components"]["schemas"].values():
            tag = schema["properties"]["type"].pop("const")
            schema["properties"]["type"].update(type="string", enum=[tag])

    api, _ = _rewritten(tmp_path, to_30)
    union = api.schema("WebhookEvent")
    assert [v.tags for v in union.variants] == [
        ("batch.completed",),
        ("batch.failed",),
        ("file.uploaded",),
    ]


def test_one_webhook_is_the_payload_itself(tmp_path: Path) -> None:
    def one(document: dict[str, Any]) -> None:
        document["webhooks"] = {"batchCompleted": document["webhooks"]["batchCompleted"]}

    api, _ = _rewritten(tmp_path, one)
    assert api.webhook_payload == TypeRef("ref", ref="BatchCompleted")
    assert "WebhookEvent" not in {s.name for s in api.schemas}


def test_events_without_a_shared_constant_make_no_payload(tmp_path: Path) -> None:
    """Told apart by shape only, a body would parse as whichever event it happens to fit."""

    def untagged(document: dict[str, Any]) -> None:
        schemas = document["components"]["schemas"]
        schemas["BatchFailed"]["properties"]["type"] = {"type": "string"}

    api, _ = _rewritten(tmp_path, untagged)
    assert api.webhook_payload is None
    assert "WebhookEvent" not in {s.name for s in api.schemas}
    assert [w.event.ref for w in api.webhooks] == [
        "BatchCompleted",
        "BatchFailed",
        "FileUploadedEvent",
    ]  # still listed, each with its own model


def test_a_marked_payload_wins_over_the_webhooks_section(tmp_path: Path) -> None:
    def marked(document: dict[str, Any]) -> None:
        document["components"]["schemas"]["BatchFailed"]["x-webhook-payload"] = True

    api, _ = _rewritten(tmp_path, marked)
    assert api.webhook_payload == TypeRef("ref", ref="BatchFailed")
    assert "WebhookEvent" not in {s.name for s in api.schemas}
    # the marked schema declares no signing of its own: the document's top says it
    assert api.webhook_signing == WebhookSigning(header="Events-Signature", timestamp="created_at")


def test_each_listed_webhook_is_recorded_with_its_summary_and_event(parsed: Any) -> None:
    api, _ = parsed("features/webhooks_31.yaml")
    assert [(w.name, w.summary, w.event.ref) for w in api.webhooks] == [
        ("batchCompleted", "A batch finished", "BatchCompleted"),
        ("batchFailed", "A batch failed", "BatchFailed"),
        ("fileUploaded", "A file arrived", "FileUploadedEvent"),
    ]  # `ping` posts text, not a typed event
    pachca, _ = parsed("../../spec/pachca.yaml")
    assert pachca.webhooks == ()  # its payload is marked, no webhooks section


# -- events a header tells apart (GitHub's X-GitHub-Event, then the body's action) ------------


def test_a_header_tells_events_apart_where_the_body_cannot(parsed: Any) -> None:
    api, findings = parsed("features/webhooks_header.yaml")
    assert not findings
    # the header every webhook is sent with a value of, that leaves each value's events
    # told apart by their body: not User-Agent (one value for all)
    assert api.webhook_header == WebhookHeader(
        "X-Forge-Event",
        (("push", "WebhookPush"), ("issues", "IssuesWebhookEvent"), ("star", "StarCreatedEvent")),
    )
    # one value of several events: a union of them, tagged by `action`
    issues = api.schema("IssuesWebhookEvent")
    assert issues.discriminator is not None and issues.discriminator.property == "action"
    assert [(v.type.ref, v.tags) for v in issues.variants] == [
        ("WebhookIssuesOpened", ("opened",)),
        ("WebhookIssuesClosed", ("closed",)),  # its value from a one-value enum, not an example
        ("WebhookIssuesLabeled", ("labeled",)),  # of two shapes, each saying `labeled`
    ]
    # the payload: one type per header value
    assert api.webhook_payload == TypeRef("ref", ref="WebhookEvent")
    payload = api.schema("WebhookEvent")
    assert payload.discriminator is None
    assert [(v.type.ref, v.tags) for v in payload.variants] == [
        ("WebhookPush", ("push",)),
        ("IssuesWebhookEvent", ("issues",)),
        ("StarCreatedEvent", ("star",)),
    ]
    assert [(w.name, w.header_value) for w in api.webhooks] == [
        ("push", "push"),
        ("issues-opened", "issues"),
        ("issues-closed", "issues"),
        ("issues-labeled", "issues"),
        ("star-created", "star"),
    ]


def _forge(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Any:
    document = yaml.safe_load((FIXTURES / "features" / "webhooks_header.yaml").read_text("utf-8"))
    edit(document)
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    api, _ = parse_spec(load_spec(path))
    return api


def test_no_header_dispatch_when_a_values_events_cannot_be_told_apart(tmp_path: Path) -> None:
    def untagged(document: dict[str, Any]) -> None:
        closed = document["components"]["schemas"]["webhook-issues-closed"]
        closed["properties"]["action"] = {"type": "string"}

    api = _forge(tmp_path, untagged)
    assert api.webhook_header is None and api.webhook_payload is None
    assert all(w.header_value is None for w in api.webhooks)


def test_no_header_dispatch_when_a_webhook_states_no_value(tmp_path: Path) -> None:
    def unstated(document: dict[str, Any]) -> None:
        star = document["x-webhooks"]["star-created"]["post"]
        star["parameters"] = star["parameters"][:1]  # User-Agent only

    api = _forge(tmp_path, unstated)
    assert api.webhook_header is None and api.webhook_payload is None
