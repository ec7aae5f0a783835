"""Click commands built from a generated module's :class:`~._spec.Action` records, and how
one runs: flags and ``--json``/``--input`` merged into the SDK call, confirmation before
deleting, the result printed, pages followed with ``--all``."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Sequence
from typing import Any

import click

from ._errors import USAGE, CliError
from ._globals import CompactGlobals, context_of, global_options
from ._spec import Action, Flag, Upload

DEFAULT_MAX_PAGES = 100


class ServiceGroup(click.Group, CompactGlobals):
    """A service's commands, each built on first use; hidden aliases resolve to them."""

    def __init__(
        self, name: str, help: str, actions: Sequence[Action], upload: Upload | None = None
    ) -> None:
        super().__init__(name=name, help=help, params=global_options())
        self.actions = {a.name: a for a in actions}
        self.upload = upload
        self.aliases = {alias: a.name for a in actions for alias in a.aliases}
        self.built: dict[str, click.Command] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = list(self.actions)
        if self.upload is not None:
            names.append(self.upload.name)
        return sorted(names)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        name = self.aliases.get(cmd_name, cmd_name)
        if name in self.built:
            return self.built[name]
        if name in self.actions:
            command = build_command(self.actions[name])
        elif self.upload is not None and name == self.upload.name:
            command = build_upload(self.upload)
        else:
            return None
        self.built[name] = command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            action = self.actions.get(name)
            summary = action.summary if action else self.upload.summary if self.upload else ""
            if action and action.deprecated:
                summary = f"(deprecated) {summary}"
            rows.append((name, summary))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def build_command(action: Action) -> click.Command:
    params: list[click.Parameter] = []
    for index, flag in enumerate(action.flags):
        params.append(_option(flag, f"f{index}"))
    if action.body in ("fields", "wrapped", "whole"):
        params.append(
            click.Option(
                ["--json", "raw_json"],
                metavar="JSON",
                help="The request body as JSON ('-': stdin, '@path': a file); flags given "
                "beside it override its fields.",
            )
        )
        params.append(
            click.Option(
                ["--input", "raw_input"],
                metavar="FILE",
                help="Read the request body as JSON from FILE ('-': stdin).",
            )
        )
    if action.result == "page":
        params.append(
            click.Option(
                ["--all", "all_pages"],
                is_flag=True,
                help="Fetch every page, printing each as it arrives.",
            )
        )
        params.append(
            click.Option(
                ["--max-pages", "max_pages"],
                type=click.IntRange(min=1),
                metavar="N",
                default=DEFAULT_MAX_PAGES,
                show_default=True,
                help="With --all: stop after this many pages.",
            )
        )
    if action.destructive:
        params.append(
            click.Option(["-y", "--yes", "yes"], is_flag=True, help="Do not ask for confirmation.")
        )
    params.extend(global_options())

    def callback(**values: Any) -> None:
        run_action(action, values)

    help_text = action.help
    if action.deprecated:
        help_text = "DEPRECATED: this operation is deprecated by the API.\n\n" + help_text
    return CompactGlobals(
        action.name,
        params=params,
        callback=callback,
        help=help_text,
        epilog=_epilog(action.example),
        short_help=action.summary,
        no_args_is_help=False,
    )


def _epilog(example: str) -> str | None:
    if not example:
        return None
    return "\b\nExample:\n  " + example


def _option(flag: Flag, dest: str) -> click.Option:
    help_text = flag.help
    if flag.required:
        help_text = f"[required] {help_text}".strip()
    if flag.choices and any(description for _, description in flag.choices):
        described = "; ".join(f"{v}: {d}" if d else v for v, d in flag.choices)
        help_text = f"{help_text} ({described})"
    if flag.multiple:
        help_text += " Repeat the flag or separate values by commas."
    if flag.default is not None:
        help_text += f" (API default: {flag.default})"
    if flag.deprecated:
        help_text = f"(deprecated) {help_text}"
    if flag.kind == "boolean":
        return click.Option([f"--{flag.name}/--no-{flag.name}", dest], default=None, help=help_text)
    metavar = flag.metavar or {
        "integer": "INT", "number": "NUMBER", "json": "JSON", "file": "PATH"
    }.get(flag.kind, "TEXT")  # fmt: skip
    return click.Option(
        [f"--{flag.name}", dest],
        type=click_type(flag),
        multiple=flag.multiple,
        metavar=None if flag.kind == "choice" else metavar,
        help=help_text,
    )


