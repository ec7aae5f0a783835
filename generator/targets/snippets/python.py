"""An operation's showcase example as a call on the Python SDK."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...ir import JSON, Operation, TypeRef
from ..context import TargetContext
from ..python.source import literal


@dataclass(frozen=True)
class PythonCall:
    """``client.<service>.<method>(<args>)`` and the SDK names it needs imported."""

    service: str
    method: str
    args: tuple[str, ...]
    imports: frozenset[str]

    def render(
        self,
        client: str = "client",
        *,
        awaited: bool = False,
        raw: bool = False,
        streamed: bool = False,
        extra: tuple[str, ...] = (),
    ) -> str:
        """The call as source; ``raw``/``streamed`` go through the service's response views,
        ``extra`` adds keyword arguments (per-call options)."""
        service = self.service
        if raw:
            service += ".with_raw_response"
        elif streamed:
            service += ".with_streaming_response"
        call = f"{client}.{service}.{self.method}({', '.join([*self.args, *extra])})"
        return f"await {call}" if awaited else call


def python_call(
    ctx: TargetContext, op: Operation, *, replace: Mapping[str, str] | None = None
) -> PythonCall:
    """The showcase call of ``op``. ``replace`` maps Python argument names to source that
    stands in for the example value (``files=[attachment]``); such arguments go last."""
    replace = dict(replace or {})
    imports: set[str] = set()
    args: list[str] = []
    for argument in op.example.arguments:
        name = argument.names.py
        if name in replace:
            continue
        value = _value(ctx, argument.type, argument.value, imports)
        args.append(value if argument.location == "path" else f"{name}={value}")
    args.extend(f"{name}={source}" for name, source in replace.items())
    service = ctx.service_of(op).names.py
    return PythonCall(service, op.names.py, tuple(args), frozenset(imports))


def _value(ctx: TargetContext, typ: TypeRef, example: JSON, imports: set[str]) -> str:
    """A value as the typed argument takes it: enums as members, objects as models."""
    schema = ctx.schemas.get(typ.ref) if typ.kind == "ref" and typ.ref else None
    if schema is not None and schema.kind == "enum" and schema.enum_values:
        member = next((v for v in schema.enum_values if v.value == example), None)
        imports.add(schema.name)
        return f"{schema.name}.{(member or schema.enum_values[0]).name}"
    if schema is not None and schema.kind == "object":
        imports.add(schema.name)
        return f"{schema.name}.model_validate({literal(example)})"
    if typ.kind == "array" and isinstance(example, list):
        inner = typ.items or TypeRef("any")
        return "[" + ", ".join(_value(ctx, inner, item, imports) for item in example) + "]"
    return literal(example)
