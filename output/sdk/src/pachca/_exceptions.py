"""The SDK's exceptions for error statuses, with `error` typed by the API's error models.

`except NotFoundError as exc:` then knows what `exc.error` can be. Each class is also the
runtime class of the same name, so `pachca._core` exceptions catch them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _core
from ._core import StatusErrorClasses

if TYPE_CHECKING:
    from . import types as _types

__all__ = [
    "STATUS_ERRORS",
    "APIStatusError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "GoneError",
    "InternalServerError",
    "NotFoundError",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
]


class APIStatusError(_core.APIStatusError):
    """An error status. `error` is the body parsed into one of the error models the API documents
    for that status, or None when it fits none (the raw body is in `body`).
    """

    error: _types.ApiError | _types.OAuthError | None


class BadRequestError(APIStatusError, _core.BadRequestError):
    """HTTP 400."""

    error: _types.ApiError | None


class AuthenticationError(APIStatusError, _core.AuthenticationError):
    """HTTP 401."""

    error: _types.OAuthError | None


class PaymentRequiredError(APIStatusError, _core.PaymentRequiredError):
    """HTTP 402."""

    error: _types.ApiError | None


class PermissionDeniedError(APIStatusError, _core.PermissionDeniedError):
    """HTTP 403."""

    error: _types.OAuthError | None


class NotFoundError(APIStatusError, _core.NotFoundError):
    """HTTP 404."""

    error: _types.ApiError | None


class ConflictError(APIStatusError, _core.ConflictError):
    """HTTP 409."""

    error: None


class GoneError(APIStatusError, _core.GoneError):
    """HTTP 410."""

    error: _types.ApiError | None


class UnprocessableEntityError(APIStatusError, _core.UnprocessableEntityError):
    """HTTP 422."""

    error: _types.ApiError | None


class RateLimitError(APIStatusError, _core.RateLimitError):
    """HTTP 429."""

    error: _types.ApiError | None


class InternalServerError(APIStatusError, _core.InternalServerError):
    """HTTP 5xx."""

    error: None


STATUS_ERRORS: StatusErrorClasses = {
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
