"""A run's changes to the output as one transaction: every file changes, or none does.

Why not build each target's tree beside the old one and rename it over? A target root also
holds files that are not dxgen's (the user's notes, a ``.venv``, caches, even the input spec),
which a swapped tree would have to carry over, and a run's several roots (``sdk/``, ``cli/``,
``llms.txt``…) cannot be renamed in one step anyway. So only dxgen's own files move, under a
journal in ``OUT/.dxgen-txn/``:

1. *stage*: each new or changed file is written to ``new/<path>``; the output is not touched;
2. *journal*: ``journal.json`` (written whole, then renamed into place) lists every change;
3. *commit*: each file about to change is kept as a hard link ``old/<path>`` and the staged
   file renamed over it (so the path never goes missing); each file to remove is renamed to
   ``old/<path>``; then ``journal.json`` is renamed to ``committed.json``;
4. *finish*: emptied folders are pruned and ``.dxgen-txn`` is deleted.

A failure (or Ctrl-C) rolls back in the process: backups are renamed back, new files and new
folders removed. A run killed outright (SIGKILL, power cut aside) leaves ``.dxgen-txn``: the
next run first calls :func:`recover`, which rolls an uncommitted journal back or finishes a
committed one. Every step of both is idempotent, so a recovery that is itself killed is simply
done again. Without a journal nothing was changed yet, and the folder is just deleted.

Concurrent runs on one output folder are kept apart by an advisory lock on the folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import OutputError
from .paths import is_plain_relative, stays_inside

TXN_DIR = ".dxgen-txn"
_JOURNAL = "journal.json"
_COMMITTED = "committed.json"

Kind = Literal["write", "remove"]


@dataclass(frozen=True)
class Change:
    rel: str
    kind: Kind
    had_old: bool  # the path existed when the journal was written


@dataclass(frozen=True)
class Journal:
    changes: tuple[Change, ...]
    new_dirs: tuple[str, ...]  # created by the commit, parents first


class Staging:
    """Step 1 ahead of the commit: files written to ``new/<path>`` as they come (while the run
    still renders), with the output lock held and after :func:`recover`. Nothing in the output
    changes; until a journal exists, :meth:`abandon` (or the next run) just deletes them."""

    def __init__(self, out_dir: Path) -> None:
        self.txn = out_dir / TXN_DIR
        self.staged: set[str] = set()
        self._made: set[str] = set()
        self._begun = False

    def begin(self) -> None:
        if not self._begun:
            self.txn.mkdir()
            self._begun = True

    def put(self, rel: str, data: bytes) -> None:
        self.begin()
        _stage(self.txn / "new", rel, data, self._made)
        self.staged.add(rel)

    def abandon(self) -> None:
        """Delete what was staged, unless a commit got as far as its journal (the commit
        rolls back or finishes that itself, or leaves it to the next run). Call only with the
        lock held and after :func:`recover`: any transaction folder then is this one (even if
        an interruption came as ``begin`` made it)."""
        if not os.path.lexists(self.txn):
            return
        if any(os.path.lexists(self.txn / name) for name in (_JOURNAL, _COMMITTED)):
            return
        shutil.rmtree(self.txn, ignore_errors=True)


def commit(
    out_dir: Path,
    writes: Mapping[str, bytes],
    removals: Sequence[str],
    on_committed: Callable[[], None] | None = None,
    staging: Staging | None = None,
) -> None:
    """Apply ``writes`` (path → bytes) and ``removals`` under ``out_dir``, all or nothing.

    Call with the output lock held and after :func:`recover`. Raises :class:`OutputError`
    (previous output restored) for a machine problem; re-raises anything else (Ctrl-C) after
    rolling back — or, past the commit point, after finishing. ``on_committed`` is called at
    the commit point, with no interruption in between, so that the caller knows which it was.
    ``staging``: where some of ``writes`` (with the same bytes) were staged already.
    """
    txn = out_dir / TXN_DIR
    failed_rel = ""
    committed = False
    staging = staging or Staging(out_dir)
    try:
        staging.begin()
        base = os.fspath(out_dir)
        for failed_rel, data in writes.items():  # the path named if this step fails
            if failed_rel not in staging.staged:
                staging.put(failed_rel, data)
        failed_rel = ""
        journal = Journal(
            tuple(
                [Change(rel, "write", os.path.lexists(os.path.join(base, rel))) for rel in writes]
                + [Change(rel, "remove", True) for rel in removals]
            ),
            _missing_dirs(out_dir, writes),
        )
        _write_journal(txn / _JOURNAL, journal)
        for failed_rel in journal.new_dirs:
            os.mkdir(os.path.join(base, failed_rel))
        backups: set[str] = set()
        for change in journal.changes:
            failed_rel = change.rel
            _apply(base, os.fspath(txn), change, backups)
        failed_rel = ""
        with _signals_deferred():
            os.replace(txn / _JOURNAL, txn / _COMMITTED)
            committed = True
            if on_committed is not None:
                on_committed()
        _finish(out_dir, txn)
    except BaseException as exc:
        if committed:  # the new output is in place; tidy up, or leave that to the next run
            with contextlib.suppress(OSError):
                _finish(out_dir, txn)
            if isinstance(exc, OSError):
                return  # only the tidying failed
            raise
        # Any transaction folder now is this one (the caller recovered, under the lock), even if
        # the interruption came before ``mkdir`` returned.
        rolled_back = not os.path.lexists(txn) or _roll_back_quietly(out_dir, txn)
        if isinstance(exc, OSError):
            reason = f"cannot write: {exc.strerror or exc}"
            if not rolled_back:
                reason += f"; could not roll back, the next run will ({out_dir / TXN_DIR})"
            raise OutputError(out_dir / failed_rel if failed_rel else out_dir, reason) from None
        raise


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (not lost) while a few statements run together."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def recover(out_dir: Path) -> str | None:
    """Settle what a killed run left: ``"rolled back"``, ``"finished"`` or None (nothing).

    Raises :class:`OutputError` when something else has the transaction folder's name.
    """
    txn = out_dir / TXN_DIR
    if not os.path.lexists(txn):
        return None
    if txn.is_symlink() or not txn.is_dir():  # ours is always a real folder
        raise OutputError(txn, "is in the way: dxgen keeps its transactions there")
    if (txn / _COMMITTED).exists():
        _finish(out_dir, txn)
        return "finished"
    _roll_back(out_dir, txn)
    return "rolled back"


def pending(out_dir: Path) -> bool:
    """Whether a killed run left a transaction that the next run will settle."""
    return os.path.lexists(out_dir / TXN_DIR)


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``out_dir`` (which must exist) while writing it."""
    if sys.platform == "win32":  # no flock; concurrent runs there are the user's business
        yield
        return
    import fcntl

    fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(out_dir, "another dxgen run is writing here") from None
        yield
    finally:
        os.close(fd)


