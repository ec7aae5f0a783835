"""Type-checked (not run): idioms the Notes fixture SDK must accept under ``mypy --strict``.

Enum arguments take the member or its literal value, in path, query and body, alone and in
lists; the upload helper's result goes into every attachment field whose schema it fits.
"""

from __future__ import annotations

from notes import AsyncNotesClient, NotesClient
from notes.types import EditAttachment, Label, NewAttachment, NoteKind, NoteSort, Priority


def sync_usage(client: NotesClient) -> None:
    client.notes.list_notes(sort="title", labels=["work", Label.HOME, "it's"])
    client.notes.list_notes(sort=NoteSort.CREATED)
    client.notes.get_board("checklist")
    client.notes.get_board(NoteKind.MEMO)
    client.notes.create_note(title="t", kind="memo", priority=2)
    client.notes.create_note(title="t", kind=NoteKind.CHECKLIST, priority=Priority.N3)

    uploaded = client.files.upload(b"hello", filename="a.txt")
    client.notes.create_note(title="t", kind="memo", attachments=[uploaded])
    client.notes.edit_note(1, attachments=[uploaded])
    client.notes.edit_note(1, attachments=[uploaded, EditAttachment(key="k", name="n")])
    mixed: list[NewAttachment | EditAttachment] = [uploaded]
    client.notes.edit_note(1, attachments=mixed)


async def async_usage(client: AsyncNotesClient) -> None:
    await client.notes.list_notes(sort="created", labels=["home"])
    uploaded = await client.files.upload(b"hello", filename="a.txt")
    await client.notes.edit_note(1, attachments=[uploaded])
    await client.notes.create_note(title="t", kind="checklist", attachments=[uploaded])
