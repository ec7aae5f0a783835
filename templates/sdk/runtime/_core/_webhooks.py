"""Webhook signature verification and parsing."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from typing import Any, TypeVar, overload

import pydantic

from ._exceptions import WebhookParseError, WebhookVerificationError
from ._utils import validate_as

__all__ = ["compute_signature", "header_value", "parse_webhook", "verify_signature"]

_T = TypeVar("_T")


def _to_bytes(raw_body: bytes | str) -> bytes:
    return raw_body.encode("utf-8") if isinstance(raw_body, str) else bytes(raw_body)


def compute_signature(raw_body: bytes | str, secret: str) -> str:
    """Hex HMAC-SHA256 of the raw request body keyed with ``secret``."""
    return hmac.new(secret.encode("utf-8"), _to_bytes(raw_body), hashlib.sha256).hexdigest()


def verify_signature(
    raw_body: bytes | str,
    signature: str,
    secret: str,
    *,
    timestamp_field: str | None,
    tolerance: int | None = 60,
    now: float | None = None,
) -> None:
    """Check a webhook's signature header and freshness; raise if anything is off.

    ``raw_body`` must be the exact bytes received (not re-serialized JSON).  The
    signature is the hex HMAC-SHA256 of the body (an optional ``sha256=`` prefix is
    accepted), compared in constant time.  Unless ``timestamp_field`` or ``tolerance`` is
    ``None``, the body's ``timestamp_field`` (unix seconds) must be within ``tolerance``
    seconds of ``now`` (default: the current time) in either direction.

    Raises:
        WebhookVerificationError: with the reason in its message.
    """
    if not secret:
        raise WebhookVerificationError("webhook secret is empty")
    if not signature or not signature.strip():
        raise WebhookVerificationError("missing webhook signature")
    given = signature.strip()
    if given.lower().startswith("sha256="):
        given = given[len("sha256=") :]
    expected = compute_signature(raw_body, secret)
    if not hmac.compare_digest(expected.encode("ascii"), given.lower().encode("utf-8")):
        raise WebhookVerificationError("webhook signature does not match")
    if timestamp_field is None or tolerance is None:
        return
    try:
        payload = json.loads(_to_bytes(raw_body))
    except ValueError as exc:
        raise WebhookVerificationError("webhook body is not valid JSON") from exc
    timestamp = payload.get(timestamp_field) if isinstance(payload, dict) else None
    if isinstance(timestamp, str):
        try:
            timestamp = float(timestamp)
        except ValueError:
            timestamp = None
    if not isinstance(timestamp, int | float) or isinstance(timestamp, bool):
        raise WebhookVerificationError(f"webhook body has no numeric {timestamp_field!r}")
    current = time.time() if now is None else now
    age = current - float(timestamp)
    if age > tolerance:
        raise WebhookVerificationError(
            f"webhook is too old: sent {age:.0f} s ago (tolerance {tolerance} s)"
        )
    if age < -tolerance:
        raise WebhookVerificationError(
            f"webhook timestamp is {-age:.0f} s in the future (tolerance {tolerance} s)"
        )


@overload
def parse_webhook(raw_body: bytes | str, type_: type[_T]) -> _T: ...


@overload
def parse_webhook(raw_body: bytes | str, type_: object) -> Any: ...


def parse_webhook(raw_body: bytes | str, type_: object) -> Any:
    """Parse a webhook body into ``type_`` (a model or e.g. a discriminated union).

    Raises:
        WebhookParseError: the body is not JSON or matches none of the event types.
    """
    try:
        payload = json.loads(_to_bytes(raw_body))
    except ValueError as exc:
        raise WebhookParseError(f"webhook body is not valid JSON: {exc}") from exc
    try:
        return validate_as(type_, payload)
    except pydantic.ValidationError as exc:
        raise WebhookParseError(f"webhook body does not match the expected type: {exc}") from exc


def header_value(headers: Mapping[str, str], name: str) -> str | None:
    """The value of the header ``name`` in ``headers``, however its name is spelled there
    (a plain dict of a framework's headers keeps their case; HTTP names ignore it)."""
    found = headers.get(name)
    if found is None:
        wanted = name.lower()
        found = next((value for key, value in headers.items() if key.lower() == wanted), None)
    return found
