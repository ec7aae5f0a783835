"""Python SDK for the Pachca API.

``from pachca import PachcaClient``: models, errors and helpers are importable from here too.
Everything is imported lazily, on first use, so ``import pachca`` stays fast however large the
API is.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from . import webhooks
    from ._client import AsyncPachcaClient, PachcaClient
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
        BaseModel,
        ConfigurationError,
        FileInput,
        MissingFieldError,
        NotGiven,
        RequestOptions,
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
    from .types.access_token_info import AccessTokenInfo
    from .types.add_members_request import AddMembersRequest
    from .types.add_tags_request import AddTagsRequest
    from .types.api_error import ApiError
    from .types.api_error_item import ApiErrorItem
    from .types.audit_details_bot import AuditDetailsBot
    from .types.audit_details_bot_oauth_client import AuditDetailsBotOAuthClient
    from .types.audit_details_bot_scopes import AuditDetailsBotScopes
    from .types.audit_details_bot_webhook_settings import AuditDetailsBotWebhookSettings
    from .types.audit_details_chat_id import AuditDetailsChatId
    from .types.audit_details_chat_permission import AuditDetailsChatPermission
    from .types.audit_details_chat_renamed import AuditDetailsChatRenamed
    from .types.audit_details_dlp import AuditDetailsDlp
    from .types.audit_details_initiator import AuditDetailsInitiator
    from .types.audit_details_inviter import AuditDetailsInviter
    from .types.audit_details_kms import AuditDetailsKms
    from .types.audit_details_oauth_authorization_granted import (
        AuditDetailsOAuthAuthorizationGranted,
    )
    from .types.audit_details_oauth_authorization_revoked import (
        AuditDetailsOAuthAuthorizationRevoked,
    )
    from .types.audit_details_role_changed import AuditDetailsRoleChanged
    from .types.audit_details_search import AuditDetailsSearch
    from .types.audit_details_tag_chat import AuditDetailsTagChat
    from .types.audit_details_tag_name import AuditDetailsTagName
    from .types.audit_details_token_scopes import AuditDetailsTokenScopes
    from .types.audit_details_user_updated import AuditDetailsUserUpdated
    from .types.audit_details_video_call_finished import AuditDetailsVideoCallFinished
    from .types.audit_details_video_call_recording import AuditDetailsVideoCallRecording
    from .types.audit_details_video_call_started import AuditDetailsVideoCallStarted
    from .types.audit_event import AuditEvent
    from .types.audit_event_details import AuditEventDetails
    from .types.audit_event_key import AuditEventKey, AuditEventKeyValue
    from .types.avatar import Avatar
    from .types.avatar_upload_request import AvatarUploadRequest
    from .types.bot import Bot
    from .types.bot_add_policy import BotAddPolicy
    from .types.bot_create_request import BotCreateRequest
    from .types.bot_create_request_webhook import BotCreateRequestWebhook
    from .types.bot_editor_role import BotEditorRole
    from .types.bot_event import BotEvent, BotEventValue
    from .types.bot_settings import BotSettings
    from .types.bot_template_engine import BotTemplateEngine
    from .types.bot_trigger import BotTrigger
    from .types.bot_update_request import BotUpdateRequest
    from .types.bot_update_request_webhook import BotUpdateRequestWebhook
    from .types.bot_webhook_url import BotWebhookUrl
    from .types.bot_webhook_url_request import BotWebhookUrlRequest
    from .types.bot_with_token import BotWithToken
    from .types.button import Button
    from .types.button_webhook_payload import ButtonWebhookPayload
    from .types.chat import Chat
    from .types.chat_availability import ChatAvailability
    from .types.chat_create_request import ChatCreateRequest
    from .types.chat_create_request_chat import ChatCreateRequestChat
    from .types.chat_member_role import ChatMemberRole
    from .types.chat_member_role_filter import ChatMemberRoleFilter, ChatMemberRoleFilterValue
    from .types.chat_member_webhook_payload import ChatMemberWebhookPayload
    from .types.chat_sort_field import ChatSortField
    from .types.chat_subtype import ChatSubtype
    from .types.chat_update_request import ChatUpdateRequest
    from .types.chat_update_request_chat import ChatUpdateRequestChat
    from .types.company_member_webhook_payload import CompanyMemberWebhookPayload
    from .types.create_bot_response import CreateBotResponse
    from .types.create_chat_response import CreateChatResponse
    from .types.create_group_tag_response import CreateGroupTagResponse
    from .types.create_message_response import CreateMessageResponse
    from .types.create_standalone_thread_response import CreateStandaloneThreadResponse
    from .types.create_task_response import CreateTaskResponse
    from .types.create_thread_response import CreateThreadResponse
    from .types.create_user_response import CreateUserResponse
    from .types.custom_property import CustomProperty
    from .types.custom_property_data_type import CustomPropertyDataType
    from .types.custom_property_definition import CustomPropertyDefinition
    from .types.custom_property_entity_type import CustomPropertyEntityType
    from .types.export_request import ExportRequest
    from .types.file import File
    from .types.file_type import FileType
    from .types.file_upload_request import FileUploadRequest
    from .types.forwarding import Forwarding
    from .types.get_audit_events_response import GetAuditEventsResponse
    from .types.get_bot_response import GetBotResponse
    from .types.get_chat_response import GetChatResponse
    from .types.get_custom_properties_response import GetCustomPropertiesResponse
    from .types.get_group_tag_response import GetGroupTagResponse
    from .types.get_message_response import GetMessageResponse
    from .types.get_profile_response import GetProfileResponse
    from .types.get_profile_status_response import GetProfileStatusResponse
    from .types.get_task_response import GetTaskResponse
    from .types.get_thread_response import GetThreadResponse
    from .types.get_token_info_response import GetTokenInfoResponse
    from .types.get_user_response import GetUserResponse
    from .types.get_user_status_response import GetUserStatusResponse
    from .types.group_tag import GroupTag
    from .types.group_tag_request import GroupTagRequest
    from .types.group_tag_request_group_tag import GroupTagRequestGroupTag
    from .types.invite_status import InviteStatus
    from .types.link_preview import LinkPreview
    from .types.link_preview_image import LinkPreviewImage
    from .types.link_previews_request import LinkPreviewsRequest
    from .types.link_shared_webhook_payload import LinkSharedWebhookPayload
    from .types.list_bots_response import ListBotsResponse
    from .types.list_chat_members_response import ListChatMembersResponse
    from .types.list_chats_response import ListChatsResponse
    from .types.list_group_tag_users_response import ListGroupTagUsersResponse
    from .types.list_group_tags_response import ListGroupTagsResponse
    from .types.list_messages_response import ListMessagesResponse
    from .types.list_reactions_response import ListReactionsResponse
    from .types.list_read_members_response import ListReadMembersResponse
    from .types.list_tasks_response import ListTasksResponse
    from .types.list_threads_response import ListThreadsResponse
    from .types.list_users_response import ListUsersResponse
    from .types.list_webhook_events_response import ListWebhookEventsResponse
    from .types.member_event_type import MemberEventType
    from .types.message import Message
    from .types.message_create_file import MessageCreateFile
    from .types.message_create_request import MessageCreateRequest
    from .types.message_create_request_message import MessageCreateRequestMessage
    from .types.message_entity_type import MessageEntityType
    from .types.message_search_sort import MessageSearchSort
    from .types.message_sort_field import MessageSortField
    from .types.message_thread import MessageThread
    from .types.message_update_file import MessageUpdateFile
    from .types.message_update_request import MessageUpdateRequest
    from .types.message_update_request_message import MessageUpdateRequestMessage
    from .types.message_webhook_payload import MessageWebhookPayload
    from .types.oauth_error import OAuthError
    from .types.oauth_scope import OAuthScope, OAuthScopeValue
    from .types.open_view_request import OpenViewRequest
    from .types.pagination_cursors import PaginationCursors
    from .types.pagination_meta import PaginationMeta
    from .types.reaction import Reaction
    from .types.reaction_event_type import ReactionEventType
    from .types.reaction_request import ReactionRequest
    from .types.reaction_webhook_payload import ReactionWebhookPayload
    from .types.rotate_bot_token_response import RotateBotTokenResponse
    from .types.rotate_own_bot_token_response import RotateOwnBotTokenResponse
    from .types.search_chats_response import SearchChatsResponse
    from .types.search_messages_response import SearchMessagesResponse
    from .types.search_pagination_cursors import SearchPaginationCursors
    from .types.search_pagination_meta import SearchPaginationMeta
    from .types.search_sort_order import SearchSortOrder
    from .types.search_users_response import SearchUsersResponse
    from .types.sort_order import SortOrder
    from .types.status_update_request import StatusUpdateRequest
    from .types.status_update_request_status import StatusUpdateRequestStatus
    from .types.task import Task
    from .types.task_create_request import TaskCreateRequest
    from .types.task_create_request_task import TaskCreateRequestTask
    from .types.task_custom_property_value import TaskCustomPropertyValue
    from .types.task_kind import TaskKind, TaskKindValue
    from .types.task_status import TaskStatus
    from .types.task_update_request import TaskUpdateRequest
    from .types.task_update_request_task import TaskUpdateRequestTask
    from .types.thread import Thread
    from .types.update_bot_response import UpdateBotResponse
    from .types.update_chat_response import UpdateChatResponse
    from .types.update_group_tag_response import UpdateGroupTagResponse
    from .types.update_member_role_request import UpdateMemberRoleRequest
    from .types.update_message_response import UpdateMessageResponse
    from .types.update_own_bot_webhook_response import UpdateOwnBotWebhookResponse
    from .types.update_profile_avatar_response import UpdateProfileAvatarResponse
    from .types.update_profile_status_response import UpdateProfileStatusResponse
    from .types.update_task_response import UpdateTaskResponse
    from .types.update_user_avatar_response import UpdateUserAvatarResponse
    from .types.update_user_response import UpdateUserResponse
    from .types.update_user_status_response import UpdateUserStatusResponse
    from .types.upload_params import UploadParams
    from .types.user import User
    from .types.user_create_request import UserCreateRequest
    from .types.user_create_request_user import UserCreateRequestUser
    from .types.user_create_role import UserCreateRole
    from .types.user_custom_property_value import UserCustomPropertyValue
    from .types.user_event_type import UserEventType, UserEventTypeValue
    from .types.user_role import UserRole
    from .types.user_role_input import UserRoleInput
    from .types.user_status import UserStatus
    from .types.user_status_away_message import UserStatusAwayMessage
    from .types.user_update_request import UserUpdateRequest
    from .types.user_update_request_user import UserUpdateRequestUser
    from .types.validation_error_code import ValidationErrorCode, ValidationErrorCodeValue
    from .types.video_call_event_type import VideoCallEventType
    from .types.video_call_webhook_payload import VideoCallWebhookPayload
    from .types.view import View
    from .types.view_block import ViewBlock
    from .types.view_block_checkbox import ViewBlockCheckbox
    from .types.view_block_checkbox_option import ViewBlockCheckboxOption
    from .types.view_block_date import ViewBlockDate
    from .types.view_block_divider import ViewBlockDivider
    from .types.view_block_file_input import ViewBlockFileInput
    from .types.view_block_header import ViewBlockHeader
    from .types.view_block_input import ViewBlockInput
    from .types.view_block_markdown import ViewBlockMarkdown
    from .types.view_block_option import ViewBlockOption
    from .types.view_block_plain_text import ViewBlockPlainText
    from .types.view_block_radio import ViewBlockRadio
    from .types.view_block_select import ViewBlockSelect
    from .types.view_block_select_option import ViewBlockSelectOption
    from .types.view_block_time import ViewBlockTime
    from .types.view_submit_webhook_payload import ViewSubmitWebhookPayload
    from .types.voice_content import VoiceContent
    from .types.webhook_event import WebhookEvent
    from .types.webhook_event_type import WebhookEventType
    from .types.webhook_link import WebhookLink
    from .types.webhook_message_thread import WebhookMessageThread
    from .types.webhook_payload import WebhookPayload
    from .types.webhook_video_call_member import WebhookVideoCallMember
    from .types.webhook_video_call_thread import WebhookVideoCallThread

_EXPORTS: dict[str, str] = {
    "APIConnectionError": "._core",
    "APIError": "._core",
    "APIResponse": "._core",
    "APIResponseValidationError": "._core",
    "APIStatusError": "._exceptions",
    "APITimeoutError": "._core",
    "AsyncCursorPage": "._core",
    "AsyncPachcaClient": "._client",
    "AsyncPaginator": "._core",
    "AsyncStreamedAPIResponse": "._core",
    "AuthenticationError": "._exceptions",
    "BadRequestError": "._exceptions",
    "BaseModel": "._core",
    "ConfigurationError": "._core",
    "ConflictError": "._exceptions",
    "FileInput": "._core",
    "GoneError": "._exceptions",
    "InternalServerError": "._exceptions",
    "MissingFieldError": "._core",
    "NOT_GIVEN": "._core",
    "NotFoundError": "._exceptions",
    "NotGiven": "._core",
    "PachcaClient": "._client",
    "PaymentRequiredError": "._exceptions",
    "PermissionDeniedError": "._exceptions",
    "RateLimitError": "._exceptions",
    "RequestOptions": "._core",
    "StreamedAPIResponse": "._core",
    "SyncCursorPage": "._core",
    "UnprocessableEntityError": "._exceptions",
    "WebhookParseError": "._core",
    "WebhookVerificationError": "._core",
    "webhooks": ".webhooks",
}

# model name -> module under .types
_MODELS: dict[str, str] = {
    "AccessTokenInfo": "access_token_info",
    "AddMembersRequest": "add_members_request",
    "AddTagsRequest": "add_tags_request",
    "ApiError": "api_error",
    "ApiErrorItem": "api_error_item",
    "AuditDetailsBot": "audit_details_bot",
    "AuditDetailsBotOAuthClient": "audit_details_bot_oauth_client",
    "AuditDetailsBotScopes": "audit_details_bot_scopes",
    "AuditDetailsBotWebhookSettings": "audit_details_bot_webhook_settings",
    "AuditDetailsChatId": "audit_details_chat_id",
    "AuditDetailsChatPermission": "audit_details_chat_permission",
    "AuditDetailsChatRenamed": "audit_details_chat_renamed",
    "AuditDetailsDlp": "audit_details_dlp",
    "AuditDetailsInitiator": "audit_details_initiator",
    "AuditDetailsInviter": "audit_details_inviter",
    "AuditDetailsKms": "audit_details_kms",
    "AuditDetailsOAuthAuthorizationGranted": "audit_details_oauth_authorization_granted",
    "AuditDetailsOAuthAuthorizationRevoked": "audit_details_oauth_authorization_revoked",
    "AuditDetailsRoleChanged": "audit_details_role_changed",
    "AuditDetailsSearch": "audit_details_search",
    "AuditDetailsTagChat": "audit_details_tag_chat",
    "AuditDetailsTagName": "audit_details_tag_name",
    "AuditDetailsTokenScopes": "audit_details_token_scopes",
    "AuditDetailsUserUpdated": "audit_details_user_updated",
    "AuditDetailsVideoCallFinished": "audit_details_video_call_finished",
    "AuditDetailsVideoCallRecording": "audit_details_video_call_recording",
    "AuditDetailsVideoCallStarted": "audit_details_video_call_started",
    "AuditEvent": "audit_event",
    "AuditEventDetails": "audit_event_details",
    "AuditEventKey": "audit_event_key",
    "AuditEventKeyValue": "audit_event_key",
    "Avatar": "avatar",
    "AvatarUploadRequest": "avatar_upload_request",
    "Bot": "bot",
    "BotAddPolicy": "bot_add_policy",
    "BotCreateRequest": "bot_create_request",
    "BotCreateRequestWebhook": "bot_create_request_webhook",
    "BotEditorRole": "bot_editor_role",
    "BotEvent": "bot_event",
    "BotEventValue": "bot_event",
    "BotSettings": "bot_settings",
    "BotTemplateEngine": "bot_template_engine",
    "BotTrigger": "bot_trigger",
    "BotUpdateRequest": "bot_update_request",
    "BotUpdateRequestWebhook": "bot_update_request_webhook",
    "BotWebhookUrl": "bot_webhook_url",
    "BotWebhookUrlRequest": "bot_webhook_url_request",
    "BotWithToken": "bot_with_token",
    "Button": "button",
    "ButtonWebhookPayload": "button_webhook_payload",
    "Chat": "chat",
    "ChatAvailability": "chat_availability",
    "ChatCreateRequest": "chat_create_request",
    "ChatCreateRequestChat": "chat_create_request_chat",
    "ChatMemberRole": "chat_member_role",
    "ChatMemberRoleFilter": "chat_member_role_filter",
    "ChatMemberRoleFilterValue": "chat_member_role_filter",
    "ChatMemberWebhookPayload": "chat_member_webhook_payload",
    "ChatSortField": "chat_sort_field",
    "ChatSubtype": "chat_subtype",
    "ChatUpdateRequest": "chat_update_request",
    "ChatUpdateRequestChat": "chat_update_request_chat",
    "CompanyMemberWebhookPayload": "company_member_webhook_payload",
    "CreateBotResponse": "create_bot_response",
    "CreateChatResponse": "create_chat_response",
    "CreateGroupTagResponse": "create_group_tag_response",
    "CreateMessageResponse": "create_message_response",
    "CreateStandaloneThreadResponse": "create_standalone_thread_response",
    "CreateTaskResponse": "create_task_response",
    "CreateThreadResponse": "create_thread_response",
    "CreateUserResponse": "create_user_response",
    "CustomProperty": "custom_property",
    "CustomPropertyDataType": "custom_property_data_type",
    "CustomPropertyDefinition": "custom_property_definition",
    "CustomPropertyEntityType": "custom_property_entity_type",
    "ExportRequest": "export_request",
    "File": "file",
    "FileType": "file_type",
    "FileUploadRequest": "file_upload_request",
    "Forwarding": "forwarding",
    "GetAuditEventsResponse": "get_audit_events_response",
    "GetBotResponse": "get_bot_response",
    "GetChatResponse": "get_chat_response",
    "GetCustomPropertiesResponse": "get_custom_properties_response",
    "GetGroupTagResponse": "get_group_tag_response",
    "GetMessageResponse": "get_message_response",
    "GetProfileResponse": "get_profile_response",
    "GetProfileStatusResponse": "get_profile_status_response",
    "GetTaskResponse": "get_task_response",
    "GetThreadResponse": "get_thread_response",
    "GetTokenInfoResponse": "get_token_info_response",
    "GetUserResponse": "get_user_response",
    "GetUserStatusResponse": "get_user_status_response",
    "GroupTag": "group_tag",
    "GroupTagRequest": "group_tag_request",
    "GroupTagRequestGroupTag": "group_tag_request_group_tag",
    "InviteStatus": "invite_status",
    "LinkPreview": "link_preview",
    "LinkPreviewImage": "link_preview_image",
    "LinkPreviewsRequest": "link_previews_request",
    "LinkSharedWebhookPayload": "link_shared_webhook_payload",
    "ListBotsResponse": "list_bots_response",
    "ListChatMembersResponse": "list_chat_members_response",
    "ListChatsResponse": "list_chats_response",
    "ListGroupTagUsersResponse": "list_group_tag_users_response",
    "ListGroupTagsResponse": "list_group_tags_response",
    "ListMessagesResponse": "list_messages_response",
    "ListReactionsResponse": "list_reactions_response",
    "ListReadMembersResponse": "list_read_members_response",
    "ListTasksResponse": "list_tasks_response",
    "ListThreadsResponse": "list_threads_response",
    "ListUsersResponse": "list_users_response",
    "ListWebhookEventsResponse": "list_webhook_events_response",
    "MemberEventType": "member_event_type",
    "Message": "message",
    "MessageCreateFile": "message_create_file",
    "MessageCreateRequest": "message_create_request",
    "MessageCreateRequestMessage": "message_create_request_message",
    "MessageEntityType": "message_entity_type",
    "MessageSearchSort": "message_search_sort",
    "MessageSortField": "message_sort_field",
    "MessageThread": "message_thread",
    "MessageUpdateFile": "message_update_file",
    "MessageUpdateRequest": "message_update_request",
    "MessageUpdateRequestMessage": "message_update_request_message",
    "MessageWebhookPayload": "message_webhook_payload",
    "OAuthError": "oauth_error",
    "OAuthScope": "oauth_scope",
    "OAuthScopeValue": "oauth_scope",
    "OpenViewRequest": "open_view_request",
    "PaginationCursors": "pagination_cursors",
    "PaginationMeta": "pagination_meta",
    "Reaction": "reaction",
    "ReactionEventType": "reaction_event_type",
    "ReactionRequest": "reaction_request",
    "ReactionWebhookPayload": "reaction_webhook_payload",
    "RotateBotTokenResponse": "rotate_bot_token_response",
    "RotateOwnBotTokenResponse": "rotate_own_bot_token_response",
    "SearchChatsResponse": "search_chats_response",
    "SearchMessagesResponse": "search_messages_response",
    "SearchPaginationCursors": "search_pagination_cursors",
    "SearchPaginationMeta": "search_pagination_meta",
    "SearchSortOrder": "search_sort_order",
    "SearchUsersResponse": "search_users_response",
    "SortOrder": "sort_order",
    "StatusUpdateRequest": "status_update_request",
    "StatusUpdateRequestStatus": "status_update_request_status",
    "Task": "task",
    "TaskCreateRequest": "task_create_request",
    "TaskCreateRequestTask": "task_create_request_task",
    "TaskCustomPropertyValue": "task_custom_property_value",
    "TaskKind": "task_kind",
    "TaskKindValue": "task_kind",
    "TaskStatus": "task_status",
    "TaskUpdateRequest": "task_update_request",
    "TaskUpdateRequestTask": "task_update_request_task",
    "Thread": "thread",
    "UpdateBotResponse": "update_bot_response",
    "UpdateChatResponse": "update_chat_response",
    "UpdateGroupTagResponse": "update_group_tag_response",
    "UpdateMemberRoleRequest": "update_member_role_request",
    "UpdateMessageResponse": "update_message_response",
    "UpdateOwnBotWebhookResponse": "update_own_bot_webhook_response",
    "UpdateProfileAvatarResponse": "update_profile_avatar_response",
    "UpdateProfileStatusResponse": "update_profile_status_response",
    "UpdateTaskResponse": "update_task_response",
    "UpdateUserAvatarResponse": "update_user_avatar_response",
    "UpdateUserResponse": "update_user_response",
    "UpdateUserStatusResponse": "update_user_status_response",
    "UploadParams": "upload_params",
    "User": "user",
    "UserCreateRequest": "user_create_request",
    "UserCreateRequestUser": "user_create_request_user",
    "UserCreateRole": "user_create_role",
    "UserCustomPropertyValue": "user_custom_property_value",
    "UserEventType": "user_event_type",
    "UserEventTypeValue": "user_event_type",
    "UserRole": "user_role",
    "UserRoleInput": "user_role_input",
    "UserStatus": "user_status",
    "UserStatusAwayMessage": "user_status_away_message",
    "UserUpdateRequest": "user_update_request",
    "UserUpdateRequestUser": "user_update_request_user",
    "ValidationErrorCode": "validation_error_code",
    "ValidationErrorCodeValue": "validation_error_code",
    "VideoCallEventType": "video_call_event_type",
    "VideoCallWebhookPayload": "video_call_webhook_payload",
    "View": "view",
    "ViewBlock": "view_block",
    "ViewBlockCheckbox": "view_block_checkbox",
    "ViewBlockCheckboxOption": "view_block_checkbox_option",
    "ViewBlockDate": "view_block_date",
    "ViewBlockDivider": "view_block_divider",
    "ViewBlockFileInput": "view_block_file_input",
    "ViewBlockHeader": "view_block_header",
    "ViewBlockInput": "view_block_input",
    "ViewBlockMarkdown": "view_block_markdown",
    "ViewBlockOption": "view_block_option",
    "ViewBlockPlainText": "view_block_plain_text",
    "ViewBlockRadio": "view_block_radio",
    "ViewBlockSelect": "view_block_select",
    "ViewBlockSelectOption": "view_block_select_option",
    "ViewBlockTime": "view_block_time",
    "ViewSubmitWebhookPayload": "view_submit_webhook_payload",
    "VoiceContent": "voice_content",
    "WebhookEvent": "webhook_event",
    "WebhookEventType": "webhook_event_type",
    "WebhookLink": "webhook_link",
    "WebhookMessageThread": "webhook_message_thread",
    "WebhookPayload": "webhook_payload",
    "WebhookVideoCallMember": "webhook_video_call_member",
    "WebhookVideoCallThread": "webhook_video_call_thread",
}

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AccessTokenInfo",
    "AddMembersRequest",
    "AddTagsRequest",
    "ApiError",
    "ApiErrorItem",
    "AsyncCursorPage",
    "AsyncPachcaClient",
    "AsyncPaginator",
    "AsyncStreamedAPIResponse",
    "AuditDetailsBot",
    "AuditDetailsBotOAuthClient",
    "AuditDetailsBotScopes",
    "AuditDetailsBotWebhookSettings",
    "AuditDetailsChatId",
    "AuditDetailsChatPermission",
    "AuditDetailsChatRenamed",
    "AuditDetailsDlp",
    "AuditDetailsInitiator",
    "AuditDetailsInviter",
    "AuditDetailsKms",
    "AuditDetailsOAuthAuthorizationGranted",
    "AuditDetailsOAuthAuthorizationRevoked",
    "AuditDetailsRoleChanged",
    "AuditDetailsSearch",
    "AuditDetailsTagChat",
    "AuditDetailsTagName",
    "AuditDetailsTokenScopes",
    "AuditDetailsUserUpdated",
    "AuditDetailsVideoCallFinished",
    "AuditDetailsVideoCallRecording",
    "AuditDetailsVideoCallStarted",
    "AuditEvent",
    "AuditEventDetails",
    "AuditEventKey",
    "AuditEventKeyValue",
    "AuthenticationError",
    "Avatar",
    "AvatarUploadRequest",
    "BadRequestError",
    "BaseModel",
    "Bot",
    "BotAddPolicy",
    "BotCreateRequest",
    "BotCreateRequestWebhook",
    "BotEditorRole",
    "BotEvent",
    "BotEventValue",
    "BotSettings",
    "BotTemplateEngine",
    "BotTrigger",
    "BotUpdateRequest",
    "BotUpdateRequestWebhook",
    "BotWebhookUrl",
    "BotWebhookUrlRequest",
    "BotWithToken",
    "Button",
    "ButtonWebhookPayload",
    "Chat",
    "ChatAvailability",
    "ChatCreateRequest",
    "ChatCreateRequestChat",
    "ChatMemberRole",
    "ChatMemberRoleFilter",
    "ChatMemberRoleFilterValue",
    "ChatMemberWebhookPayload",
    "ChatSortField",
    "ChatSubtype",
    "ChatUpdateRequest",
    "ChatUpdateRequestChat",
    "CompanyMemberWebhookPayload",
    "ConfigurationError",
    "ConflictError",
    "CreateBotResponse",
    "CreateChatResponse",
    "CreateGroupTagResponse",
    "CreateMessageResponse",
    "CreateStandaloneThreadResponse",
    "CreateTaskResponse",
    "CreateThreadResponse",
    "CreateUserResponse",
    "CustomProperty",
    "CustomPropertyDataType",
    "CustomPropertyDefinition",
    "CustomPropertyEntityType",
    "ExportRequest",
    "File",
    "FileInput",
    "FileType",
    "FileUploadRequest",
    "Forwarding",
    "GetAuditEventsResponse",
    "GetBotResponse",
    "GetChatResponse",
    "GetCustomPropertiesResponse",
    "GetGroupTagResponse",
    "GetMessageResponse",
    "GetProfileResponse",
    "GetProfileStatusResponse",
    "GetTaskResponse",
    "GetThreadResponse",
    "GetTokenInfoResponse",
    "GetUserResponse",
    "GetUserStatusResponse",
    "GoneError",
    "GroupTag",
    "GroupTagRequest",
    "GroupTagRequestGroupTag",
    "InternalServerError",
    "InviteStatus",
    "LinkPreview",
    "LinkPreviewImage",
    "LinkPreviewsRequest",
    "LinkSharedWebhookPayload",
    "ListBotsResponse",
    "ListChatMembersResponse",
    "ListChatsResponse",
    "ListGroupTagUsersResponse",
    "ListGroupTagsResponse",
    "ListMessagesResponse",
    "ListReactionsResponse",
    "ListReadMembersResponse",
    "ListTasksResponse",
    "ListThreadsResponse",
    "ListUsersResponse",
    "ListWebhookEventsResponse",
    "MemberEventType",
    "Message",
    "MessageCreateFile",
    "MessageCreateRequest",
    "MessageCreateRequestMessage",
    "MessageEntityType",
    "MessageSearchSort",
    "MessageSortField",
    "MessageThread",
    "MessageUpdateFile",
    "MessageUpdateRequest",
    "MessageUpdateRequestMessage",
    "MessageWebhookPayload",
    "MissingFieldError",
    "NotFoundError",
    "NotGiven",
    "OAuthError",
    "OAuthScope",
    "OAuthScopeValue",
    "OpenViewRequest",
    "PachcaClient",
    "PaginationCursors",
    "PaginationMeta",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "RateLimitError",
    "Reaction",
    "ReactionEventType",
    "ReactionRequest",
    "ReactionWebhookPayload",
    "RequestOptions",
    "RotateBotTokenResponse",
    "RotateOwnBotTokenResponse",
    "SearchChatsResponse",
    "SearchMessagesResponse",
    "SearchPaginationCursors",
    "SearchPaginationMeta",
    "SearchSortOrder",
    "SearchUsersResponse",
    "SortOrder",
    "StatusUpdateRequest",
    "StatusUpdateRequestStatus",
    "StreamedAPIResponse",
    "SyncCursorPage",
    "Task",
    "TaskCreateRequest",
    "TaskCreateRequestTask",
    "TaskCustomPropertyValue",
    "TaskKind",
    "TaskKindValue",
    "TaskStatus",
    "TaskUpdateRequest",
    "TaskUpdateRequestTask",
    "Thread",
    "UnprocessableEntityError",
    "UpdateBotResponse",
    "UpdateChatResponse",
    "UpdateGroupTagResponse",
    "UpdateMemberRoleRequest",
    "UpdateMessageResponse",
    "UpdateOwnBotWebhookResponse",
    "UpdateProfileAvatarResponse",
    "UpdateProfileStatusResponse",
    "UpdateTaskResponse",
    "UpdateUserAvatarResponse",
    "UpdateUserResponse",
    "UpdateUserStatusResponse",
    "UploadParams",
    "User",
    "UserCreateRequest",
    "UserCreateRequestUser",
    "UserCreateRole",
    "UserCustomPropertyValue",
    "UserEventType",
    "UserEventTypeValue",
    "UserRole",
    "UserRoleInput",
    "UserStatus",
    "UserStatusAwayMessage",
    "UserUpdateRequest",
    "UserUpdateRequestUser",
    "ValidationErrorCode",
    "ValidationErrorCodeValue",
    "VideoCallEventType",
    "VideoCallWebhookPayload",
    "View",
    "ViewBlock",
    "ViewBlockCheckbox",
    "ViewBlockCheckboxOption",
    "ViewBlockDate",
    "ViewBlockDivider",
    "ViewBlockFileInput",
    "ViewBlockHeader",
    "ViewBlockInput",
    "ViewBlockMarkdown",
    "ViewBlockOption",
    "ViewBlockPlainText",
    "ViewBlockRadio",
    "ViewBlockSelect",
    "ViewBlockSelectOption",
    "ViewBlockTime",
    "ViewSubmitWebhookPayload",
    "VoiceContent",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookLink",
    "WebhookMessageThread",
    "WebhookParseError",
    "WebhookPayload",
    "WebhookVerificationError",
    "WebhookVideoCallMember",
    "WebhookVideoCallThread",
    "__version__",
    "webhooks",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None and name in _MODELS:
        module = f".types.{_MODELS[name]}"
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if module == "." + name:
        value: Any = importlib.import_module(module, __name__)
    else:
        value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