def _given(flag: Flag, value: Any) -> bool:
    return value is not None and value != ()


def _raw_body(values: dict[str, Any]) -> Any:
    from ._values import parse_json, read_text

    text = values.get("raw_json")
    source = values.get("raw_input")
    if text is not None and source is not None:
        raise CliError("give --json or --input, not both", USAGE)
    if text is not None:
        return parse_json(read_text(text, strict=True), "--json")
    if source is not None:
        data = sys.stdin.read() if source == "-" else read_text("@" + source, strict=True)
        return parse_json(data, "--input")
    return None


def click_type(flag: Flag) -> click.ParamType[Any]:
    """The click type checking a flag as it is parsed (lists and files are checked later)."""
    if flag.multiple:
        return click.STRING
    if flag.kind == "integer":
        return click.INT
    if flag.kind == "number":
        return click.FLOAT
    if flag.kind == "choice":
        return click.Choice([c for c, _ in flag.choices])
    return click.STRING


def build_call(action: Action, values: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """The SDK method's positional and keyword arguments from the flags and the raw body."""
    from ._values import convert

    given: dict[str, Any] = {}
    for index, flag in enumerate(action.flags):
        value = values.get(f"f{index}")
        if _given(flag, value):
            given[flag.name] = convert(flag, value)
    raw = _raw_body(values)
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    missing: list[Flag] = []
    inner: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    if raw is not None and action.body in ("fields", "wrapped") and not isinstance(raw, dict):
        raise CliError("--json: the body must be a JSON object", USAGE)
    if action.body == "wrapped" and isinstance(raw, dict):
        wrapped = raw.get(action.wrapper_key or "")
        if wrapped is not None and not isinstance(wrapped, dict):
            raise CliError(f"--json: {action.wrapper_key!r} must be an object", USAGE)
        inner = dict(wrapped or {})
        top = {k: v for k, v in raw.items() if k != action.wrapper_key}
    elif action.body == "fields" and isinstance(raw, dict):
        top = dict(raw)
    else:
        top = {}
    for flag in action.flags:
        has = flag.name in given
        value = given.get(flag.name)
        if flag.location in ("path", "url"):
            if not has:
                missing.append(flag)
            positional.append(value)
        elif flag.location == "body" and action.body == "wrapped":
            if has:
                inner[flag.wire] = value
            elif flag.required and flag.wire not in inner:
                missing.append(flag)
        elif flag.location == "whole":
            if has:
                keywords["body"] = value
            elif flag.required:
                missing.append(flag)
        elif flag.location in ("body", "outer"):
            if has:
                keywords[flag.py] = value
                top.pop(flag.wire, None)
            elif flag.wire in top:
                keywords[flag.py] = top.pop(flag.wire)
            elif flag.required:
                missing.append(flag)
        else:
            if has:
                keywords[flag.py] = value
            elif flag.required:
                missing.append(flag)
    if missing:
        names = ", ".join(f"--{f.name}" for f in missing)
        in_body = all(f.location in ("body", "outer") for f in missing)
        where = " (or in --json)" if in_body and action.body in ("fields", "wrapped") else ""
        plural = "s" if len(missing) > 1 else ""
        raise CliError(f"missing required flag{plural}: {names}{where}", USAGE)
    extra.update(top)
    if action.body == "wrapped":
        positional.append(inner)
    elif action.body == "whole":
        if raw is None and action.body_required:
            raise CliError("this command needs a request body: pass --json or --input", USAGE)
        if raw is not None:
            keywords["body"] = raw
    if extra:
        keywords["extra_body"] = extra
    return positional, keywords


def run_action(action: Action, values: dict[str, Any]) -> None:
    ctx = click.get_current_context()
    obj = context_of(ctx)
    if values.get("yes"):
        obj.yes = True
    if action.deprecated and not obj.quiet:
        click.echo(
            f"Warning: `{ctx.command_path}` is deprecated by the API and may be removed.",
            err=True,
        )
    positional, keywords = build_call(action, values)
    if not obj.quiet:
        for index, flag in enumerate(action.flags):
            if flag.deprecated and _given(flag, values.get(f"f{index}")):
                click.echo(f"Warning: --{flag.name} is deprecated by the API.", err=True)
    for flag in action.flags:
        if flag.kind == "file":
            for value in (*positional, *keywords.values()):
                if hasattr(value, "name") and hasattr(value, "is_file"):
                    obj.file_paths[value.name] = str(value)
    if action.destructive:
        confirm(obj, f"{ctx.command_path}: {action.summary}")
    invoke(action, obj, positional, keywords, values)


def confirm(obj: Any, what: str) -> None:
    """Ask before deleting: on a terminal a yes/no question, elsewhere ``--yes`` is required."""
    if obj.yes or obj.dry_run:
        return
    if sys.stdin.isatty() and sys.stderr.isatty():
        if not click.confirm(f"{what}. Continue?", default=False, err=True):
            raise CliError("cancelled", USAGE)
        return
    raise CliError("this command deletes data: pass --yes to confirm", USAGE)


def invoke(
    action: Action,
    obj: Any,
    positional: list[Any],
    keywords: dict[str, Any],
    values: dict[str, Any],
) -> None:
    from ._run import DRY, call_sdk, print_page, print_pages, print_result

    client = obj.client()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        result = call_sdk(obj, action.scopes, lambda: action.call(client, positional, keywords))
    if result is DRY:
        return
    if action.result == "page":
        if values.get("all_pages"):
            print_pages(obj, action, result, int(values.get("max_pages") or DEFAULT_MAX_PAGES))
        else:
            print_page(obj, action, result)
    else:
        print_result(obj, action.result, result, action.columns)


def storage_request(upload: Upload, path: str, name: str) -> str:
    """The second request of an upload, as a commented curl line: its URL and fields come
    from the first request's answer, which ``--dry-run`` does not have."""
    import shlex

    lines = [
        f"# then the file, to the answer's {upload.url_field} with the answer's fields"
        " (the token is not sent there):",
        f"# curl -sS -X POST {shlex.quote(f'<{upload.url_field}>')}",
    ]
    for field, source in upload.form:
        value = f"<{source}>"
        if field == upload.key_field:
            value = f"<{source}, its ${{filename}} replaced by {name}>"
        lines.append(f"#   --form-string {shlex.quote(f'{field}={value}')}")
    lines.append(f"#   -F {shlex.quote(f'{upload.file_field}=@{path};filename={name}')}")
    head, *request = lines
    return head + "\n" + " \\\n".join(request)


def build_upload(upload: Upload) -> click.Command:
    def callback(path: str, filename: str | None) -> None:
        from ._run import DRY, call_sdk, print_result

        ctx = click.get_current_context()
        obj = context_of(ctx)
        from pathlib import Path

        source: Any = ("stdin", sys.stdin.buffer.read()) if path == "-" else Path(path)
        if path != "-":
            obj.file_paths[Path(path).name] = path
        kwargs: dict[str, Any] = {}
        if filename:
            kwargs["filename"] = filename
        client = obj.client()
        result = call_sdk(obj, (), lambda: upload.call(client, [source], kwargs))
        if result is DRY:  # the first request (the upload parameters) printed as curl
            name = filename or ("stdin" if path == "-" else Path(path).name)
            click.echo(storage_request(upload, path, name))
            return
        print_result(obj, "value", result, ())
        if upload.target and not obj.quiet and sys.stderr.isatty():
            click.echo(f"Attach it with: {upload.target} '[<the JSON above>]'", err=True)

    params: list[click.Parameter] = [
        click.Argument(["path"], type=click.Path(allow_dash=True, dir_okay=False)),
        click.Option(["--filename"], help="Name to store (default: the file's name)."),
        *global_options(),
    ]
    return CompactGlobals(
        upload.name,
        params=params,
        callback=callback,
        help=upload.help,
        short_help=upload.summary,
        epilog=_epilog(upload.example),
    )
