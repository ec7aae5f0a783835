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

import functools
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from ... import __version__ as dxgen_version
from ...ir import Api, Operation, Service
from ...render_cache import Fragments, Planned, Units
from .. import Target, runtime_files, static_text
from ..context import TargetContext
from ..render import render
from ..sdk import pep440
from .actions import ActionMaker, ServiceModuleView
from .catalog import catalog_json, catalog_loader, operation_entry_text, readme_view
from .readme import ReadmeMaker


def render_cli(api: Api) -> Iterator[tuple[str, str]]:
    for planned in plan_cli(api, Units(api, enabled=False), {}):
        text = planned.produce()
        yield planned.rel, text if isinstance(text, str) else text.decode("utf-8")


def plan_cli(api: Api, units: Units, outputs: Mapping[str, bytes]) -> Iterator[Planned]:
    """Every file, keyed by what it reads (see generator/render_cache.py)."""
    yield from _CliBuilder(api).plan(units)


TARGET = Target(
    name="cli",
    roots=("cli",),
    render=render_cli,
    description="command-line client (click) on the SDK",
    plan=plan_cli,
)


class _CliBuilder:
    def __init__(self, api: Api) -> None:
        self.api = api
        self.ctx = TargetContext(api)
        self.pkg = api.project.cli_package
        self.src = f"cli/src/{self.pkg}"
        self.maker = ActionMaker(self.ctx)
        self.common = {
            "api": api,
            "project": api.project,
            "pkg": self.pkg,
            "distribution": api.project.cli_distribution,
            "version": pep440(api.version),
            "dxgen_version": dxgen_version,
        }
        self._views: dict[str, ServiceModuleView] = {}

    def view(self, service: Service) -> ServiceModuleView:
        """A service's view, made once (its module, the README and the list all read it)."""
        found = self._views.get(service.name)
        if found is None:
            found = self._views[service.name] = self.maker.service(service)
        return found

    @cached_property
    def services(self) -> list[ServiceModuleView]:
        return [self.view(s) for s in self.api.services]

    def plan(self, units: Units) -> Iterator[Planned]:
        api, src = self.api, self.src

        def simple(rel: str, template: str, *reads: str) -> Planned:
            """A file of the project's names and the API's settings (and ``reads``)."""
            return Planned(
                rel, units.key("cli", rel, *reads), lambda: render(template, **self.common)
            )

        for name, path in runtime_files("cli/runtime"):
            rel = f"{src}/_runtime/{name}"
            yield Planned(rel, units.static_key("cli", rel), static_text(path))
        yield simple("cli/pyproject.toml", "cli/pyproject.toml.jinja")
        readers = ReadmeMaker(self.ctx)
        yield Planned(
            "cli/README.md",
            units.key("cli", "cli/README.md", *self._readme_reads(units, readers)),
            lambda: render(
                "cli/README.md.jinja",
                **self.common,
                readme=readers.view(self.services),
                tools=readme_view(self.ctx),
            ),
        )
        yield Planned(f"{src}/py.typed", units.static_key("cli", "py.typed"), _constant(""))
        yield simple(f"{src}/__init__.py", "cli/__init__.py.jinja")
        yield simple(f"{src}/__main__.py", "cli/__main__.py.jinja")
        yield simple(f"{src}/_project.py", "cli/_project.py.jinja")
        rel = f"{src}/_catalog.py"
        yield Planned(rel, units.key("cli", rel), lambda: catalog_loader(self.ctx))
        # made again after any edit (it covers everything), from an entry per operation kept
        # by the render cache; kept whole, it would be a megabyte more to store each time
        rel = f"{src}/_catalog.json"
        yield Planned(rel, None, functools.partial(self._catalog, units))
        rel = f"{src}/commands/__init__.py"
        yield Planned(
            rel,
            units.key("cli", rel, units.heads) if units.enabled else None,
            lambda: render("cli/commands__init__.py.jinja", **self.common, services=self.services),
        )
        for service in api.services:
            ids = [op.id for op in service.operations]
            yield from units.section(
                ("cli", "commands", service.name),
                (service,),
                functools.partial(self._command_file, units, service, ids),
                ops=ids,
            )

    def _command_file(self, units: Units, service: Service, ids: list[str]) -> Iterator[Planned]:
        """A service's command group."""
        rel = f"{self.src}/commands/{service.module}.py"
        key = units.operations_key("cli", rel, service, ids)
        yield Planned(rel, key, functools.partial(self._command, service))

    def _readme_reads(self, units: Units, readers: ReadmeMaker) -> tuple[str, ...]:
        """The README's samples: the showcase operations (and all they reach), the operation
        it deletes with and the one it names (in full), the services' upload commands."""
        if not units.enabled:
            return ()
        read = self.ctx.operation(self.api.showcase.read)
        picked = [
            readers.delete_candidate(read),
            readers.naming_operation(self.ctx.operation(self.api.showcase.create)),
        ]
        ids = [op.id for op in picked if op is not None]
        return (units.heads, units.wide, units.operations_key("cli", "README", None, ids) or "")

    def _catalog(self, units: Units) -> str:
        fragments = Fragments(units)
        keys = {
            op.id: units.operations_key("cli", "catalog entry", self.ctx.service_of(op), [op.id])
            for op in self.api.operations
        }
        fragments.ask(keys.values())

        def entry(op: Operation) -> str:
            make = functools.partial(_entry_bytes, self.ctx, op)
            return fragments.get(keys[op.id], make).decode("utf-8")

        text = catalog_json(self.ctx, entry)
        fragments.keep()
        return text

    def _command(self, service: Service) -> str:
        return render("cli/command.py.jinja", **self.common, service=self.view(service))


def _entry_bytes(ctx: TargetContext, op: Operation) -> bytes:
    return operation_entry_text(ctx, op).encode("utf-8")


def _constant(text: str) -> Callable[[], str]:
    return lambda: text
