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

import contextlib
import errno
import os
import posixpath
import queue
import re
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputError
from .manifest import MANIFEST_NAME, manifests, owned
from .paths import InsideCheck, holds, stays_inside
from .transaction import TXN_DIR, Staging, commit, locked, pending, recover

__all__ = [
    "MANIFEST_NAME",
    "TXN_DIR",
    "OutputError",
    "WriteReport",
    "WriteSession",
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
    known: Mapping[str, bool] | None = None,
) -> WriteReport:
    wanted = {**files, **manifests(files, out_dir, roots)}
    protected = _input_paths(out_dir, inputs)
    report = WriteReport(interrupted=pending(out_dir), contents=wanted)
    known = known or {}
    for rel in sorted(wanted):
        if rel in protected:
            raise OutputError(out_dir / rel, "is an input of this run; dxgen will not overwrite it")
        same = known.get(rel)
        if same is None:
            same = holds(os.path.join(out_dir, rel), wanted[rel])
        (report.unchanged if same else report.written).append(rel)
    present, debris = _scan(out_dir, roots)
    # only those the run does not write can be removed: the others are not looked at (a
    # large kit's thousands of files were a system call each)
    base = str(out_dir)
    ours = {
        rel
        for rel in (owned(out_dir, roots) | debris) - wanted.keys()
        if _is_file_or_link(base, rel)
    }
    for rel in sorted((present | ours) - wanted.keys()):
        removable = rel in ours and rel not in protected and stays_inside(out_dir, rel)
        (report.removed if removable else report.foreign).append(rel)
    return report


def _is_file_or_link(base: str, rel: str) -> bool:
    """Whether something other than a folder (or a link to one) is at ``rel``: one ``lstat``,
    not pathlib's two (a tenth of a second of a 2,000-file run with nothing to write)."""
    path = os.path.join(base, rel)
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    if stat.S_ISLNK(mode):
        return not os.path.isdir(path)
    return not stat.S_ISDIR(mode)


def apply(
    out_dir: Path,
    report: WriteReport,
    on_committed: Callable[[], None] | None = None,
    staging: Staging | None = None,
) -> None:
    """Make the planned changes, all or none (see :func:`.transaction.commit`)."""
    if not report.written and not report.removed:
        return
    writes = {rel: report.contents[rel] for rel in report.written}
    _check_writable_paths(out_dir, writes)
    commit(out_dir, writes, report.removed, on_committed, staging)


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


class WriteSession:
    """Writing begun before the files are all rendered, so that it overlaps the rendering.

    As :func:`write_output` (the folder made and locked, a killed run's leftovers settled), but
    at the start of the run. Each file :meth:`offer`-ed is handed to a small process of its own
    (:mod:`.stager`), which compares it with the disk and stages it if it differs, while the
    run renders the rest: creating GitHub's 15,000 files takes seconds of the kernel's time.
    :meth:`finish` plans and commits with every file; a session left without it (an error,
    Ctrl-C) stops that process and deletes what it staged: the output is as it was. A run
    killed outright leaves a transaction without a journal, which the next run deletes.
    """

    def __init__(
        self,
        out_dir: Path,
        roots: Collection[str],
        inputs: Collection[Path] = (),
        *,
        known: Callable[[Mapping[str, bytes]], Mapping[str, bool]] | None = None,
    ) -> None:
        """``known``: a caller that knows, of the files it is given, which the disk holds
        already (a long-lived run: what it wrote, unchanged since); the others are compared in
        place at the end, with no staging process beside the run (few files change then)."""
        self.out_dir = out_dir
        self.roots = roots
        self.inputs = inputs
        self._staging = Staging(out_dir)
        self._created: Path | None = None
        self._exits = contextlib.ExitStack()
        self._recovered: str | None = None
        self._feeder: _Feeder | None = None
        self._known = known
        self._ours = False

    def __enter__(self) -> WriteSession:
        try:
            self._created = _make_output_dir(self.out_dir)
            self._exits.enter_context(locked(self.out_dir))
            self._recovered = recover(self.out_dir)
            self._ours = True  # from here, any transaction folder is this run's
            self._staging.begin()
            if self._known is None:
                try:
                    self._feeder = _Feeder.start(self.out_dir, self._staging.txn / "new")
                except OSError:  # no process to be had: the commit stages everything itself
                    self._feeder = None
        except BaseException as exc:
            self._close(failed=True)
            if isinstance(exc, OSError):
                raise _located(exc, self.out_dir) from None
            raise
        return self

    def offer(self, rel: str, data: bytes) -> None:
        """A file as it will be written (staged beside the run if it differs from the disk)."""
        if self._feeder is not None:
            self._feeder.put(rel, data)

    def finish(
        self, files: Mapping[str, bytes], on_committed: Callable[[], None] | None = None
    ) -> WriteReport:
        """Plan with every file of the run, and commit (see :func:`apply`)."""
        try:
            known: dict[str, bool] = dict(self._known(files)) if self._known else {}
            if self._feeder is not None:
                feeder, self._feeder = self._feeder, None
                for rel, answer in feeder.answers().items():
                    if answer == "W":
                        self._staging.staged.add(rel)
                    known[rel] = answer == "S"
            report = _plan(files, self.out_dir, self.roots, self.inputs, known)
            report.recovered = self._recovered
            report.interrupted = False  # the transaction folder there now is this run's own
            if not self._staging.staged <= set(report.written):
                raise RuntimeError("dxgen staged a file that it does not write")  # cannot be
            apply(self.out_dir, report, on_committed, self._staging)
            self._staging.abandon()  # nothing to write: the staging folder, empty
        except OSError as exc:
            raise _located(exc, self.out_dir) from None
        return report

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        self._close(failed=kind is not None)

    def _close(self, failed: bool) -> None:
        try:
            if self._feeder is not None:
                feeder, self._feeder = self._feeder, None
                feeder.stop()
            if failed and self._ours:
                self._staging.abandon()
        finally:
            self._exits.close()
            if failed and self._created is not None:
                _remove_empty_chain(self.out_dir, self._created)


