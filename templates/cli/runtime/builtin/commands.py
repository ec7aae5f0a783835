"""``commands``: every command with its arguments and flags (``-o json`` for agents).

Walks the click tree from the root, loading every lazily loaded group on the way. The global
flags are listed once, on the root; hidden commands (the operations' full-name aliases) are
left out.
"""

from __future__ import annotations

from typing import Any

import click

from .._globals import global_options
from . import BUILTIN_HELP
from ._base import emit, run_context, with_globals


def _global_names() -> set[str]:
    return {option.name for option in global_options() if option.name}


def _param(param: click.Parameter) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "name": param.name,
        "type": param.type.name,
        "required": param.required,
        "multiple": param.multiple,
    }
    if isinstance(param.type, click.Choice):
        entry["choices"] = [str(choice) for choice in param.type.choices]
    if isinstance(param, click.Option):
        entry["flags"] = list(param.opts)
        if param.secondary_opts:
            entry["negative_flags"] = list(param.secondary_opts)
        entry["is_flag"] = param.is_flag
        entry["help"] = param.help or ""
        default = param.default
        if isinstance(default, str | int | float | bool) and not param.is_flag:
            entry["default"] = default
    else:
        entry["nargs"] = param.nargs
    return entry


def describe(
    command: click.Command, parent: click.Context | None, path: list[str], skip: set[str]
) -> dict[str, Any]:
    """``command`` and, for a group, every visible subcommand under it."""
    ctx = click.Context(command, info_name=command.name, parent=parent)
    params = [p for p in command.params if p.name not in skip]
    entry: dict[str, Any] = {
        "name": command.name,
        "command": " ".join(path),
        "summary": command.get_short_help_str(limit=200),
        "deprecated": bool(command.deprecated),
        "arguments": [_param(p) for p in params if isinstance(p, click.Argument)],
        "options": [_param(p) for p in params if isinstance(p, click.Option)],
    }
    if isinstance(command, click.Group):
        children = []
        for name in command.list_commands(ctx):
            child = command.get_command(ctx, name)
            if child is not None and not child.hidden:
                children.append(describe(child, ctx, [*path, name], skip))
        entry["commands"] = children
    return entry


def flatten(entry: dict[str, Any]) -> list[dict[str, Any]]:
    rows = (
        [] if "commands" in entry else [{"command": entry["command"], "summary": entry["summary"]}]
    )
    for child in entry.get("commands", []):
        rows += flatten(child)
    return rows


@click.command("commands", short_help=BUILTIN_HELP["commands"])
def command() -> None:
    """List every command; `-o json` gives the whole tree with arguments and flags."""
    obj = run_context()
    root_ctx = click.get_current_context().find_root()
    root = root_ctx.command
    tree = describe(root, None, [root_ctx.info_name or str(root.name)], _global_names())
    tree["global_options"] = [_param(option) for option in global_options()]
    if obj.output_format == "table":
        emit(obj, flatten(tree), ("command", "summary"))
    else:
        emit(obj, tree)


with_globals(command)
