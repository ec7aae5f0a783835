"""Read the bytes of one input file, refusing anything that is not a regular file of sane size.

``/dev/zero`` would never end, a FIFO would block forever, a folder cannot be parsed: the file
is opened without blocking and checked with ``fstat`` on the open descriptor (so what is
checked is what is read), and at most ``max_bytes + 1`` bytes are ever read, because the size
``stat`` reports is not always the size of the content (``/proc`` files say 0).
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostic, Location, SpecError, error

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def read_bounded(path: Path, where: Location, max_bytes: int) -> bytes:
    """The content of the regular file ``path``; :class:`SpecError` (at ``where``) otherwise."""
    if "\0" in str(path):
        raise SpecError([error("file name contains a NUL byte", where)])
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise SpecError([error("file not found", where)]) from None
    except IsADirectoryError:
        raise SpecError([error("is a directory, expected an OpenAPI file", where)]) from None
    except OSError as exc:
        raise SpecError([error(f"cannot read file: {exc.strerror}", where)]) from None
    try:
        _check_regular(descriptor, where, max_bytes)
        with os.fdopen(descriptor, "rb", buffering=0, closefd=False) as handle:
            raw = _read_at_most(handle, max_bytes + 1)
    except OSError as exc:
        raise SpecError([error(f"cannot read file: {exc.strerror}", where)]) from None
    finally:
        os.close(descriptor)
    if len(raw) > max_bytes:
        raise SpecError([_too_large(max_bytes, where)])
    return raw


def _check_regular(descriptor: int, where: Location, max_bytes: int) -> None:
    """Only a regular file is read: not a folder, a device, a pipe or a socket."""
    info = os.fstat(descriptor)
    if stat.S_ISDIR(info.st_mode):
        raise SpecError([error("is a directory, expected an OpenAPI file", where)])
    if not stat.S_ISREG(info.st_mode):
        raise SpecError([error("not a regular file (a device, pipe or socket); not read", where)])
    if info.st_size > max_bytes:
        raise SpecError([_too_large(max_bytes, where)])


def _too_large(max_bytes: int, where: Location) -> Diagnostic:
    return error(f"file is larger than the limit of {max_bytes} bytes", where)


def _read_at_most(handle: io.FileIO, count: int) -> bytes:
    """Up to ``count`` bytes: a raw read may return fewer than asked before the end."""
    chunks: list[bytes] = []
    remaining = count
    while remaining > 0:
        chunk = handle.read(min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
