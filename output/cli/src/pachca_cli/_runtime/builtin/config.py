"""``config``: a profile's settings (``base_url``, ``output``) in the config file.

The profile is the one named by ``--profile`` or ``<PREFIX>_PROFILE``, else the active one,
else ``default`` (made on the first ``config set``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from .._context import OUTPUTS, CliContext
from .._errors import USAGE, CliError
from . import BUILTIN_HELP
from ._base import SETTINGS, complete_settings, emit, env_var, run_context, with_globals

if TYPE_CHECKING:
    from .._config import Config

DEFAULT_PROFILE = "default"

group = with_globals(
    click.Group(
        "config",
        help=(
            "Read and change a profile's settings: "
            + ", ".join(SETTINGS)
            + ".\n\nThe file lives in the user config folder, or in the folder "
            f"{env_var('CONFIG_DIR')} names; `config path` prints where."
        ),
        short_help=BUILTIN_HELP["config"],
    )
)


def _selected(obj: CliContext, config: Config) -> str:
    return obj.profile or obj.env.get(env_var("PROFILE")) or config.active or DEFAULT_PROFILE


def _key(key: str) -> str:
    if key not in SETTINGS:
        raise CliError(f"unknown setting {key!r}", USAGE, "settings: " + ", ".join(SETTINGS))
    return key


def _check(key: str, value: str) -> str:
    if key == "output" and value not in OUTPUTS:
        raise CliError(f"output must be one of {', '.join(OUTPUTS)}", USAGE)
    if key == "base_url":
        from urllib.parse import urlsplit

        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise CliError(f"not an http(s) URL: {value!r}", USAGE)
        value = value.rstrip("/")
    return value


@group.command("get")
@click.argument("key", shell_complete=complete_settings)
def get(key: str) -> None:
    """Print the value of setting KEY (nothing when it is not set)."""
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    name = _selected(obj, config)
    profile = config.profiles.get(name)
    value = profile.setting(_key(key)) if profile else None
    if obj.output_format == "table":
        if value is not None:
            click.echo(value)
        return
    emit(obj, {"profile": name, "key": key, "value": value})


with_globals(get)


@group.command("set")
@click.argument("key", shell_complete=complete_settings)
@click.argument("value")
def set_(key: str, value: str) -> None:
    """Set KEY to VALUE in the profile (made if it does not exist)."""
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    name = _selected(obj, config)
    value = _check(_key(key), value)
    profile = config.profiles.setdefault(name, _config.Profile(name))
    setattr(profile, key, value)
    if config.active is None:
        config.active = name
    _config.save_config(config)
    if obj.output_format != "table":
        emit(obj, {"profile": name, "key": key, "value": value})


with_globals(set_)


@group.command("unset")
@click.argument("key", shell_complete=complete_settings)
def unset(key: str) -> None:
    """Remove setting KEY from the profile."""
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    name = _selected(obj, config)
    profile = config.profiles.get(name)
    if profile is not None:
        setattr(profile, _key(key), None)
        _config.save_config(config)


with_globals(unset)


@group.command("list")
def list_settings() -> None:
    """List the profile's settings."""
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    name = _selected(obj, config)
    profile = config.profiles.get(name) or _config.Profile(name)
    rows = [{"profile": name, "key": key, "value": profile.setting(key)} for key in SETTINGS]
    emit(obj, rows, ("profile", "key", "value"))


with_globals(list_settings)


@group.command("path")
def path() -> None:
    """Print where the config file is."""
    from .. import _config

    obj = run_context()
    config = _config.load_config(obj.env)
    if obj.output_format == "table":
        click.echo(str(config.path))
    else:
        emit(obj, {"path": str(config.path), "exists": config.path.exists()})


with_globals(path)
