"""Answers kept from one run of a long-lived process to the next (``dxgen generate --watch``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")
_T = TypeVar("_T")


class Recent(Generic[_K, _V]):
    """The last run's answers and this run's. An answer this run takes from the last is
    carried into this run's, so that after :meth:`turn` only what the last run used is kept:
    a long session holds one run's worth, not every run's."""

    def __init__(self) -> None:
        self._last: dict[_K, _V] = {}
        self._now: dict[_K, _V] = {}

    def get(self, key: _K) -> _V | None:
        found = self._now.get(key)
        if found is None:
            found = self._last.get(key)
            if found is not None:
                self._now[key] = found
        return found

    def put(self, key: _K, value: _V) -> None:
        self._now[key] = value

    def turn(self) -> dict[_K, _V]:
        """A run is over: its answers are the last run's. What no run will ask for again is
        given back, for the caller to let go of when it suits (freeing takes time)."""
        dropped, self._last, self._now = self._last, self._now, {}
        return dropped

    @property
    def fresh(self) -> bool:
        """Whether this run has answered nothing yet."""
        return not self._now


class RecentAnswers(Generic[_V]):
    """:class:`Recent` answers about objects, by the object's identity and the question (the
    function that answers it). The object is kept with its answer, so that its id is not
    taken by another while the answer may be asked for."""

    def __init__(self) -> None:
        self._recent: Recent[tuple[int, Any], tuple[object, _V]] = Recent()

    def answer(self, value: _T, compute: Callable[[_T], _V]) -> _V:
        """``compute(value)``: the last run's answer when ``value`` is the same object."""
        key = (id(value), compute)
        found = self._recent.get(key)
        if found is None or found[0] is not value:
            found = (value, compute(value))
            self._recent.put(key, found)
        return found[1]

    def turn(self) -> dict[tuple[int, Any], tuple[object, _V]]:
        """As :meth:`Recent.turn`."""
        return self._recent.turn()

    @property
    def fresh(self) -> bool:
        return self._recent.fresh
