"""Webhooks: the payload schema, and how requests are signed — decided in parse, from the spec."""

from __future__ import annotations

from typing import Any

from generator.ir import TypeRef, WebhookSigning


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
