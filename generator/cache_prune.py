"""dxgen's cache kept under a size limit: the oldest entries go first.

Every kind of entry (generator/cache.py) is written once and only ever saves time, so the cache
would otherwise grow with every spec a machine has generated — a CI cache restored and saved on
each build, a laptop that regenerated GitHub's description a few times. After a run that did
work (not one its stamp answered), at most every few hours, the cache folder is measured; when
it holds more than ``DXGEN_CACHE_MAX_MB`` (default 1,024), entries are deleted oldest first
(by when they were written) until it holds at most four fifths of that. A database of answers
(``ruff-format/answers.sqlite3``) counts as one entry and is emptied through SQLite, so a run
using it meanwhile is not disturbed. The TypeSpec compiler installed under ``typespec/`` is not
an entry: it is dxgen's own tooling, one per release, and is left alone.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from . import cache

LIMIT_VARIABLE = "DXGEN_CACHE_MAX_MB"
DEFAULT_LIMIT_MB = 1024
EVERY_SECONDS = 6 * 3600  # how often the cache is measured at most
KEEP_FRACTION = 0.8  # of the limit, once pruned
MARK = ".last-pruned"  # its mtime: when the cache was last measured
_LEFT_ALONE = frozenset({"typespec"})
_SQLITE_SUFFIX = ".sqlite3"
_YOUNG_TEMPORARY = 3600  # seconds: another run's entry still being written


@dataclass(frozen=True)
class Entry:
    path: Path
    size: int
    written: float  # mtime


def prune_if_due(now: float | None = None) -> int:
    """Prune the cache if it is time to (see the module's docstring); the bytes freed."""
    root = _root()
    if root is None or not root.is_dir():
        return 0
    now = time.time() if now is None else now
    mark = root / MARK
    try:
        if now - mark.stat().st_mtime < EVERY_SECONDS:
            return 0
    except OSError:
        pass  # never measured
    with contextlib.suppress(OSError):
        mark.touch()
    return prune(root, limit_bytes(), now)


def limit_bytes() -> int:
    text = os.environ.get(LIMIT_VARIABLE, "")
    try:
        megabytes = float(text) if text else DEFAULT_LIMIT_MB
    except ValueError:
        megabytes = DEFAULT_LIMIT_MB
    return max(0, int(megabytes * 1024 * 1024))


def prune(root: Path, limit: int, now: float) -> int:
    """Delete the oldest entries under ``root`` while it holds more than ``limit`` bytes, down
    to :data:`KEEP_FRACTION` of it; the bytes freed. Entries that cannot be deleted are
    skipped: the cache only ever saves time."""
    entries = sorted(_entries(root, now), key=lambda entry: entry.written)
    total = sum(entry.size for entry in entries)
    if total <= limit:
        return 0
    freed = 0
    for entry in entries:
        if total - freed <= limit * KEEP_FRACTION:
            break
        if _delete(entry):
            freed += entry.size
    return freed


def _root() -> Path | None:
    folder = cache.cache_dir("any")
    return None if folder is None else folder.parent


def _entries(root: Path, now: float) -> list[Entry]:
    found: list[Entry] = []
    try:
        kinds = [k for k in os.scandir(root) if k.is_dir(follow_symlinks=False)]
    except OSError:
        return found
    for kind in kinds:
        if kind.name in _LEFT_ALONE or kind.name.startswith("."):
            continue
        stack = [kind.path]
        while stack:
            try:
                items = list(os.scandir(stack.pop()))
            except OSError:
                continue
            for item in items:
                try:
                    if item.is_dir(follow_symlinks=False):
                        stack.append(item.path)
                        continue
                    if not item.is_file(follow_symlinks=False):
                        continue
                    info = item.stat(follow_symlinks=False)
                except OSError:
                    continue
                if item.name.startswith(".tmp-") and now - info.st_mtime < _YOUNG_TEMPORARY:
                    continue  # being written by a run now
                if _sqlite_companion(item.name):
                    continue  # counted with its database
                size = info.st_size
                if item.name.endswith(_SQLITE_SUFFIX):
                    size += _companions_size(Path(item.path))
                found.append(Entry(Path(item.path), size, info.st_mtime))
    return found


def _sqlite_companion(name: str) -> bool:
    return any(name.endswith(_SQLITE_SUFFIX + tail) for tail in ("-journal", "-wal", "-shm"))


def _companions_size(database: Path) -> int:
    size = 0
    for tail in ("-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            size += os.stat(f"{database}{tail}").st_size
    return size


def _delete(entry: Entry) -> bool:
    if entry.path.name.endswith(_SQLITE_SUFFIX):
        return _empty_database(entry.path)
    try:
        entry.path.unlink()
    except OSError:
        return False
    return True


def _empty_database(path: Path) -> bool:
    """Every table emptied and the file shrunk, under SQLite's own locks: a run reading or
    writing it meanwhile waits, or finds nothing, and is never handed a broken file."""
    try:
        connection = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            quoted = table.replace('"', '""')
            connection.execute(f'DELETE FROM "{quoted}"')
        connection.execute("VACUUM")
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return True
