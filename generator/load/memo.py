"""What a long-lived run (``dxgen generate --watch``) keeps of its last load: each YAML piece as
read (by the digest of its text, as the piece cache keys it) and each ``paths`` entry's internal
``$ref``s (by the entry's identity: a piece kept is the same objects run after run). After an
edit only the pieces it touched are read and walked again.

The run that keeps it puts it in effect around its load (:func:`remembering`); nothing else
passes it down, and a run without one loads as it always does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from ..recent import Recent, RecentAnswers

_CURRENT: ContextVar[LoadMemory | None] = ContextVar("dxgen_load_memory", default=None)


class LoadMemory:
    def __init__(self) -> None:
        self._pieces: Recent[str, Any] = Recent()
        self._refs: RecentAnswers[set[str] | None] = RecentAnswers()

    def begin(self) -> None:
        """A load starts: what the last one kept is what this one may take back (a load that
        failed before keeping anything leaves the one before it as it was)."""
        if not self._pieces.fresh or not self._refs.fresh:
            self._pieces.turn()
            self._refs.turn()

    def piece(self, entry: str) -> Any:
        """The piece of ``entry`` as the last load read it, or ``None``."""
        return self._pieces.get(entry)

    def keep_piece(self, entry: str, found: Any) -> None:
        self._pieces.put(entry, found)

    def refs(self, value: object, compute: Callable[[object], set[str] | None]) -> set[str] | None:
        """``compute(value)``: the last load's answer when ``value`` is the same object."""
        return self._refs.answer(value, compute)


@contextlib.contextmanager
def remembering(memory: LoadMemory | None) -> Iterator[None]:
    """``memory`` in effect for the loads within."""
    if memory is not None:
        memory.begin()
    token = _CURRENT.set(memory)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def current() -> LoadMemory | None:
    """The load memory in effect, if a long-lived run put one there."""
    return _CURRENT.get()
