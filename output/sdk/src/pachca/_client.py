"""PachcaClient and AsyncPachcaClient: the entry points of the SDK."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._core import AsyncAPIClient, ErrorModels, StatusErrorClasses, SyncAPIClient
from ._version import __version__

if TYPE_CHECKING:
    from .resources.bots import AsyncBotsService, BotsService
    from .resources.chats import AsyncChatsService, ChatsService
    from .resources.files import AsyncFilesService, FilesService
    from .resources.group_tags import AsyncGroupTagsService, GroupTagsService
    from .resources.members import AsyncMembersService, MembersService
    from .resources.messages import AsyncMessagesService, MessagesService
    from .resources.profile import AsyncProfileService, ProfileService
    from .resources.reactions import AsyncReactionsService, ReactionsService
    from .resources.search import AsyncSearchService, SearchService
    from .resources.security import AsyncSecurityService, SecurityService
    from .resources.tasks import AsyncTasksService, TasksService
    from .resources.threads import AsyncThreadsService, ThreadsService
    from .resources.users import AsyncUsersService, UsersService
    from .resources.views import AsyncViewsService, ViewsService
    from .resources.webhooks import AsyncWebhooksService, WebhooksService

__all__ = ["AsyncPachcaClient", "PachcaClient"]


def _error_models() -> ErrorModels:
    """Error body models by status (the code, its ``4XX`` range, ``default``): for each, the
    model the API's operations document; an operation documenting others passes its own."""
    from .types.api_error import ApiError
    from .types.oauth_error import OAuthError

    return {
        400: ApiError,
        401: OAuthError,
        402: ApiError,
        403: OAuthError,
        404: ApiError,
        410: ApiError,
        422: ApiError,
        429: ApiError,
    }


class PachcaClient(SyncAPIClient):
    """Synchronous client for the Pachca API.

    The token is read from ``PACHCA_TOKEN`` when not given. Use it as a context manager, or call
    ``close()``, to release the connection pool.
    """

    _token_env_var = "PACHCA_TOKEN"
    _base_url_env_var = "PACHCA_BASE_URL"
    _default_base_url = "https://api.pachca.com/api/shared/v1"
    _sdk_name = "pachca-python"
    _sdk_version = __version__
    _logger_name = "pachca"

    def _status_error_classes(self) -> StatusErrorClasses:
        """This SDK's exception classes, whose ``error`` is typed with the API's models."""
        from ._exceptions import STATUS_ERRORS

        return STATUS_ERRORS

    def _error_models(self) -> ErrorModels:
        """The error models of the API by status, for operations that name none of their own."""
        return _error_models()

    @cached_property
    def messages(self) -> MessagesService:
        """Post messages to chats, threads and direct conversations, read chat history,
        edit, delete and pin messages.
        """
        from .resources.messages import MessagesService

        return MessagesService(self)

    @cached_property
    def chats(self) -> ChatsService:
        """Create group chats and channels, list and inspect them, rename them and move
        them in and out of the archive.
        """
        from .resources.chats import ChatsService

        return ChatsService(self)

    @cached_property
    def members(self) -> MembersService:
        """Control who takes part in a chat — individual users, whole group tags, member
        roles — and leave chats.
        """
        from .resources.members import MembersService

        return MembersService(self)

    @cached_property
    def users(self) -> UsersService:
        """The company's employee directory — add, look up, edit and remove employees and
        manage their statuses.
        """
        from .resources.users import UsersService

        return UsersService(self)

    @cached_property
    def group_tags(self) -> GroupTagsService:
        """Named groups of employees that can be managed centrally and added to chats all
        at once.
        """
        from .resources.group_tags import GroupTagsService

        return GroupTagsService(self)

    @cached_property
    def reactions(self) -> ReactionsService:
        """Emoji reactions that users put on messages."""
        from .resources.reactions import ReactionsService

        return ReactionsService(self)

    @cached_property
    def threads(self) -> ThreadsService:
        """Comment threads that hang off a message (or stand alone) and have their own
        chat.
        """
        from .resources.threads import ThreadsService

        return ThreadsService(self)

    @cached_property
    def tasks(self) -> TasksService:
        """Reminders, calls, meetings and other tasks with due dates and assignees,
        optionally bound to a chat.
        """
        from .resources.tasks import TasksService

        return TasksService(self)

    @cached_property
    def search(self) -> SearchService:
        """Full-text search across messages, employees and chats, with filters and
        relevance sorting.
        """
        from .resources.search import SearchService

        return SearchService(self)

    @cached_property
    def files(self) -> FilesService:
        """Two-step upload of files to object storage so they can be attached to messages."""
        from .resources.files import FilesService

        return FilesService(self)

    @cached_property
    def webhooks(self) -> WebhooksService:
        """A bot's stored event history, for polling events instead of receiving them on a
        webhook URL.
        """
        from .resources.webhooks import WebhooksService

        return WebhooksService(self)

    @cached_property
    def views(self) -> ViewsService:
        """Interactive modal forms that a bot shows to a user after a button click."""
        from .resources.views import ViewsService

        return ViewsService(self)

    @cached_property
    def bots(self) -> BotsService:
        """Bots the caller manages — create them, change their names and webhooks, replace
        their tokens, delete them.
        """
        from .resources.bots import BotsService

        return BotsService(self)

    @cached_property
    def security(self) -> SecurityService:
        """The workspace audit log of security-relevant actions (Corporation plan only)."""
        from .resources.security import SecurityService

        return SecurityService(self)

    @cached_property
    def profile(self) -> ProfileService:
        """The profile, status and access token of the user or bot making the request."""
        from .resources.profile import ProfileService

        return ProfileService(self)


