"""Python calls built from the IR's examples, for READMEs and docs that must really run.

Which operations a README shows is chosen here once (a read, a create, a list), so every
artifact that shows examples shows the same, type-correct calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ir import JSON, Api, Field, Operation, Parameter, Schema, TypeRef
from .python.source import literal


@dataclass
class Call:
    """``client.<service>.<method>(<args>)`` and the names it needs imported from the SDK."""

    service: str
    method: str
    args: list[str]
    imports: set[str] = field(default_factory=set)

    def render(
        self,
        client: str = "client",
        *,
        awaited: bool = False,
        raw: bool = False,
        extra: tuple[str, ...] = (),
    ) -> str:
        service = f"{self.service}.with_raw_response" if raw else self.service
        call = f"{client}.{service}.{self.method}({', '.join([*self.args, *extra])})"
        return f"await {call}" if awaited else call


@dataclass
class Showcase:
    """The operations a README demonstrates; any may be missing for a given API."""

    read: Operation | None
    create: Operation | None
    listing: Operation | None
    upload: Operation | None
    create_with_files: Operation | None


def pick_showcase(api: Api) -> Showcase:
    operations = list(api.operations)

    def first(predicate: object) -> Operation | None:
        return next((op for op in operations if predicate(op)), None)  # type: ignore[operator]

    read = first(
        lambda op: op.method == "GET"
        and op.pagination is None
        and any(p.location == "path" for p in op.parameters)
        and op.success is not None
        and op.success.type is not None
    ) or first(lambda op: op.method == "GET" and op.pagination is None)
    create = first(
        lambda op: op.method == "POST" and op.body is not None and op.body.wrapper_key
    ) or first(lambda op: op.method == "POST" and op.body is not None and op.body.flattened)
    listing = first(lambda op: op.pagination is not None)
    upload = first(lambda op: op.upload is not None and op.upload.params_operation)
    create_with_files = None
    if upload is not None and upload.upload is not None and upload.upload.attachment:
        attachment = upload.upload.attachment
        create_with_files = first(
            lambda op: op.body is not None
            and any(
                f.type.kind == "array"
                and f.type.items is not None
                and f.type.items.ref == attachment
                for f in op.body.fields
            )
        )
    return Showcase(read, create, listing, upload, create_with_files)


class CallBuilder:
    def __init__(self, api: Api) -> None:
        self.api = api
        self.schemas: dict[str, Schema] = {s.name: s for s in api.schemas}
        self.services = {s.name: s for s in api.services}

    def call(self, op: Operation, *, extra: dict[str, str] | None = None) -> Call:
        """Required arguments only, valued from the spec's examples."""
        imports: set[str] = set()
        args: list[str] = []
        for param in op.parameters:
            if param.location == "path":
                args.append(self._value(param.type, _param_example(param), imports))
        for param in op.parameters:
            if param.location != "path" and param.required:
                value = self._value(param.type, _param_example(param), imports)
                args.append(f"{param.names.py}={value}")
        if op.body is not None and op.body.flattened:
            for item in [*op.body.fields, *op.body.outer_fields]:
                if item.required and item.names.py not in (extra or {}):
                    value = self._value(item.type, _field_example(item), imports)
                    args.append(f"{item.names.py}={value}")
        for name, expression in (extra or {}).items():
            args.append(f"{name}={expression}")
        service = self.services[op.service].names.py
        return Call(service, op.names.py, args, imports)

    def _value(self, typ: TypeRef, example: JSON, imports: set[str]) -> str:
        if typ.kind == "ref" and typ.ref in self.schemas:
            schema = self.schemas[typ.ref]
            if schema.kind == "enum":
                member = next(
                    (v for v in schema.enum_values if v.value == example), schema.enum_values[0]
                )
                imports.add(schema.name)
                return f"{schema.name}.{member.name}"
            if schema.kind == "object":
                imports.add(schema.name)
                return f"{schema.name}.model_validate({literal(example)})"
        if typ.kind == "array" and isinstance(example, list):
            inner = typ.items or TypeRef("any")
            return "[" + ", ".join(self._value(inner, item, imports) for item in example) + "]"
        return literal(example)


def _param_example(param: Parameter) -> JSON:
    return param.example if param.example is not None else param.default


def _field_example(item: Field) -> JSON:
    return item.example if item.example is not None else item.default
