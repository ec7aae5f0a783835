"""Type-checked (not run): the issue's idioms against the committed Pachca SDK."""

from __future__ import annotations

from pachca import AsyncPachcaClient, PachcaClient
from pachca.types import (
    ChatSortField,
    MessageUpdateFile,
    OAuthScope,
    OAuthScopeValue,
    SortOrder,
    TaskKind,
)


def sync_usage(client: PachcaClient) -> None:
    client.tasks.create_task(kind="reminder", content="Call back")
    client.tasks.create_task(kind=TaskKind.CALL)
    client.chats.list_chats(sort="id", order="desc")
    client.chats.list_chats(sort=ChatSortField.LAST_MESSAGE_AT, order=SortOrder.ASC)
    client.members.list_chat_members(334, role="admin")
    client.bots.create_bot(name="Deploy", events=["message_new"], trigger_on="commands")
    # A long enum is typed through its values' alias: strings, members and the alias mix.
    read: OAuthScopeValue = "users:read"
    client.bots.create_bot(name="Deploy", scopes=["chats:read", OAuthScope.MESSAGES_READ, read])

    uploaded = client.files.upload("a.pdf")
    client.messages.create_message(entity_id=1, content="report", files=[uploaded])
    client.messages.update_message(1, files=[uploaded])
    client.messages.update_message(1, files=[uploaded, MessageUpdateFile(key="k", name="n")])


async def async_usage(client: AsyncPachcaClient) -> None:
    await client.tasks.create_task(kind="meeting")
    uploaded = await client.files.upload("a.pdf")
    await client.messages.update_message(1, files=[uploaded])
