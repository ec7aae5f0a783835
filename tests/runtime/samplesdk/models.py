from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from ._core import BaseModel, OpenIntEnum, OpenStrEnum

__all__ = [
    "ApiError",
    "ApiErrorItem",
    "Chat",
    "ChatAvailability",
    "ChatMemberRole",
    "Message",
    "MessageEntityType",
    "MessageWebhookEvent",
    "OAuthError",
    "Priority",
    "ReactionWebhookEvent",
    "SortOrder",
    "UploadParams",
    "WebhookEvent",
]


class MessageEntityType(OpenStrEnum):
    """Kind of entity a message belongs to."""

    DISCUSSION = "discussion"
    THREAD = "thread"
    USER = "user"


class ChatMemberRole(OpenStrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    MEMBER = "member"


class ChatAvailability(OpenStrEnum):
    IS_MEMBER = "is_member"
    PUBLIC = "public"


class SortOrder(OpenStrEnum):
    ASC = "asc"
    DESC = "desc"


class Priority(OpenIntEnum):
    LOW = 1
    HIGH = 2


class Message(BaseModel):
    id: int
    entity_type: MessageEntityType
    entity_id: int
    chat_id: int
    content: str
    user_id: int
    created_at: datetime
    parent_message_id: int | None = None
    priority: Priority | None = None


class Chat(BaseModel):
    id: int
    name: str
    is_public: bool = Field(alias="public")
    member_ids: list[int] = Field(default_factory=list)
    role: ChatMemberRole | None = None


class ApiErrorItem(BaseModel):
    key: str
    value: str | None = None
    message: str | None = None
    code: str | None = None
    payload: dict[str, Any] | None = None


class ApiError(BaseModel):
    errors: list[ApiErrorItem]


class OAuthError(BaseModel):
    error: str
    error_description: str | None = None


class UploadParams(BaseModel):
    content_disposition: str = Field(alias="Content-Disposition")
    acl: str
    policy: str
    x_amz_credential: str = Field(alias="x-amz-credential")
    x_amz_algorithm: str = Field(alias="x-amz-algorithm")
    x_amz_date: str = Field(alias="x-amz-date")
    x_amz_signature: str = Field(alias="x-amz-signature")
    key: str
    direct_url: str


class MessageWebhookEvent(BaseModel):
    type: Literal["message"]
    event: str
    id: int
    content: str
    webhook_timestamp: int


class ReactionWebhookEvent(BaseModel):
    type: Literal["reaction"]
    event: str
    message_id: int
    code: str
    webhook_timestamp: int


WebhookEvent = Annotated[MessageWebhookEvent | ReactionWebhookEvent, Field(discriminator="type")]


class Export(BaseModel):
    id: int
    state: str
    start_at: datetime | None = None
