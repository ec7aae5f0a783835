"""``api``: raw requests through the SDK's client, and the API's operations from the catalog.

``api METHOD PATH [-f key=value]... [-F key=value]... [--input FILE|-]`` sends a request with
the run's token, base URL, retries, ``--verbose`` and ``--dry-run``; fields go in the query of
a GET, HEAD or DELETE and in the body otherwise. The body is JSON unless a ``Content-Type``
header says otherwise: ``application/x-www-form-urlencoded`` sends the fields as a form, any
other type sends ``--input``'s bytes as they are. ``api ls`` lists every operation and
``api describe OPERATION`` shows one: parameters, body fields, scopes and an example.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from typing import Any

import click

from ..._project import COMMAND
from .._context import CliContext
from .._errors import USAGE, CliError
from . import BUILTIN_HELP
from ._base import catalog, complete_operations, emit, run_context, with_globals

QUERY_METHODS = frozenset({"GET", "HEAD", "DELETE"})
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
DEFAULT_MAX_PAGES = 100
_PLACEHOLDER = re.compile(r"\{[^{}/]+\}")


class ApiGroup(click.Group):
    """``api ls`` and ``api describe`` are subcommands; anything else is a request."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands:
            request_command = self.commands["request"]
            return "request", request_command, args
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return ["describe", "ls", "request"]

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(
            ctx.command_path, "METHOD PATH [-f key=value]... [-F key=value]... [--input FILE]"
        )
        formatter.write_usage(ctx.command_path, "ls [QUERY] | describe OPERATION", prefix="   or: ")


group = with_globals(
    ApiGroup(
        "api",
        help=(
            "Send a raw request, or look the API's operations up.\n\n"
            "\b\n"
            "Fields: -f key=value sends text; -F key=value sends true/false/null and\n"
            "numbers as JSON and reads @path (a file) or @- (stdin). Nested keys:\n"
            "-f 'message[content]=Hi', -F 'ids[]=1'. They go in the query of GET, HEAD and\n"
            "DELETE, else in the JSON body (merged into --input's JSON).\n\n"
            "\b\n"
            "Other bodies: -H 'Content-Type: application/x-www-form-urlencoded' sends the\n"
            "fields as a form; any other Content-Type sends --input's bytes as they are.\n\n"
            "\b\n"
            "Examples:\n"
            f"  {COMMAND} api GET /profile\n"
            f"  {COMMAND} api POST /messages -F 'message[entity_id]=334' "
            "-f 'message[content]=Hello'\n"
            f"  {COMMAND} api ls messages\n"
            f"  {COMMAND} api describe messages create -o json"
        ),
        short_help=BUILTIN_HELP["api"],
        invoke_without_command=False,
        no_args_is_help=True,
    )
)


# --- the catalog -----------------------------------------------------------------------------


def operations() -> tuple[dict[str, Any], ...]:
    ops: tuple[dict[str, Any], ...] = catalog().OPERATIONS
    return ops


