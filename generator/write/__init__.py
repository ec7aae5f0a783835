"""Write rendered files under the output folder: deterministic, only what changed, or --check.

Rendering and formatting finish before anything is written, so bad input never leaves partial
output. :func:`plan` compares the run's files with the disk; :func:`apply` makes the changes as
one transaction (see :mod:`.transaction`): a failed, interrupted or killed run leaves the
previous output, and the next run settles whatever a killed one left. A target owns its roots
(``sdk/``, ``llms.txt``…), but dxgen removes only the files its manifests say it wrote (see
:mod:`.manifest`); other files there are reported as not ours and left alone, and the run's own
inputs (the spec and the files it refers to) are never overwritten or removed.
"""

from __future__ import annotations

import errno
import os
import posixpath
import re
import stat
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError
from .manifest import MANIFEST_NAME, manifests, owned
from .paths import InsideCheck, stays_inside
from .transaction import TXN_DIR, commit, locked, pending, recover

__all__ = [
    "MANIFEST_NAME",
    "TXN_DIR",
    "OutputError",
    "WriteReport",
    "apply",
    "existing_files",
    "plan",
    "write_output",
]

# Staging files of dxgen before the transaction (``.NAME.XXXXXXXX.tmp``, from mkstemp), which a
# killed run left beside their targets: removed on sight.
_LEGACY_STAGING = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)  # new or changed
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # ours (manifest, debris), not produced
    foreign: list[str] = field(default_factory=list)  # under a root, not ours: left alone
    interrupted: bool = False  # a killed run left a transaction (--check: not settled yet)
    recovered: str | None = None  # what this run did about one: "rolled back" or "finished"
    contents: dict[str, bytes] = field(default_factory=dict, repr=False)  # to write

    @property
    def stale(self) -> list[str]:
        return self.written + self.removed


def existing_files(out_dir: Path, roots: Iterable[str]) -> set[str]:
    """Files under ``roots``, without caches and tool state (``__pycache__``, dot-folders)."""
    return _scan(out_dir, roots)[0]


def plan(
    files: Mapping[str, bytes],
    out_dir: Path,
    roots: Collection[str],
    inputs: Collection[Path] = (),
) -> WriteReport:
    """What writing ``files`` (with their manifests) under ``out_dir`` would change; reads only.

    Raises :class:`OutputError` when a file would overwrite one of ``inputs``, or the output
    folder cannot be read.
    """
    try:
        return _plan(files, out_dir, roots, inputs)
    except OSError as exc:
        raise _located(exc, out_dir, "read") from None


def _plan(
    files: Mapping[str, bytes],
    out_dir: Path,
    roots: Collection[str],
    inputs: Collection[Path],
) -> WriteReport:
    wanted = {**files, **manifests(files, out_dir, roots)}
    protected = _input_paths(out_dir, inputs)
    report = WriteReport(interrupted=pending(out_dir), contents=wanted)
    for rel in sorted(wanted):
        if rel in protected:
            raise OutputError(out_dir / rel, "is an input of this run; dxgen will not overwrite it")
        try:
            same = (out_dir / rel).read_bytes() == wanted[rel]
        except OSError:
            same = False
        (report.unchanged if same else report.written).append(rel)
    present, debris = _scan(out_dir, roots)
    ours = {
        rel
        for rel in owned(out_dir, roots) | debris
        if os.path.lexists(out_dir / rel) and not (out_dir / rel).is_dir()
    }
    for rel in sorted((present | ours) - wanted.keys()):
        removable = rel in ours and rel not in protected and stays_inside(out_dir, rel)
        (report.removed if removable else report.foreign).append(rel)
    return report


def apply(
    out_dir: Path, report: WriteReport, on_committed: Callable[[], None] | None = None
) -> None:
    """Make the planned changes, all or none (see :func:`.transaction.commit`)."""
    if not report.written and not report.removed:
        return
    writes = {rel: report.contents[rel] for rel in report.written}
    _check_writable_paths(out_dir, writes)
    commit(out_dir, writes, report.removed, on_committed)


