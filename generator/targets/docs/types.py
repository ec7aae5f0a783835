"""A type as the docs show it: markdown, with each named schema linked to its model page."""

from __future__ import annotations

from ...ir import Constraints, TypeRef
from ..context import TargetContext
from ..pages import DocsPaths
from .markdown import value_span


class TypeWriter:
    """Writes :class:`TypeRef`s as markdown relative to the page being written."""

    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx

    def text(self, typ: TypeRef | None, page: str) -> str:
        if typ is None:
            return "—"
        shown = self._bare(typ, page)
        return f"{shown} or null" if typ.nullable else shown

    def link(self, name: str, page: str) -> str:
        schema = self.ctx.schemas[name]
        return f"[{name}]({DocsPaths.relative(page, DocsPaths.model(schema))})"

    def _bare(self, typ: TypeRef, page: str) -> str:
        if typ.file:
            return "file (binary)"
        if typ.kind == "ref" and typ.ref is not None and typ.ref in self.ctx.schemas:
            return self.link(typ.ref, page)
        if typ.kind == "array":
            return f"array of {self.text(typ.items or TypeRef('any'), page)}"
        if typ.kind == "map":
            return f"map of string to {self.text(typ.items or TypeRef('any'), page)}"
        if typ.kind == "literal":
            return f"constant {value_span(typ.literal)}"
        if typ.kind == "primitive" and typ.primitive is not None:
            return f"{typ.primitive} ({typ.format})" if typ.format else typ.primitive
        return "any"

    def referenced(self, typ: TypeRef | None) -> str | None:
        """The schema a type names, looking through arrays and maps."""
        while typ is not None:
            if typ.kind == "ref" and typ.ref in self.ctx.schemas:
                return typ.ref
            typ = typ.items
        return None


def constraints_text(c: Constraints) -> str:
    """Constraints as short phrases: ``≥ 1``, ``length ≤ 100``, ``pattern `^a$```…"""
    parts: list[str] = []
    if c.minimum is not None:
        parts.append(f"{'>' if c.exclusive_minimum else '≥'} {_number(c.minimum)}")
    if c.maximum is not None:
        parts.append(f"{'<' if c.exclusive_maximum else '≤'} {_number(c.maximum)}")
    if c.min_length is not None:
        parts.append(f"length ≥ {c.min_length}")
    if c.max_length is not None:
        parts.append(f"length ≤ {c.max_length}")
    if c.pattern is not None:
        parts.append(f"pattern {value_span(c.pattern)}")
    if c.min_items is not None:
        parts.append(f"items ≥ {c.min_items}")
    if c.max_items is not None:
        parts.append(f"items ≤ {c.max_items}")
    if c.unique_items:
        parts.append("unique items")
    return ", ".join(parts).replace("|", "\\|")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
