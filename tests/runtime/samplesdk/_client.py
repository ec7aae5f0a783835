from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._core import AsyncAPIClient, ErrorModels, StatusErrorClasses, SyncAPIClient

if TYPE_CHECKING:
    from .resources.chats import AsyncChatsService, ChatsService
    from .resources.exports import AsyncExportsService, ExportsService
    from .resources.messages import AsyncMessagesService, MessagesService
    from .resources.uploads import AsyncUploadsService, UploadsService

__all__ = ["AsyncSampleClient", "SampleClient"]


def _error_models() -> ErrorModels:
    """Error body models by status, for operations that name none of their own."""
    from .models import ApiError, OAuthError

    return {
        400: ApiError,
        401: OAuthError,
        403: OAuthError,
        404: ApiError,
        422: ApiError,
        "default": ApiError,
    }


class SampleClient(SyncAPIClient):
    """Synchronous client of the Sample API."""

    _token_env_var = "SAMPLE_TOKEN"
    _base_url_env_var = "SAMPLE_BASE_URL"
    _default_base_url = "https://api.example.test/v1"
    _sdk_name = "sample-python"
    _sdk_version = "1.2.3"
    _logger_name = "samplesdk"

    @cached_property
    def messages(self) -> MessagesService:
        from .resources.messages import MessagesService

        return MessagesService(self)

    @cached_property
    def chats(self) -> ChatsService:
        from .resources.chats import ChatsService

        return ChatsService(self)

    @cached_property
    def uploads(self) -> UploadsService:
        from .resources.uploads import UploadsService

        return UploadsService(self)

    @cached_property
    def exports(self) -> ExportsService:
        from .resources.exports import ExportsService

        return ExportsService(self)

    def _status_error_classes(self) -> StatusErrorClasses:
        from ._exceptions import STATUS_ERRORS

        return STATUS_ERRORS

    def _error_models(self) -> ErrorModels:
        return _error_models()


class AsyncSampleClient(AsyncAPIClient):
    """Asynchronous client of the Sample API."""

    _token_env_var = "SAMPLE_TOKEN"
    _base_url_env_var = "SAMPLE_BASE_URL"
    _default_base_url = "https://api.example.test/v1"
    _sdk_name = "sample-python"
    _sdk_version = "1.2.3"
    _logger_name = "samplesdk"

    @cached_property
    def messages(self) -> AsyncMessagesService:
        from .resources.messages import AsyncMessagesService

        return AsyncMessagesService(self)

    @cached_property
    def chats(self) -> AsyncChatsService:
        from .resources.chats import AsyncChatsService

        return AsyncChatsService(self)

    @cached_property
    def uploads(self) -> AsyncUploadsService:
        from .resources.uploads import AsyncUploadsService

        return AsyncUploadsService(self)

    @cached_property
    def exports(self) -> AsyncExportsService:
        from .resources.exports import AsyncExportsService

        return AsyncExportsService(self)

    def _status_error_classes(self) -> StatusErrorClasses:
        from ._exceptions import STATUS_ERRORS

        return STATUS_ERRORS

    def _error_models(self) -> ErrorModels:
        return _error_models()
