"""Profiles, tokens and where a run's credentials come from.

The token of a run is the first of:

1. ``--token``;
2. the ``<PREFIX>_TOKEN`` environment variable;
3. the profile named by ``--profile``, or else by ``<PREFIX>_PROFILE``;
4. the active profile (the one ``auth login`` or ``auth switch`` chose last).

The base URL is the first of ``--base-url``, ``<PREFIX>_BASE_URL``, the profile's
``base_url`` and the API's default (applied by the SDK client when it is ``None``).

Profiles live in ``config.toml`` in the platform's user config folder (``platformdirs``), or in
the folder named by ``<PREFIX>_CONFIG_DIR``. The file is written atomically with mode 0600 (a
temporary file beside it, then a rename) in a folder made with mode 0700. A profile's token is
kept in the OS keyring when one is available (``keyring``), else in the file itself; the
profile records which (``token_storage``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .._project import CONFIG_APP_NAME, ENV_PREFIX
from ._errors import USAGE, CliError

if TYPE_CHECKING:
    from pathlib import Path

# Only what `--help` already loads is imported here; tomllib, tempfile, pathlib, platformdirs
# and keyring are imported when a profile is read or written.

CONFIG_FILE = "config.toml"
KEYRING = "keyring"
FILE = "file"


def env_name(suffix: str) -> str:
    """``TOKEN`` → ``PACHCA_TOKEN`` (the prefix from the project)."""
    return f"{ENV_PREFIX}_{suffix}"


@dataclass
class Credentials:
    token: str | None
    base_url: str | None
    profile: str | None
    # Where the token came from, for people: "--token", "PACHCA_TOKEN",
    # "profile work (keyring)", "profile work (config file)" or "none".
    source: str
    output: str | None = None  # the profile's default output format, if it sets one


@dataclass
class Profile:
    name: str
    base_url: str | None = None
    output: str | None = None
    token_storage: str | None = None  # "keyring", "file" or None (no token saved)
    token: str | None = None  # only when token_storage is "file"

    def setting(self, key: str) -> str | None:
        value: str | None = getattr(self, key)
        return value


@dataclass
class Config:
    """The contents of the config file."""

    path: Path
    active: str | None = None
    profiles: dict[str, Profile] = field(default_factory=dict)

    def profile(self, name: str) -> Profile:
        found = self.profiles.get(name)
        if found is None:
            known = ", ".join(sorted(self.profiles)) or "none yet"
            raise CliError(
                f"no profile named {name!r} (profiles: {known})",
                USAGE,
                f"create it with `auth login --profile {name}`",
            )
        return found


def config_dir(env: Mapping[str, str]) -> Path:
    """``<PREFIX>_CONFIG_DIR`` when set, else the platform's user config folder."""
    from pathlib import Path

    override = env.get(env_name("CONFIG_DIR"))
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(CONFIG_APP_NAME, appauthor=False))


def config_path(env: Mapping[str, str]) -> Path:
    return config_dir(env) / CONFIG_FILE


def load_config(env: Mapping[str, str]) -> Config:
    """The config file's profiles (none when the file does not exist)."""
    import tomllib

    path = config_path(env)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}", USAGE) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CliError(
            f"{path} is not valid TOML: {exc}", USAGE, "fix the file, or delete it and log in"
        ) from exc
    config = Config(path, active=_string(data.get("active")))
    profiles = data.get("profiles")
    if isinstance(profiles, dict):
        for name, values in profiles.items():
            if isinstance(values, dict):
                config.profiles[str(name)] = _profile(str(name), values)
    return config


def _profile(name: str, values: dict[str, Any]) -> Profile:
    return Profile(
        name=name,
        base_url=_string(values.get("base_url")),
        output=_string(values.get("output")),
        token_storage=_string(values.get("token_storage")),
        token=_string(values.get("token")),
    )


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def save_config(config: Config) -> None:
    """Write the file atomically, readable by its owner only (0600)."""
    import tempfile
    from pathlib import Path

    folder = config.path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=folder)
    try:
        if hasattr(os, "fchmod"):  # POSIX (mkstemp makes it 0600 already; be explicit)
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dump_config(config))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, config.path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def dump_config(config: Config) -> str:
    """The config as TOML (strings only, every key quoted: any profile name is safe)."""
    lines = ["# Written by the CLI (`auth login`, `auth switch`, `config set`)."]
    if config.active:
        lines.append(f"active = {_toml_string(config.active)}")
    for name in sorted(config.profiles):
        profile = config.profiles[name]
        lines.append("")
        lines.append(f"[profiles.{_toml_string(name)}]")
        for key in ("base_url", "output", "token_storage", "token"):
            value = getattr(profile, key)
            if value:
                lines.append(f"{key} = {_toml_string(value)}")
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """A TOML basic string: escapes for quotes, backslashes and every control character."""
    out = ['"']
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


