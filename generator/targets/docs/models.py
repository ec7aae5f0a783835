"""The model reference: a page per group of schemas (a schema and those defined inside it,
parse/modules.py), a section each, linked both ways with the operations using them."""

from __future__ import annotations

from collections.abc import Iterator

from ...ir import Operation, Schema, TypeRef
from ..context import TargetContext
from ..pages import DocsPaths
from .markdown import JsonBlocks, cell, inline, prose, value_span
from .rows import RowWriter
from .types import TypeWriter
from .views import EnumRow, Link, ModelView, VariantRow


class ModelWriter:
    def __init__(
        self, ctx: TargetContext, types: TypeWriter, rows: RowWriter, json_blocks: JsonBlocks
    ) -> None:
        self.ctx = ctx
        self.json_blocks = json_blocks
        self.types = types
        self.rows = rows
        self.used_by = self._usage()
        #: (operation id, the linking page's folder) → its link: Stripe's model pages link
        #: operations 846,420 times, 588 of them, all from models/
        self._op_links: dict[tuple[str, str], Link] = {}
        self.used_in: dict[str, list[str]] = {}
        for schema in ctx.api.schemas:
            for name in schema.depends_on:
                if name != schema.name:
                    self.used_in.setdefault(name, []).append(schema.name)

    def _usage(self) -> dict[str, list[Operation]]:
        """Schema name → the operations whose parameters, body or responses name it, directly
        or through the schemas defined inline in them. Not through other named schemas: a page
        lists what uses it, and "Used in models" the way on (every one of Stripe's 588
        operations reaches most of its models through expandable fields, and Pachca's page of
        validation error codes listed all 76 operations that can answer 422)."""
        found: dict[str, list[Operation]] = {}
        for op in self.ctx.api.operations:
            for name in self._named_by(op):
                found.setdefault(name, []).append(op)
        return found

    def _named_by(self, op: Operation) -> list[str]:
        roots = [p.type for p in op.parameters] + [r.type for r in op.responses if r.type]
        if op.body is not None:
            roots.append(op.body.type)
        seen: dict[str, None] = {}
        stack = [name for typ in roots for name in _names(typ)]
        while stack:
            name = stack.pop()
            if name in seen or name not in self.ctx.schemas:
                continue
            seen[name] = None
            if self.ctx.schemas[name].inline:
                stack.extend(self.ctx.schemas[name].depends_on)
        return sorted(seen)

    def page_views(self, schemas: list[Schema]) -> list[ModelView]:
        """The views of one model page: the schema it is about, then its sections. A section
        used by no operation but its page's schema's says so, not listing them again."""
        head, sections = schemas[0], schemas[1:]
        head_users = {op.id for op in self.used_by.get(head.name, ())}
        views = [self._model_view(head, None)]
        for schema in sections:
            users = {op.id for op in self.used_by.get(schema.name, ())}
            said = bool(head_users) and head_users >= users
            views.append(self._model_view(schema, head if said else None))
        return views

    def _model_view(self, schema: Schema, users_as: Schema | None) -> ModelView:
        """``schema``'s view; with ``users_as``, its operations are said to be that schema's."""
        page = DocsPaths.model_page(schema)
        users = () if users_as is not None else self.used_by.get(schema.name, ())
        return ModelView(
            name=inline(schema.name),
            heading="##" if schema.page_anchor else "#",
            anchor=schema.page_anchor,
            kind=self._kind(schema),
            description=prose(schema.description),
            deprecated=schema.deprecated,
            fields=tuple(self.rows.field(f, page) for f in schema.fields),
            additional=self.types.text(schema.additional, page) if schema.additional else None,
            enum_values=tuple(
                EnumRow(value_span(v.value).replace("|", "\\|"), f"`{v.name}`", cell(v.description))
                for v in schema.enum_values
            ),
            variants=tuple(
                VariantRow(", ".join(value_span(t) for t in v.tags), self.types.text(v.type, page))
                for v in schema.variants
            ),
            discriminator=schema.discriminator.property if schema.discriminator else None,
            refinements=tuple(
                f"{value_span(r.value)}: by {value_span(r.property)}"
                for r in (schema.discriminator.refinements if schema.discriminator else ())
            ),
            exclusive=schema.exclusive,
            target=self.types.text(schema.target, page) if schema.target else None,
            example=self.json_blocks(schema.example) if schema.example is not None else None,
            used_by=tuple(self._op_link(op, page) for op in users),
            users_as=inline(users_as.name) if users_as is not None else None,
            used_in=tuple(
                Link(name, DocsPaths.relative(page, DocsPaths.model(self.ctx.schemas[name])))
                for name in sorted(self.used_in.get(schema.name, ()))
            ),
            uses=tuple(
                Link(name, DocsPaths.relative(page, DocsPaths.model(self.ctx.schemas[name])))
                for name in schema.depends_on
                if name in self.ctx.schemas and name != schema.name
            ),
        )

    def _op_link(self, op: Operation, page: str) -> Link:
        key = (op.id, page.rpartition("/")[0])
        found = self._op_links.get(key)
        if found is None:
            target = DocsPaths.operation(self.ctx.service_of(op), op)
            found = self._op_links[key] = Link(
                inline(op.summary or op.id),
                DocsPaths.relative(page, target),
                f"{op.method} {op.path}",
            )
        return found

    @staticmethod
    def _kind(schema: Schema) -> str:
        if schema.kind == "enum":
            return f"Enum of {schema.enum_type or 'values'}s" if schema.enum_type else "Enum"
        if schema.kind == "union":
            return "One of (exactly one variant)" if schema.exclusive else "Any of"
        if schema.kind == "alias":
            return "Alias"
        return "Object"


def _names(typ: TypeRef | None) -> Iterator[str]:
    while typ is not None:
        if typ.kind == "ref" and typ.ref is not None:
            yield typ.ref
        typ = typ.items
