"""File inputs for multipart uploads."""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TypeAlias

from ._exceptions import ConfigurationError

__all__ = [
    "FileContent",
    "FileInput",
    "FilesInput",
    "HttpxFile",
    "file_name",
    "to_httpx_file",
    "to_httpx_files",
]

FileContent: TypeAlias = bytes | IO[bytes]
FileInput: TypeAlias = (
    str
    | os.PathLike[str]
    | bytes
    | IO[bytes]
    | tuple[str, FileContent]
    | tuple[str, FileContent, str]
)
"""What an upload parameter accepts.

* ``str`` or ``os.PathLike``: a path on disk (read when the request is built);
* ``bytes``: raw content, sent as ``upload``;
* a binary file object: its ``name`` (basename) is used when it has one;
* ``(filename, content)`` or ``(filename, content, content_type)``.
"""

FilesInput: TypeAlias = Mapping[str, FileInput] | Sequence[tuple[str, FileInput]]
"""Files of a multipart request: ``{"field": file}`` or ``[("field", file), …]``."""

HttpxFile: TypeAlias = tuple[str, FileContent, str]

DEFAULT_FILENAME = "upload"
DEFAULT_CONTENT_TYPE = "application/octet-stream"


def _guess_type(filename: str) -> str:
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


def to_httpx_file(file: FileInput) -> HttpxFile:
    """Normalize ``file`` into an httpx ``(filename, content, content_type)`` tuple."""
    if isinstance(file, tuple):
        if len(file) == 2:
            name, content = file
            return name, _content(content), _guess_type(name)
        if len(file) == 3:
            name, content, content_type = file
            return name, _content(content), content_type
        raise ConfigurationError(f"file tuple must have 2 or 3 items, got {len(file)}")
    if isinstance(file, str | os.PathLike):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ConfigurationError(f"cannot read file {str(path)!r}: {exc}") from exc
        name = path.name or DEFAULT_FILENAME
        return name, data, _guess_type(name)
    name = file_name(file)
    return name, _content(file), _guess_type(name)


def _content(content: object) -> FileContent:
    if isinstance(content, bytes):
        return content
    if isinstance(content, bytearray | memoryview):
        return bytes(content)
    if isinstance(content, io.TextIOBase):
        raise ConfigurationError("file objects must be opened in binary mode ('rb')")
    if hasattr(content, "read"):
        return content  # type: ignore[return-value]
    raise ConfigurationError(f"unsupported file content of type {type(content).__name__}")


def to_httpx_files(files: FilesInput) -> list[tuple[str, HttpxFile]]:
    """Normalize a files mapping/sequence into httpx's ``files=`` list form."""
    items = files.items() if isinstance(files, Mapping) else files
    return [(field, to_httpx_file(file)) for field, file in items]
