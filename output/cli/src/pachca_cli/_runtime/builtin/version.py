"""``version``: the versions of the CLI, the SDK under it and the API they were made for."""

from __future__ import annotations

import importlib

import click

from ..._project import COMMAND, SDK_PACKAGE, VERSION
from . import BUILTIN_HELP
from ._base import catalog, run_context, show_fields, with_globals


@click.command("version", short_help=BUILTIN_HELP["version"])
def command() -> None:
    """Show the CLI, SDK and API versions."""
    import platform

    obj = run_context()
    sdk = str(getattr(importlib.import_module(SDK_PACKAGE), "__version__", "unknown"))
    data = {
        "cli": VERSION,
        "sdk": sdk,
        "api": catalog().API_VERSION,
        "api_title": catalog().API_TITLE,
        "python": platform.python_version(),
    }
    lines = [
        (COMMAND, VERSION),
        (f"SDK ({SDK_PACKAGE})", sdk),
        ("API", f"{data['api_title']} {data['api']}"),
        ("Python", data["python"]),
    ]
    show_fields(obj, data, lines)


with_globals(command)
