"""An operation's showcase example as a curl command, runnable in a POSIX shell.

The base URL is ``${<PREFIX>_BASE_URL:-<the spec's server>}`` and the token ``$<PREFIX>_TOKEN``,
so the command runs as printed against the real API and against a mock server alike. Every
value from the spec is shell-quoted: a spec string never becomes shell syntax.
"""

from __future__ import annotations

import json
import shlex
from urllib.parse import quote, urlencode

from ...ir import JSON, ExampleArgument, Operation
from ..context import TargetContext
from .query import query_pairs


def curl_command(ctx: TargetContext, op: Operation) -> str:
    """The showcase call of ``op`` as a curl command, one option per line."""
    project = ctx.project
    by_location: dict[str, list[ExampleArgument]] = {}
    for argument in op.example.arguments:
        by_location.setdefault(argument.location, []).append(argument)
    url = _path(op.path, by_location.get("path", [])) + _query(op, by_location.get("query", []))
    base = f'"${{{project.base_url_env}:-{_double_quoted(ctx.api.base_url)}}}"'
    lines = [f"curl -X {op.method} {base}{shlex.quote(url)}"]
    if op.auth_required:
        lines.append(f'-H "{_auth_header(ctx)}"')
    for argument in by_location.get("header", []):
        lines.append(f"-H {shlex.quote(f'{argument.names.wire}: {_text(argument.value)}')}")
    cookies = by_location.get("cookie", [])
    if cookies:
        jar = "; ".join(f"{a.names.wire}={_text(a.value)}" for a in cookies)
        lines.append(f"--cookie {shlex.quote(jar)}")
    lines.extend(_body(op, by_location.get("body", [])))
    return " \\\n  ".join(lines)


def _path(template: str, arguments: list[ExampleArgument]) -> str:
    path = template
    for argument in arguments:
        value = quote(_text(argument.value), safe="")
        path = path.replace("{" + argument.names.wire + "}", value)
    return path


def _query(op: Operation, arguments: list[ExampleArgument]) -> str:
    """The query string, each array written in the parameter's style."""
    params = {p.names.wire: p for p in op.parameters if p.location == "query"}
    pairs: list[tuple[str, str]] = []
    for argument in arguments:
        found = query_pairs(params[argument.names.wire], argument.value, _text)
        pairs.extend((key, _text(item)) for key, item in found)
    return "?" + urlencode(pairs) if pairs else ""


def _body(op: Operation, arguments: list[ExampleArgument]) -> list[str]:
    body = op.body
    if body is None or (not arguments and not body.required):
        return []
    if body.kind in ("multipart", "form"):
        option = "-F" if body.kind == "multipart" else "--data-urlencode"
        return [f"{option} {shlex.quote(_form_part(a, body.kind))}" for a in arguments] or ["-F ''"]
    if body.kind == "binary":
        return ["-H 'Content-Type: application/octet-stream'", "--data-binary @file.bin"]
    document: JSON
    if len(arguments) == 1 and arguments[0].names.wire == "body" and not body.flattened:
        document = arguments[0].value
    else:
        outer: dict[str, JSON] = {}
        inner: dict[str, JSON] = {}
        for argument in arguments:
            (inner if argument.in_wrapper else outer)[argument.names.wire] = argument.value
        if op.example.wrapper_key is not None:
            outer = {op.example.wrapper_key: inner, **outer}
        document = outer
    text = json.dumps(document, ensure_ascii=False)
    return [f"-H 'Content-Type: {body.content_type}'", f"-d {shlex.quote(text)}"]


def _form_part(argument: ExampleArgument, kind: str) -> str:
    """``name=value``; a file part reads the local file the example names (``name=@name.bin``)."""
    if argument.type.file and kind == "multipart":
        return f"{argument.names.wire}=@{_text(argument.value)}"
    return f"{argument.names.wire}={_text(argument.value)}"


def _auth_header(ctx: TargetContext) -> str:
    """The credential header: an API key's own header, else a bearer token."""
    token = f"${ctx.project.token_env}"
    for scheme in ctx.api.security:
        if scheme.kind == "apiKey" and scheme.location == "header" and scheme.parameter:
            return f"{_double_quoted(scheme.parameter)}: {token}"
    return f"Authorization: Bearer {token}"


def _text(value: JSON) -> str:
    """A value as it is written in a URL, header or form field."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _double_quoted(text: str) -> str:
    """``text`` inside a double-quoted shell word: ``$``, `````, ``"`` and ``\\`` escaped."""
    return "".join("\\" + char if char in '$`"\\' else char for char in text)
