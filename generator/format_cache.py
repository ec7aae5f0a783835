"""The formatter's earlier answers (formatted Python by the text it was given), in one SQLite
file under the cache folder (``<cache>/ruff-format/answers.sqlite3``).

Why not one file per answer, as the rest of the cache (generator/cache.py) keeps them? A large
kit formats thousands of files (GitHub's SDK and CLI: 6,900), and creating that many files was
two seconds of a cold run on an ordinary disk; one SQLite transaction writes them all in a
tenth of that, and a lookup is an indexed read. Like the rest of the cache it only ever saves
time: a database that cannot be opened, read or written (locked by another run for longer than
a few seconds, damaged, on a read-only disk) is ignored, and a run then formats what it would
have found.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

_FILE = "answers.sqlite3"
_WAIT = 5.0  # seconds to wait for another run's write to finish
_BATCH = 500  # keys per query (SQLite's limit on parameters is 32,766 at least)


@contextlib.contextmanager
def _database(folder: Path, create: bool) -> Iterator[sqlite3.Connection | None]:
    path = folder / _FILE
    if not create and not path.is_file():
        yield None
        return
    try:
        if create:
            folder.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=_WAIT, isolation_level=None)
    except (OSError, sqlite3.Error):
        yield None
        return
    try:
        yield connection
    finally:
        connection.close()


def lookup(folder: Path, keys: Iterable[str]) -> dict[str, bytes]:
    """The answers found for ``keys`` (the others are missing from the result)."""
    wanted = list(keys)
    found: dict[str, bytes] = {}
    with _database(folder, create=False) as database:
        if database is None:
            return found
        try:
            for start in range(0, len(wanted), _BATCH):
                chunk = wanted[start : start + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = database.execute(
                    f"SELECT key, answer FROM answers WHERE key IN ({marks})", chunk
                )
                for key, answer in rows:
                    if isinstance(key, str) and isinstance(answer, bytes):
                        found[key] = answer
        except sqlite3.Error:
            return {}
    return found


def store(folder: Path, answers: Mapping[str, bytes]) -> None:
    """Keep ``answers`` (key → formatted bytes), in one transaction."""
    if not answers:
        return
    with _database(folder, create=True) as database:
        if database is None:
            return
        try:
            database.execute(
                "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, answer BLOB NOT NULL)"
            )
            database.execute("BEGIN IMMEDIATE")
            try:
                database.executemany(
                    "INSERT OR REPLACE INTO answers (key, answer) VALUES (?, ?)", answers.items()
                )
            except BaseException:
                database.execute("ROLLBACK")
                raise
            database.execute("COMMIT")
        except sqlite3.Error:
            return
