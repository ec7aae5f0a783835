"""What a long-lived run (``dxgen generate --watch``) keeps in memory from one run to the next.

A run after a one-operation edit spent most of its time on what did not change: importing
dxgen, reading and parsing the whole document, digesting the IR's units, asking the render
cache's database for every file, planning every file, comparing every file with the disk. A
process that stays keeps, from its last run: the load's YAML pieces (:mod:`.load.memo`), the
parse's steps (:mod:`.parse.memo`), the render cache's answers by key, the units' digests by
the units' identity and their reach facts, the keys' sha1s, the parts of the targets' plans
whose keys cannot have changed (:meth:`.render_cache.Units.section`), and what it left in the
output folder (:class:`Output`).

Everything here answers a question that names all it depends on (a key, a unit that is the
same object, a file's content digest, a stamp on the disk), so it can only be stale by being
unused: a run never reads a wrong answer from it (tests/unit/test_run_memory.py compares runs
with the memory with fresh ones, edit after random edit).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .load.memo import LoadMemory
from .parse.memo import ParseMemory
from .recent import Recent, RecentAnswers

if TYPE_CHECKING:
    from .render_cache import Units

Answer = bytes | memoryview
_U = TypeVar("_U")


@dataclass
class RunMemory:
    """The last run's answers by key; see the module's docstring."""

    answers: dict[str, Answer] = field(default_factory=dict)
    #: The last load's pieces (:mod:`generator.load.memo`) and parse's steps
    #: (:mod:`generator.parse.memo`).
    load: LoadMemory = field(default_factory=LoadMemory)
    parse: ParseMemory = field(default_factory=ParseMemory)
    runs: int = 0
    #: The render cache's salt (dxgen's own code): what this process loaded, once.
    salt: str = ""
    #: Unit digests by the unit's identity and the way it is digested.
    _digests: RecentAnswers[str] = field(default_factory=RecentAnswers)
    #: The last run's :class:`generator.render_cache.Units`, whose reach facts hold while
    #: the units they read are the same objects.
    units: Units | None = None
    #: Parts of the targets' plans (:meth:`generator.render_cache.Units.section`).
    _sections: Recent[tuple[str, ...], Any] = field(default_factory=Recent)
    _combined: Recent[tuple[str, ...], str] = field(default_factory=Recent)
    _later: list[Callable[[], None]] = field(default_factory=list)
    _released: list[object] = field(default_factory=list)  # let go of between runs
    _outputs: dict[Path, Output] = field(default_factory=dict)

    def lookup(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The answers the last run had for ``keys``."""
        found: dict[str, bytes] = {}
        for key in keys:
            answer = self.answers.get(key)
            if answer is not None:
                found[key] = answer if isinstance(answer, bytes) else bytes(answer)
        return found

    def replace(self, answers: Mapping[str, Answer]) -> None:
        """What this run used and made is what the next one may ask for (what it did not
        use, an older state of the spec, stays in the render cache's database)."""
        self._released.append(self.answers)
        self.answers = dict(answers)
        self.runs += 1
        for recent in (self._digests, self._combined, self._sections):
            self._released.append(recent.turn())

    def digest(self, unit: _U, compute: Callable[[_U], str]) -> str:
        """The digest of ``unit`` (an IR object): the last run's if it is the same object."""
        return self._digests.answer(unit, compute)

    def combine(self, parts: tuple[str, ...], compute: Callable[..., str]) -> str:
        """A key made of ``parts`` (a pure function of them): the last run's if it made it."""
        if not all(type(part) is str for part in parts):  # a placeholder: not a key yet
            return compute(*parts)
        found = self._combined.get(parts)
        if found is None:
            found = compute(*parts)
            self._combined.put(parts, found)
        return found

    def section(self, key: tuple[str, ...]) -> Any:
        return self._sections.get(key)

    def keep_section(self, key: tuple[str, ...], value: Any) -> None:
        self._sections.put(key, value)

    def later(self, fill: Callable[[], None]) -> None:
        """``fill`` the memory once the run is over (:meth:`settle`): a first run's keys are
        placeholders, computed after its files are written rather than on its way."""
        self._later.append(fill)

    def output(self, out_dir: Path) -> Output:
        """What the last run left in ``out_dir`` (nothing known of a folder it did not write)."""
        found = self._outputs.get(out_dir)
        if found is None:
            self._outputs.clear()  # one folder is watched; another spec's output: start over
            found = self._outputs[out_dir] = Output(out_dir)
        return found

    def release_later(self, value: object) -> None:
        """Let go of ``value`` between runs, not during one (:meth:`settle`)."""
        self._released.append(value)

    def settle(self) -> None:
        """Do what :meth:`later` left, and let go of what the last run replaced; a long-lived
        run calls it between runs."""
        while self._later:
            self._later.pop(0)()
        self._released.clear()
        self.parse.release()


_Stat = tuple[int, int, int, int]


class Output:
    """The files a long-lived run left in an output folder: each one's bytes (the very object
    its run had) and its ``lstat`` (size, modified, changed, inode) once they were in place.
    A file of the next run that is that object, at a path whose ``lstat`` is the same, is on
    the disk already: it is neither read nor handed to a staging process. Anything else about
    it (a file edited by hand, replaced, touched) makes it compared with the disk as usual.

    A file changed in the same tick of the file system's clock as it was looked at could keep
    its stamp (git's "racy" index entries): one modified less than :data:`_RACY` seconds before
    it was recorded is not recorded, and so is compared the next time."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._files: dict[str, tuple[bytes, _Stat]] = {}
        self.recorded = False

    def known(self, files: Mapping[str, bytes]) -> dict[str, bool]:
        """Of ``files``, those the folder holds as the last run left them."""
        base = os.fspath(self.out_dir)
        found: dict[str, bool] = {}
        for rel, data in files.items():
            kept = self._files.get(rel)
            if kept is not None and kept[0] is data and _stat(os.path.join(base, rel)) == kept[1]:
                found[rel] = True
        return found

    def record(self, files: Mapping[str, bytes]) -> None:
        """``files`` are in place (the run committed): note each one's stamp."""
        base = os.fspath(self.out_dir)
        now = time.time_ns()
        self._files = {}
        for rel, data in files.items():
            stat = _stat(os.path.join(base, rel))
            if stat is not None and now - max(stat[1], stat[2]) > _RACY * 1e9:
                self._files[rel] = (data, stat)
        self.recorded = True


_RACY = 0.05  # seconds


def _stat(path: str) -> _Stat | None:
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
