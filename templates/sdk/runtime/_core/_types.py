"""Shared sentinel values and type aliases."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, Literal, TypeGuard, TypeVar

import httpx

__all__ = [
    "NOT_GIVEN",
    "Body",
    "Headers",
    "NotGiven",
    "Query",
    "TimeoutTypes",
    "is_given",
    "strip_not_given",
]

_T = TypeVar("_T")
_V = TypeVar("_V")


class NotGiven:
    """Marks a parameter the caller did not pass (as opposed to an explicit ``None``).

    There is exactly one instance, :data:`NOT_GIVEN`.  It is falsy, its ``repr`` is
    ``NOT_GIVEN`` and it survives ``copy``/``deepcopy``/``pickle`` as the same object.
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __copy__(self) -> NotGiven:
        return self

    def __deepcopy__(self, memo: Any) -> NotGiven:
        return self

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

Headers = Mapping[str, str]
"""Extra HTTP headers for one call; they override the client's headers."""

Query = Mapping[str, object]
"""Extra query parameters for one call; serialized like the operation's own query."""

Body = Mapping[str, object]
"""Extra top-level JSON body fields for one call."""

TimeoutTypes = float | httpx.Timeout | None
"""Seconds (float), a full :class:`httpx.Timeout`, or ``None`` for no timeout."""


def is_given(value: _T | NotGiven) -> TypeGuard[_T]:
    """True unless ``value`` is :data:`NOT_GIVEN` (``None`` counts as given)."""
    return not isinstance(value, NotGiven)


def strip_not_given(mapping: Mapping[str, _V | NotGiven] | None) -> dict[str, _V]:
    """Return a new ``dict`` without the entries whose value is :data:`NOT_GIVEN`.

    Explicit ``None`` values are kept (they are sent as JSON ``null``).
    """
    if mapping is None:
        return {}
    return {key: value for key, value in mapping.items() if not isinstance(value, NotGiven)}
