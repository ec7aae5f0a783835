"""The showcase: which operations the samples demonstrate, and the arguments of each call.

Every sample of an operation (the SDK README, the docs, the skills, llms.txt; in Python, CLI and
curl) shows the same call with the same values, decided here once: the required arguments, in
signature order, valued from the spec's examples (a parameter's example or default; a body
field's example or default, else a value synthesized from its type). Rendering them is the
snippets' job (``generator.targets.snippets``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..ir import Example, ExampleArgument, Field, Names, Operation, Parameter, Showcase
from .examples import ExampleSynthesizer


def example_of(op: Operation, synthesizer: ExampleSynthesizer) -> Example:
    """The showcase call of ``op``: path parameters, then the other required parameters, then
    the required fields of a flattened body (inside the wrapper first, then beside it)."""
    arguments = [_parameter(p) for p in op.parameters if p.location == "path"]
    arguments += [_parameter(p) for p in op.parameters if p.location != "path" and p.required]
    body = op.body
    wrapper_key: str | None = None
    if body is not None and body.flattened:
        wrapper_key = body.wrapper_key
        inner = wrapper_key is not None
        arguments += _fields(body.fields, synthesizer, in_wrapper=inner)
        arguments += _fields(body.outer_fields, synthesizer, in_wrapper=False)
    elif body is not None and body.required and body.kind == "json":
        names = Names("body", "body", "body", "body")
        arguments.append(ExampleArgument(names, "body", body.type, body.example))
    return Example(tuple(arguments), wrapper_key)


def _parameter(param: Parameter) -> ExampleArgument:
    value = param.example if param.example is not None else param.default
    return ExampleArgument(param.names, param.location, param.type, value)


def _fields(
    fields: Iterable[Field], synthesizer: ExampleSynthesizer, *, in_wrapper: bool
) -> list[ExampleArgument]:
    return [
        ExampleArgument(
            item.names,
            "body",
            item.type,
            file_name(item.names) if item.type.file else synthesizer.for_field(item),
            in_wrapper=in_wrapper,
        )
        for item in fields
        if item.required
    ]


def file_name(names: Names) -> str:
    """A file's example value is the name of a local file to send: ``<field>.bin``."""
    return f"{names.wire}.bin"


def pick_showcase(operations: tuple[Operation, ...]) -> Showcase:
    """The operations the samples demonstrate: a read, a create, a list, an upload, and a call
    that takes the upload's attachments. Any may be missing for a given API."""

    def first(*predicates: Callable[[Operation], bool]) -> Operation | None:
        for predicate in predicates:
            found = next((op for op in operations if predicate(op)), None)
            if found is not None:
                return found
        return None

    read = first(
        lambda op: op.method == "GET"
        and op.pagination is None
        and any(p.location == "path" for p in op.parameters)
        and op.success is not None
        and op.success.type is not None,
        lambda op: op.method == "GET" and op.pagination is None,
    )
    create = first(
        lambda op: op.method == "POST" and op.body is not None and bool(op.body.wrapper_key),
        lambda op: op.method == "POST" and op.body is not None and op.body.flattened,
    )
    listing = first(lambda op: op.pagination is not None)
    upload = first(lambda op: op.upload is not None and bool(op.upload.params_operation))
    with_files: Operation | None = None
    files_argument: str | None = None
    attachment = upload.upload.attachment if upload and upload.upload else None
    if attachment is not None:
        for op in operations:
            files_argument = _attachments_argument(op, attachment)
            if files_argument is not None:
                with_files = op
                break
    return Showcase(
        read=read.id if read else None,
        create=create.id if create else None,
        listing=listing.id if listing else None,
        upload=upload.id if upload else None,
        create_with_files=with_files.id if with_files else None,
        files_argument=files_argument,
    )


def _attachments_argument(op: Operation, attachment: str) -> str | None:
    """The argument of ``op`` that takes a list of ``attachment`` objects, if any."""
    if op.body is None:
        return None
    return next(
        (
            item.names.py
            for item in op.body.fields
            if item.type.kind == "array"
            and item.type.items is not None
            and item.type.items.ref == attachment
        ),
        None,
    )
