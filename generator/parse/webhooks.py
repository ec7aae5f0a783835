"""Incoming webhooks: which schema is the payload of every event, and how requests are signed.

No version of OpenAPI says how a webhook request is signed, so a generated verifier would
otherwise have to guess the header, the algorithm and the replay check. The payload schema
declares them with ``x-webhook-signature``::

    WebhookPayload:
      x-webhook-payload: true
      x-webhook-signature:
        header: Pachca-Signature    # carries the hex HMAC-SHA256 of the raw body
        algorithm: hmac-sha256      # the one supported (the default)
        timestamp: webhook_timestamp  # optional: the payload's send time, for replay checks

Without it the SDK parses events but offers no verifier; with a malformed one, a warning.
"""

from __future__ import annotations

from typing import Any

from ..ir import Schema, TypeRef, WebhookSigning
from .context import ParseContext, as_dict
from .schemas import SchemaRegistry

_FALLBACK_NAMES = ("WebhookPayload", "WebhookEvent")
_ALGORITHMS = ("hmac-sha256",)
_KEYS = ("header", "algorithm", "timestamp")


def webhook_payload(
    ctx: ParseContext, schemas: dict[str, Schema], registry: SchemaRegistry
) -> tuple[TypeRef | None, WebhookSigning | None]:
    """The payload (a schema marked ``x-webhook-payload``, else a union named as one) and its
    signing, when the payload schema declares it."""
    components = as_dict(as_dict(ctx.document.get("components")).get("schemas"))
    for key, raw in components.items():
        if isinstance(raw, dict) and raw.get("x-webhook-payload") is True:
            pointer = f"/components/schemas/{key}"
            name = registry.by_pointer.get(pointer)
            if name:
                return TypeRef("ref", ref=name), _signing(ctx, raw, pointer)
    for name in _FALLBACK_NAMES:
        schema = schemas.get(name)
        if schema is not None and schema.kind == "union":
            raw = components.get(name)
            pointer = f"/components/schemas/{name}"
            found = _signing(ctx, raw, pointer) if isinstance(raw, dict) else None
            return TypeRef("ref", ref=name), found
    return None, None


def _signing(ctx: ParseContext, raw: dict[str, Any], pointer: str) -> WebhookSigning | None:
    if "x-webhook-signature" not in raw:
        return None
    where = f"{pointer}/x-webhook-signature"
    declared = raw["x-webhook-signature"]
    if not isinstance(declared, dict):
        ctx.warn("x-webhook-signature must be a mapping (header, algorithm, timestamp)", where)
        return None
    for key in declared:
        if key not in _KEYS:
            ctx.warn(f"x-webhook-signature: unknown key {key!r} ignored", f"{where}/{key}")
    header = declared.get("header")
    if not isinstance(header, str) or not _is_header_name(header):
        ctx.warn(
            "x-webhook-signature needs `header`, an HTTP header name: no verifier is generated",
            f"{where}/header" if "header" in declared else where,
        )
        return None
    algorithm = declared.get("algorithm", "hmac-sha256")
    if algorithm not in _ALGORITHMS:
        ctx.warn(
            f"x-webhook-signature: algorithm {algorithm!r} is not supported (only"
            f" {', '.join(_ALGORITHMS)}): no verifier is generated",
            f"{where}/algorithm",
        )
        return None
    timestamp = declared.get("timestamp")
    if timestamp is not None and (not isinstance(timestamp, str) or not timestamp):
        ctx.warn(
            "x-webhook-signature: `timestamp` must name a payload property: no replay check",
            f"{where}/timestamp",
        )
        timestamp = None
    return WebhookSigning(header=header, timestamp=timestamp)


def _is_header_name(text: str) -> bool:
    """An RFC 9110 field name (a token): what may go into a header line unquoted."""
    allowed = "!#$%&'*+-.^_`|~"
    return bool(text) and all(c.isascii() and (c.isalnum() or c in allowed) for c in text)
