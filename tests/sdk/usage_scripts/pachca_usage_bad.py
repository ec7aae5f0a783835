"""Type-checked (not run): mistakes ``mypy --strict`` must report, one per marked line."""

from __future__ import annotations

from pachca import PachcaClient
from pachca.types import MessageUpdateFile


def mistakes(client: PachcaClient, kept: MessageUpdateFile) -> None:
    client.tasks.create_task(kind="remind")  # error
    client.chats.list_chats(sort="name", order="descending")  # error
    client.bots.create_bot(name="Deploy", events=["message_sent"])  # error
    client.bots.create_bot(name="Deploy", scopes=["chats:write"])  # error
    client.messages.create_message(entity_id=1, content="x", files=[kept])  # error
