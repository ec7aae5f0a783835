"""Discriminated unions that survive a newer server: unknown tags parse, they don't raise."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

import pydantic

from ._models import BaseModel

__all__ = ["UNKNOWN_TAG", "UnknownVariant", "tagged_union"]

UNKNOWN_TAG = "__unknown__"

Refinements = Mapping[str, tuple[str, str, Mapping[str, str]]]


class UnknownVariant(BaseModel):
    """A union member this SDK version does not know; every field is kept as sent."""


def _read(value: Any, prop: str, py_prop: str) -> str | None:
    raw = value.get(prop, value.get(py_prop)) if isinstance(value, Mapping) else None
    if not isinstance(value, Mapping):
        raw = getattr(value, py_prop, None)
    if isinstance(raw, Enum):
        raw = raw.value
    return None if raw is None else str(raw)


def tagged_union(
    prop: str,
    py_prop: str,
    mapping: Mapping[str, str],
    refinements: Refinements | None = None,
) -> pydantic.Discriminator:
    """A pydantic discriminator: the value of ``prop`` picks the variant tagged ``mapping[value]``.

    ``refinements[value] = (prop2, py_prop2, {value2: tag})`` tells apart variants that share
    ``value`` by a second property. Anything unmapped selects the ``"__unknown__"`` variant
    (:class:`UnknownVariant`) instead of failing validation.
    """
    table = dict(mapping)
    refine = dict(refinements or {})

    def pick(value: Any) -> str:
        tag = _read(value, prop, py_prop)
        if tag is None:
            return UNKNOWN_TAG
        if tag in refine:
            sub_prop, sub_py_prop, sub_table = refine[tag]
            sub = _read(value, sub_prop, sub_py_prop)
            if sub is not None and sub in sub_table:
                return sub_table[sub]
        return table.get(tag, UNKNOWN_TAG)

    return pydantic.Discriminator(pick)
