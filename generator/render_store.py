"""Where the render cache keeps its answers (generator/render_cache.py): one SQLite file under
the cache folder, and the forked child in which a first run keeps its files.

Stored without waiting for the disk (``synchronous=OFF``): a first run stores megabytes while
its output is committed, and waiting for both was a tenth of a second more. A crash of the
machine may then damage the database; SQLite's errors and a checksum per answer make that a
cache that answers less, never wrongly. Like the rest of the cache, a database that cannot be
opened, read or written is ignored.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sqlite3
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from .background import follow_parent

if TYPE_CHECKING:
    from .render_cache import Units

_FILE = "kept.sqlite3"
_WAIT = 5.0  # seconds to wait for another run's write to finish
_BATCH = 500  # keys per query (SQLite's limit on parameters is 32,766 at least)


def lookup(where: Path, keys: Iterable[str]) -> dict[str, bytes]:
    """The answers kept for ``keys`` (a cache that cannot be read answers nothing; an answer
    whose checksum does not match, from a database an OS crash damaged, is not found)."""
    wanted = list(keys)
    found: dict[str, bytes] = {}
    path = where / _FILE
    try:
        if not os.path.isfile(path):
            return found
        connection = sqlite3.connect(path, timeout=_WAIT, isolation_level=None)
    except (OSError, sqlite3.Error):
        return found
    try:
        for start in range(0, len(wanted), _BATCH):
            chunk = wanted[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            rows = connection.execute(
                f"SELECT key, answer, crc FROM kept WHERE key IN ({marks})", chunk
            )
            for key, answer, crc in rows:
                if isinstance(answer, bytes) and zlib.crc32(answer) == crc:
                    found[key] = answer
    except sqlite3.Error:
        return {}
    finally:
        connection.close()
    return found


Answer = bytes | memoryview  # a view: a part of a file, kept without a copy of its own


def store(where: Path, answers: Mapping[str, Answer]) -> None:
    """Keep ``answers`` (key → bytes), in one transaction, each with its checksum."""
    if not answers:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(where / _FILE, timeout=_WAIT, isolation_level=None)
    except (OSError, sqlite3.Error):
        return
    try:
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS kept "
            "(key TEXT PRIMARY KEY, answer BLOB NOT NULL, crc INTEGER NOT NULL)"
        )
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.executemany(
                "INSERT OR REPLACE INTO kept (key, answer, crc) VALUES (?, ?, ?)",
                ((key, data, zlib.crc32(data)) for key, data in answers.items()),
            )
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    except sqlite3.Error:
        return
    finally:
        connection.close()


_Job = tuple[Path, "Units", dict[str, Answer]]
_WAITING: list[_Job] = []  # to keep, once :func:`start` is called
_KEEPERS: list[int] = []  # the children keeping them


def is_cold(where: Path) -> bool:
    """Whether the render cache holds nothing yet (so a run has nothing to look up)."""
    return not os.path.isfile(where / _FILE)  # an unreadable folder too: nothing found


def keep_later(where: Path, units: Units, answers: dict[str, Answer]) -> None:
    """Store ``answers`` (by keys that may be placeholders) beside the rest of the run:
    :func:`start` forks a child that computes the keys and stores the answers, on a
    processor of its own, while the run writes its output; :func:`settle` waits for it.

    Why a child, not a thread: the writer makes thousands of system calls, and a thread
    busy computing keys held the interpreter's lock each time one returned (a convoy that
    made a first run's writing seconds slower on a loaded machine)."""
    _WAITING.append((where, units, answers))


def start() -> None:
    """Start keeping what the run has to keep (:func:`keep_later`)."""
    while _WAITING:
        job = _WAITING.pop(0)
        if not hasattr(os, "fork"):  # no fork (Windows): kept in place
            _keep(*job)
            continue
        parent = os.getpid()
        child = os.fork()
        if child == 0:
            _child(parent, job)
        _KEEPERS.append(child)


def _child(parent: int, job: _Job) -> NoReturn:
    code = 1
    try:
        gc.disable()  # a collection would touch (and copy) the whole of the parent's heap
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        follow_parent(parent)
        _close_inherited()  # the writer's stager waits for the end of its input
        _keep(*job)
        code = 0
    finally:
        os._exit(code)


def _close_inherited() -> None:
    """Close the run's files and pipes, which the child got a copy of (all but 0, 1 and 2)."""
    try:
        found = [int(name) for name in os.listdir("/proc/self/fd")]
    except (OSError, ValueError):
        found = list(range(3, 4096))
    for fd in found:
        if fd > 2:
            with contextlib.suppress(OSError):
                os.close(fd)


def _keep(where: Path, units: Units, answers: dict[str, Answer]) -> None:
    try:
        resolved: dict[str, Answer] = {}
        for key, data in answers.items():
            real = units.resolve(key)
            if real is not None:
                resolved[real] = data
        store(where, resolved)
    except Exception:  # the cache only ever saves time: nothing kept, nothing wrong
        return


def settle() -> None:
    """Wait until what the runs so far had to keep is stored (started now if it was not)."""
    start()
    while _KEEPERS:
        child = _KEEPERS.pop(0)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(child, 0)
