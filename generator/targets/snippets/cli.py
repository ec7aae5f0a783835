"""An operation's showcase example as a command of the generated CLI.

``<command> <service> <action> --flag value …``: the service and action are the kebab-case
names the parser chose (``Names.cli``: the action is the operation's name without the service's
own noun, ``list_chats`` in Chats → ``chats list``), and each argument of the example is a flag
``--<kebab-name>``: path and query parameters, headers and the fields of a flattened body alike.
A boolean is ``--flag`` or ``--no-flag``, a list of plain values repeats its flag, and an
object (or a list of objects) is passed as JSON. Values are shell-quoted.
"""

from __future__ import annotations

import json
import shlex

from ...ir import JSON, ExampleArgument, Operation
from ..context import TargetContext


def cli_command(ctx: TargetContext, op: Operation) -> str:
    """The showcase call of ``op`` as one CLI command line."""
    words = [ctx.project.command, ctx.service_of(op).names.cli, op.names.cli]
    for argument in op.example.arguments:
        words.extend(_flag(argument))
    return " ".join(words)


def _flag(argument: ExampleArgument) -> list[str]:
    flag = f"--{argument.names.cli}"
    value = argument.value
    if isinstance(value, bool):
        return [flag if value else f"--no-{argument.names.cli}"]
    if isinstance(value, list) and all(_plain(item) for item in value):
        return [word for item in value for word in (flag, _word(item))]
    return [flag, _word(value)]


def _plain(value: JSON) -> bool:
    return not isinstance(value, dict | list)


def _word(value: JSON) -> str:
    if isinstance(value, str):
        return shlex.quote(value)
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return shlex.quote(json.dumps(value, ensure_ascii=False))
    return str(value)
