"""The upload helper's result type, and the attachment schemas it fits (decided in parse)."""

from __future__ import annotations

from typing import Any

from generator.ir import Upload


def _upload(api: Any) -> Upload:
    (upload,) = [op.upload for op in api.operations if op.upload is not None]
    return upload


def test_helper_returns_the_attachment_that_fits_the_most_others(parsed: Any) -> None:
    api, _ = parsed("features/enums_and_uploads.yaml")
    upload = _upload(api)
    # NewAttachment requires everything EditAttachment has; LegacyAttachment needs a `url`.
    assert upload.attachment == "NewAttachment"
    assert upload.attachment_fits == ("EditAttachment",)
    assert dict((role, wire) for role, wire in upload.attachment_fields) == {
        "key": "key",
        "name": "name",
        "size": "size",
        "kind": "file_type",
    }


def test_pachca_upload_fits_the_message_update_files(parsed: Any) -> None:
    api, _ = parsed("../../spec/pachca.yaml")
    upload = _upload(api)
    assert upload.attachment == "MessageCreateFile"
    assert upload.attachment_fits == ("MessageUpdateFile",)
