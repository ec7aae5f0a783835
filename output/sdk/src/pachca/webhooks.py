"""Incoming webhooks: check the signature, then parse the payload into its typed model."""

from __future__ import annotations

from typing import cast

from ._core import WebhookVerificationError, parse_webhook, verify_signature
from .types.webhook_payload import WebhookPayload

__all__ = ["WebhookVerificationError", "parse_event", "verify", "verify_and_parse"]

SIGNATURE_HEADER = "Pachca-Signature"
"""The HTTP header that carries the signature of a webhook request."""

TIMESTAMP_FIELD = "webhook_timestamp"
"""The payload property with the event's send time (unix seconds), checked against replays."""


def verify(
    raw_body: bytes | str, signature: str, secret: str, *, tolerance: int | None = 60
) -> None:
    """Raise :class:`WebhookVerificationError` unless ``signature`` is the HMAC-SHA256 of the
    raw body under ``secret`` and the event's :data:`TIMESTAMP_FIELD` is within ``tolerance``
    seconds of now (``None`` turns the replay check off)."""
    verify_signature(
        raw_body, signature, secret, timestamp_field=TIMESTAMP_FIELD, tolerance=tolerance
    )


def parse_event(raw_body: bytes | str) -> WebhookPayload:
    """Parse a webhook body into the typed payload (unknown event types parse too)."""
    return cast(WebhookPayload, parse_webhook(raw_body, WebhookPayload))


def verify_and_parse(
    raw_body: bytes | str, signature: str, secret: str, *, tolerance: int | None = 60
) -> WebhookPayload:
    """:func:`verify`, then :func:`parse_event`."""
    verify(raw_body, signature, secret, tolerance=tolerance)
    return parse_event(raw_body)
