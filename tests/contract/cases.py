"""The operations to call, and their arguments, built from the IR of ``spec/pachca.yaml``.

Argument values come from the spec: a parameter's or field's ``example``, else the body's
example at that key, else the referenced schema's example, else a value synthesized from the
type.  Values are then converted to what the generated method's annotation asks for
(``View`` → a ``View`` model, ``Mapping[str, LinkPreview]`` → a dict of models, enums → enum
members) with pydantic, so the SDK is called the way a typed caller would call it.
"""

from __future__ import annotations

import collections.abc
import inspect
import types
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pydantic

from generator.ir import JSON, Api, Body, Field, Operation, Parameter, TypeRef
from generator.load import load_spec
from generator.parse import parse_spec

SPEC = Path(__file__).resolve().parents[2] / "spec" / "pachca.yaml"
UPLOAD_BYTES = b"%PDF-1.4\ncontract test file\n"
_MAX_DEPTH = 6


@cache
def api() -> Api:
    parsed, _ = parse_spec(load_spec(SPEC))
    return parsed


@dataclass(frozen=True)
class Case:
    """One operation and the arguments (raw JSON-ish values, keyed by Python name)."""

    op: Operation
    service: str  # attribute on the client
    method: str  # method on the service
    arguments: tuple[tuple[str, Any], ...]

    @property
    def id(self) -> str:
        return self.op.id


def cases() -> list[Case]:
    spec = api()
    result: list[Case] = []
    for service in spec.services:
        for op in service.operations:
            arguments = _arguments(spec, op)
            result.append(Case(op, service.names.py, op.names.py, tuple(arguments.items())))
    return result


# -- values from the IR ----------------------------------------------------------------------


def _arguments(spec: Api, op: Operation) -> dict[str, Any]:
    arguments: dict[str, Any] = {}
    for param in op.parameters:
        if param.location == "path" or param.required:
            arguments[param.names.py] = _param_value(spec, param)
    if op.body is not None:
        arguments.update(_body_arguments(spec, op.body))
    return arguments


def _param_value(spec: Api, param: Parameter) -> Any:
    if param.example is not None:
        return param.example
    return synthesize(spec, param.type)


def _body_arguments(spec: Api, body: Body) -> dict[str, Any]:
    example = body.example if isinstance(body.example, dict) else {}
    inner = example.get(body.wrapper_key) if body.wrapper_key else example
    if not isinstance(inner, dict):
        inner = {}
    arguments: dict[str, Any] = {}
    for fld in body.fields:
        if fld.required:
            arguments[fld.names.py] = _field_value(spec, fld, inner)
    for fld in body.outer_fields:
        if fld.required:
            arguments[fld.names.py] = _field_value(spec, fld, example)
    if body.required and not body.fields and not body.outer_fields:
        raise AssertionError(f"no arguments known for a {body.kind} body without fields")
    return arguments


def _field_value(spec: Api, fld: Field, container_example: dict[str, JSON]) -> Any:
    if _is_binary(fld.type):
        return UPLOAD_BYTES
    if fld.example is not None:
        return fld.example
    if container_example.get(fld.names.wire) is not None:
        return container_example[fld.names.wire]
    return synthesize(spec, fld.type)


def _is_binary(type_: TypeRef) -> bool:
    return type_.kind == "primitive" and type_.format == "binary"


_STRING_FORMATS: dict[str, str] = {
    "date-time": "2025-01-15T10:30:00.000Z",
    "date": "2025-01-15",
    "time": "10:30:00",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
}


