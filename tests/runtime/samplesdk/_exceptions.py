"""Status exceptions with ``error`` typed per status, as the generator writes them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _core
from ._core import StatusErrorClasses

if TYPE_CHECKING:
    from .models import ApiError, OAuthError

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
    """An error status; ``error`` is one of the documented error models, or None."""

    error: ApiError | OAuthError | None


class BadRequestError(APIStatusError, _core.BadRequestError):
    error: ApiError | None


class AuthenticationError(APIStatusError, _core.AuthenticationError):
    error: OAuthError | ApiError | None


class PaymentRequiredError(APIStatusError, _core.PaymentRequiredError):
    error: ApiError | None


class PermissionDeniedError(APIStatusError, _core.PermissionDeniedError):
    error: OAuthError | ApiError | None


class NotFoundError(APIStatusError, _core.NotFoundError):
    error: ApiError | None


class ConflictError(APIStatusError, _core.ConflictError):
    error: ApiError | None


class GoneError(APIStatusError, _core.GoneError):
    error: ApiError | None


class UnprocessableEntityError(APIStatusError, _core.UnprocessableEntityError):
    error: ApiError | None


class RateLimitError(APIStatusError, _core.RateLimitError):
    error: ApiError | None


class InternalServerError(APIStatusError, _core.InternalServerError):
    error: ApiError | None


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
