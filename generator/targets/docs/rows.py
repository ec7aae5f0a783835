"""Table rows for parameters and fields, with nested objects expanded into dotted names."""

from __future__ import annotations

from ...ir import Field, Parameter, TypeRef
from ..context import TargetContext
from ..text import code_span
from .markdown import cell, value_cell, value_span
from .types import TypeWriter, constraints_text
from .views import Row

# An enum with more values than this is listed on its model page only.
INLINE_ENUM_VALUES = 12
# How deep a request body's nested objects are expanded in its table.
BODY_DEPTH = 3


class RowWriter:
    def __init__(self, ctx: TargetContext, types: TypeWriter) -> None:
        self.ctx = ctx
        self.types = types

    def parameter(self, param: Parameter, page: str) -> Row:
        return Row(
            name=code_span(param.names.wire),
            location=param.location,
            type=self.types.text(param.type, page),
            required=param.required,
            constraints=constraints_text(param.constraints),
            default=value_cell(param.default) if param.has_default else "",
            description=self._description(param.description, param.deprecated, param.type),
        )

    def field(self, field: Field, page: str, prefix: str = "") -> Row:
        flags = [flag for flag, on in (("read-only", field.read_only),
                                       ("write-only", field.write_only)) if on]  # fmt: skip
        return Row(
            name=code_span(prefix + field.names.wire),
            location="body",
            type=self.types.text(field.type, page) + "".join(f" ({flag})" for flag in flags),
            required=field.required,
            constraints=constraints_text(field.constraints),
            default=value_cell(field.default) if field.has_default else "",
            description=self._description(field.description, field.deprecated, field.type),
        )

    def nested(self, fields: tuple[Field, ...], page: str) -> list[Row]:
        """Every field, and the fields of the objects they hold (``files[].key``), depth first;
        a schema already being expanded (a cycle) is linked, not expanded again."""
        rows: list[Row] = []
        self._walk(fields, page, "", (), rows)
        return rows

    def _walk(
        self, fields: tuple[Field, ...], page: str, prefix: str, seen: tuple[str, ...],
        rows: list[Row],
    ) -> None:  # fmt: skip
        for field in fields:
            rows.append(self.field(field, page, prefix))
            inner, suffix = self._object_inside(field.type)
            if inner is None or inner in seen or len(seen) >= BODY_DEPTH:
                continue
            schema = self.ctx.schemas[inner]
            name = f"{prefix}{field.names.wire}{suffix}."
            self._walk(schema.fields, page, name, (*seen, inner), rows)

    def _object_inside(self, typ: TypeRef) -> tuple[str | None, str]:
        suffix = ""
        while typ.kind == "array" and typ.items is not None:
            typ, suffix = typ.items, suffix + "[]"
        schema = self.ctx.schemas.get(typ.ref) if typ.kind == "ref" and typ.ref else None
        if schema is not None and schema.kind == "object" and schema.fields:
            return schema.name, suffix
        return None, suffix

    def _description(self, text: str, deprecated: bool, typ: TypeRef) -> str:
        parts = ["**Deprecated.**"] if deprecated else []
        if text:
            parts.append(cell(text))
        values = self.enum_values(typ)
        if values:
            parts.append(values)
        return " ".join(parts)

    def enum_values(self, typ: TypeRef) -> str:
        """``One of: `a` (what a means), `b`.`` for an enum type (through arrays)."""
        name = self.types.referenced(typ)
        schema = self.ctx.schemas.get(name) if name else None
        if schema is None or schema.kind != "enum" or not schema.enum_values:
            return ""
        if len(schema.enum_values) > INLINE_ENUM_VALUES:
            return f"One of {len(schema.enum_values)} values (see {schema.name})."
        shown = [
            value_span(v.value) + (f" ({cell(v.description)})" if v.description else "")
            for v in schema.enum_values
        ]
        return ("One of: " + ", ".join(shown) + ".").replace("\\|", "|").replace("|", "\\|")
