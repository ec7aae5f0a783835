"""Deterministic example values synthesized from types, for when the spec gives none."""

from __future__ import annotations

from collections.abc import Mapping

from ..ir import JSON, Discriminator, Field, Schema, TypeRef, Variant

_STRING_FORMATS: dict[str, str] = {
    "date-time": "2025-01-15T10:30:00Z",
    "date": "2025-01-15",
    "time": "10:30:00",
    "email": "user@example.com",
    "uri": "https://example.com",
    "url": "https://example.com",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "U3dhZ2dlciByb2Nrcw==",
    "binary": "<binary>",
    "password": "********",
}


class ExampleSynthesizer:
    def __init__(self, schemas: Mapping[str, Schema]) -> None:
        self.schemas = schemas

    def for_type(
        self, typ: TypeRef | None, depth: int = 0, seen: frozenset[str] = frozenset()
    ) -> JSON:
        if typ is None:
            return None
        if typ.kind == "literal":
            return typ.literal
        if typ.kind == "primitive":
            return self._primitive(typ)
        if typ.kind == "array":
            if depth > 4:
                return []
            return [self.for_type(typ.items, depth + 1, seen)]
        if typ.kind == "map":
            if depth > 4:
                return {}
            return {"key": self.for_type(typ.items, depth + 1, seen)}
        if typ.kind == "ref" and typ.ref:
            if typ.ref in seen or depth > 6:
                return None if typ.nullable else {}
            return self.for_schema(self.schemas[typ.ref], depth, seen | {typ.ref})
        return {}

    def for_schema(
        self, schema: Schema, depth: int = 0, seen: frozenset[str] = frozenset()
    ) -> JSON:
        if schema.example is not None:
            return schema.example
        if schema.kind == "enum":
            return schema.enum_values[0].value if schema.enum_values else None
        if schema.kind == "union":
            if not schema.variants:
                return None
            variant = schema.variants[0]
            value = self.for_type(variant.type, depth + 1, seen)
            disc = schema.discriminator
            # The tag routes the example to its variant; a placeholder string would not.
            if disc and isinstance(value, dict) and not _tagged(value, disc, variant):
                value = {**value, disc.property: variant.tags[0]}
            return value
        if schema.kind == "alias":
            return self.for_type(schema.target, depth + 1, seen)
        result: dict[str, JSON] = {}
        for field in schema.fields:
            if field.required or depth < 2:
                result[field.names.wire] = self.for_field(field, depth + 1, seen)
        return result

    def for_field(self, field: Field, depth: int = 0, seen: frozenset[str] = frozenset()) -> JSON:
        if field.example is not None:
            return field.example
        if field.has_default and field.default is not None:
            return field.default
        return self.for_type(field.type, depth, seen)

    @staticmethod
    def _primitive(typ: TypeRef) -> JSON:
        if typ.primitive == "string":
            return _STRING_FORMATS.get(typ.format or "", "string")
        if typ.primitive == "integer":
            return 1
        if typ.primitive == "number":
            return 1.5
        if typ.primitive == "boolean":
            return True
        return None


def _tagged(value: dict[str, JSON], disc: Discriminator, variant: Variant) -> bool:
    """Whether ``value`` already carries one of the variant's tags (or it has none)."""
    return not variant.tags or value.get(disc.property) in variant.tags
