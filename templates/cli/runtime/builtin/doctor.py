"""``doctor``: check the config file, the token, the base URL, the connection and the token's
scopes; each failing check says how to fix it.

Exit code: 0 when nothing failed (warnings allowed), 3 when the token is missing or refused,
1 when anything else failed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import click

from ..._project import COMMAND, DEFAULT_BASE_URL
from .._context import CliContext
from .._errors import API_ERROR, AUTH, CliError, from_sdk_error
from . import BUILTIN_HELP
from ._base import (
    call_identity,
    catalog,
    emit,
    env_var,
    run_context,
    scopes_of,
    who,
    with_globals,
)

DOCTOR_TIMEOUT = 10.0


@dataclass
class Check:
    check: str
    status: str  # "ok", "warn" or "fail"
    detail: str
    fix: str | None = None


def _config_check(obj: CliContext) -> Check:
    from .. import _config

    try:
        config = _config.load_config(obj.env)
    except CliError as exc:
        return Check("config", "fail", exc.message, exc.hint)
    import stat

    path = config.path
    if not path.exists():
        return Check("config", "ok", f"no config file yet ({path})")
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return Check(
            "config", "warn", f"{path} is readable by others (mode {mode:o})", f"chmod 600 {path}"
        )
    profiles = len(config.profiles)
    return Check("config", "ok", f"{path}, {profiles} profile(s), active: {config.active}")


def _call(obj: CliContext, which: str) -> tuple[Any, CliError | None]:
    try:
        return call_identity(obj, which), None
    except CliError as exc:
        return None, exc
    except Exception as exc:
        error = from_sdk_error(exc)
        if error is None:
            raise
        return None, error


def run_checks(obj: CliContext) -> list[Check]:
    from .. import _config

    checks = [_config_check(obj)]
    try:
        creds = obj.credentials()
    except CliError as exc:
        return [*checks, Check("token", "fail", exc.message, exc.hint)]
    login = f"run `{COMMAND} auth login`, or set {env_var('TOKEN')}"
    if creds.token:
        checks.append(Check("token", "ok", f"from {creds.source}"))
    else:
        checks.append(Check("token", "fail", "no token", login))
    if "keyring" in creds.source and not _config.keyring_available(obj.env):
        checks.append(Check("keyring", "fail", "the OS keyring is not available", login))
    else:
        available = _config.keyring_available(obj.env)
        checks.append(
            Check("keyring", "ok", "available" if available else "none; tokens go in the file")
        )
    from urllib.parse import urlsplit

    base_url = creds.base_url or DEFAULT_BASE_URL
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        fix = f"pass --base-url, set {env_var('BASE_URL')}, or `{COMMAND} config set base_url URL`"
        return [*checks, Check("base_url", "fail", f"not an http(s) URL: {base_url!r}", fix)]
    checks.append(Check("base_url", "ok", base_url))
    if not creds.token:
        return checks
    return checks + _remote_checks(obj, base_url, login)


def _remote_checks(obj: CliContext, base_url: str, login: str) -> list[Check]:
    obj.no_retry = True
    obj.timeout = obj.timeout or DOCTOR_TIMEOUT
    identity = catalog().IDENTITY
    which = "token_info" if identity["token_info"] else "current_user"
    if not identity[which]:
        return [Check("connection", "warn", "the API has no operation to check the token with")]
    answer, error = _call(obj, which)
    if error is not None:
        if error.status is None:
            fix = "check the network (and any proxy), or the base URL"
            return [Check("connection", "fail", f"cannot reach {base_url}: {error.message}", fix)]
        reached = Check("connection", "ok", f"{base_url} answered")
        if error.exit_code == AUTH:
            return [
                reached,
                Check("auth", "fail", f"the API refused the token: {error.message}", login),
            ]
        return [reached, Check("auth", "fail", error.message, error.hint)]
    checks = [Check("connection", "ok", f"{base_url} answered")]
    user = answer if which == "current_user" else _call(obj, "current_user")[0]
    checks.append(Check("auth", "ok", f"the token works; logged in as {who(user)}"))
    scopes = scopes_of(answer) if which == "token_info" else None
    if scopes is not None:
        used: list[str] = identity["scopes"]
        missing = [scope for scope in used if scope not in scopes]
        if missing:
            shown = ", ".join(missing[:8]) + (", …" if len(missing) > 8 else "")
            checks.append(
                Check(
                    "scopes",
                    "warn",
                    f"{len(used) - len(missing)} of the {len(used)} scopes the API uses are "
                    f"granted; missing: {shown}",
                    "grant the missing scopes to the token if you need their commands "
                    f"(`{COMMAND} api ls` shows which command needs which)",
                )
            )
        else:
            checks.append(Check("scopes", "ok", f"all {len(used)} scopes the API uses"))
    return checks


_MARKS = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}


@click.command("doctor", short_help=BUILTIN_HELP["doctor"])
def command() -> None:
    """Check the setup: config file, token, base URL, connection and scopes."""
    obj = run_context()
    checks = run_checks(obj)
    failed = [c for c in checks if c.status == "fail"]
    if obj.output_format == "table":
        for check in checks:
            click.echo(f"[{_MARKS[check.status]}] {check.check}: {check.detail}")
            if check.fix and check.status != "ok":
                click.echo(f"       fix: {check.fix}")
    else:
        emit(obj, {"ok": not failed, "checks": [asdict(c) for c in checks]})
    if failed:
        code = AUTH if any(c.check in ("token", "auth", "keyring") for c in failed) else API_ERROR
        raise click.exceptions.Exit(code)


with_globals(command)
