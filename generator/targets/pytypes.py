"""IR types → Python annotations for generated code, with the imports they need."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..ir import Api, Schema, TypeRef

Role = Literal["model", "argument", "result"]

# Enums of these types are rendered as enum classes (OpenStrEnum / OpenIntEnum).
_ENUM_CLASSES = ("string", "integer")


@dataclass
class Imports:
    """What a generated module needs; rendered as sorted import lines."""

    typing: set[str] = field(default_factory=set)
    datetime: bool = False  # `import datetime as _dt` (a field called `date` can't shadow it)
    collections: set[str] = field(default_factory=set)
    core: set[str] = field(default_factory=set)
    pydantic: set[str] = field(default_factory=set)
    models: dict[str, set[str]] = field(default_factory=dict)  # module -> names

    def model(self, module: str, name: str) -> None:
        self.models.setdefault(module, set()).add(name)

    def block(
        self,
        *,
        core_module: str,
        model_prefix: str,
        exclude_module: str | None = None,
        defer_models: bool = False,
    ) -> str:
        """The import section, ordered as isort/ruff would order it.

        ``defer_models`` puts the model imports under ``if TYPE_CHECKING:``: a module whose
        code imports its models where it runs them (see :meth:`model_lines`) names them only
        in annotations, so importing it does not build any pydantic class.
        """
        models = self.model_lines(model_prefix, exclude_module)
        typing = set(self.typing)
        if defer_models and models:
            typing.add("TYPE_CHECKING")
        stdlib: list[str] = []
        if self.datetime:
            stdlib.append("import datetime as _dt")
        if self.collections:
            stdlib.append(f"from collections.abc import {names_list(self.collections)}")
        if typing:
            stdlib.append(f"from typing import {names_list(typing)}")
        third = [f"from pydantic import {names_list(self.pydantic)}"] if self.pydantic else []
        local: list[str] = []
        if self.core:
            local.append(f"from {core_module} import {names_list(self.core)}")
        if not defer_models:
            local.extend(models)
        text = "\n\n".join("\n".join(group) for group in (stdlib, third, local) if group)
        if defer_models and models:
            text += "\n\nif TYPE_CHECKING:\n" + "\n".join(f"    {line}" for line in models)
        return text

    def model_lines(self, model_prefix: str, exclude_module: str | None = None) -> list[str]:
        """``from <prefix><module> import A, B`` for each model module, sorted."""
        return [
            f"from {model_prefix}{module} import {names_list(names)}"
            for module, names in sorted(self.models.items())
            if module != exclude_module
        ]


def isort_key(name: str) -> tuple[int, str]:
    """ruff's order-by-type: CONSTANTS, then Classes, then functions, each case-sensitively."""
    if name.isupper() and len(name) > 1:
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def names_list(names: set[str] | list[str]) -> str:
    return ", ".join(sorted(set(names), key=isort_key))


def sort_all(names: list[str]) -> list[str]:
    return sorted(names, key=isort_key)


class Annotator:
    def __init__(self, api: Api) -> None:
        self.schemas: dict[str, Schema] = {s.name: s for s in api.schemas}
        # An argument typed with an attachment schema also takes what the upload helper
        # returns, where the parser found that it fits (``Upload.attachment_fits``).
        self.also_accepts: dict[str, str] = {
            fit: op.upload.attachment
            for op in api.operations
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
    ) -> str:
        """``opaque`` names are rendered as ``Any`` (a recursive alias inside its own body)."""
        if typ is None:
            return "None"
        text = self._base(typ, imports, role, opaque)
        if typ.nullable and text not in ("None", "Any"):
            text = f"{text} | None"
        return text

    def _base(self, typ: TypeRef, imports: Imports, role: Role, opaque: frozenset[str]) -> str:
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
            inner = self.annotation(typ.items, imports, role, opaque=opaque)
            if role == "argument":
                imports.collections.add("Sequence")
                return f"Sequence[{inner}]"
            return f"list[{inner}]"
        if typ.kind == "map":
            inner = self.annotation(typ.items, imports, role, opaque=opaque)
            if role == "argument":
                imports.collections.add("Mapping")
                return f"Mapping[str, {inner}]"
            return f"dict[str, {inner}]"
        if typ.kind == "ref" and typ.ref:
            schema = self.schemas[typ.ref]
            if schema.name in opaque:
                imports.typing.add("Any")
                return "Any"
            if schema.kind == "alias" and schema.target is not None and not schema.recursive:
                return self._base(schema.target, imports, role, opaque)
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
        """An enum argument takes a member or its value: ``Literal["a", "b"] | Kind``.

        The runtime sends either as the same wire value; typing both lets a caller write
        ``kind="reminder"`` as well as ``kind=TaskKind.REMINDER`` under ``mypy --strict``.
        (Other enums are rendered as a ``Literal`` alias already.)
        """
        imports.typing.add("Literal")
        literals = ", ".join(repr(member.value) for member in schema.enum_values)
        return f"Literal[{literals}] | {schema.name}"

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