# --- the token store -------------------------------------------------------------------------


def _keyring(env: Mapping[str, str]) -> Any:
    """The keyring module when a usable backend is there, else ``None``.

    ``<PREFIX>_NO_KEYRING=1`` turns it off; keyring's own ``PYTHON_KEYRING_BACKEND`` picks the
    backend (its ``fail`` and ``null`` backends count as none).
    """
    if env.get(env_name("NO_KEYRING")):
        return None
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        priority = float(getattr(backend, "priority", 0))
    except (KeyringError, RuntimeError, ValueError):
        return None
    return keyring if priority > 0 else None


def keyring_available(env: Mapping[str, str]) -> bool:
    return _keyring(env) is not None


def store_token(profile: Profile, token: str, env: Mapping[str, str], *, insecure: bool) -> str:
    """Keep ``token`` for ``profile``: in the keyring unless ``insecure`` or none is usable,
    else in the config file. Returns where it went ("keyring" or "file")."""
    keyring = None if insecure else _keyring(env)
    if keyring is not None:
        try:
            keyring.set_password(CONFIG_APP_NAME, profile.name, token)
        except Exception:  # a locked or broken keyring: fall back to the file
            keyring = None
    if keyring is not None:
        profile.token_storage, profile.token = KEYRING, None
        return KEYRING
    profile.token_storage, profile.token = FILE, token
    return FILE


def read_token(profile: Profile, env: Mapping[str, str]) -> str | None:
    if profile.token_storage == KEYRING:
        keyring = _keyring(env)
        if keyring is None:
            raise CliError(
                f"the token of profile {profile.name!r} is in the OS keyring, "
                "which is not available now",
                3,
                f"log in again with `auth login --profile {profile.name}`, "
                f"or pass the token in {env_name('TOKEN')}",
            )
        try:
            value = keyring.get_password(CONFIG_APP_NAME, profile.name)
        except Exception as exc:
            raise CliError(f"cannot read the OS keyring: {exc}", 3) from exc
        return value if isinstance(value, str) and value else None
    return profile.token


def delete_token(profile: Profile, env: Mapping[str, str]) -> None:
    """Forget the profile's token (in the keyring too)."""
    if profile.token_storage == KEYRING:
        keyring = _keyring(env)
        if keyring is not None:
            import contextlib

            with contextlib.suppress(Exception):  # already gone
                keyring.delete_password(CONFIG_APP_NAME, profile.name)
    profile.token_storage, profile.token = None, None


def storage_label(profile: Profile, config: Config) -> str:
    if profile.token_storage == KEYRING:
        return "keyring"
    if profile.token_storage == FILE:
        return f"config file {config.path}"
    return "none"


# --- a run's credentials ---------------------------------------------------------------------


def selected_profile(
    profile: str | None, env: Mapping[str, str], config: Config
) -> tuple[str | None, bool]:
    """The profile a run uses and whether it was asked for by name (flag or environment)."""
    named = profile or env.get(env_name("PROFILE")) or None
    if named:
        return named, True
    return config.active, False


def resolve_credentials(
    *, token: str | None, profile: str | None, base_url: str | None, env: Mapping[str, str]
) -> Credentials:
    """The token and base URL of a run (precedence in the module's docstring).

    A profile asked for by name must exist; the active one is read only when it is needed.
    """
    url = base_url or env.get(env_name("BASE_URL")) or None
    from_env = env.get(env_name("TOKEN")) or None
    config = load_config(env)
    chosen: Profile | None = None
    name, explicit = selected_profile(profile, env, config)
    if name is not None:
        chosen = config.profile(name) if explicit else config.profiles.get(name)
    url = url or (chosen.base_url if chosen else None)
    output = chosen.output if chosen else None
    name_used = chosen.name if chosen else None
    if token:
        return Credentials(token, url, name_used, "--token", output)
    if from_env:
        return Credentials(from_env, url, name_used, env_name("TOKEN"), output)
    if chosen is not None:
        saved = read_token(chosen, env)
        if saved:
            where = "keyring" if chosen.token_storage == KEYRING else "config file"
            return Credentials(saved, url, chosen.name, f"profile {chosen.name} ({where})", output)
    return Credentials(None, url, name_used, "none", output)


def configured_output(*, profile: str | None, env: Mapping[str, str]) -> str | None:
    """The output format the run's profile sets (``config set output``), if any; reads no
    token. A profile named but missing is left to the token's resolution to report."""
    config = load_config(env)
    name, _ = selected_profile(profile, env, config)
    chosen = config.profiles.get(name) if name else None
    return chosen.output if chosen else None
