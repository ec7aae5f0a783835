"""Models of the Pachca API: one module per schema, imported lazily on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access_token_info import AccessTokenInfo
    from .add_members_request import AddMembersRequest
    from .add_tags_request import AddTagsRequest
    from .api_error import ApiError
    from .api_error_item import ApiErrorItem
    from .audit_details_bot import AuditDetailsBot
    from .audit_details_bot_oauth_client import AuditDetailsBotOAuthClient
    from .audit_details_bot_scopes import AuditDetailsBotScopes
    from .audit_details_bot_webhook_settings import AuditDetailsBotWebhookSettings
    from .audit_details_chat_id import AuditDetailsChatId
    from .audit_details_chat_permission import AuditDetailsChatPermission
    from .audit_details_chat_renamed import AuditDetailsChatRenamed
    from .audit_details_dlp import AuditDetailsDlp
    from .audit_details_initiator import AuditDetailsInitiator
    from .audit_details_inviter import AuditDetailsInviter
    from .audit_details_kms import AuditDetailsKms
    from .audit_details_oauth_authorization_granted import AuditDetailsOAuthAuthorizationGranted
    from .audit_details_oauth_authorization_revoked import AuditDetailsOAuthAuthorizationRevoked
    from .audit_details_role_changed import AuditDetailsRoleChanged
    from .audit_details_search import AuditDetailsSearch
    from .audit_details_tag_chat import AuditDetailsTagChat
    from .audit_details_tag_name import AuditDetailsTagName
    from .audit_details_token_scopes import AuditDetailsTokenScopes
    from .audit_details_user_updated import AuditDetailsUserUpdated
    from .audit_details_video_call_finished import AuditDetailsVideoCallFinished
    from .audit_details_video_call_recording import AuditDetailsVideoCallRecording
    from .audit_details_video_call_started import AuditDetailsVideoCallStarted
    from .audit_event import AuditEvent
    from .audit_event_details import AuditEventDetails
    from .audit_event_key import AuditEventKey, AuditEventKeyValue
    from .avatar import Avatar
    from .avatar_upload_request import AvatarUploadRequest
    from .bot import Bot
    from .bot_add_policy import BotAddPolicy
    from .bot_create_request import BotCreateRequest
    from .bot_create_request_webhook import BotCreateRequestWebhook
    from .bot_editor_role import BotEditorRole
    from .bot_event import BotEvent, BotEventValue
    from .bot_settings import BotSettings
    from .bot_template_engine import BotTemplateEngine
    from .bot_trigger import BotTrigger
    from .bot_update_request import BotUpdateRequest
    from .bot_update_request_webhook import BotUpdateRequestWebhook
    from .bot_webhook_url import BotWebhookUrl
    from .bot_webhook_url_request import BotWebhookUrlRequest
    from .bot_with_token import BotWithToken
    from .button import Button
    from .button_webhook_payload import ButtonWebhookPayload
    from .chat import Chat
    from .chat_availability import ChatAvailability
    from .chat_create_request import ChatCreateRequest
    from .chat_create_request_chat import ChatCreateRequestChat
    from .chat_member_role import ChatMemberRole
    from .chat_member_role_filter import ChatMemberRoleFilter, ChatMemberRoleFilterValue
    from .chat_member_webhook_payload import ChatMemberWebhookPayload
    from .chat_sort_field import ChatSortField
    from .chat_subtype import ChatSubtype
    from .chat_update_request import ChatUpdateRequest
    from .chat_update_request_chat import ChatUpdateRequestChat
    from .company_member_webhook_payload import CompanyMemberWebhookPayload
    from .create_bot_response import CreateBotResponse
    from .create_chat_response import CreateChatResponse
    from .create_group_tag_response import CreateGroupTagResponse
    from .create_message_response import CreateMessageResponse
    from .create_standalone_thread_response import CreateStandaloneThreadResponse
    from .create_task_response import CreateTaskResponse
    from .create_thread_response import CreateThreadResponse
    from .create_user_response import CreateUserResponse
    from .custom_property import CustomProperty
    from .custom_property_data_type import CustomPropertyDataType
    from .custom_property_definition import CustomPropertyDefinition
    from .custom_property_entity_type import CustomPropertyEntityType
    from .export_request import ExportRequest
    from .file import File
    from .file_type import FileType
    from .file_upload_request import FileUploadRequest
    from .forwarding import Forwarding
    from .get_audit_events_response import GetAuditEventsResponse
    from .get_bot_response import GetBotResponse
    from .get_chat_response import GetChatResponse
    from .get_custom_properties_response import GetCustomPropertiesResponse
    from .get_group_tag_response import GetGroupTagResponse
    from .get_message_response import GetMessageResponse
    from .get_profile_response import GetProfileResponse
    from .get_profile_status_response import GetProfileStatusResponse
    from .get_task_response import GetTaskResponse
    from .get_thread_response import GetThreadResponse
    from .get_token_info_response import GetTokenInfoResponse
    from .get_user_response import GetUserResponse
    from .get_user_status_response import GetUserStatusResponse
    from .group_tag import GroupTag
    from .group_tag_request import GroupTagRequest
    from .group_tag_request_group_tag import GroupTagRequestGroupTag
    from .invite_status import InviteStatus
    from .link_preview import LinkPreview
    from .link_preview_image import LinkPreviewImage
    from .link_previews_request import LinkPreviewsRequest
    from .link_shared_webhook_payload import LinkSharedWebhookPayload
    from .list_bots_response import ListBotsResponse
    from .list_chat_members_response import ListChatMembersResponse
    from .list_chats_response import ListChatsResponse
    from .list_group_tag_users_response import ListGroupTagUsersResponse
    from .list_group_tags_response import ListGroupTagsResponse
    from .list_messages_response import ListMessagesResponse
    from .list_reactions_response import ListReactionsResponse
    from .list_read_members_response import ListReadMembersResponse
    from .list_tasks_response import ListTasksResponse
    from .list_threads_response import ListThreadsResponse
    from .list_users_response import ListUsersResponse
    from .list_webhook_events_response import ListWebhookEventsResponse
    from .member_event_type import MemberEventType
    from .message import Message
    from .message_create_file import MessageCreateFile
    from .message_create_request import MessageCreateRequest
    from .message_create_request_message import MessageCreateRequestMessage
    from .message_entity_type import MessageEntityType
    from .message_search_sort import MessageSearchSort
    from .message_sort_field import MessageSortField
    from .message_thread import MessageThread
    from .message_update_file import MessageUpdateFile
    from .message_update_request import MessageUpdateRequest
    from .message_update_request_message import MessageUpdateRequestMessage
    from .message_webhook_payload import MessageWebhookPayload
    from .oauth_error import OAuthError
    from .oauth_scope import OAuthScope, OAuthScopeValue
    from .open_view_request import OpenViewRequest
    from .pagination_cursors import PaginationCursors
    from .pagination_meta import PaginationMeta
    from .reaction import Reaction
    from .reaction_event_type import ReactionEventType
    from .reaction_request import ReactionRequest
    from .reaction_webhook_payload import ReactionWebhookPayload
    from .rotate_bot_token_response import RotateBotTokenResponse
    from .rotate_own_bot_token_response import RotateOwnBotTokenResponse
    from .search_chats_response import SearchChatsResponse
    from .search_messages_response import SearchMessagesResponse
    from .search_pagination_cursors import SearchPaginationCursors
    from .search_pagination_meta import SearchPaginationMeta
    from .search_sort_order import SearchSortOrder
    from .search_users_response import SearchUsersResponse
    from .sort_order import SortOrder
    from .status_update_request import StatusUpdateRequest
    from .status_update_request_status import StatusUpdateRequestStatus
    from .task import Task
    from .task_create_request import TaskCreateRequest
    from .task_create_request_task import TaskCreateRequestTask
    from .task_custom_property_value import TaskCustomPropertyValue
    from .task_kind import TaskKind, TaskKindValue
    from .task_status import TaskStatus
    from .task_update_request import TaskUpdateRequest
    from .task_update_request_task import TaskUpdateRequestTask
    from .thread import Thread
    from .update_bot_response import UpdateBotResponse
    from .update_chat_response import UpdateChatResponse
    from .update_group_tag_response import UpdateGroupTagResponse
    from .update_member_role_request import UpdateMemberRoleRequest
    from .update_message_response import UpdateMessageResponse
    from .update_own_bot_webhook_response import UpdateOwnBotWebhookResponse
    from .update_profile_avatar_response import UpdateProfileAvatarResponse
    from .update_profile_status_response import UpdateProfileStatusResponse
    from .update_task_response import UpdateTaskResponse
    from .update_user_avatar_response import UpdateUserAvatarResponse
    from .update_user_response import UpdateUserResponse
    from .update_user_status_response import UpdateUserStatusResponse
    from .upload_params import UploadParams
    from .user import User
    from .user_create_request import UserCreateRequest
    from .user_create_request_user import UserCreateRequestUser
    from .user_create_role import UserCreateRole
    from .user_custom_property_value import UserCustomPropertyValue
    from .user_event_type import UserEventType, UserEventTypeValue
    from .user_role import UserRole
    from .user_role_input import UserRoleInput
    from .user_status import UserStatus
    from .user_status_away_message import UserStatusAwayMessage
    from .user_update_request import UserUpdateRequest
    from .user_update_request_user import UserUpdateRequestUser
    from .validation_error_code import ValidationErrorCode, ValidationErrorCodeValue
    from .video_call_event_type import VideoCallEventType
    from .video_call_webhook_payload import VideoCallWebhookPayload
    from .view import View
    from .view_block import ViewBlock
    from .view_block_checkbox import ViewBlockCheckbox
    from .view_block_checkbox_option import ViewBlockCheckboxOption
    from .view_block_date import ViewBlockDate
    from .view_block_divider import ViewBlockDivider
    from .view_block_file_input import ViewBlockFileInput
    from .view_block_header import ViewBlockHeader
    from .view_block_input import ViewBlockInput
    from .view_block_markdown import ViewBlockMarkdown
    from .view_block_option import ViewBlockOption
    from .view_block_plain_text import ViewBlockPlainText
    from .view_block_radio import ViewBlockRadio
    from .view_block_select import ViewBlockSelect
    from .view_block_select_option import ViewBlockSelectOption
    from .view_block_time import ViewBlockTime
    from .view_submit_webhook_payload import ViewSubmitWebhookPayload
    from .voice_content import VoiceContent
    from .webhook_event import WebhookEvent
    from .webhook_event_type import WebhookEventType
    from .webhook_link import WebhookLink
    from .webhook_message_thread import WebhookMessageThread
    from .webhook_payload import WebhookPayload
    from .webhook_video_call_member import WebhookVideoCallMember
    from .webhook_video_call_thread import WebhookVideoCallThread

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
    "AccessTokenInfo",
    "AddMembersRequest",
    "AddTagsRequest",
    "ApiError",
    "ApiErrorItem",
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
    "Avatar",
    "AvatarUploadRequest",
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
    "GroupTag",
    "GroupTagRequest",
    "GroupTagRequestGroupTag",
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
    "OAuthError",
    "OAuthScope",
    "OAuthScopeValue",
    "OpenViewRequest",
    "PaginationCursors",
    "PaginationMeta",
    "Reaction",
    "ReactionEventType",
    "ReactionRequest",
    "ReactionWebhookPayload",
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
    "WebhookPayload",
    "WebhookVideoCallMember",
    "WebhookVideoCallThread",
]


def __getattr__(name: str) -> Any:
    module = _MODELS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
