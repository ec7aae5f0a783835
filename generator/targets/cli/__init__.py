"""The CLI: an installable distribution under ``cli/`` that calls the generated SDK.

Names come from the project: the command (``pachca``), the package ``<package>_cli`` and the
distribution ``<command>-cli``, which depends on the SDK's distribution. Layout::

    cli/pyproject.toml, cli/README.md
    cli/src/<pkg>_cli/__init__.py, __main__.py     the console script's entry
    cli/src/<pkg>_cli/_project.py                  the project's names and the API's defaults
    cli/src/<pkg>_cli/commands/__init__.py         SERVICES: group name -> (module, summary)
    cli/src/<pkg>_cli/commands/<service>.py        a service's commands, declared as data
    cli/src/<pkg>_cli/_runtime/…                   static, copied from templates/cli/runtime
"""

from __future__ import annotations

from collections.abc import Iterator

from ... import __version__ as dxgen_version
from ...ir import Api
from .. import Target, templates_dir
from ..context import TargetContext
from ..render import render
from ..sdk import pep440
from .actions import ActionMaker
from .catalog import readme_view, render_catalog
from .readme import ReadmeMaker


def render_cli(api: Api) -> Iterator[tuple[str, str]]:
    ctx = TargetContext(api)
    pkg = api.project.cli_package
    src = f"cli/src/{pkg}"
    maker = ActionMaker(ctx)
    services = [maker.service(s) for s in api.services]
    common = {
        "api": api,
        "project": api.project,
        "pkg": pkg,
        "distribution": api.project.cli_distribution,
        "version": pep440(api.version),
        "dxgen_version": dxgen_version,
    }
    runtime = templates_dir() / "cli" / "runtime"
    for path in sorted(runtime.rglob("*.py")):
        rel = path.relative_to(runtime).as_posix()
        yield f"{src}/_runtime/{rel}", path.read_text(encoding="utf-8")
    yield "cli/pyproject.toml", render("cli/pyproject.toml.jinja", **common)
    readme = ReadmeMaker(ctx).view(services)
    yield "cli/README.md", render(
        "cli/README.md.jinja", **common, readme=readme, tools=readme_view(ctx)
    )
    yield f"{src}/py.typed", ""
    yield f"{src}/__init__.py", render("cli/__init__.py.jinja", **common)
    yield f"{src}/__main__.py", render("cli/__main__.py.jinja", **common)
    yield f"{src}/_project.py", render("cli/_project.py.jinja", **common)
    for name, text in render_catalog(ctx).items():
        yield f"{src}/{name}", text
    yield f"{src}/commands/__init__.py", render(
        "cli/commands__init__.py.jinja", **common, services=services
    )
    for service in services:
        yield f"{src}/commands/{service.module}.py", render(
            "cli/command.py.jinja", **common, service=service
        )


TARGET = Target(
    name="cli",
    roots=("cli",),
    render=render_cli,
    description="command-line client (click) on the SDK",
)
