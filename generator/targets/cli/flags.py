"""How each argument of an operation becomes a ``--flag``: its kind, choices and help.

The kinds are those the runtime knows (``_spec.FlagKind``): a plain value (``string``,
``integer``, ``number``, ``boolean``), an enum (``choice``, with each value's description),
``json`` for objects, unions and lists of objects, and ``file`` for binary content. A list of
plain values is ``multiple``: the flag repeats or takes comma-separated values.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import JSON, Field, Parameter, Schema, TypeRef
from ..context import TargetContext
from ..text import one_line

MAX_HELP = 300


@dataclass(frozen=True)
class FlagView:
    name: str
    py: str
    wire: str
    location: str
    kind: str
    required: bool
    help: str
    multiple: bool
    choices: tuple[tuple[str, str], ...]
    deprecated: bool
    default: str | None
    metavar: str | None = None  # what help shows for the value (None: the kind's own)


@dataclass(frozen=True)
class _Kind:
    kind: str
    multiple: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    format: str | None = None  # of a string: date-time, date, uuid, uri, email, …


# Help's name for a string value of a known format.
FORMAT_METAVARS = {
    "date-time": "DATETIME", "date": "DATE", "time": "TIME", "uuid": "UUID", "uri": "URL",
    "url": "URL", "email": "EMAIL", "byte": "BASE64", "duration": "DURATION",
}  # fmt: skip


class FlagMaker:
    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx

    def parameter(self, param: Parameter) -> FlagView:
        return self._flag(param, param.location, param.required)

    def field(self, item: Field, location: str) -> FlagView:
        return self._flag(item, location, item.required)

    def _flag(self, item: Parameter | Field, location: str, required: bool) -> FlagView:
        kind = self.kind(item.type)
        return FlagView(
            name=item.names.cli,
            py=item.names.py,
            wire=item.names.wire,
            location=location,
            kind=kind.kind,
            required=required,
            help=_help(item.description),
            multiple=kind.multiple,
            choices=kind.choices,
            deprecated=item.deprecated,
            default=_default(item.default) if item.has_default else None,
            metavar=FORMAT_METAVARS.get(kind.format or "") if kind.kind == "string" else None,
        )

    def kind(self, typ: TypeRef, depth: int = 0) -> _Kind:
        if typ.file:
            return _Kind("file")
        if typ.kind == "primitive":
            return _Kind(_PRIMITIVES.get(typ.primitive or "string", "string"), format=typ.format)
        if typ.kind == "literal":
            value = typ.literal
            if isinstance(value, str):
                return _Kind("choice", choices=((value, ""),))
            return _Kind("json")
        if typ.kind == "array" and typ.items is not None and depth == 0:
            inner = self.kind(typ.items, depth + 1)
            if inner.kind in ("string", "integer", "number", "choice"):
                return _Kind(inner.kind, multiple=True, choices=inner.choices, format=inner.format)
            return _Kind("json")
        if typ.kind == "ref" and typ.ref is not None:
            schema = self.ctx.schemas[typ.ref]
            return self._schema_kind(schema, depth)
        return _Kind("json")

    def _schema_kind(self, schema: Schema, depth: int) -> _Kind:
        if schema.kind == "enum":
            if schema.enum_type == "string" and all(
                isinstance(v.value, str) for v in schema.enum_values
            ):
                return _Kind(
                    "choice",
                    choices=tuple(
                        (str(v.value), one_line(v.description)) for v in schema.enum_values
                    ),
                )
            return _Kind(_PRIMITIVES.get(schema.enum_type or "string", "string"))
        if schema.kind == "alias" and schema.target is not None and depth < 3:
            return self.kind(schema.target, depth)
        return _Kind("json")


_PRIMITIVES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def _help(description: str) -> str:
    text = one_line(description)
    if len(text) > MAX_HELP:
        text = text[: MAX_HELP - 1].rstrip() + "…"
    return text


def _default(value: JSON) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
