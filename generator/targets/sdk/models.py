"""Schemas → pydantic model modules (one per group of schemas: :mod:`generator.parse.modules`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...ir import Field, Schema
from ..python.imports import Imports
from ..python.source import docstring, literal
from ..python.types import enum_literal, literal_alias, union_text
from ..render import render
from ..text import wrap
from .context import SdkContext


@dataclass(frozen=True)
class MemberView:
    """An enum member: its name, its value as a literal, and its docstring (if described)."""

    name: str
    value: str
    doc: str | None


@dataclass(frozen=True)
class FieldView:
    """A model field: ``name: annotation = default`` and its docstring."""

    name: str
    annotation: str
    default: str | None  # source of the default; None when required
    doc: str | None


@dataclass(frozen=True)
class ModelView:
    """One definition of a model module: an enum class, a model class or a type alias."""

    name: str
    # "cyclic_alias": an alias on a reference cycle, a TypeAliasType whose value is a string
    # (a plain `X: TypeAlias = list[X]` fails at import: X is not yet defined)
    kind: Literal["enum", "object", "alias", "cyclic_alias"]
    doc: str  # docstring in a class body
    alias_doc: str  # docstring after a module-level alias
    base: str = ""  # enum: OpenStrEnum / OpenIntEnum
    members: tuple[MemberView, ...] = ()
    fields: tuple[FieldView, ...] = ()
    target: str = ""  # alias: the aliased type expression; enum: its values' Literal
    literal_alias: str | None = None  # enum: the name of that Literal alias, if it has one
    rebuild: bool = False  # a model class on a reference cycle: `model_rebuild()` after all


class ModelRenderer(SdkContext):

    @staticmethod
    def is_plain_alias(schema: Schema) -> bool:
        return schema.kind == "alias" and not schema.recursive

    def model_modules(self) -> dict[str, list[Schema]]:
        """The model modules (file stem → its schemas); plain aliases are inlined, not defined."""
        modules: dict[str, list[Schema]] = {}
        for schema in self.api.schemas:
            if self.is_plain_alias(schema):
                continue
            modules.setdefault(schema.module, []).append(schema)
        return modules

    def model_module(self, module: str, schemas: list[Schema]) -> str:
        """The source of one model module."""
        imports = Imports()
        views = [self._schema_view(schema, imports) for schema in _define_order(schemas)]
        return render(
            "sdk/model.py.jinja",
            pkg=self.pkg,
            views=views,
            imports=imports.block(core_module=".._core", model_prefix=".", exclude_module=module),
        )

    def _schema_view(self, schema: Schema, imports: Imports) -> ModelView:
        text = wrap(schema.description or schema.name)
        doc, alias_doc = docstring(text, indent=4), docstring(text, indent=0)
        if schema.kind == "enum" and schema.enum_type in ("string", "integer"):
            base = "OpenIntEnum" if schema.enum_type == "integer" else "OpenStrEnum"
            imports.core.add(base)
            members = tuple(
                MemberView(
                    v.name,
                    literal(v.value),
                    docstring(wrap(v.description, 88)) if v.description else None,
                )
                for v in schema.enum_values
            )
            alias = literal_alias(schema)
            if alias is not None:
                imports.typing.add("TypeAlias")
            return ModelView(
                schema.name,
                "enum",
                doc,
                alias_doc,
                base=base,
                members=members,
                literal_alias=alias,
                target=enum_literal(schema, imports) if alias is not None else "",
            )
        if schema.kind == "object":
            imports.core.add("BaseModel")
            fields = tuple(self._field_view(f, imports) for f in schema.fields)
            return ModelView(
                schema.name, "object", doc, alias_doc, fields=fields, rebuild=schema.recursive
            )
        if schema.recursive and schema.kind in ("union", "alias"):
            imports.typing_extensions.add("TypeAliasType")
            target = (
                self.union_annotation(schema, imports)
                if schema.kind == "union"
                else self.annotator.annotation(schema.target, imports)
            )
            return ModelView(schema.name, "cyclic_alias", doc, alias_doc, target=repr(target))
        imports.typing.add("TypeAlias")
        if schema.kind == "enum":
            target = enum_literal(schema, imports)
            if not target.startswith("Literal["):
                # Widened (a Literal cannot hold these values): the docstring lists them.
                values = ", ".join(f"`{literal(v.value)}`" for v in schema.enum_values)
                alias_doc = docstring(wrap(f"{text}\n\nOne of {values}."), indent=0)
        elif schema.kind == "union":
            target = self.union_annotation(schema, imports)
        else:
            target = self.annotator.annotation(schema.target, imports)
        return ModelView(schema.name, "alias", doc, alias_doc, target=target)

    def _field_view(self, item: Field, imports: Imports) -> FieldView:
        annotation = self.annotator.annotation(item.type, imports)
        optional = not item.required
        if optional and not annotation.endswith("| None") and annotation not in ("Any", "None"):
            annotation += " | None"
        alias = item.names.wire if item.names.wire != item.names.py else None
        # A deprecated field warns when read (pydantic's `deprecated`, a `DeprecationWarning`).
        deprecated = f"`{item.names.py}` is deprecated by the API." if item.deprecated else None
        options = [
            f"{key}={value!r}"
            for key, value in (("alias", alias), ("deprecated", deprecated))
            if value is not None
        ]
        if options:
            imports.pydantic.add("Field")
            default = f"Field({', '.join(['default=None'] * optional + options)})"
        elif optional:
            default = "None"
        else:
            default = None
        doc = docstring(wrap(item.description), indent=4) if item.description else None
        return FieldView(item.names.py, annotation, default, doc)

    def union_annotation(self, schema: Schema, imports: Imports) -> str:
        """The type expression of a union schema (tagged when it has a discriminator)."""
        members = [self.annotator.annotation(v.type, imports) for v in schema.variants]
        if not members:
            imports.typing.add("Any")
            return "Any"
        null = ["None"] if schema.nullable else []
        disc = schema.discriminator
        refined = {name for r in disc.refinements for _, name in r.mapping} if disc else set()
        tagged = disc is not None and all(
            v.type.kind == "ref" and (v.tags or v.type.ref in refined) for v in schema.variants
        )
        if not tagged or disc is None:
            return union_text([*members, *null])
        imports.typing.add("Annotated")
        imports.core.update({"UnknownVariant", "tagged_union"})
        imports.pydantic.add("Tag")
        # Each variant is tagged with its schema name; the discriminator maps wire values to it.
        mapping = {tag: str(v.type.ref) for v in schema.variants for tag in v.tags}
        parts = [
            f"Annotated[{member}, Tag({v.type.ref!r})]"
            for v, member in zip(schema.variants, members, strict=True)
        ]
        parts.append('Annotated[UnknownVariant, Tag("__unknown__")]')
        refinements = {
            r.value: (r.property, r.py_property, dict(r.mapping)) for r in disc.refinements
        }
        extra = f", {refinements!r}" if refinements else ""
        return union_text(
            [
                f"Annotated[{' | '.join(parts)}, "
                f"tagged_union({disc.property!r}, {disc.py_property!r}, {mapping!r}{extra})]",
                *null,
            ]
        )


def _define_order(schemas: list[Schema]) -> list[Schema]:
    """Each definition after those of the module it needs, where a cycle allows: an alias's
    value runs at import, and a model whose fields' types are all defined is complete at once
    (pydantic would otherwise finish it at its first use). Where a cycle leaves nothing ready,
    enums and classes go first, as their annotations are read later."""
    pending = [s for s in schemas if s.kind in ("enum", "object")]
    pending += [s for s in schemas if s.kind not in ("enum", "object")]
    names = {s.name for s in schemas}
    placed: set[str] = set()
    ordered: list[Schema] = []
    while pending:
        ready = [s for s in pending if not (names & set(s.depends_on)) - placed - {s.name}]
        for schema in ready or pending[:1]:
            ordered.append(schema)
            placed.add(schema.name)
            pending.remove(schema)
    return ordered
