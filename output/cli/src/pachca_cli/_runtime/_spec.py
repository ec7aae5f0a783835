"""What a generated command module declares: its operations as plain data.

The root group imports this module (it imports nothing but ``typing``); the click commands
are built from these records only when a command runs or its help is shown (see
``_command``). Plain classes with slots, not dataclasses: creating them costs next to
nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

FlagKind = Literal["string", "integer", "number", "boolean", "choice", "json", "file"]
# Where a flag's value goes: a path or query parameter, a header, a field of the body (inside
# the wrapper of a wrapped body), a top-level field beside the wrapper, the whole body (a file
# or a text), or the URL an operation is sent to (an upload's storage URL).
FlagLocation = Literal["path", "query", "header", "body", "outer", "whole", "url"]
# How the body travels: none; flags as keyword fields ("fields"); flags inside a wrapper key
# ("wrapped"); one whole JSON value ("whole", from --json/--input); form or multipart fields;
# one flag's value, a file or a text ("flag").
BodyMode = Literal["none", "fields", "wrapped", "whole", "form", "flag"]
ResultMode = Literal["value", "page", "none", "location", "bytes"]
Call = Callable[[Any, list[Any], dict[str, Any]], Any]  # (client, positional, keywords)


class Flag:
    """One ``--flag`` of a command: an argument of the SDK method."""

    __slots__ = (
        "choices", "default", "deprecated", "help", "kind", "location", "metavar", "multiple",
        "name", "py", "required", "wire",
    )  # fmt: skip

    def __init__(
        self,
        *,
        name: str,
        py: str,
        wire: str,
        location: FlagLocation,
        kind: FlagKind,
        required: bool = False,
        help: str = "",
        multiple: bool = False,
        choices: tuple[tuple[str, str], ...] = (),
        deprecated: bool = False,
        default: str | None = None,
        metavar: str | None = None,
    ) -> None:
        self.name = name  # kebab-case, without the dashes
        self.py = py  # the SDK method's argument
        self.wire = wire  # the name on the wire (a key of --json)
        self.location: FlagLocation = location
        self.kind: FlagKind = kind
        self.required = required
        self.help = help
        self.multiple = multiple  # a list of plain values: repeat the flag or use commas
        self.choices = choices  # (value, description)
        self.deprecated = deprecated
        self.default = default  # shown in help only; the API applies it
        self.metavar = metavar  # help's name for the value (DATETIME, UUID, …)


class Action:
    """One command: an operation of the API, called through the SDK."""

    __slots__ = (
        "aliases", "body", "body_required", "call", "columns", "cursor_flag", "deprecated",
        "destructive", "example", "flags", "help", "http_method", "limit_flag", "method_name",
        "name", "path", "result", "scopes", "summary", "wrapper_key",
    )  # fmt: skip

    def __init__(
        self,
        *,
        name: str,
        method_name: str,
        call: Call,
        summary: str,
        help: str,
        http_method: str,
        path: str,
        aliases: tuple[str, ...] = (),
        flags: tuple[Flag, ...] = (),
        body: BodyMode = "none",
        wrapper_key: str | None = None,
        body_required: bool = False,
        result: ResultMode = "value",
        columns: tuple[str, ...] = (),
        scopes: tuple[str, ...] = (),
        example: str = "",
        deprecated: bool = False,
        destructive: bool = False,
        cursor_flag: str | None = None,
        limit_flag: str | None = None,
    ) -> None:
        self.name = name  # the action, kebab-case
        self.method_name = method_name  # the SDK method
        self.call = call
        self.summary = summary
        self.help = help
        self.http_method = http_method
        self.path = path
        self.aliases = aliases  # hidden names (the operation's whole name)
        self.flags = flags
        self.body: BodyMode = body
        self.wrapper_key = wrapper_key
        self.body_required = body_required
        self.result: ResultMode = result
        self.columns = columns  # default table columns
        self.scopes = scopes
        self.example = example
        self.deprecated = deprecated
        self.destructive = destructive
        self.cursor_flag = cursor_flag  # the pagination cursor's flag (paginated commands)
        self.limit_flag = limit_flag


class Upload:
    """``<service> upload PATH``: the SDK's one-call upload helper, and the storage request it
    makes with the upload parameters (what ``--dry-run`` describes after the first)."""

    __slots__ = (
        "call", "example", "file_field", "form", "help", "key_field", "method_name", "name",
        "summary", "target", "url_field",
    )  # fmt: skip

    def __init__(
        self,
        *,
        name: str,
        method_name: str,
        call: Call,
        summary: str,
        help: str,
        example: str = "",
        target: str = "",
        url_field: str = "",
        file_field: str = "file",
        form: tuple[tuple[str, str], ...] = (),
        key_field: str | None = None,
    ) -> None:
        self.name = name
        self.method_name = method_name
        self.call = call
        self.summary = summary
        self.help = help
        self.example = example
        self.target = target  # the command and flag that take the result
        self.url_field = url_field  # the parameters' field with the storage URL
        self.file_field = file_field  # the multipart field carrying the file
        self.form = form  # (multipart field, the parameters' field it is copied from)
        self.key_field = key_field  # the field whose `${filename}` the file's name fills
