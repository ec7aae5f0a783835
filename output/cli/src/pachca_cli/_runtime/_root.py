"""The root group: global flags, and every command loaded only when it is needed.

``<command> --help`` imports click, this package's small modules and nothing else: the
service modules (``commands/<service>.py``) are imported when their command runs or their
own help is shown, and the SDK (httpx, pydantic, the models) only when a request is made.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from .._project import COMMAND, VERSION
from ..commands import SERVICES
from . import builtin
from ._errors import INTERRUPTED, CliError, json_requested, report
from ._globals import context_of, global_options
from .builtin import BUILTINS

# Optional one-line help of each built-in command (name -> text), so that `--help` lists them
# without importing their modules; a command missing from it is imported for its help.
BUILTIN_HELP: dict[str, str] = getattr(builtin, "BUILTIN_HELP", {})

ROOT_HELP = """Command-line client of the {title}.

\b
Commands are `{command} <service> <action> [flags]`; every action has an example in its
--help. Output is a table on a terminal and JSON otherwise (-o json|yaml|csv|jsonl|table).
"""


class RootGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*SERVICES, *BUILTINS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in SERVICES:
            module = importlib.import_module(f"..commands.{SERVICES[cmd_name][0]}", __package__)
            group: click.Command = module.group
            return group
        if cmd_name in BUILTINS:
            module_name, _, attribute = BUILTINS[cmd_name].partition(":")
            module = importlib.import_module(f".builtin.{module_name}", __package__)
            command: click.Command = getattr(module, attribute)
            return command
        return None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Service and built-in commands with their one-line help, importing none of them."""
        services = [(name, SERVICES[name][1]) for name in sorted(SERVICES)]
        if services:  # an API may have no operations; click cannot lay out an empty list
            with formatter.section("API commands"):
                formatter.write_dl(services)
        builtins = sorted(BUILTINS)
        if builtins:
            rows = []
            for name in builtins:
                if name in BUILTIN_HELP:
                    rows.append((name, BUILTIN_HELP[name]))
                    continue
                command = self.get_command(ctx, name)
                rows.append((name, command.get_short_help_str(60) if command else ""))
            with formatter.section("Other commands"):
                formatter.write_dl(rows)


def _root_callback() -> None:
    context_of(click.get_current_context())


def make_root(title: str) -> RootGroup:
    return RootGroup(
        name=COMMAND,
        help=ROOT_HELP.format(title=title, command=COMMAND),
        params=[
            *global_options(),
            click.Option(
                ["--version"],
                is_flag=True,
                expose_value=False,
                is_eager=True,
                callback=_print_version,
                help="Show the version and exit.",
            ),
        ],
        callback=_root_callback,
        context_settings={
            "help_option_names": ["-h", "--help"],
            "max_content_width": 100,
            "terminal_width": _terminal_width(),
        },
    )


def _terminal_width() -> int:
    """What ``shutil.get_terminal_size`` says, without importing shutil (and the
    compression modules it imports) for every ``--help``."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        width = int(columns)
    else:
        try:
            width = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).columns
        except (AttributeError, ValueError, OSError):
            width = 80
    return max(min(width, 100) - 2, 50)


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"{COMMAND} {VERSION}")
        ctx.exit(0)


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: run the CLI and exit with the contract's code."""
    from .._project import TITLE

    args = list(sys.argv[1:] if argv is None else argv)
    root = make_root(TITLE)
    complete_var = f"_{COMMAND.replace('-', '_').upper()}_COMPLETE"
    instruction = os.environ.get(complete_var)
    if instruction:  # shell completion (click's): `eval "$(_CMD_COMPLETE=bash_source cmd)"`
        from click.shell_completion import shell_complete

        sys.exit(shell_complete(root, {}, COMMAND, complete_var, instruction))
    code = 0
    ctx_obj: Any = None
    try:
        with root.make_context(COMMAND, args) as ctx:
            ctx_obj = context_of(ctx)
            root.invoke(ctx)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.exceptions.Abort:
        code = _interrupted()
    except KeyboardInterrupt:
        code = _interrupted()
    except click.ClickException as exc:
        help_ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and help_ctx is not None:
            click.echo(help_ctx.get_help())  # a group run alone: its help, as with --help
            sys.exit(0)
        as_json = _as_json(ctx_obj, args)
        if as_json:
            report(CliError(exc.format_message(), exc.exit_code), as_json=True)
        else:
            exc.show()
        code = exc.exit_code
    except CliError as exc:
        report(exc, as_json=_as_json(ctx_obj, args))
        code = exc.exit_code
    finally:
        if ctx_obj is not None:
            ctx_obj.close()
    sys.stdout.flush()
    sys.exit(code)


def _as_json(ctx_obj: Any, args: Sequence[str]) -> bool:
    if ctx_obj is not None and ctx_obj.output is not None:
        return bool(ctx_obj.json_output)
    return json_requested(args, stdout_is_tty=sys.stdout.isatty())


def _interrupted() -> int:
    sys.stderr.write("\nInterrupted.\n")
    return INTERRUPTED
