"""What an upload is (name, type, size) before it is sent, without reading it into memory."""

from __future__ import annotations

import io
import os
from pathlib import Path

from ._exceptions import ConfigurationError
from ._files import FileContent, FileInput, file_name, guess_content_type

__all__ = ["load_file"]


def _size(content: FileContent) -> tuple[FileContent, int]:
    """The content to send and its size; a file object that cannot seek is read once."""
    if isinstance(content, bytes):
        return content, len(content)
    if isinstance(content, str | os.PathLike):
        try:
            return content, Path(content).stat().st_size
        except OSError as exc:
            raise ConfigurationError(f"cannot read file {str(content)!r}: {exc}") from exc
    try:
        start = content.tell()
        end = content.seek(0, io.SEEK_END)
        content.seek(start)
        return content, end - start
    except (AttributeError, OSError, ValueError):
        data = content.read()
        return data, len(data)


def load_file(file: FileInput, filename: str | None = None) -> tuple[str, FileContent, str, int]:
    """``(filename, content, content_type, size)`` for any :data:`FileInput`.

    A path stays a path (streamed from disk when the request is sent), a seekable file
    object stays the object; only a file object that cannot seek is read into memory.  The
    content type, unless given, is guessed from the final file name (``filename`` wins).
    """
    if isinstance(file, tuple):
        if len(file) not in (2, 3):
            raise ConfigurationError(f"file tuple must have 2 or 3 items, got {len(file)}")
        name, raw = filename or file[0], file[1]
        content_type = file[2] if len(file) == 3 else guess_content_type(name)
    else:
        name = filename or file_name(file)
        raw = Path(file) if isinstance(file, str | os.PathLike) else file
        content_type = guess_content_type(name)
    if isinstance(raw, io.TextIOBase):
        raise ConfigurationError("file objects must be opened in binary mode ('rb')")
    content, size = _size(raw)
    return name, content, content_type, size
