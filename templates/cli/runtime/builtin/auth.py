"""``auth``: log in (a token kept per named profile), see who you are, list, switch, log out.

Where a run's token comes from, first match wins: ``--token``, ``<PREFIX>_TOKEN``, the profile
named by ``--profile`` or ``<PREFIX>_PROFILE``, the active profile (see ``_config``).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from ..._project import COMMAND, DEFAULT_BASE_URL
from .._context import CliContext
from .._errors import AUTH, USAGE, CliError
from . import BUILTIN_HELP
from ._base import (
    call_identity,
    complete_profiles,
    emit,
    env_var,
    mask_token,
    run_context,
    scopes_of,
    show_fields,
    who,
    with_globals,
)

if TYPE_CHECKING:
    from .._config import Config, Profile

DEFAULT_PROFILE = "default"

group = with_globals(
    click.Group(
        "auth",
        help=(
            "Log in and manage profiles.\n\n"
            "A profile keeps a token (in the OS keyring when there is one, else in the config "
            "file, mode 0600) and settings such as the base URL. The token used is the first "
            f"of --token, {env_var('TOKEN')}, the profile named by --profile or "
            f"{env_var('PROFILE')}, and the active profile."
        ),
        short_help=BUILTIN_HELP["auth"],
    )
)


def _profile_name(obj: CliContext, config: Config) -> str:
    """The profile a command acts on: named (flag, environment), else the active one."""
    return obj.profile or obj.env.get(env_var("PROFILE")) or config.active or DEFAULT_PROFILE


def _profile_label(name: str | None, active: str | None) -> str:
    if name is None:
        return "none"
    return f"{name} (active)" if name == active else name


def _login_token(obj: CliContext, with_token: bool) -> str:
    if with_token or obj.token == "-":
        text = sys.stdin.read()
    elif obj.token:
        text = obj.token
    elif not sys.stdin.isatty():
        text = sys.stdin.read()
    else:
        text = click.prompt("Paste your API token", hide_input=True, err=True)
    token = text.strip()
    if not token:
        raise CliError("no token given", USAGE, "pass --token TOKEN, or pipe it on stdin")
    if any(char.isspace() for char in token):
        raise CliError("a token cannot contain spaces or line breaks", USAGE)
    return token


def _verify(obj: CliContext, token: str, base_url: str | None) -> tuple[Any, list[str] | None]:
    """Who ``token`` belongs to and its scopes (``None``: the API cannot say)."""
    from .._run import call_sdk

    obj.token, obj.base_url, obj.profile = token, base_url or DEFAULT_BASE_URL, None
    obj.env = {k: v for k, v in obj.env.items() if k != env_var("PROFILE")}
    info = call_sdk(obj, (), lambda: call_identity(obj, "token_info"))
    user = call_sdk(obj, (), lambda: call_identity(obj, "current_user"))
    return (user if isinstance(user, dict) else None), scopes_of(info)


@group.command("login")
@click.option("--with-token", is_flag=True, help="Read the token from stdin.")
@click.option(
    "--insecure-storage",
    is_flag=True,
    help="Keep the token in the config file even when an OS keyring is available.",
)
@click.option("--no-verify", is_flag=True, help="Save the token without asking the API.")
def login(with_token: bool, insecure_storage: bool, no_verify: bool) -> None:
    """Save a token in a profile and make it the active one.

    The token comes from --token, from stdin (piped, or with --with-token), or from a hidden
    prompt. It is checked against the API first (--no-verify skips that). --profile names the
    profile (default: the active one, else "default"); --base-url is saved with it.
    """
    from .. import _config

    obj = run_context()
    env = dict(obj.env)
    token = _login_token(obj, with_token)
    config = _config.load_config(env)
    name = _profile_name(obj, config)
    if any(ord(char) < 0x20 for char in name):
        raise CliError("a profile name cannot contain control characters", USAGE)
    profile = config.profiles.get(name) or _config.Profile(name)
    base_url = obj.base_url or env.get(env_var("BASE_URL")) or profile.base_url
    user, scopes = (None, None) if no_verify else _verify(obj, token, base_url)
    if obj.base_url:
        profile.base_url = obj.base_url
    where = _config.store_token(profile, token, env, insecure=insecure_storage)
    config.profiles[name] = profile
    config.active = name
    _config.save_config(config)
    storage = _config.storage_label(profile, config)
    data: dict[str, Any] = {"profile": name, "storage": storage, "active": True}
    lines = [("Profile", f"{name} (active)"), ("Token", f"{mask_token(token)}, in the {storage}")]
    if user is not None:
        data["user"] = user
        lines.append(("Logged in as", who(user)))
    if scopes is not None:
        data["scopes"] = scopes
        lines.append(("Scopes", ", ".join(scopes) or "none"))
    if where == "file" and not insecure_storage and not obj.quiet:
        click.echo(
            "Note: no OS keyring is available; the token is in the config file (mode 0600).",
            err=True,
        )
    show_fields(obj, data, lines)


with_globals(login)


@group.command("status")
def status() -> None:
    """Show the token in use, where it comes from, who it belongs to and its scopes."""
    from .. import _config
    from .._run import call_sdk

    obj = run_context()
    creds = obj.credentials()
    config = _config.load_config(obj.env)
    base_url = creds.base_url or DEFAULT_BASE_URL
    if not creds.token:
        raise CliError(
            "not logged in",
            AUTH,
            f"run `{COMMAND} auth login`, pass --token, or set {env_var('TOKEN')}",
        )
    data: dict[str, Any] = {
        "profile": creds.profile,
        "source": creds.source,
        "token": mask_token(creds.token),
        "base_url": base_url,
        "config_file": str(config.path),
        "keyring": _config.keyring_available(obj.env),
    }
    info = call_sdk(obj, (), lambda: call_identity(obj, "token_info"))
    user = call_sdk(obj, (), lambda: call_identity(obj, "current_user"))
    scopes = scopes_of(info)
    lines = [
        ("Token", f"{data['token']}, from {creds.source}"),
        ("Profile", _profile_label(creds.profile, config.active)),
        ("Base URL", base_url),
    ]
    if isinstance(user, dict):
        data["user"] = user
        lines.append(("Logged in as", who(user)))
    if scopes is not None:
        data["scopes"] = scopes
        lines.append(("Scopes", ", ".join(scopes) or "none"))
    show_fields(obj, data, lines)


with_globals(status)


@group.command("list")
def list_profiles() -> None:
    """List the profiles: which is active, where each keeps its token, its base URL."""
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    rows = [
        {
            "profile": name,
            "active": name == config.active,
            "token": _storage_short(profile),
            "base_url": profile.base_url or "",
        }
        for name, profile in sorted(config.profiles.items())
    ]
    if not rows and obj.output_format == "table":
        click.echo(f"No profiles yet: run `{COMMAND} auth login`.", err=True)
        return
    emit(obj, rows, ("profile", "active", "token", "base_url"))


with_globals(list_profiles)


def _storage_short(profile: Profile) -> str:
    return {"keyring": "keyring", "file": "config file"}.get(profile.token_storage or "", "none")


@group.command("switch")
@click.argument("name", shell_complete=complete_profiles)
def switch(name: str) -> None:
    """Make the profile NAME the active one."""
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    config.profile(name)  # it must exist
    config.active = name
    _config.save_config(config)
    show_fields(obj, {"active": name}, [("Active profile", name)])


with_globals(switch)


@group.command("logout")
@click.argument("name", required=False, shell_complete=complete_profiles)
def logout(name: str | None) -> None:
    """Forget the token of profile NAME (default: the profile in use).

    The profile goes too unless it keeps other settings (`config set`).
    """
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    name = name or obj.profile or obj.env.get(env_var("PROFILE")) or config.active
    if not name:
        raise CliError("not logged in: no profile is active", USAGE)
    profile = config.profile(name)
    _config.delete_token(profile, obj.env)
    removed = not (profile.base_url or profile.output)
    if removed:
        del config.profiles[name]
        if config.active == name:
            remaining = sorted(config.profiles)
            config.active = remaining[0] if len(remaining) == 1 else None
    _config.save_config(config)
    data = {"profile": name, "removed": removed, "active": config.active}
    lines = [("Logged out", name + (" (profile removed)" if removed else ""))]
    lines.append(("Active profile", config.active or "none"))
    show_fields(obj, data, lines)


with_globals(logout)


@group.command("token")
def token() -> None:
    """Print the token a command would use (for scripts: `curl -H "Authorization: Bearer
    $(<command> auth token)"`)."""
    obj = run_context()
    creds = obj.credentials()
    if not creds.token:
        raise CliError(
            "not logged in",
            AUTH,
            f"run `{COMMAND} auth login`, pass --token, or set {env_var('TOKEN')}",
        )
    if obj.output_format == "table" or not obj.output:  # raw unless a format is asked for
        click.echo(creds.token)
    else:
        emit(obj, {"token": creds.token, "source": creds.source, "profile": creds.profile})


with_globals(token)
