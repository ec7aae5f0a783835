"""JSON Schema (OpenAPI flavour) → named :class:`Schema`s and :class:`TypeRef` uses.

Component schemas keep their names (collisions after normalisation are errors); inline
objects, enums and unions get stable names from where they appear
(``MessageCreateRequest`` + ``message`` → ``MessageCreateRequestMessage``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import unquote

from .. import naming
from ..ir import (
    JSON,
    Constraints,
    Discriminator,
    EnumValue,
    Field,
    Names,
    Primitive,
    Refinement,
    Schema,
    TypeRef,
    Variant,
    evolve,
)
from ..load import join_pointer, split_pointer
from .context import ParseContext, as_dict, as_list, prose
from .memo import Trace

ANY = TypeRef("any")
_PRIMITIVES = ("string", "integer", "number", "boolean", "null")
_COMPONENTS = "/components/schemas/"


def is_nullable_marker(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("type") == "null" or (schema.get("enum") == [None])
    )


class SchemaRegistry:
    def __init__(self, ctx: ParseContext) -> None:
        self.ctx = ctx
        self.schemas: dict[str, Schema] = {}
        self.by_pointer: dict[str, str] = {}  # pointer -> schema name
        self.taken: set[str] = set()
        self._building: set[str] = set()
        #: What an operation being parsed adds, when a long-lived run traces it (:mod:`.memo`).
        self.trace: Trace | None = None

    # -- names --------------------------------------------------------------------------

    def reserve_components(self) -> None:
        """Give every component schema its name up front, so inline names never steal one."""
        components = as_dict(as_dict(self.ctx.document.get("components")).get("schemas"))
        if not isinstance(components, dict):
            return
        first_seen: dict[str, str] = {}
        for key in components:
            pointer = join_pointer("/components/schemas", key)
            name = naming.class_name(key, fallback="Schema")
            if name in first_seen:
                other = self.ctx.locate(first_seen[name]).render()
                self.ctx.fail(
                    f"schema names {key!r} and {split_pointer(first_seen[name])[-1]!r} "
                    f"both become class {name!r} (other at {other})",
                    pointer,
                )
                continue
            first_seen[name] = pointer
            self.taken.add(name)
            self.by_pointer[pointer] = name

    def inline_name(self, hint: str) -> str:
        wanted = naming.class_name(hint, fallback="Model")
        name = naming.unique(wanted, self.taken, separator="")
        if self.trace is not None:
            self.trace.claims.append((wanted, name))
        return name

    # -- entry points -------------------------------------------------------------------

    def build_components(self) -> None:
        components = as_dict(as_dict(self.ctx.document.get("components")).get("schemas"))
        if isinstance(components, dict):
            for key in components:
                pointer = join_pointer("/components/schemas", key)
                if pointer in self.by_pointer:
                    self.named(pointer)

    def named(self, pointer: str) -> str:
        """The name of the schema at ``pointer``, building it on first use."""
        name = self.by_pointer.get(pointer)
        trace = self.trace
        if trace is not None and name not in self.schemas and not pointer.startswith(trace.builds):
            trace.opaque = True  # a schema built at a place other operations share
        if name is None:
            tokens = split_pointer(pointer)
            name = self.inline_name(tokens[-1] if tokens else "Schema")
            self.by_pointer[pointer] = name
        if name not in self.schemas and name not in self._building:
            self._building.add(name)
            node, _ = self.ctx.deref({"$ref": "#" + pointer}, pointer)
            schema = self.schemas[name] = self._build_named(name, node, pointer, inline=False)
            self._building.discard(name)
            if trace is not None:
                trace.schemas.append((pointer, name, schema))
        return name

    def type_of(self, node: Any, pointer: str, hint: str) -> TypeRef:
        """The type of a schema use; inline objects/enums/unions become named schemas."""
        if not isinstance(node, dict):
            if node is True or node is None:
                return ANY
            self.ctx.warn("schema is not an object; treated as any value", pointer)
            return ANY
        ref = node.get("$ref")
        if isinstance(ref, str):
            return self._ref_type(ref, node, pointer)
        nullable = bool(node.get("nullable")) or _type_list_has_null(node)

        if "const" in node:
            return TypeRef("literal", literal=cast(JSON, node["const"]), nullable=nullable)
        all_of = node.get("allOf")
        if isinstance(all_of, list) and all_of:
            if len(all_of) == 1 and not node.get("properties") and not _declares_type(node):
                inner = self.type_of(all_of[0], join_pointer(pointer, "allOf", 0), hint)
                return _with_nullable(inner, nullable or inner.nullable)
            return self._inline(node, pointer, hint, nullable)
        for keyword in ("oneOf", "anyOf"):
            variants = node.get(keyword)
            if isinstance(variants, list) and variants:
                real = [v for v in variants if not is_nullable_marker(v)]
                nullable = nullable or len(real) < len(variants)
                if len(real) == 1 and not node.get("properties"):
                    index = variants.index(real[0])
                    inner = self.type_of(real[0], join_pointer(pointer, keyword, index), hint)
                    return _with_nullable(inner, True if nullable else inner.nullable)
                if not real:
                    return TypeRef("primitive", primitive="null", nullable=True)
                return self._inline(node, pointer, hint, nullable)
        enum = node.get("enum")
        if isinstance(enum, list):
            values = [v for v in enum if v is not None]
            nullable = nullable or len(values) < len(enum)
            if len(values) == 1:
                return TypeRef("literal", literal=cast(JSON, values[0]), nullable=nullable)
            if not values:
                return TypeRef("primitive", primitive="null", nullable=True)
            return self._inline(node, pointer, hint, nullable)
        kind = _main_type(node)
        if isinstance(node.get("type"), list) and len(_non_null_types(node)) > 1:
            return self._inline(node, pointer, hint, nullable)
        if kind == "array":
            items = node.get("items")
            item_type = self.type_of(items, join_pointer(pointer, "items"), hint + "Item")
            return TypeRef("array", items=item_type, nullable=nullable)
        if kind == "object":
            if node.get("properties") or node.get("discriminator"):
                return self._inline(node, pointer, hint, nullable)
            return TypeRef("map", items=self._additional(node, pointer, hint), nullable=nullable)
        if kind in _PRIMITIVES:
            fmt = node.get("format")
            return TypeRef(
                "primitive",
                primitive=cast(Primitive, kind),
                format=fmt if isinstance(fmt, str) else None,
                nullable=nullable or kind == "null",
                # `binary` is a file's bytes; `byte` is base64 text, a plain string.
                file=kind == "string" and fmt == "binary",
            )
        return TypeRef("any", nullable=nullable)

    # -- helpers ------------------------------------------------------------------------

    def _ref_type(self, ref: str, node: dict[str, Any], pointer: str) -> TypeRef:
        if not ref.startswith("#"):
            self.ctx.fail(f"unresolved $ref {ref}", join_pointer(pointer, "$ref"))
            return ANY
        resolved, final = self.ctx.deref(node, pointer)
        if not isinstance(resolved, dict):
            return ANY
        nullable = bool(node.get("nullable"))
        if final.startswith(_COMPONENTS) or _is_structured(resolved):
            name = self.named(final)
            schema = self.schemas.get(name)
            if schema is not None and schema.kind == "alias" and schema.target is not None:
                # Named primitives, arrays and maps are used as what they stand for.
                return _with_nullable(schema.target, nullable or schema.target.nullable)
            return TypeRef("ref", ref=name, nullable=nullable)
        inner = self.type_of(resolved, final, split_pointer(final)[-1] if final else "Schema")
        return _with_nullable(inner, nullable or inner.nullable)

    def _inline(self, node: dict[str, Any], pointer: str, hint: str, nullable: bool) -> TypeRef:
        name = self.by_pointer.get(pointer)
        if self.trace is not None and not pointer.startswith(self.trace.builds):
            self.trace.opaque = True  # a place other operations share
        if name is None:
            name = self.inline_name(hint)
            self.by_pointer[pointer] = name
            self._building.add(name)
            schema = self.schemas[name] = self._build_named(name, node, pointer, inline=True)
            self._building.discard(name)
            if self.trace is not None:
                self.trace.schemas.append((pointer, name, schema))
        return TypeRef("ref", ref=name, nullable=nullable)

    def _additional(self, node: dict[str, Any], pointer: str, hint: str) -> TypeRef:
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and extra:
            return self.type_of(
                extra, join_pointer(pointer, "additionalProperties"), hint + "Value"
            )
        return ANY

    def _build_named(self, name: str, node: Any, pointer: str, *, inline: bool) -> Schema:
        if not isinstance(node, dict):
            node = {}
        base = Schema(
            name=name,
            kind="alias",
            pointer=pointer,
            description=prose(node.get("description")) or prose(node.get("title")),
            inline=inline,
            deprecated=bool(node.get("deprecated")),
            example=cast(JSON, node.get("example")),
            is_error=bool(node.get("x-error")),
        )
        enum = node.get("enum")
        if isinstance(enum, list) and [v for v in enum if v is not None]:
            return self._enum(base, node, pointer)
        all_of = node.get("allOf")
        if isinstance(all_of, list) and all_of:
            if len(all_of) == 1 and not node.get("properties") and not _declares_type(node):
                target = self.type_of(all_of[0], join_pointer(pointer, "allOf", 0), name)
                return evolve(base, target=target)
            merged = self._merge_all_of(node, pointer)
            return self._object(base, merged, pointer)
        for keyword in ("oneOf", "anyOf"):
            if isinstance(node.get(keyword), list) and node[keyword]:
                return self._union(base, node, pointer, keyword)
        if isinstance(node.get("type"), list) and len(_non_null_types(node)) > 1:
            variants = tuple(
                Variant(self.type_of({**node, "type": t}, pointer, name))
                for t in _non_null_types(node)
            )
            return evolve(base, kind="union", variants=variants, exclusive=False)
        kind = _main_type(node)
        if kind == "object" or node.get("properties"):
            if not node.get("properties") and not node.get("discriminator"):
                target = TypeRef("map", items=self._additional(node, pointer, name))
                return evolve(base, target=target)
            return self._object(base, node, pointer)
        # A named array or primitive: an alias.
        target = self.type_of(node, pointer, name)
        if target.kind == "ref" and target.ref == name:
            target = ANY
        return evolve(base, target=target)

    def _merge_all_of(self, node: dict[str, Any], pointer: str) -> dict[str, Any]:
        """Flatten ``allOf`` (recursively, through refs) into one object schema."""
        into = _AllOf()
        self._absorb(into, {k: v for k, v in node.items() if k != "allOf"}, pointer, 0)
        for index, part in enumerate(node["allOf"]):
            self._absorb(into, part, join_pointer(pointer, "allOf", index), 1)
        merged: dict[str, Any] = {
            "type": "object",
            "properties": into.properties,
            "required": into.required,
            "x-dxgen-origin": into.origin,
        }
        if into.extra is not None:
            merged["additionalProperties"] = into.extra
        if node.get("discriminator"):
            merged["discriminator"] = node["discriminator"]
        return merged

    def _absorb(self, into: _AllOf, part: Any, part_pointer: str, depth: int) -> None:
        """One part of an ``allOf``: its own ``allOf`` parts first, then its properties."""
        part, part_pointer = self.ctx.deref(part, part_pointer)
        if not isinstance(part, dict) or depth > 32:
            return
        for index, sub in enumerate(as_list(part.get("allOf"))):
            self._absorb(into, sub, join_pointer(part_pointer, "allOf", index), depth + 1)
        for key, value in as_dict(part.get("properties")).items():
            into.properties[key] = value
            into.origin[key] = join_pointer(part_pointer, "properties", key)
        for key in as_list(part.get("required")):
            if isinstance(key, str) and key not in into.required:
                into.required.append(key)
        if part.get("additionalProperties") not in (None, False):
            into.extra = part["additionalProperties"]

    def _object(self, base: Schema, node: dict[str, Any], pointer: str) -> Schema:
        properties = as_dict(node.get("properties"))
        origin: dict[str, str] = node.get("x-dxgen-origin") or {}
        required = {key for key in as_list(node.get("required")) if isinstance(key, str)}
        taken: set[str] = set()
        taken_cli: set[str] = set()
        fields: list[Field] = []
        for wire, prop in properties.items():
            prop_pointer = origin.get(wire) or join_pointer(pointer, "properties", wire)
            py = naming.py_identifier(wire, fallback="field")
            unique = naming.unique(py, taken)
            if unique != py:
                self.ctx.warn(
                    f"property {wire!r} collides with another after normalisation; "
                    f"named {unique!r} in Python",
                    prop_pointer,
                )
            built = self.field(
                wire, prop, prop_pointer, base.name + naming.pascal(wire), unique, wire in required
            )
            cli = naming.unique(built.names.cli, taken_cli, separator="-")
            if cli != built.names.cli:  # `class` and `class_` are both `--class`
                built = evolve(built, names=evolve(built.names, cli=cli))
            fields.append(built)
        additional = None
        extra = node.get("additionalProperties")
        if extra is True or (isinstance(extra, dict)):
            additional = self._additional(node, pointer, base.name)
        return evolve(base, kind="object", fields=tuple(fields), additional=additional)

    def field(
        self, wire: str, prop: Any, pointer: str, hint: str, py: str, required: bool
    ) -> Field:
        prop = prop if isinstance(prop, dict) else {}
        resolved, _ = self.ctx.deref(prop, pointer)
        resolved = resolved if isinstance(resolved, dict) else {}
        typ = self.type_of(prop, pointer, hint)
        description = prose(prop.get("description")) or prose(_first_all_of(prop, "description"))
        default_holder = prop if "default" in prop else resolved
        return Field(
            names=Names(wire, py, naming.cli_name(wire), naming.anchor(wire)),
            type=typ,
            required=required,
            description=description,
            has_default="default" in default_holder,
            default=cast(JSON, default_holder.get("default")),
            example=cast(JSON, prop.get("example", resolved.get("example"))),
            constraints=constraints_of(resolved if "$ref" in prop else prop),
            deprecated=bool(prop.get("deprecated")),
            read_only=bool(prop.get("readOnly") or resolved.get("readOnly")),
            write_only=bool(prop.get("writeOnly") or resolved.get("writeOnly")),
        )

    def _enum(self, base: Schema, node: dict[str, Any], pointer: str) -> Schema:
        raw_values = [v for v in node["enum"] if v is not None]
        descriptions = node.get("x-enum-descriptions") or node.get("x-enumDescriptions") or {}
        varnames = node.get("x-enum-varnames") or node.get("x-enumNames") or []
        taken: set[str] = set()
        values: list[EnumValue] = []
        for index, value in enumerate(raw_values):
            if isinstance(descriptions, dict):
                text = descriptions.get(str(value), "")  # keys are text, in YAML and JSON
            elif isinstance(descriptions, list) and index < len(descriptions):
                text = descriptions[index]
            else:
                text = ""
            if isinstance(varnames, list) and index < len(varnames) and varnames[index]:
                member = naming.upper_snake(str(varnames[index])) or naming.enum_member(value)
            else:
                member = naming.enum_member(value)
            if not isinstance(value, str | int | float | bool):
                self.ctx.warn("enum value is not a scalar; kept as text", pointer)
                value = str(value)
            values.append(EnumValue(value, naming.unique(member, taken), prose(text)))
        enum_type = _enum_type(node, raw_values)
        return evolve(base, kind="enum", enum_values=tuple(values), enum_type=enum_type)

    def _union(self, base: Schema, node: dict[str, Any], pointer: str, keyword: str) -> Schema:
        discriminator = node.get("discriminator")
        prop_name = as_dict(discriminator).get("propertyName")
        if not isinstance(prop_name, str):
            prop_name = None
        mapping: dict[str, str] = {}
        if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
            for tag, target in discriminator["mapping"].items():
                ref = target if str(target).startswith("#") else f"#/components/schemas/{target}"
                mapping[str(tag)] = unquote(ref[1:])
        options = [
            (index, option)
            for index, option in enumerate(node[keyword])
            if not is_nullable_marker(option)
        ]
        types: list[TypeRef] = []
        pointers: list[str] = []
        for index, option in options:
            option_pointer = join_pointer(pointer, keyword, index)
            types.append(self.type_of(option, option_pointer, f"{base.name}Variant{index + 1}"))
            pointers.append(option_pointer)
        tags: list[tuple[str, ...]] = [()] * len(options)
        if prop_name:
            for i, (_, option) in enumerate(options):
                tags[i] = self._mapped_tags(option, pointers[i], mapping)
            claimed = {tag for group in tags for tag in group}
            for i, (_, option) in enumerate(options):
                if not tags[i]:
                    own = self._property_tags(option, pointers[i], prop_name)
                    # The component name is OpenAPI's implicit tag; a declared value beats it.
                    own = own or self._implicit_tags(option, pointers[i])
                    tags[i] = tuple(t for t in own if t not in claimed)
                    claimed.update(tags[i])
        variants = [Variant(t, g) for t, g in zip(types, tags, strict=True)]
        disc = None
        if prop_name:
            refinements = self._refinements(node, pointer)
            refined = {name for r in refinements for _, name in r.mapping}
            disc = Discriminator(prop_name, naming.py_identifier(prop_name), refinements)
            missing = [v for v in variants if not v.tags and v.type.ref not in refined]
            if missing:
                self.ctx.warn(
                    f"discriminator {prop_name!r}: some variants have no tag value; "
                    "they are matched by shape",
                    join_pointer(pointer, "discriminator"),
                )
        return evolve(
            base,
            kind="union",
            variants=tuple(variants),
            discriminator=disc,
            exclusive=keyword == "oneOf",
            nullable=len(options) < len(node[keyword]),
        )

    def _mapped_tags(self, option: Any, pointer: str, mapping: dict[str, str]) -> tuple[str, ...]:
        _, final = self.ctx.deref(option, pointer)
        return tuple(tag for tag, target in mapping.items() if target == final)

    def _implicit_tags(self, option: Any, pointer: str) -> tuple[str, ...]:
        _, final = self.ctx.deref(option, pointer)
        if final != pointer and final.startswith(_COMPONENTS):
            return (split_pointer(final)[-1],)
        return ()

    def _property_tags(self, option: Any, pointer: str, prop: str) -> tuple[str, ...]:
        """The tag a variant declares itself: a ``const`` or single-value ``enum``."""
        resolved, final = self.ctx.deref(option, pointer)
        if not isinstance(resolved, dict):
            return ()
        merged = self._merge_all_of(resolved, final) if resolved.get("allOf") else resolved
        spec = as_dict(merged.get("properties")).get(prop)
        spec, _ = self.ctx.deref(spec, final)
        if isinstance(spec, dict):
            if "const" in spec:
                return (str(spec["const"]),)
            if isinstance(spec.get("enum"), list) and len(spec["enum"]) == 1:
                return (str(spec["enum"][0]),)
        return ()

    def _refinements(self, node: dict[str, Any], pointer: str) -> tuple[Refinement, ...]:
        raw = node.get("x-subdiscriminator")
        if not isinstance(raw, dict):
            return ()
        result: list[Refinement] = []
        for value, spec in raw.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("propertyName"), str):
                self.ctx.warn("x-subdiscriminator entries need a propertyName", pointer)
                continue
            pairs: list[tuple[str, str]] = []
            for sub_value, target in (spec.get("mapping") or {}).items():
                ref = target if str(target).startswith("#") else f"#/components/schemas/{target}"
                pairs.append((str(sub_value), self.named(unquote(ref[1:]))))
            prop = spec["propertyName"]
            result.append(Refinement(str(value), prop, naming.py_identifier(prop), tuple(pairs)))
        return tuple(result)


_CONSTRAINT_KEYS = frozenset(
    (
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "pattern",
        "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
    )
)  # fmt: skip
_NO_CONSTRAINTS = Constraints()


def constraints_of(node: Any) -> Constraints:
    if not isinstance(node, dict) or node.keys().isdisjoint(_CONSTRAINT_KEYS):
        return _NO_CONSTRAINTS  # most schemas: frozen, so one value serves them all

    def num(key: str) -> float | None:
        value = node.get(key)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    def whole(key: str) -> int | None:
        value = node.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    minimum, maximum = num("minimum"), num("maximum")
    exclusive_min, exclusive_max = node.get("exclusiveMinimum"), node.get("exclusiveMaximum")
    if isinstance(exclusive_min, int | float) and not isinstance(exclusive_min, bool):
        minimum, exclusive_min = exclusive_min, True
    if isinstance(exclusive_max, int | float) and not isinstance(exclusive_max, bool):
        maximum, exclusive_max = exclusive_max, True
    pattern = node.get("pattern")
    return Constraints(
        minimum=minimum,
        maximum=maximum,
        exclusive_minimum=exclusive_min is True,
        exclusive_maximum=exclusive_max is True,
        min_length=whole("minLength"),
        max_length=whole("maxLength"),
        pattern=pattern if isinstance(pattern, str) else None,
        min_items=whole("minItems"),
        max_items=whole("maxItems"),
        unique_items=node.get("uniqueItems") is True,
    )


def _first_all_of(node: dict[str, Any], key: str) -> Any:
    for part in as_list(node.get("allOf")):
        if isinstance(part, dict) and key in part:
            return part[key]
    return None


def _with_nullable(typ: TypeRef, nullable: bool) -> TypeRef:
    return typ if typ.nullable == nullable else evolve(typ, nullable=nullable)


def _type_list_has_null(node: dict[str, Any]) -> bool:
    kind = node.get("type")
    return isinstance(kind, list) and "null" in kind


def _non_null_types(node: dict[str, Any]) -> list[str]:
    kind = node.get("type")
    if isinstance(kind, list):
        return [str(k) for k in kind if k != "null"]
    return [str(kind)] if isinstance(kind, str) else []


def _declares_type(node: dict[str, Any]) -> bool:
    return any(k in node for k in ("properties", "additionalProperties", "items", "enum"))


def _main_type(node: dict[str, Any]) -> str | None:
    types = _non_null_types(node)
    if types:
        return types[0]
    if isinstance(node.get("type"), list):
        return "null"
    if "properties" in node or "additionalProperties" in node:
        return "object"
    if "items" in node:
        return "array"
    return None


def _is_structured(node: dict[str, Any]) -> bool:
    """Whether a schema deserves a name of its own when it is referenced."""
    if node.get("properties") or node.get("discriminator"):
        return True
    if isinstance(node.get("enum"), list) and len([v for v in node["enum"] if v is not None]) > 1:
        return True
    return any(
        isinstance(node.get(k), list) and len(node[k]) > 1 for k in ("oneOf", "anyOf", "allOf")
    )


def _enum_type(node: dict[str, Any], values: list[Any]) -> Primitive:
    declared = _main_type(node)
    if declared in ("string", "integer", "number", "boolean"):
        return cast(Primitive, declared)
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "number"
    return "string"


@dataclass
class _AllOf:
    """What the parts of an ``allOf`` add up to, as :meth:`SchemaRegistry._absorb` gathers it
    (a method, not a closure calling itself: that would be a reference cycle holding the
    registry, which only the collector frees)."""

    properties: dict[str, Any] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)
    extra: Any = None
