"""A hand-written stand-in for a generated SDK, used by the runtime tests.

It is written exactly the way the generator emits code; ``conftest.py`` copies it next to
a fresh copy of ``templates/sdk/runtime/_core`` under a unique package name.
"""

from . import models
from ._client import AsyncSampleClient, SampleClient
from ._core import (
    NOT_GIVEN,
    APIConnectionError,
    APIError,
    APIResponse,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncCursorPage,
    AsyncPaginator,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    GoneError,
    InternalServerError,
    MissingFieldError,
    NotFoundError,
    NotGiven,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    SyncCursorPage,
    UnprocessableEntityError,
    WebhookParseError,
    WebhookVerificationError,
)

__version__ = "1.2.3"

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncCursorPage",
    "AsyncPaginator",
    "AsyncSampleClient",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "GoneError",
    "InternalServerError",
    "MissingFieldError",
    "NotFoundError",
    "NotGiven",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "SampleClient",
    "SyncCursorPage",
    "UnprocessableEntityError",
    "WebhookParseError",
    "WebhookVerificationError",
    "models",
]
