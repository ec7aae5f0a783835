"""IR types → Python annotations for generated code, with the imports they need."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ...ir import Schema, TypeRef
from ..context import TargetContext
from .imports import Imports
from .source import literal

Role = Literal["model", "argument", "result"]

# Enums of these types are rendered as enum classes (OpenStrEnum / OpenIntEnum).
_ENUM_CLASSES = ("string", "integer")
# An enum argument lists its values inline up to this many; past it, it names its
# ``Literal`` alias (defined beside the enum class), so that signatures stay readable.
_INLINE_LITERALS = 4


def literal_alias(schema: Schema) -> str | None:
    """The name of the ``Literal`` alias an enum's module defines for its values, if any."""
    if schema.kind != "enum" or schema.enum_type not in _ENUM_CLASSES:
        return None
    if len(schema.enum_values) <= _INLINE_LITERALS or not schema.literal_name:
        return None
    return schema.literal_name


def enum_literal(schema: Schema, imports: Imports) -> str:
    """``Literal[...]`` of an enum's values; a value that a ``Literal`` cannot hold (a float,
    an object) widens it to ``float`` or ``Any``, and the values stay in the docstring."""
    values = [member.value for member in schema.enum_values]
    if all(value is None or isinstance(value, str | int | bool) for value in values):
        imports.typing.add("Literal")
        return f"Literal[{', '.join(literal(value) for value in values)}]"
    if all(isinstance(value, int | float) and not isinstance(value, bool) for value in values):
        return "float"
    imports.typing.add("Any")
    return "Any"


class Annotator:
    def __init__(self, context: TargetContext) -> None:
        self.schemas: dict[str, Schema] = context.schemas
        # An argument typed with an attachment schema also takes what the upload helper
        # returns, where the parser found that it fits (``Upload.attachment_fits``).
        self.also_accepts: dict[str, str] = {
            fit: op.upload.attachment
            for op in context.api.operations
            if op.upload is not None and op.upload.attachment is not None
            for fit in op.upload.attachment_fits
        }

    def annotation(
        self,
        typ: TypeRef | None,
        imports: Imports,
        role: Role = "model",
        *,
        opaque: frozenset[str] = frozenset(),
        shadowed: frozenset[str] = frozenset(),
    ) -> str:
        """``opaque`` names are rendered as ``Any`` (a recursive alias inside its own body);
        ``shadowed`` builtins (``list``: a method of the class being written) are spelled
        ``builtins.list``."""
        if typ is None:
            return "None"
        text = self._base(typ, imports, role, opaque, shadowed)
        if typ.nullable and text not in ("None", "Any"):
            text = f"{text} | None"
        return text

    def _base(
        self,
        typ: TypeRef,
        imports: Imports,
        role: Role,
        opaque: frozenset[str],
        shadowed: frozenset[str] = frozenset(),
    ) -> str:
        if typ.kind == "any":
            imports.typing.add("Any")
            return "Any"
        if typ.kind == "literal":
            if typ.literal is None:
                return "None"
            if isinstance(typ.literal, str | int | bool):
                imports.typing.add("Literal")
                return f"Literal[{typ.literal!r}]"
            imports.typing.add("Any")
            return "Any"
        if typ.kind == "primitive":
            return self._primitive(typ, imports, role)
        if typ.kind == "array":
            inner = self.annotation(typ.items, imports, role, opaque=opaque, shadowed=shadowed)
            if role == "argument":
                imports.collections.add("Sequence")
                return f"Sequence[{inner}]"
            return f"{_builtin('list', shadowed, imports)}[{inner}]"
        if typ.kind == "map":
            inner = self.annotation(typ.items, imports, role, opaque=opaque, shadowed=shadowed)
            if role == "argument":
                imports.collections.add("Mapping")
                return f"Mapping[str, {inner}]"
            return f"{_builtin('dict', shadowed, imports)}[str, {inner}]"
        if typ.kind == "ref" and typ.ref:
            schema = self.schemas[typ.ref]
            if schema.name in opaque:
                imports.typing.add("Any")
                return "Any"
            if schema.kind == "alias" and schema.target is not None and not schema.recursive:
                return self._base(schema.target, imports, role, opaque, shadowed)
            imports.model(schema.module, schema.name)
            if role == "argument" and schema.kind == "enum" and schema.enum_type in _ENUM_CLASSES:
                return self._enum_argument(schema, imports)
            if role == "argument" and schema.name in self.also_accepts:
                accepted = self.schemas[self.also_accepts[schema.name]]
                imports.model(accepted.module, accepted.name)
                return f"{schema.name} | {accepted.name}"
            return schema.name
        imports.typing.add("Any")
        return "Any"

    @staticmethod
    def _enum_argument(schema: Schema, imports: Imports) -> str:
        """An enum argument takes a member or its value: ``Literal["a", "b"] | Kind``, or
        ``KindValue | Kind`` with the alias of a long list of values.

        The runtime sends either as the same wire value; typing both lets a caller write
        ``kind="reminder"`` as well as ``kind=TaskKind.REMINDER`` under ``mypy --strict``.
        (Other enums are rendered as a ``Literal`` alias already.)
        """
        alias = literal_alias(schema)
        if alias is not None:
            imports.model(schema.module, alias)
            return f"{alias} | {schema.name}"
        return f"{enum_literal(schema, imports)} | {schema.name}"

    @staticmethod
    def _primitive(typ: TypeRef, imports: Imports, role: Role) -> str:
        if typ.primitive == "string":
            if typ.format == "date-time":
                imports.datetime = True
                return "_dt.datetime"
            if typ.format == "date":
                imports.datetime = True
                return "_dt.date"
            if typ.file and role == "argument":
                imports.core.add("FileInput")
                return "FileInput"
            return "str"
        if typ.primitive == "integer":
            return "int"
        if typ.primitive == "number":
            return "float"
        if typ.primitive == "boolean":
            return "bool"
        return "None"


def union_text(members: Sequence[str]) -> str:
    """``A | B | None``: each member once, ``None`` last (where ruff's RUF036 wants it), also
    when a member is itself nullable (``A | None``) or the null type (GitHub's ``oneOf`` lists
    ``null`` between two objects)."""
    parts: list[str] = []
    nullable = False
    for member in members:
        if member == "None" or member.endswith(" | None"):
            nullable = True
            member = member.removesuffix("None").removesuffix(" | ")
        if member:
            parts.append(member)
    parts = list(dict.fromkeys(parts))
    if nullable:
        parts.append("None")
    return " | ".join(parts) if parts else "None"


def _builtin(name: str, shadowed: frozenset[str], imports: Imports) -> str:
    """``name``, or ``builtins.name`` where a method of the class being written is named so."""
    if name not in shadowed:
        return name
    imports.builtins = True
    return f"builtins.{name}"