class AsyncPachcaClient(AsyncAPIClient):
    """Asynchronous client for the Pachca API; the same surface as PachcaClient."""

    _token_env_var = "PACHCA_TOKEN"
    _base_url_env_var = "PACHCA_BASE_URL"
    _default_base_url = "https://api.pachca.com/api/shared/v1"
    _sdk_name = "pachca-python"
    _sdk_version = __version__
    _logger_name = "pachca"

    def _status_error_classes(self) -> StatusErrorClasses:
        """This SDK's exception classes, whose ``error`` is typed with the API's models."""
        from ._exceptions import STATUS_ERRORS

        return STATUS_ERRORS

    def _error_models(self) -> ErrorModels:
        """The error models of the API by status, for operations that name none of their own."""
        return _error_models()

    @cached_property
    def messages(self) -> AsyncMessagesService:
        """Post messages to chats, threads and direct conversations, read chat history,
        edit, delete and pin messages.
        """
        from .resources.messages import AsyncMessagesService

        return AsyncMessagesService(self)

    @cached_property
    def chats(self) -> AsyncChatsService:
        """Create group chats and channels, list and inspect them, rename them and move
        them in and out of the archive.
        """
        from .resources.chats import AsyncChatsService

        return AsyncChatsService(self)

    @cached_property
    def members(self) -> AsyncMembersService:
        """Control who takes part in a chat — individual users, whole group tags, member
        roles — and leave chats.
        """
        from .resources.members import AsyncMembersService

        return AsyncMembersService(self)

    @cached_property
    def users(self) -> AsyncUsersService:
        """The company's employee directory — add, look up, edit and remove employees and
        manage their statuses.
        """
        from .resources.users import AsyncUsersService

        return AsyncUsersService(self)

    @cached_property
    def group_tags(self) -> AsyncGroupTagsService:
        """Named groups of employees that can be managed centrally and added to chats all
        at once.
        """
        from .resources.group_tags import AsyncGroupTagsService

        return AsyncGroupTagsService(self)

    @cached_property
    def reactions(self) -> AsyncReactionsService:
        """Emoji reactions that users put on messages."""
        from .resources.reactions import AsyncReactionsService

        return AsyncReactionsService(self)

    @cached_property
    def threads(self) -> AsyncThreadsService:
        """Comment threads that hang off a message (or stand alone) and have their own
        chat.
        """
        from .resources.threads import AsyncThreadsService

        return AsyncThreadsService(self)

    @cached_property
    def tasks(self) -> AsyncTasksService:
        """Reminders, calls, meetings and other tasks with due dates and assignees,
        optionally bound to a chat.
        """
        from .resources.tasks import AsyncTasksService

        return AsyncTasksService(self)

    @cached_property
    def search(self) -> AsyncSearchService:
        """Full-text search across messages, employees and chats, with filters and
        relevance sorting.
        """
        from .resources.search import AsyncSearchService

        return AsyncSearchService(self)

    @cached_property
    def files(self) -> AsyncFilesService:
        """Two-step upload of files to object storage so they can be attached to messages."""
        from .resources.files import AsyncFilesService

        return AsyncFilesService(self)

    @cached_property
    def webhooks(self) -> AsyncWebhooksService:
        """A bot's stored event history, for polling events instead of receiving them on a
        webhook URL.
        """
        from .resources.webhooks import AsyncWebhooksService

        return AsyncWebhooksService(self)

    @cached_property
    def views(self) -> AsyncViewsService:
        """Interactive modal forms that a bot shows to a user after a button click."""
        from .resources.views import AsyncViewsService

        return AsyncViewsService(self)

    @cached_property
    def bots(self) -> AsyncBotsService:
        """Bots the caller manages — create them, change their names and webhooks, replace
        their tokens, delete them.
        """
        from .resources.bots import AsyncBotsService

        return AsyncBotsService(self)

    @cached_property
    def security(self) -> AsyncSecurityService:
        """The workspace audit log of security-relevant actions (Corporation plan only)."""
        from .resources.security import AsyncSecurityService

        return AsyncSecurityService(self)

    @cached_property
    def profile(self) -> AsyncProfileService:
        """The profile, status and access token of the user or bot making the request."""
        from .resources.profile import AsyncProfileService

        return AsyncProfileService(self)
