"""What a long-lived run (``dxgen generate --watch``) keeps in memory from one run to the next.

A run after a one-operation edit spends most of its time on what did not change: importing
dxgen, asking the render cache's database for the files' answers, digesting the IR's units
again. A process that stays keeps the last run's answers by key (the final bytes of every
file and part it made or found) and the digests of its units by their pickles' content, so
the next run asks the disk only for the keys that changed and digests nothing twice.

Everything here is an answer to a question that names all it depends on (a key, a unit's
digest), so it can only be stale by being unused: a run never reads a wrong answer from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .load.memo import LoadMemory
from .parse.memo import ParseMemory

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
    #: The last run's unit digests by the unit's identity (id → unit, digest), and this run's.
    _digests: dict[tuple[int, object], tuple[object, str]] = field(default_factory=dict)
    _digests_now: dict[tuple[int, object], tuple[object, str]] = field(default_factory=dict)
    #: The last run's :class:`generator.render_cache.Units`, whose reach facts hold while
    #: the units they read are the same objects.
    units: object = None
    #: Parts of the targets' plans (:meth:`generator.render_cache.Units.section`).
    _sections: dict[tuple[str, ...], Any] = field(default_factory=dict)
    _sections_now: dict[tuple[str, ...], Any] = field(default_factory=dict)
    _combined: dict[tuple[str, ...], str] = field(default_factory=dict)
    _combined_now: dict[tuple[str, ...], str] = field(default_factory=dict)
    _later: list[Callable[[], None]] = field(default_factory=list)
    _released: list[object] = field(default_factory=list)  # let go of between runs

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
        self._released.append((self.answers, self._digests, self._combined, self._sections))
        self.answers = dict(answers)
        self.runs += 1
        self._digests, self._digests_now = self._digests_now, {}
        self._combined, self._combined_now = self._combined_now, {}
        self._sections, self._sections_now = self._sections_now, {}

    def digest(self, unit: _U, compute: Callable[[_U], str]) -> str:
        """The digest of ``unit`` (an IR object): the last run's if it is the same object."""
        key = (id(unit), compute)  # one object may be digested two ways
        found = self._digests_now.get(key) or self._digests.get(key)
        if found is None or found[0] is not unit:
            found = (unit, compute(unit))
        self._digests_now[key] = found
        return found[1]

    def combine(self, parts: tuple[str, ...], compute: Callable[..., str]) -> str:
        """A key made of ``parts`` (a pure function of them): the last run's if it made it."""
        if not all(type(part) is str for part in parts):  # a placeholder: not a key yet
            return compute(*parts)
        found = self._combined_now.get(parts) or self._combined.get(parts)
        if found is None:
            found = compute(*parts)
        self._combined_now[parts] = found
        return found

    def section(self, key: tuple[str, ...]) -> Any:
        return self._sections_now.get(key) or self._sections.get(key)

    def keep_section(self, key: tuple[str, ...], value: Any) -> None:
        self._sections_now[key] = value

    def later(self, fill: Callable[[], None]) -> None:
        """``fill`` the memory once the run is over (:meth:`settle`): a first run's keys are
        placeholders, computed after its files are written rather than on its way."""
        self._later.append(fill)

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
