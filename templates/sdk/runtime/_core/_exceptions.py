"""Exceptions raised by the SDK.  Every one of them derives from :class:`APIError`."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx

from ._retry import parse_retry_after

__all__ = [
    "DEFAULT_STATUS_ERRORS",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "GoneError",
    "InternalServerError",
    "MissingFieldError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "StatusErrorClasses",
    "UnprocessableEntityError",
    "WebhookParseError",
    "WebhookVerificationError",
    "extract_error_message",
    "make_status_error",
]

_MAX_MESSAGE = 300


class APIError(Exception):
    """Base class of every exception the SDK raises."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigurationError(APIError):
    """The client was set up incorrectly (e.g. no API token) or called with bad arguments."""


class APIConnectionError(APIError):
    """The request never produced an HTTP response (DNS, refused connection, reset, …)."""

    request: httpx.Request | None

    def __init__(
        self, message: str = "Connection error.", *, request: httpx.Request | None
    ) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """The request timed out."""

    def __init__(
        self, message: str = "Request timed out.", *, request: httpx.Request | None
    ) -> None:
        super().__init__(message, request=request)


class APIResponseValidationError(APIError):
    """A successful response whose body does not match the documented schema."""

    response: httpx.Response
    status_code: int
    body: object

    def __init__(self, message: str, *, response: httpx.Response, body: object) -> None:
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.body = body


class MissingFieldError(APIError, AttributeError):
    """Reading a required field the server left out of a leniently parsed response.

    Responses that do not match their schema are returned anyway (a warning is logged)
    unless the client was made with ``strict_response_validation=True``; the fields they
    lack raise this error, which is also an :class:`AttributeError`, when read.
    """


class APIStatusError(APIError):
    """The server answered with a 4xx/5xx status.

    Attributes:
        status_code: the HTTP status.
        response: the :class:`httpx.Response`.
        request: the :class:`httpx.Request` that was sent.
        body: the decoded JSON body, the raw text when it is not JSON, or ``None`` when empty.
        error: ``body`` parsed into the operation's error model for this status, or ``None``
            when it does not validate against any of them (generated SDKs narrow its type
            per status class).
        retry_after: seconds the server asked to wait (``Retry-After`` / ``retry-after-ms``),
            or ``None`` when it did not say.
    """

    response: httpx.Response
    request: httpx.Request
    status_code: int
    body: object
    error: Any
    retry_after: float | None

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: object,
        error: Any = None,
    ) -> None:
        super().__init__(message)
        self.response = response
        self.request = response.request
        self.status_code = response.status_code
        self.body = body
        self.error = error
        self.retry_after = parse_retry_after(response.headers)


class BadRequestError(APIStatusError):
    """HTTP 400."""


class AuthenticationError(APIStatusError):
    """HTTP 401."""


class PaymentRequiredError(APIStatusError):
    """HTTP 402."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403."""


class NotFoundError(APIStatusError):
    """HTTP 404."""


class ConflictError(APIStatusError):
    """HTTP 409."""


class GoneError(APIStatusError):
    """HTTP 410."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422."""


class RateLimitError(APIStatusError):
    """HTTP 429.

    Raised after the retries, or at once when ``Retry-After`` asks for longer than the
    client's ``max_retry_after``; ``retry_after`` then says how long to wait.
    """


class InternalServerError(APIStatusError):
    """HTTP 5xx."""


class WebhookVerificationError(APIError):
    """A webhook's signature or timestamp could not be verified."""


class WebhookParseError(WebhookVerificationError):
    """A webhook body is not valid JSON or does not match any known event type."""


StatusErrorClasses = Mapping[int | str, type[APIStatusError]]
"""The exception class raised for a status: by code, ``"5XX"`` for any server error and
``"default"`` for the rest.  A generated SDK passes subclasses whose ``error`` attribute
is typed with the spec's error models."""

DEFAULT_STATUS_ERRORS: StatusErrorClasses = {
    400: BadRequestError,
    401: AuthenticationError,
    402: PaymentRequiredError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    410: GoneError,
    422: UnprocessableEntityError,
    429: RateLimitError,
    "5XX": InternalServerError,
    "default": APIStatusError,
}


def _status_error_class(status: int, classes: StatusErrorClasses) -> type[APIStatusError]:
    found = classes.get(status) or (classes.get("5XX") if status >= 500 else None)
    return found or classes.get("default") or APIStatusError


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _MAX_MESSAGE:
        text = text[: _MAX_MESSAGE - 1] + "…"
    return text


_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<[^>]+>")


def _message_from_item(item: object) -> str | None:
    if isinstance(item, str):
        return item
    if not isinstance(item, dict):
        return None
    message = item.get("message") or item.get("detail") or item.get("title")
    key = item.get("key") or item.get("field")
    value = item.get("value")
    parts: list[str] = []
    if isinstance(key, str) and key:
        parts.append(f"{key}:")
    if isinstance(message, str) and message:
        parts.append(message)
    elif value is not None:
        parts.append(str(value))
    return " ".join(parts) or None


def extract_error_message(body: object) -> str:
    """Best-effort human message from an error body (JSON value or text)."""
    if body is None:
        return ""
    if isinstance(body, str):
        title = _TITLE_RE.search(body)
        text = title.group(1) if title else _TAG_RE.sub(" ", body)
        return _shorten(text)
    if isinstance(body, dict):
        for key in ("message", "error_description", "detail", "title"):
            value = body.get(key)
            if isinstance(value, str) and value:
                error = body.get("error")
                if key == "error_description" and isinstance(error, str) and error:
                    return _shorten(f"{error}: {value}")
                return _shorten(value)
        error = body.get("error")
        if isinstance(error, str) and error:
            return _shorten(error)
        if isinstance(error, dict):
            nested = extract_error_message(error)
            if nested:
                return nested
        errors = body.get("errors")
        if isinstance(errors, list):
            messages = [m for m in (_message_from_item(item) for item in errors) if m]
            if messages:
                return _shorten("; ".join(messages))
    if isinstance(body, list):
        messages = [m for m in (_message_from_item(item) for item in body) if m]
        if messages:
            return _shorten("; ".join(messages))
    try:
        return _shorten(json.dumps(body, ensure_ascii=False, default=str))
    except (TypeError, ValueError):
        return _shorten(repr(body))


def make_status_error(
    response: httpx.Response,
    *,
    body: object,
    error: Any,
    classes: StatusErrorClasses = DEFAULT_STATUS_ERRORS,
) -> APIStatusError:
    """Build the :class:`APIStatusError` subclass that matches ``response.status_code``."""
    status = response.status_code
    request = response.request
    reason = response.reason_phrase
    head = f"{status} {reason}".strip()
    message = f"{head} for {request.method} {request.url}"
    detail = extract_error_message(body)
    if detail:
        message = f"{message}: {detail}"
    error_class = _status_error_class(status, classes)
    return error_class(message, response=response, body=body, error=error)
