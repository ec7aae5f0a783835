"""File inputs for multipart uploads.

Uploads are streamed: a path is opened when the request is sent and read in chunks, a file
object is read in chunks (rewound before a retry when it can seek); only ``bytes`` live in
memory whole.
"""

from __future__ import annotations

import contextlib
import io
import mimetypes
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TypeAlias

from ._exceptions import ConfigurationError
from ._types import NotGiven

__all__ = [
    "FileContent",
    "FileInput",
    "FilesInput",
    "HttpxFile",
    "file_name",
    "guess_content_type",
    "raw_content",
    "to_httpx_file",
    "to_httpx_files",
]

FileContent: TypeAlias = bytes | IO[bytes] | os.PathLike[str]
FileInput: TypeAlias = (
    str
    | os.PathLike[str]
    | bytes
    | IO[bytes]
    | tuple[str, FileContent]
    | tuple[str, FileContent, str]
)
"""What an upload parameter accepts.

* ``str`` or ``os.PathLike``: a path on disk (opened when the request is sent, streamed);
* ``bytes``: raw content, sent as ``upload``;
* a binary file object: streamed; its ``name`` (basename) is used when it has one;
* ``(filename, content)`` or ``(filename, content, content_type)``, where ``content`` is
  bytes, a binary file object or a path.
"""

FilesInput: TypeAlias = (
    Mapping[str, FileInput | NotGiven] | Sequence[tuple[str, FileInput | NotGiven]]
)
"""Files of a multipart request: ``{"field": file}`` or ``[("field", file), …]``; a file
left out (``NOT_GIVEN``) is not sent."""

HttpxFile: TypeAlias = tuple[str, bytes | IO[bytes], str]

DEFAULT_FILENAME = "upload"
DEFAULT_CONTENT_TYPE = "application/octet-stream"


def guess_content_type(filename: str) -> str:
    """The MIME type ``filename`` suggests (``application/octet-stream`` when unknown)."""
    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or DEFAULT_CONTENT_TYPE


def _basename(name: object) -> str | None:
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if isinstance(name, str) and name and not (name.startswith("<") and name.endswith(">")):
        return os.path.basename(name) or None
    return None


def file_name(file: FileInput) -> str:
    """The filename an upload of ``file`` will carry (``"upload"`` when none is known)."""
    if isinstance(file, tuple):
        return file[0]
    if isinstance(file, str | os.PathLike):
        return Path(file).name or DEFAULT_FILENAME
    if isinstance(file, bytes):
        return DEFAULT_FILENAME
    return _basename(getattr(file, "name", None)) or DEFAULT_FILENAME


def to_httpx_file(file: FileInput, opened: contextlib.ExitStack | None = None) -> HttpxFile:
    """Normalize ``file`` into an httpx ``(filename, content, content_type)`` tuple.

    Paths are opened for reading on ``opened``, which the caller closes once the request
    is sent; without it they are read into memory.
    """
    if isinstance(file, tuple):
        if len(file) == 2:
            name, content = file
            return name, _content(content, opened), guess_content_type(name)
        if len(file) == 3:
            name, content, content_type = file
            return name, _content(content, opened), content_type
        raise ConfigurationError(f"file tuple must have 2 or 3 items, got {len(file)}")
    name = file_name(file)
    return name, _content(file, opened), guess_content_type(name)


def _open(path: Path, opened: contextlib.ExitStack | None) -> bytes | IO[bytes]:
    try:
        if opened is None:
            return path.read_bytes()
        return opened.enter_context(path.open("rb"))
    except OSError as exc:
        raise ConfigurationError(f"cannot read file {str(path)!r}: {exc}") from exc


def raw_content(content: object) -> bytes:
    """A raw body's bytes: ``bytes``, a path (read from disk) or a binary file object (read
    to its end), or a ``(name, content[, type])`` tuple of these. Read into memory, which both
    the sync and the async client can send."""
    if isinstance(content, tuple) and len(content) in (2, 3):
        content = content[1]
    data = _content(content)
    return data if isinstance(data, bytes) else data.read()


def _content(content: object, opened: contextlib.ExitStack | None = None) -> bytes | IO[bytes]:
    if isinstance(content, str | os.PathLike):
        return _open(Path(content), opened)
    if isinstance(content, bytes):
        return content
    if isinstance(content, bytearray | memoryview):
        return bytes(content)
    if isinstance(content, io.TextIOBase):
        raise ConfigurationError("file objects must be opened in binary mode ('rb')")
    if hasattr(content, "read"):
        return content  # type: ignore[return-value]
    raise ConfigurationError(f"unsupported file content of type {type(content).__name__}")


def to_httpx_files(
    files: FilesInput, opened: contextlib.ExitStack | None = None
) -> list[tuple[str, HttpxFile]]:
    """Normalize a files mapping/sequence into httpx's ``files=`` list form (paths are
    opened on ``opened``, see :func:`to_httpx_file`); files left out (``NOT_GIVEN``) are
    dropped."""
    items = files.items() if isinstance(files, Mapping) else files
    return [
        (field, to_httpx_file(file, opened))
        for field, file in items
        if not isinstance(file, NotGiven)
    ]
