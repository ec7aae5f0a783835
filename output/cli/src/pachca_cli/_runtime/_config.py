"""Where the token and the base URL come from (a first version: flags and the environment).

Precedence: ``--token`` > ``<PREFIX>_TOKEN``; ``--base-url`` > ``<PREFIX>_BASE_URL`` > the
API's default (applied by the SDK client when ``base_url`` is ``None``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .._project import ENV_PREFIX


@dataclass
class Credentials:
    token: str | None
    base_url: str | None
    profile: str | None
    source: str  # where the token came from: "flag", "env", or "none"


def resolve_credentials(
    *, token: str | None, profile: str | None, base_url: str | None, env: Mapping[str, str]
) -> Credentials:
    """The token and base URL to use, from the flags first, then the environment."""
    url = base_url or env.get(f"{ENV_PREFIX}_BASE_URL") or None
    if token:
        return Credentials(token, url, profile, "flag")
    from_env = env.get(f"{ENV_PREFIX}_TOKEN")
    if from_env:
        return Credentials(from_env, url, profile, "env")
    return Credentials(None, url, profile, "none")