def write_output(
    files: Mapping[str, bytes],
    out_dir: Path,
    roots: Collection[str],
    inputs: Collection[Path] = (),
    on_committed: Callable[[], None] | None = None,
) -> WriteReport:
    """Lock the output folder, settle a killed run's leftovers, then plan and apply."""
    created: Path | None = None
    try:
        created = _make_output_dir(out_dir)
        with locked(out_dir):
            recovered = recover(out_dir)
            report = plan(files, out_dir, roots, inputs)
            report.recovered = recovered
            apply(out_dir, report, on_committed)
    except BaseException as exc:
        if created is not None:
            _remove_empty_chain(out_dir, created)
        if isinstance(exc, OSError):  # not one that a step above could name better
            raise _located(exc, out_dir) from None
        raise
    return report


def _located(exc: OSError, out_dir: Path, doing: str = "write") -> OutputError:
    where = Path(os.fsdecode(exc.filename)) if exc.filename else out_dir
    return OutputError.from_os_error(where, exc, doing)


def _scan(out_dir: Path, roots: Iterable[str]) -> tuple[set[str], set[str]]:
    """Files under the roots, and staging debris of killed runs of earlier dxgen versions."""
    present: set[str] = set()
    debris: set[str] = set()
    for root in roots:
        path = out_dir / root
        if path.is_dir() and not path.is_symlink():
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
                base = Path(folder).relative_to(out_dir).as_posix()
                for name in names:
                    rel = f"{base}/{name}"
                    if not name.startswith("."):
                        present.add(rel)
                    elif _LEGACY_STAGING.fullmatch(name):
                        debris.add(rel)
        else:
            if os.path.lexists(path):
                present.add(root)
            folder, name = posixpath.split(root)
            with_prefix = f".{name}."
            try:
                siblings = os.listdir(out_dir / folder) if folder else os.listdir(out_dir)
            except OSError:
                siblings = []
            debris.update(
                posixpath.join(folder, sibling)
                for sibling in siblings
                if sibling.startswith(with_prefix)
                and _LEGACY_STAGING.fullmatch(sibling)
                and len(sibling) == len(with_prefix) + 12
            )
    return present, debris


def _input_paths(out_dir: Path, inputs: Collection[Path]) -> set[str]:
    """The inputs that lie under ``out_dir``, as paths relative to it."""
    base = Path(os.path.realpath(out_dir))
    found: set[str] = set()
    for path in inputs:
        real = Path(os.path.realpath(path))
        if real.is_relative_to(base):
            found.add(real.relative_to(base).as_posix())
    return found


def _check_writable_paths(out_dir: Path, writes: Mapping[str, bytes]) -> None:
    """Refuse, before touching anything, paths that cannot or must not be written."""
    checked: set[str] = set()
    inside = InsideCheck(out_dir)
    for rel in writes:
        target = out_dir / rel
        try:
            mode = os.lstat(target).st_mode
        except FileNotFoundError:
            mode = 0
        except OSError as exc:  # a name too long, a loop of links…
            if exc.errno != errno.ENOTDIR:
                raise OutputError.from_os_error(target, exc) from None
            mode = 0
        if stat.S_ISDIR(mode):  # a folder itself, not a link to one
            raise OutputError(target, "is a folder; dxgen writes a file there")
        parts = rel.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder in checked:
                continue
            checked.add(folder)
            path = out_dir / folder
            if os.path.lexists(path) and not path.is_dir():
                raise OutputError(path, "is a file; dxgen needs a folder there")
        if not inside(rel):
            raise OutputError(
                target, "is reached through a symbolic link out of the output folder; not written"
            )


def _make_output_dir(out_dir: Path) -> Path | None:
    """Create ``out_dir`` if needed; return the topmost folder created (None if it existed)."""
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise OutputError(out_dir, "the output path is not a folder")
    if out_dir.is_dir():
        return None
    topmost = out_dir
    while not os.path.lexists(topmost.parent) and topmost.parent != topmost:
        topmost = topmost.parent
    try:
        out_dir.mkdir(parents=True)
    except OSError as exc:
        _remove_empty_chain(out_dir, topmost)
        raise OutputError.from_os_error(out_dir, exc) from None
    return topmost


def _remove_empty_chain(out_dir: Path, topmost: Path) -> None:
    """Undo :func:`_make_output_dir` for a run that failed, if nothing was left in it."""
    folder = out_dir
    while True:
        try:
            folder.rmdir()
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                return  # something is in it: not ours to remove
        if folder == topmost or folder == folder.parent:
            return
        folder = folder.parent
