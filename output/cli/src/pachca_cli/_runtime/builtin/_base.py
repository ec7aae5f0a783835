"""What the built-in commands share: the global flags, the run's context, the catalog, and
calls to the operations that say who the caller is.

The root group imports every built-in module to list it in ``--help``, so they import only
what ``--help`` loads anyway (click, the runtime's small modules); everything else (the
catalog, ``_output``, ``urllib``, ``tomllib``, …) is imported inside the commands.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any, TypeVar

import click

from ..._project import ENV_PREFIX
from .._context import CliContext
from .._globals import context_of, global_options

# The settings a profile holds besides its token (`config get/set/list`).
SETTINGS = ("base_url", "output")

CommandT = TypeVar("CommandT", bound=click.Command)


def with_globals(command: CommandT) -> CommandT:
    """``command`` accepting the global flags (``-o``, ``--token``, ``--profile``, …) too."""
    command.params.extend(global_options())
    return command


def env_var(suffix: str) -> str:
    """``TOKEN`` → ``PACHCA_TOKEN`` (as ``_config.env_name``, without importing it)."""
    return f"{ENV_PREFIX}_{suffix}"


def run_context() -> CliContext:
    return context_of(click.get_current_context())


def catalog() -> ModuleType:
    """The generated ``_catalog`` module (imported only by the commands that read it)."""
    return importlib.import_module("..._catalog", __package__)


def call_identity(obj: CliContext, which: str) -> Any:
    """Call the catalog's ``current_user`` or ``token_info`` operation: its unwrapped JSON,
    or ``None`` when the API has no such operation. SDK errors are raised as they are."""
    call = catalog().IDENTITY.get(which)
    if not call:
        return None
    client = obj.client()
    request: Callable[..., Any] = client.request
    return request(call["method"], call["path"], cast_to=Any, unwrap=call["unwrap"])


def scopes_of(token_info: Any) -> list[str] | None:
    """The scopes listed in a ``token_info`` answer (a list, or OAuth's spaced string)."""
    field = catalog().IDENTITY.get("scopes_field")
    if not field or not isinstance(token_info, dict):
        return None
    value = token_info.get(field)
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [str(item) for item in value]
    return None


_NAME_FIELDS = frozenset({"name", "full_name", "display_name", "first_name", "last_name"})


def who(user: Any) -> str:
    """The caller in a few words: ``Oleg Petrov (id 12, oleg.petrov, oleg@company.com)``."""
    if not isinstance(user, dict):
        return "unknown"
    fields = [f for f in catalog().IDENTITY["user_fields"] if user.get(f) not in (None, "")]
    name = " ".join(str(user[f]) for f in fields if f.lower() in _NAME_FIELDS)
    details = [
        f"{f} {user[f]}" if f.lower() == "id" else str(user[f])
        for f in fields
        if f.lower() not in _NAME_FIELDS
    ]
    if not name:
        name = details.pop(0) if details else "unknown"
    return f"{name} ({', '.join(details)})" if details else name


def mask_token(token: str) -> str:
    """``abcd****wxyz``-style: enough to tell tokens apart, not to use one."""
    if len(token) <= 12:
        return "*" * len(token)
    return f"{token[:4]}****{token[-4:]}"


def emit(obj: CliContext, data: Any, columns: tuple[str, ...] | None = None) -> None:
    """:func:`_output.emit`, imported when something is printed (not for ``--help``)."""
    from .._output import emit as emit_output

    emit_output(obj, data, columns)


def show_fields(obj: CliContext, data: dict[str, Any], lines: list[tuple[str, str]]) -> None:
    """``data`` in the run's format, or for a table as aligned ``label: value`` lines."""
    if obj.output_format != "table":
        emit(obj, data)
        return
    width = max(len(label) for label, _ in lines) + 1
    for label, value in lines:
        click.echo(f"{label + ':':<{width}} {value}")


# --- shell completion (click's): the values an argument takes ---------------------------------


def complete_profiles(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Profile names from the config file (for `auth switch`, `auth logout`)."""
    from .. import _config

    try:
        names = _config.load_config(context_of(ctx).env).profiles
    except Exception:  # a broken file completes nothing rather than failing the shell
        return []
    return [name for name in sorted(names) if name.startswith(incomplete)]


def complete_operations(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Operation ids (for `api describe`)."""
    ids: list[str] = [op["id"] for op in catalog().OPERATIONS]
    return [op_id for op_id in ids if op_id.startswith(incomplete)]


def complete_workflows(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Workflow ids (for `guide`)."""
    ids: list[str] = [workflow["id"] for workflow in catalog().WORKFLOWS]
    return [workflow_id for workflow_id in ids if workflow_id.startswith(incomplete)]


def complete_settings(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    return [key for key in SETTINGS if key.startswith(incomplete)]
