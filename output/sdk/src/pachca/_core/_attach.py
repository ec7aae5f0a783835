"""Reading an upload into memory once, so its size and type are known before it is sent."""

from __future__ import annotations

from ._files import FileInput, to_httpx_file

__all__ = ["load_file"]


def load_file(file: FileInput, filename: str | None = None) -> tuple[str, bytes, str]:
    """``(filename, content, content_type)`` for any :data:`FileInput`."""
    name, content, content_type = to_httpx_file(file)
    data = content if isinstance(content, bytes) else content.read()
    if not isinstance(data, bytes):
        data = bytes(data)
    return filename or name, data, content_type
