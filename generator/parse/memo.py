"""What a long-lived run keeps of its last parse, to give back the very same objects for what an
edit did not reach (``dxgen generate --watch``; see :mod:`generator.run_memory`).

Parsing a 1,000-operation spec takes a tenth of a second, and every object it makes is new, so
everything after it (the render cache's digests, its keys) starts from nothing too. Here a
step of the parse whose inputs are the same as in the last run gives back the last run's
result, the same objects: the operations of a path item whose content did not change, the
component schemas when nothing but ``paths`` changed, each later step whose inputs are all
the same objects. The render cache then knows them by identity.

"The same" is strict (:func:`same`): identity, or equal values of the same types (``1`` is not
``True``, ``-0.0`` is not ``0.0``, a dict's order counts), never Python's ``==`` alone. What a
step reads beyond its arguments is part of its key (the document outside ``paths`` for the
components and every operation) or is checked when its result is taken back (the names an
operation's inline schemas claimed must be the names it would claim now: :class:`Trace`).
"""

from __future__ import annotations

import hashlib
import marshal
import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

_T = TypeVar("_T")
_SCALARS = (str, int, bool, type(None))


def same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are alike in all a target can see: the same object, or values
    of the same types with the same contents (IR dataclasses field by field, JSON values)."""
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind in _SCALARS:
        return bool(a == b)
    if kind is float:
        return bool(a == b and math.copysign(1.0, a) == math.copysign(1.0, b))
    if kind is frozenset or kind is set:
        return bool(a == b) and all(type(x) in _SCALARS for x in a)
    if kind is tuple or kind is list:
        return len(a) == len(b) and all(map(same, a, b))
    if kind is dict:
        return len(a) == len(b) and list(a) == list(b) and all(same(v, b[k]) for k, v in a.items())
    fields = getattr(kind, "__dataclass_fields__", None)
    if fields is None:
        return False
    mine, theirs = a.__dict__, b.__dict__
    return all(same(mine[name], theirs[name]) for name in fields)


def content_digest(value: Any) -> str | None:
    """A digest of a JSON-like value's content (types included), or ``None`` for a value
    ``marshal`` cannot write (a YAML timestamp): then nothing is taken back for it. Version
    2 has no references, so equal contents shared differently write alike."""
    try:
        data = marshal.dumps(value, 2)
    except ValueError:
        return None
    return hashlib.sha1(data).hexdigest()


@dataclass
class Trace:
    """What one operation's parse did to the shared state, to do again when it is taken back:
    the inline schema names it claimed (each from the name wanted), the schemas it added
    (pointer, name, schema), the error schemas it marked, the findings it made (kind,
    message, pointer: located again, lines move). ``opaque``: it read something no key
    covers (a ``$ref`` outside the components, a schema built at a shared place), so it is
    parsed again each run."""

    #: Where it may read (``$ref`` targets) and build schemas (inline ones' pointers): the
    #: document's parts its key covers.
    reads: tuple[str, ...] = ("/components/",)
    builds: str = ""
    claims: list[tuple[str, str]] = field(default_factory=list)
    schemas: list[tuple[str, str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    findings: list[tuple[str, str, str]] = field(default_factory=list)
    opaque: bool = False

    def covers(self, pointer: str) -> bool:
        """Whether the key covers what is at ``pointer`` (a key never covers ``paths``)."""
        return pointer.startswith(self.reads) and not (
            pointer == "/paths" or pointer.startswith("/paths/")
        )


@dataclass
class _Entry:
    inputs: tuple[Any, ...]
    result: Any
    trace: Trace | None = None


class ParseMemory:
    """The last run's steps (inputs and results) and this run's, so that only what this run
    used is kept for the next."""

    def __init__(self) -> None:
        self._last: dict[Hashable, _Entry] = {}
        self._now: dict[Hashable, _Entry] = {}
        self._released: list[dict[Hashable, _Entry]] = []

    def begin(self) -> None:
        """A run starts: what the run before it did is what this one may take back (what
        the run before that did is let go later, between runs: :meth:`release`)."""
        if self._now:
            self._released.append(self._last)
            self._last, self._now = self._now, {}

    def release(self) -> None:
        """Let go of what no run will take back (freeing a large IR's objects takes time)."""
        self._released.clear()

    def abandon(self) -> None:
        """The run failed: keep what the last good one had (and this one's steps, which are
        right for their inputs all the same)."""
        self._last.update(self._now)
        self._now = {}

    def step(self, key: Hashable, inputs: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
        """``compute()``, or the last run's result when the step of ``key`` had the same
        ``inputs`` (:func:`same`)."""
        entry = self._last.get(key)
        if entry is not None and entry.trace is None and same(entry.inputs, inputs):
            self._now[key] = entry
            return entry.result  # type: ignore[no-any-return]
        result = compute()
        self._now[key] = _Entry(inputs, result)
        return result

    def forget(self, key: Hashable) -> None:
        """Keep nothing of the step of ``key`` for the next run."""
        self._now.pop(key, None)

    def recall(self, key: Hashable, inputs: tuple[Any, ...]) -> tuple[Any, Trace] | None:
        """The last run's result and trace of a traced step with the same ``inputs``."""
        entry = self._last.get(key)
        if entry is None or entry.trace is None or not same(entry.inputs, inputs):
            return None
        return entry.result, entry.trace

    def keep(
        self, key: Hashable, inputs: tuple[Any, ...], result: Any, trace: Trace | None
    ) -> None:
        """A traced step's result, taken back (``trace`` as it was) or made now."""
        if trace is None or trace.opaque:
            self._now.pop(key, None)
            return
        self._now[key] = _Entry(inputs, result, trace)

    def intern(self, key: Hashable, value: _T) -> _T:
        """``value``, or the last run's value of ``key`` when it is :func:`same`."""
        entry = self._last.get(key)
        if entry is not None and entry.trace is None and same(entry.result, value):
            self._now[key] = entry
            return entry.result  # type: ignore[no-any-return]
        self._now[key] = _Entry((), value)
        return value
