"""Type-checked (not run): mistakes ``mypy --strict`` must report, one per marked line."""

from __future__ import annotations

from notes import NotesClient
from notes.types import EditAttachment, LegacyAttachment


def mistakes(client: NotesClient, edited: EditAttachment) -> None:
    client.notes.list_notes(sort="newest")  # error
    client.notes.list_notes(labels=["work", "office"])  # error
    client.notes.get_board("board")  # error
    client.notes.create_note(title="t", kind="note")  # error
    client.notes.create_note(title="t", kind="memo", priority=4)  # error
    client.notes.create_note(title="t", kind="memo", priority="2")  # error
    uploaded = client.files.upload(b"hello", filename="a.txt")
    client.notes.replace_legacy_attachments(1, files=[uploaded])  # error
    client.notes.create_note(title="t", kind="memo", attachments=[edited])  # error
    legacy: LegacyAttachment = uploaded  # error
    print(legacy)
