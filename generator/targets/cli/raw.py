"""An operation's showcase example as a raw request: ``<command> api METHOD PATH [fields]``.

The same call as the CLI and curl snippets (``Operation.example``), for ``api describe``:
path parameters are filled in; query parameters are fields of a GET, HEAD or DELETE and part
of the path otherwise; header parameters are ``-H``; a JSON body is ``-f key=value`` for text
and ``-F key=value`` for numbers, booleans and null, nested as ``message[content]`` and
``ids[]``. A body that fields cannot spell (a list of objects, an empty object, a key with
brackets) is piped to ``--input -`` as JSON instead. Operations with a multipart, form or
binary body, or with cookies, have no raw form (``None``). Values are shell-quoted.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from urllib.parse import quote, urlencode

from ...ir import JSON, ExampleArgument, Operation
from ..context import TargetContext
from ..snippets.query import query_pairs

QUERY_METHODS = frozenset({"GET", "HEAD", "DELETE"})
_KEY_UNSAFE = frozenset("[]=")


class _Unspellable(Exception):
    """The body cannot be written as fields."""


def api_command(ctx: TargetContext, op: Operation) -> str | None:
    """The showcase call of ``op`` as an ``api`` command line, or ``None``."""
    body = op.body
    if body is not None and body.kind != "json":
        return None
    by_location: dict[str, list[ExampleArgument]] = {}
    for argument in op.example.arguments:
        by_location.setdefault(argument.location, []).append(argument)
    if by_location.get("cookie"):
        return None
    path = op.path
    for argument in by_location.get("path", []):
        path = path.replace("{" + argument.names.wire + "}", quote(_text(argument.value), safe=""))
    params = {p.names.wire: p for p in op.parameters if p.location == "query"}
    query = [
        pair
        for argument in by_location.get("query", [])
        for pair in query_pairs(params[argument.names.wire], argument.value, _text)
    ]
    fields: list[tuple[str, JSON]] = []
    if op.method in QUERY_METHODS and not any(_KEY_UNSAFE & set(key) for key, _ in query):
        repeated = {key for key, _ in query if sum(k == key for k, _ in query) > 1}
        fields.extend((f"{key}[]" if key in repeated else key, value) for key, value in query)
    elif query:
        path += "?" + urlencode([(key, _text(value)) for key, value in query])
    words = [ctx.project.command, "api", op.method, shlex.quote(path)]
    for argument in by_location.get("header", []):
        words += ["-H", shlex.quote(f"{argument.names.wire}: {_text(argument.value)}")]
    document = _document(op, by_location.get("body", []))
    piped: JSON = None
    if document is not None:
        try:
            if not isinstance(document, dict) or not document:
                raise _Unspellable
            fields.extend(list(_fields(document, "")))  # all or nothing
        except _Unspellable:
            piped = document
    for key, value in fields:
        option = "-f" if isinstance(value, str) else "-F"
        words += [option, shlex.quote(f"{key}={_text(value)}")]
    if piped is not None:
        words += ["--input", "-"]
        return f"echo {shlex.quote(json.dumps(piped, ensure_ascii=False))} | " + " ".join(words)
    return " ".join(words)


def _document(op: Operation, arguments: list[ExampleArgument]) -> JSON:
    """The JSON body the example sends (``None``: none)."""
    body = op.body
    if body is None or (not arguments and not body.required):
        return None
    if len(arguments) == 1 and arguments[0].names.wire == "body" and not body.flattened:
        return arguments[0].value
    document: dict[str, JSON] = {}
    inner: dict[str, JSON] = {}
    for argument in arguments:
        (inner if argument.in_wrapper else document)[argument.names.wire] = argument.value
    if body.wrapper_key is not None and (inner or not document):
        document = {body.wrapper_key: inner, **document}
    return document


def _fields(value: JSON, key: str) -> Iterator[tuple[str, JSON]]:
    """``{"message": {"content": "hi"}}`` → ``("message[content]", "hi")``."""
    if isinstance(value, dict):
        if not value:
            raise _Unspellable
        for name, item in value.items():
            if _KEY_UNSAFE & set(name):
                raise _Unspellable
            yield from _fields(item, f"{key}[{name}]" if key else name)
    elif isinstance(value, list):
        if not key or any(isinstance(item, dict | list) for item in value):
            raise _Unspellable
        for item in value:
            yield f"{key}[]", item
    else:
        yield key, value


def _text(value: JSON) -> str:
    """A value as ``-F`` reads it back: ``true``, ``null``, ``12``; text as it is."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