class _Feeder:
    """The stager process and the thread that writes to it: the run never waits for the
    stager (the thread does, in a system call, without the interpreter's lock)."""

    def __init__(self, process: subprocess.Popen[bytes], out_dir: Path) -> None:
        self._process = process
        self._out_dir = out_dir
        self._queue: queue.SimpleQueue[tuple[str, bytes] | None] = queue.SimpleQueue()
        self._failure: OSError | None = None
        self._offered = 0
        self._thread = threading.Thread(target=self._feed, name="dxgen-stager", daemon=True)
        self._thread.start()

    @classmethod
    def start(cls, out_dir: Path, new_dir: Path) -> _Feeder:
        # the stager of this very dxgen (its folder first on the path), without site's start-up
        package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        command = [sys.executable, "-I", "-S", "-c", _STAGER, package_root]
        command += [os.fspath(out_dir), os.fspath(new_dir), str(os.getpid())]
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return cls(process, out_dir)

    def put(self, rel: str, data: bytes) -> None:
        self._offered += 1
        self._queue.put((rel, data))

    def _feed(self) -> None:
        assert self._process.stdin is not None
        fd = self._process.stdin.fileno()
        done = False
        while not done:
            items = [self._queue.get()]
            while len(items) < 300:  # os.writev takes at most IOV_MAX (1,024) buffers
                try:
                    items.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            batch: list[bytes] = []
            for item in items:
                if item is None:
                    done = True
                    break
                rel, data = item
                name = os.fsencode(rel)
                batch += [b"%d %d\n" % (len(name), len(data)), name, data]
            if batch and self._failure is None:
                try:
                    _write_all(fd, batch)
                except OSError as exc:
                    self._failure = exc

    def answers(self) -> dict[str, str]:
        """What the stager did with each file offered: ``S``, ``W`` or ``?`` (see .stager)."""
        self._queue.put(None)
        self._thread.join()
        assert self._process.stdin is not None and self._process.stdout is not None
        with contextlib.suppress(OSError):
            self._process.stdin.close()
        output = self._process.stdout.read()
        self._process.wait()
        if self._failure is not None:
            raise self._failure
        found: dict[str, str] = {}
        for line in output.splitlines():
            kind, _, rest = line.partition(b" ")
            if kind == b"E":
                rel, _, reason = rest.partition(b"\t")
                raise OSError(0, os.fsdecode(reason), os.path.join(self._out_dir, os.fsdecode(rel)))
            found[os.fsdecode(rest)] = kind.decode("ascii")
        if self._process.returncode != 0 or len(found) != self._offered:
            raise OSError(0, f"the staging process failed (exit {self._process.returncode})")
        return found

    def stop(self) -> None:
        """The run ends without a commit: stop the process (what it staged is deleted after)."""
        self._queue.put(None)
        if self._process.returncode is None:
            self._process.kill()
        self._thread.join()
        self._process.wait()
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


_STAGER = (
    "import sys; sys.path.insert(0, sys.argv.pop(1)); "
    "from generator.write.stager import main; sys.exit(main(sys.argv[1:]))"
)


def _write_all(fd: int, buffers: list[bytes]) -> None:
    """All of ``buffers`` to ``fd``: a few system calls, however many buffers."""
    views = [memoryview(buffer) for buffer in buffers if buffer]
    while views:
        written = os.writev(fd, views) if hasattr(os, "writev") else os.write(fd, views[0])
        while views and written >= len(views[0]):
            written -= len(views[0])
            views.pop(0)
        if written:
            views[0] = views[0][written:]


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
    present: dict[str, bool] = {"": True}  # folders checked: whether each is there
    inside = InsideCheck(out_dir)
    base = os.fspath(out_dir)
    for rel in writes:
        parts = rel.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            folder = "/".join(parts[:depth])
            if folder in present:
                continue
            path = os.path.join(base, folder)
            present[folder] = os.path.lexists(path)
            if present[folder] and not os.path.isdir(path):
                raise OutputError(Path(path), "is a file; dxgen needs a folder there")
        target = os.path.join(base, rel)
        mode = 0
        if present["/".join(parts)]:  # else a new folder: nothing can be in the way
            try:
                mode = os.lstat(target).st_mode
            except FileNotFoundError:
                pass
            except OSError as exc:  # a name too long, a loop of links…
                if exc.errno != errno.ENOTDIR:
                    raise OutputError.from_os_error(Path(target), exc) from None
        if stat.S_ISDIR(mode):  # a folder itself, not a link to one
            raise OutputError(Path(target), "is a folder; dxgen writes a file there")
        if not inside(rel):
            raise OutputError(
                Path(target),
                "is reached through a symbolic link out of the output folder; not written",
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