def _stage(new: Path, rel: str, data: bytes, made: set[str]) -> None:
    """``data`` into ``new/rel``; ``made``: the folders under ``new`` made so far."""
    folder = rel.rpartition("/")[0]
    if folder not in made:
        (new / folder).mkdir(parents=True, exist_ok=True)
        made.add(folder)
    path = os.path.join(new, rel)
    with open(path, "xb") as handle:
        handle.write(data)
    os.chmod(path, 0o644)


def _missing_dirs(out_dir: Path, writes: Mapping[str, bytes]) -> tuple[str, ...]:
    missing: set[str] = set()
    seen: set[str] = set()
    for rel in writes:
        parts = rel.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder in seen:
                continue
            seen.add(folder)
            if not os.path.lexists(out_dir / folder):
                missing.add(folder)
    return tuple(sorted(missing, key=lambda folder: (folder.count("/"), folder)))


def _apply(out_dir: str, txn: str, change: Change, backups: set[str]) -> None:
    """One change, its old file kept under ``txn/old`` (``backups``: the folders made there)."""
    target = os.path.join(out_dir, change.rel)
    backup = os.path.join(txn, "old", change.rel)
    if change.had_old:
        folder = os.path.dirname(backup)
        if folder not in backups:
            os.makedirs(folder, exist_ok=True)
            backups.add(folder)
        if change.kind == "write":
            try:
                os.link(target, backup, follow_symlinks=False)
            except OSError:  # a file system without hard links: the path is missing briefly
                os.replace(target, backup)
        else:
            os.replace(target, backup)
    if change.kind == "write":
        os.replace(os.path.join(txn, "new", change.rel), target)


def _roll_back(out_dir: Path, txn: Path) -> None:
    journal = _read_journal(txn / _JOURNAL)
    if journal is not None:
        for change in reversed(journal.changes):
            if not stays_inside(out_dir, change.rel):
                continue
            target = out_dir / change.rel
            backup = txn / "old" / change.rel
            if os.path.lexists(backup):
                os.replace(backup, target)
            elif (
                change.kind == "write"
                and not change.had_old
                and not os.path.lexists(txn / "new" / change.rel)
                and os.path.lexists(target)
            ):
                target.unlink()  # moved in by this transaction: it was not there before
        for rel in reversed(journal.new_dirs):
            with contextlib.suppress(OSError):
                (out_dir / rel).rmdir()
    _discard(txn)


def _roll_back_quietly(out_dir: Path, txn: Path) -> bool:
    try:
        _roll_back(out_dir, txn)
    except OSError:
        return False
    return True


def _finish(out_dir: Path, txn: Path) -> None:
    journal = _read_journal(txn / _COMMITTED)
    if journal is not None:
        for change in journal.changes:
            if change.kind == "remove":
                _prune_empty_dirs((out_dir / change.rel).parent, out_dir)
    _discard(txn)


def _discard(txn: Path) -> None:
    """Delete the transaction folder, its journal first: without one, nothing is pending."""
    for name in (_JOURNAL, _COMMITTED):
        (txn / name).unlink(missing_ok=True)
    shutil.rmtree(txn)


def _write_journal(path: Path, journal: Journal) -> None:
    document = {
        "changes": [[c.rel, c.kind, c.had_old] for c in journal.changes],
        "new_dirs": list(journal.new_dirs),
    }
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(document), encoding="utf-8")
    os.replace(partial, path)


def _read_journal(path: Path) -> Journal | None:
    """The journal, or None when there is none; entries that could leave the folder are dropped.

    The folder may come from anywhere (a pull request can commit one), so the journal is not
    trusted to name paths outside the output folder.
    """
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        changes = tuple(
            Change(rel, kind, bool(had_old))
            for rel, kind, had_old in document["changes"]
            if isinstance(rel, str) and is_plain_relative(rel) and kind in ("write", "remove")
        )
        new_dirs = tuple(
            rel for rel in document["new_dirs"] if isinstance(rel, str) and is_plain_relative(rel)
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Journal(changes, new_dirs)


def _prune_empty_dirs(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
