"""What a generated command module declares: its operations as plain data.

The root group imports this module (it imports nothing but the standard library); the
click commands are built from these records only when a command runs or its help is shown
(see ``_command``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

FlagKind = Literal["string", "integer", "number", "boolean", "choice", "json", "file"]
# Where a flag's value goes: a path or query parameter, a header, a field of the body (inside
# the wrapper of a wrapped body), a top-level field beside the wrapper, or the URL an
# operation is sent to (an upload's storage URL).
FlagLocation = Literal["path", "query", "header", "body", "outer", "url"]
# How the body travels: none; flags as keyword fields ("fields"); flags inside a wrapper key
# ("wrapped"); one whole value ("whole", only from --json/--input); form or multipart fields.
BodyMode = Literal["none", "fields", "wrapped", "whole", "form"]
ResultMode = Literal["value", "page", "none", "location", "bytes"]


@dataclass(frozen=True)
class Flag:
    """One ``--flag`` of a command: an argument of the SDK method."""

    name: str  # kebab-case, without the dashes
    py: str  # the SDK method's argument
    wire: str  # the name on the wire (a key of --json)
    location: FlagLocation
    kind: FlagKind
    required: bool = False
    help: str = ""
    multiple: bool = False  # a list of plain values: repeat the flag or separate by commas
    choices: tuple[tuple[str, str], ...] = ()  # (value, description)
    deprecated: bool = False
    default: str | None = None  # shown in help only; the API applies it


@dataclass(frozen=True)
class Action:
    """One command: an operation of the API, called through the SDK."""

    name: str  # the action, kebab-case
    method_name: str  # the SDK method
    call: Callable[[Any, list[Any], dict[str, Any]], Any]  # (client, positional, keywords)
    summary: str
    help: str
    http_method: str
    path: str
    aliases: tuple[str, ...] = ()  # hidden names (the operation's full name)
    flags: tuple[Flag, ...] = ()
    body: BodyMode = "none"
    wrapper_key: str | None = None
    body_required: bool = False
    result: ResultMode = "value"
    columns: tuple[str, ...] = ()  # default table columns
    scopes: tuple[str, ...] = ()
    example: str = ""
    deprecated: bool = False
    destructive: bool = False
    cursor_flag: str | None = None  # the pagination cursor's flag (paginated commands)
    limit_flag: str | None = None


@dataclass(frozen=True)
class Upload:
    """``<service> upload PATH``: the SDK's one-call upload helper."""

    name: str
    method_name: str
    call: Callable[[Any, list[Any], dict[str, Any]], Any]
    summary: str
    help: str
    example: str = ""
    target: str = ""  # the flag that takes the result, e.g. `messages create --files`
