"""The global flags, accepted on the root group and on every command alike
(``pachca -o json messages list`` and ``pachca messages list -o json``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ._context import OUTPUTS, CliContext


def context_of(ctx: click.Context) -> CliContext:
    """The run's :class:`CliContext`, made on first use."""
    root = ctx.find_root()
    if not isinstance(root.obj, CliContext):
        root.obj = CliContext()
    ctx.obj = root.obj
    return root.obj


def _setter(attr: str, convert: Callable[[Any], Any] | None = None) -> Any:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None or value is False or value == ():
            return value
        obj = context_of(ctx)
        setattr(obj, attr, convert(value) if convert else value)
        return value

    return callback


def _columns(value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip() for item in value for c in item.split(",") if c.strip())


GLOBAL_NAMES = frozenset(
    {
        "output", "columns", "token", "profile", "base_url", "timeout", "no_retry", "verbose",
        "dry_run", "quiet", "no_color",
    }
)  # fmt: skip


class CompactGlobals(click.Command):
    """Help lists a command's own options in full and the global ones on one line."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        own: list[tuple[str, str]] = []
        shared: list[str] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None or not isinstance(param, click.Option):
                continue
            if param.name in GLOBAL_NAMES:
                shared.append("/".join(param.opts))
            else:
                own.append(record)
        if own:
            with formatter.section("Options"):
                formatter.write_dl(own)
        if shared:
            with formatter.section("Global options"):
                import textwrap

                root = ctx.find_root().info_name or ""
                text = ", ".join(shared) + f" (see `{root} --help`)"
                width = max((formatter.width or 80) - formatter.current_indent, 40)
                for line in textwrap.wrap(text, width, break_on_hyphens=False):
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


def global_options() -> list[click.Option]:
    """New option objects for one command (click options are not shared)."""
    return [
        click.Option(
            ["-o", "--output", "output"],
            type=click.Choice(OUTPUTS),
            default=None,
            expose_value=False,
            callback=_setter("output"),
            help="Output format (default: table on a terminal, json otherwise).",
        ),
        click.Option(
            ["--columns", "columns"],
            multiple=True,
            expose_value=False,
            callback=_setter("columns", _columns),
            help="Fields to show, comma-separated (dotted paths reach nested fields).",
        ),
        click.Option(
            ["--token", "token"],
            default=None,
            expose_value=False,
            callback=_setter("token"),
            help="API token (overrides the environment and profiles).",
        ),
        click.Option(
            ["--profile", "profile"],
            default=None,
            expose_value=False,
            callback=_setter("profile"),
            help="Named profile to use.",
        ),
        click.Option(
            ["--base-url", "base_url"],
            default=None,
            expose_value=False,
            callback=_setter("base_url"),
            help="API base URL.",
        ),
        click.Option(
            ["--timeout", "timeout"],
            type=float,
            default=None,
            expose_value=False,
            callback=_setter("timeout"),
            help="Request timeout in seconds (default 60).",
        ),
        click.Option(
            ["--no-retry", "no_retry"],
            is_flag=True,
            expose_value=False,
            callback=_setter("no_retry"),
            help="Do not retry failed requests.",
        ),
        click.Option(
            ["-v", "--verbose", "verbose"],
            is_flag=True,
            expose_value=False,
            callback=_setter("verbose"),
            help="Print requests and responses on stderr (token masked).",
        ),
        click.Option(
            ["--dry-run", "dry_run"],
            is_flag=True,
            expose_value=False,
            callback=_setter("dry_run"),
            help="Print the request as a curl command instead of sending it.",
        ),
        click.Option(
            ["-q", "--quiet", "quiet"],
            is_flag=True,
            expose_value=False,
            callback=_setter("quiet"),
            help="Print no notes or progress on stderr.",
        ),
        click.Option(
            ["--no-color", "no_color"],
            is_flag=True,
            expose_value=False,
            callback=_setter("no_color"),
            help="No colours (also when NO_COLOR is set).",
        ),
    ]
