"""Uploads to pre-signed storage URLs (multipart form POST without the API token)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._files import FileInput

if TYPE_CHECKING:
    from ._client import AsyncAPIClient, RequestOptions, SyncAPIClient

__all__ = ["async_presigned_form_upload", "fill_filename", "presigned_form_upload"]

FILENAME_PLACEHOLDER = "${filename}"


def fill_filename(key_template: str, filename: str) -> str:
    """Replace every ``${filename}`` in a storage key template with ``filename``."""
    return key_template.replace(FILENAME_PLACEHOLDER, filename)


def presigned_form_upload(
    client: SyncAPIClient,
    url: str,
    fields: Mapping[str, str],
    file: FileInput,
    *,
    file_field: str = "file",
    options: RequestOptions | None = None,
) -> None:
    """POST ``fields`` and then ``file`` as multipart/form-data to the absolute ``url``.

    The client's connection pool, timeouts, retries and error mapping are used, but the
    ``Authorization`` header is never sent to the storage URL.  Error responses raise the
    usual :class:`APIStatusError` subclasses.
    """
    client.request(
        "POST",
        url,
        cast_to=None,
        multipart=dict(fields),
        files=[(file_field, file)],
        absolute_url=True,
        auth=False,
        options=options,
    )


async def async_presigned_form_upload(
    client: AsyncAPIClient,
    url: str,
    fields: Mapping[str, str],
    file: FileInput,
    *,
    file_field: str = "file",
    options: RequestOptions | None = None,
) -> None:
    """Async twin of :func:`presigned_form_upload`."""
    await client.request(
        "POST",
        url,
        cast_to=None,
        multipart=dict(fields),
        files=[(file_field, file)],
        absolute_url=True,
        auth=False,
        options=options,
    )