def synthesize(spec: Api, type_: TypeRef, depth: int = 0) -> Any:
    """A value of ``type_`` that satisfies the schema, preferring the spec's examples."""
    if depth > _MAX_DEPTH:
        raise AssertionError(f"cannot synthesize a value for {type_} (too deep)")
    if type_.kind == "literal":
        return type_.literal
    if type_.kind == "any":
        return {}
    if type_.kind == "array":
        assert type_.items is not None
        return [synthesize(spec, type_.items, depth + 1)]
    if type_.kind == "map":
        value = synthesize(spec, type_.items, depth + 1) if type_.items else "value"
        return {"key": value}
    if type_.kind == "primitive":
        if type_.format == "binary":
            return UPLOAD_BYTES
        return {
            "string": _STRING_FORMATS.get(type_.format or "", "string"),
            "integer": 1,
            "number": 1.5,
            "boolean": True,
            "null": None,
        }[type_.primitive or "string"]
    assert type_.kind == "ref" and type_.ref is not None
    schema = spec.schema(type_.ref)
    if schema.example is not None:
        return schema.example
    if schema.kind == "enum":
        return schema.enum_values[0].value
    if schema.kind == "alias":
        assert schema.target is not None
        return synthesize(spec, schema.target, depth + 1)
    if schema.kind == "union":
        variant = schema.variants[0]
        value = synthesize(spec, variant.type, depth + 1)
        if schema.discriminator and variant.tags and isinstance(value, dict):
            value = {**value, schema.discriminator.property: variant.tags[0]}
        return value
    return {
        fld.names.wire: (
            fld.example if fld.example is not None else synthesize(spec, fld.type, depth + 1)
        )
        for fld in schema.fields
        if fld.required and not fld.read_only
    }


# -- calling the generated method ------------------------------------------------------------


def _strip_not_given(annotation: Any) -> Any:
    """``X | NotGiven`` / ``X | None`` → ``X`` (what a caller passes when giving a value)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [
            arg
            for arg in typing.get_args(annotation)
            if arg is not type(None) and getattr(arg, "__name__", "") != "NotGiven"
        ]
        if len(members) == 1:
            return members[0]
        return typing.Union[tuple(members)]  # noqa: UP007 - built from a runtime tuple
    return annotation


def bind(method: Any, case: Case, base_url: str) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments for ``method``, converted to its annotations.

    An upload operation (``x-external-url``) whose method takes the URL to post to gets the
    mock server's URL for the operation's path.
    """
    signature = inspect.signature(method)
    hints = type_hints(method)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    arguments = list(case.arguments)
    upload = case.op.upload
    if upload is not None and upload.url_field in signature.parameters:
        arguments.insert(0, (upload.url_field, base_url + case.op.path))
    unknown = [name for name, _ in arguments if name not in signature.parameters]
    if unknown:
        raise AssertionError(
            f"{case.service}.{case.method}{signature} has no parameter(s) {unknown} "
            "that the IR says the operation takes"
        )
    for name, raw in arguments:
        value = raw
        if not isinstance(raw, bytes) and name in hints:
            annotation = _strip_not_given(hints[name])
            value = pydantic.TypeAdapter(annotation).validate_python(raw)
        if signature.parameters[name].kind is inspect.Parameter.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[name] = value
    return args, kwargs


def type_hints(method: Any) -> dict[str, Any]:
    """The method's resolved annotations.

    Service modules import their models under ``TYPE_CHECKING`` (and in each method body,
    when it runs), so the models' names are resolved from ``pachca.types``.
    """
    import pachca.types

    models = {name: getattr(pachca.types, name) for name in pachca.types.__all__}
    return typing.get_type_hints(method, localns=models)


def return_annotation(method: Any) -> Any:
    return type_hints(method)["return"]


def nonconformance(value: Any, annotation: Any) -> str | None:
    """Why ``value`` is not an instance of ``annotation`` (``None`` when it is)."""
    if annotation is None or annotation is type(None):
        return None if value is None else f"expected None, got {value!r}"
    if annotation is Any:
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return nonconformance(value, args[0])
    if origin is typing.Literal:
        return None if value in args else f"{value!r} is not one of {args}"
    if origin in (typing.Union, types.UnionType):
        problems = [nonconformance(value, arg) for arg in args]
        return (
            None
            if any(p is None for p in problems)
            else f"{value!r} matches no member of {annotation}"
        )
    if origin in (list, collections.abc.Sequence):
        if not isinstance(value, list):
            return f"expected a list, got {type(value).__name__}"
        for index, item in enumerate(value):
            problem = nonconformance(item, args[0]) if args else None
            if problem:
                return f"[{index}]: {problem}"
        return None
    if origin in (dict, collections.abc.Mapping):
        if not isinstance(value, dict):
            return f"expected a dict, got {type(value).__name__}"
        for key, item in value.items():
            problem = nonconformance(item, args[1]) if len(args) == 2 else None
            if problem:
                return f"[{key!r}]: {problem}"
        return None
    if origin is not None and isinstance(origin, type):
        # a generic page: SyncCursorPage[T] / AsyncCursorPage[T]
        if not isinstance(value, origin):
            return f"expected {origin.__name__}, got {type(value).__name__}"
        if hasattr(value, "data") and args:
            return nonconformance(value.data, list[args[0]])  # type: ignore[valid-type]
        return None
    if isinstance(annotation, type):
        if annotation is float and isinstance(value, int) and not isinstance(value, bool):
            return None
        if not isinstance(value, annotation):
            return f"expected {annotation.__name__}, got {type(value).__name__}: {value!r}"
        return None
    try:
        pydantic.TypeAdapter(annotation).validate_python(value, strict=True)
    except pydantic.ValidationError as exc:
        return str(exc)
    return None