def _path_pattern(path: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(path)
    return re.compile("[^/]+".join(re.escape(part) for part in parts) + "/?")


def match_operation(method: str, path: str) -> dict[str, Any] | None:
    """The operation answering ``method path`` (literal paths before templated ones)."""
    found = [
        op
        for op in operations()
        if op["method"] == method and _path_pattern(op["path"]).fullmatch(path)
    ]
    found.sort(key=lambda op: len(_PLACEHOLDER.findall(op["path"])))
    return found[0] if found else None


def _normalized(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def find_operation(words: Sequence[str]) -> dict[str, Any]:
    """An operation named by its id (any case or separators), ``service action``,
    ``service.action`` or ``METHOD /path``."""
    import difflib

    text = " ".join(words).strip()
    ops = operations()
    if len(words) == 2 and words[0].upper() in METHODS and words[1].startswith("/"):
        op = match_operation(words[0].upper(), words[1].split("?", 1)[0])
        if op is not None:
            return op
    wanted = _normalized(text)
    for op in ops:
        if _normalized(op["id"]) == wanted:
            return op
    for op in ops:
        if _normalized(op["service"] + op["command"]) == wanted and (
            " " in text or "." in text or "/" in text
        ):
            return op
    choices = [op["id"] for op in ops] + [f"{op['service']} {op['command']}" for op in ops]
    close = difflib.get_close_matches(text, choices, n=3, cutoff=0.5)
    raise CliError(
        f"no operation {text!r}",
        USAGE,
        ("did you mean: " + ", ".join(close) + "? " if close else "")
        + f"`{COMMAND} api ls` lists them",
    )


def _summary_row(op: dict[str, Any]) -> dict[str, Any]:
    return {
        "command": f"{op['service']} {op['command']}",
        "method": op["method"],
        "path": op["path"],
        "summary": op["summary"],
        "id": op["id"],
        "scopes": op["scopes"],
        "deprecated": op["deprecated"],
    }


@group.command("ls")
@click.argument("query", required=False)
def ls(query: str | None) -> None:
    """List every operation: its command, method and path (QUERY filters them)."""
    obj = run_context()
    needle = (query or "").lower()
    rows = [
        _summary_row(op)
        for op in operations()
        if not needle
        or any(needle in str(op[key]).lower() for key in ("id", "service", "path", "summary"))
        or needle in f"{op['service']} {op['command']}"
    ]
    emit(obj, rows, ("command", "method", "path", "summary"))


with_globals(ls)


@group.command("describe")
@click.argument("operation", nargs=-1, required=True, shell_complete=complete_operations)
def describe(operation: tuple[str, ...]) -> None:
    """Show an operation: parameters, body fields, scopes and an example.

    OPERATION is an operation id (createMessage), a command (messages create) or a request
    (POST /messages).
    """
    obj = run_context()
    op = find_operation(operation)
    if obj.output_format != "table":
        emit(obj, op)
        return
    click.echo(describe_text(op))


with_globals(describe)


def describe_text(op: dict[str, Any]) -> str:
    lines = [f"{COMMAND} {op['service']} {op['command']}: {op['summary']}  ({op['id']})"]
    lines.append(f"{op['method']} {op['path']}")
    if op["deprecated"]:
        lines.append("DEPRECATED")
    facts = []
    if op["scopes"]:
        facts.append("scopes: " + ", ".join(op["scopes"]))
    if op["plan"]:
        facts.append(f"plan: {op['plan']}")
    if not op["auth"]:
        facts.append("no token needed")
    if facts:
        lines.append("; ".join(facts).capitalize())
    if op["description"]:
        lines += ["", op["description"]]
    if op["parameters"]:
        lines += ["", "Parameters:"]
        for param in op["parameters"]:
            lines += _describe_item(param, f"{param['in']}, {param['type']}")
    body = op["body"]
    if body is not None:
        where = f", under {body['wrapper']!r}" if body["wrapper"] else ""
        lines += ["", f"Body ({body['content_type']}{where}):"]
        for field in body["fields"]:
            lines += _describe_item(field, f"{field['key']}, {field['type']}")
    if op["pagination"]:
        page = op["pagination"]
        lines += ["", f"Paginated by {page['cursor']!r}: --all fetches every page."]
    lines += ["", "Example:", f"  {op['example']}"]
    if op["api_example"]:
        lines += ["", "As a raw request:", f"  {op['api_example']}"]
    return "\n".join(lines)


def _describe_item(item: dict[str, Any], facts: str) -> list[str]:
    required = ", required" if item["required"] else ""
    lines = [f"  {item['flag']}  ({facts}{required})"]
    if item["description"]:
        lines.append(f"      {item['description']}")
    for value, text in item["values"]:
        lines.append(f"      {value}" + (f": {text}" if text else ""))
    return lines


# --- requests --------------------------------------------------------------------------------


@group.command("request")
@click.argument("method")
@click.argument("path")
@click.option("-f", "--raw-field", "raw", multiple=True, metavar="KEY=VALUE", help="A text field.")
@click.option(
    "-F",
    "--field",
    "typed",
    multiple=True,
    metavar="KEY=VALUE",
    help="A typed field: true/false/null/numbers as JSON, @path or @- read.",
)
@click.option(
    "--input",
    "input_file",
    metavar="FILE",
    help="The body, from FILE ('-': stdin): JSON unless -H sets another Content-Type.",
)
@click.option("-H", "--header", "headers", multiple=True, metavar="'NAME: VALUE'", help="A header.")
@click.option("--paginate", is_flag=True, help="GET every page of a paginated list.")
@click.option(
    "--max-pages", type=click.IntRange(min=1), default=DEFAULT_MAX_PAGES, show_default=True
)
@click.option("-i", "--include", is_flag=True, help="Print the status line and headers to stderr.")
def request(
    method: str,
    path: str,
    raw: tuple[str, ...],
    typed: tuple[str, ...],
    input_file: str | None,
    headers: tuple[str, ...],
    paginate: bool,
    max_pages: int,
    include: bool,
) -> None:
    """Send METHOD PATH with the run's token and base URL; print the answer.

    The word `request` may be left out: `api GET /profile` is `api request GET /profile`.
    """
    from ._fields import build_object, parse_fields, query_items

    obj = run_context()
    if obj.output_format and not obj.output:  # neither -o nor the profile's setting
        obj.output = "json"  # an answer is JSON, whatever the terminal
    method = method.upper()
    if method not in METHODS:
        raise CliError(f"unknown HTTP method {method!r}", USAGE, "one of " + ", ".join(METHODS))
    path, query = _split_path(obj, path)
    pairs = parse_fields(raw, typed)
    header_map = _headers(headers)
    content_type = _content_type(header_map)
    kwargs: dict[str, Any] = {}
    if method in QUERY_METHODS:
        query += list(query_items(build_object(pairs)))
    elif content_type is not None and not _is_json(content_type):
        kwargs = _other_body(obj, content_type, pairs, input_file)
        header_map = {k: v for k, v in header_map.items() if k.lower() != "content-type"}
    elif pairs or input_file:
        body: Any = _read_input(input_file)
        if body is not None and not isinstance(body, dict) and pairs:
            raise CliError("fields can only be merged into a JSON object from --input", USAGE)
        kwargs["body"] = build_object(pairs, body) if pairs else body
    op = match_operation(method, path)
    scopes: list[str] = op["scopes"] if op else []
    kwargs.update(query=_query_dict(query), headers=header_map or None)
    if paginate:
        _paginate(obj, op, method, path, kwargs, scopes, max_pages, include)
        return
    response = _send(obj, method, path, kwargs, scopes)
    if response is None:
        return
    if include:
        _print_head(response)
    _print_body(obj, response)


def _split_path(obj: CliContext, path: str) -> tuple[str, list[tuple[str, str]]]:
    """The path relative to the base URL, and the query written in it."""
    from urllib.parse import parse_qsl, urlsplit

    if path.startswith(("http://", "https://")):
        base = (obj.credentials().base_url or _default_base_url()).rstrip("/")
        if not path.startswith(base + "/"):
            raise CliError(
                "an absolute URL must start with the base URL " + base,
                USAGE,
                "pass a path such as /profile (the token is never sent elsewhere)",
            )
        path = path[len(base) :]
    if not path.startswith("/"):
        path = "/" + path
    parts = urlsplit(path)
    return parts.path, parse_qsl(parts.query, keep_blank_values=True)


def _default_base_url() -> str:
    from ..._project import DEFAULT_BASE_URL

    return str(DEFAULT_BASE_URL)


def _query_dict(items: list[tuple[str, str]]) -> dict[str, Any] | None:
    query: dict[str, Any] = {}
    for key, value in items:
        if key in query:
            existing = query[key]
            query[key] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            query[key] = value
    return query or None


def _headers(values: tuple[str, ...]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for text in values:
        name, sep, value = text.partition(":")
        if not sep or not name.strip():
            raise CliError(f"bad header {text!r}", USAGE, "write it as 'Name: value'")
        headers[name.strip()] = value.strip()
    return headers


def _content_type(headers: dict[str, str]) -> str | None:
    """The ``Content-Type`` given with -H (any case), if any."""
    found = [value for name, value in headers.items() if name.lower() == "content-type"]
    return found[-1] if found else None


def _is_json(content_type: str) -> bool:
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _other_body(
    obj: CliContext, content_type: str, pairs: list[tuple[list[str], Any]], source: str | None
) -> dict[str, Any]:
    """The SDK's arguments for a body that is not JSON: the fields as a form, or the bytes of
    ``--input`` as they are."""
    from urllib.parse import urlencode

    from ._fields import build_object, query_items

    media = content_type.partition(";")[0].strip().lower()
    if pairs and source is not None:
        raise CliError(
            f"a {media} body is either the fields or --input, not both", USAGE, "drop one"
        )
    if pairs:
        if media != "application/x-www-form-urlencoded":
            raise CliError(
                f"fields cannot make a {media} body",
                USAGE,
                "send it with --input FILE, or send the fields as JSON or as a form",
            )
        form = urlencode(list(query_items(build_object(pairs))))
        return {"text": form, "content_type": content_type}
    if source is None:
        raise CliError(f"a {media} body needs --input FILE ('-': stdin)", USAGE)
    content = _read_bytes(source)
    if source != "-":
        obj.file_paths[source] = source  # --dry-run's curl sends the file, not its bytes
    return {"content": content, "content_type": content_type}


def _read_bytes(source: str) -> bytes:
    """``--input``'s bytes: the file's, or stdin's for ``-`` (a stdin replaced by a text
    stream, as an embedding program may do, is read as text and encoded)."""
    try:
        if source == "-":
            binary = getattr(sys.stdin, "buffer", None)
            return binary.read() if binary is not None else sys.stdin.read().encode("utf-8")
        with open(source, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise CliError(f"cannot read {source}: {exc.strerror}", USAGE) from exc


def _read_input(source: str | None) -> Any:
    if source is None:
        return None
    try:
        return json.loads(_read_bytes(source))
    except ValueError as exc:
        raise CliError(f"--input is not valid JSON: {exc}", USAGE) from exc


def _send(
    obj: CliContext, method: str, path: str, kwargs: dict[str, Any], scopes: Sequence[str]
) -> Any:
    """The raw ``httpx.Response`` (``None`` on ``--dry-run``); errors become CliErrors."""
    import httpx

    from .._run import call_sdk

    client = obj.client()
    response = call_sdk(
        obj, scopes, lambda: client.request(method, path, cast_to=httpx.Response, **kwargs)
    )
    return response if isinstance(response, httpx.Response) else None


def _print_head(response: Any) -> None:
    click.echo(f"{response.http_version} {response.status_code} {response.reason_phrase}", err=True)
    for name, value in response.headers.items():
        click.echo(f"{name}: {value}", err=True)
    click.echo("", err=True)


def _print_body(obj: CliContext, response: Any) -> None:
    content: bytes = response.content
    if not content:
        return
    if "json" in response.headers.get("content-type", ""):
        try:
            data = response.json()
        except ValueError:
            data = None
        else:
            emit(obj, data)
            return
    sys.stdout.buffer.write(content)
    if not content.endswith(b"\n") and sys.stdout.isatty():
        sys.stdout.buffer.write(b"\n")


def _dig(data: Any, path: Sequence[str]) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _paginate(
    obj: CliContext,
    op: dict[str, Any] | None,
    method: str,
    path: str,
    kwargs: dict[str, Any],
    scopes: Sequence[str],
    max_pages: int,
    include: bool,
) -> None:
    """Every page of a paginated list, its items printed as they arrive; stops at the last
    page, at a cursor seen before, or after ``max_pages``."""
    from .._output import Stream

    page_info = op["pagination"] if op else None
    if method != "GET" or not page_info:
        raise CliError("--paginate needs a GET of a paginated list", USAGE, f"`{COMMAND} api ls`")
    stream = Stream(obj)
    query: dict[str, Any] = dict(kwargs.get("query") or {})
    seen: set[str] = set()
    try:
        for page in range(1, max_pages + 1):
            response = _send(obj, method, path, {**kwargs, "query": query or None}, scopes)
            if response is None:
                return
            if include:
                _print_head(response)
            data = response.json()
            items = _dig(data, page_info["items"])
            stream.write(items if isinstance(items, list) else [])
            cursor = _dig(data, page_info["next_cursor"])
            if not isinstance(cursor, str) or not cursor or cursor in seen or not items:
                break
            if page == max_pages:
                click.echo(f"Stopped after {page} pages (--max-pages).", err=True)
                break
            seen.add(cursor)
            query[page_info["cursor"]] = cursor
    finally:
        stream.close()


with_globals(request)
