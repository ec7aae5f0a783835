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
    APITimeoutError,
    AsyncCursorPage,
    AsyncPaginator,
    AsyncStreamedAPIResponse,
    ConfigurationError,
    MissingFieldError,
    NotGiven,
    StreamedAPIResponse,
    SyncCursorPage,
    WebhookParseError,
    WebhookVerificationError,
)
from ._exceptions import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    GoneError,
    InternalServerError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
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
    "AsyncStreamedAPIResponse",
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
    "StreamedAPIResponse",
    "SyncCursorPage",
    "UnprocessableEntityError",
    "WebhookParseError",
    "WebhookVerificationError",
    "models",
]