def ir_expected_type(op: Operation) -> TypeRef | None:
    """What the IR says a successful call returns (``Operation.result``): the item type for
    paginated lists, a string (the target URL) for a redirect that is the answer."""
    if op.result.kind == "location":
        return TypeRef("primitive", primitive="string")
    return op.result.type


def ir_nonconformance(value: Any, type_: TypeRef | None) -> str | None:
    """Check a returned value against an IR type (models looked up in ``pachca.types``)."""
    import pachca.types

    if type_ is None:
        return None if value is None else f"IR says no body, got {value!r}"
    if value is None:
        return None if type_.nullable else f"IR type {type_} is not nullable, got None"
    if type_.kind == "ref":
        assert type_.ref is not None
        expected = getattr(pachca.types, type_.ref)
        return nonconformance(value, expected)
    if type_.kind == "array":
        assert type_.items is not None
        if not isinstance(value, list):
            return f"expected a list, got {type(value).__name__}"
        for index, item in enumerate(value):
            problem = ir_nonconformance(item, type_.items)
            if problem:
                return f"[{index}]: {problem}"
        return None
    if type_.kind == "primitive":
        python = {
            "string": str,
            "integer": int,
            "number": float,
            "boolean": bool,
        }.get(type_.primitive or "")
        return nonconformance(value, python) if python else None
    return None


# -- verdicts --------------------------------------------------------------------------------


def problems_with_result(case: Case, annotation: Any, result: Any, next_page: Any) -> list[str]:
    """Everything wrong with what one call returned (empty when it is right)."""
    problems: list[str] = []
    success = case.op.success
    if success is not None and success.status == "204" and result is not None:
        problems.append(f"a 204 operation returned {result!r} instead of None")
    problem = nonconformance(result, annotation)
    if problem:
        problems.append(f"return value does not match the annotation {annotation}: {problem}")
    expected = ir_expected_type(case.op)
    if case.op.pagination is not None:
        data = getattr(result, "data", None)
        if not isinstance(data, list):
            problems.append(f"a paginated operation returned {result!r} without a .data list")
        else:
            array = TypeRef(kind="array", items=expected)
            for label, page in (("first page", result), ("second page", next_page)):
                if page is None:
                    continue
                problem = ir_nonconformance(page.data, array)
                if problem:
                    problems.append(f"{label} .data does not match the IR item type: {problem}")
        if next_page is not None:
            problem = nonconformance(next_page, annotation)
            if problem:
                problems.append(f"second page does not match {annotation}: {problem}")
    else:
        problem = ir_nonconformance(result, expected)
        if problem:
            problems.append(f"return value does not match the IR success type: {problem}")
    return problems


def describe_call(case: Case) -> str:
    op = case.op
    arguments = ", ".join(f"{name}={_short(value)}" for name, value in case.arguments)
    return f"{op.id}: {op.method} {op.path} via client.{case.service}.{case.method}({arguments})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def status_error_message(case: Case, exc: Any, server: Any) -> str:
    """The failure message for an ``APIStatusError``: status, body, Prism's violations."""
    return (
        f"{describe_call(case)}\nraised {type(exc).__name__} (HTTP {exc.status_code}); "
        f"body: {exc.body!r}\nwhat Prism said:\n{server.exchanges_report()}"
    )
