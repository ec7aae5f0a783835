"""The Python SDK: an installable distribution under ``sdk/`` (package from the project names).

Layout of what is rendered::

    sdk/pyproject.toml, sdk/README.md
    sdk/src/<pkg>/__init__.py         lazy exports (nothing heavy is imported until used)
    sdk/src/<pkg>/_client.py          <Client> and Async<Client>, services as lazy properties
    sdk/src/<pkg>/_core/…             static runtime, copied from templates/sdk/runtime/_core
    sdk/src/<pkg>/_exceptions.py      status exceptions with `error` typed by the error models
    sdk/src/<pkg>/resources/<svc>.py  one module per service (sync, async, raw-response)
    sdk/src/<pkg>/types/<model>.py    one module per schema (a reference cycle shares one)
    sdk/src/<pkg>/webhooks.py         signature check and typed payload parsing, when described
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from packaging.version import InvalidVersion, Version

from ... import __version__ as dxgen_version
from ...ir import Api, Service, WebhookSigning
from ...render_cache import Planned, Units, digest_of
from .. import Target, runtime_files, static_text
from ..render import render
from .context import SdkContext
from .errors import ErrorRenderer
from .models import ModelRenderer
from .package import PackageRenderer
from .readme import ReadmeRenderer
from .services import ServiceRenderer
from .views import ServiceView


@dataclass(frozen=True)
class WebhookView:
    """What ``webhooks.py`` and the README need: the payload model and how requests are signed
    (``None``: the spec does not say, so events are parsed and not verified)."""

    payload_name: str
    payload_module: str
    signing: WebhookSigning | None
    #: The header that names the event (GitHub's ``X-GitHub-Event``), if the body cannot.
    header: str | None = None
    #: Its values, each with the module and name of the type its events parse into.
    routes: tuple[tuple[str, str, str], ...] = ()


def render_sdk(api: Api) -> Iterator[tuple[str, str]]:
    for planned in plan_sdk(api, Units(api, enabled=False), {}):
        text = planned.produce()
        yield planned.rel, text if isinstance(text, str) else text.decode("utf-8")


def plan_sdk(api: Api, units: Units, outputs: Mapping[str, bytes]) -> Iterator[Planned]:
    """Every file, keyed by what it reads (see generator/render_cache.py)."""
    yield from _SdkBuilder(api).plan(units)


TARGET = Target(
    name="sdk",
    roots=("sdk",),
    render=render_sdk,
    description="Python SDK (httpx + pydantic)",
    plan=plan_sdk,
)


class _SdkBuilder(SdkContext):
    def __init__(self, api: Api) -> None:
        super().__init__(api)
        self.models = ModelRenderer(api)
        self.service_renderer = ServiceRenderer(api, self.models)
        self.readme = ReadmeRenderer(api)
        self.errors = ErrorRenderer(api)
        self.package = PackageRenderer(api)

    @cached_property
    def service_views(self) -> list[ServiceView]:
        return [self._service_view(s) for s in self.api.services]

    @cached_property
    def _service_views(self) -> dict[str, ServiceView]:
        return {}

    def _service_view(self, service: Service) -> ServiceView:
        """A service's view, made once (its module and the README both read it)."""
        view = self._service_views.get(service.name)
        if view is None:
            view = self._service_views[service.name] = self.service_renderer.service_view(service)
        return view

    @cached_property
    def common(self) -> dict[str, object]:
        return {
            "api": self.api,
            "project": self.project,
            "pkg": self.pkg,
            "sdk_version": pep440(self.api.version),
            "dxgen_version": dxgen_version,
        }

    @cached_property
    def webhook(self) -> WebhookView | None:
        return self._webhook_view()

    def plan(self, units: Units) -> Iterator[Planned]:
        def whole(rel: str, produce: Callable[[], str], *reads: str) -> Planned:
            """A file of the whole package: the settings, every name, and ``reads``."""
            return Planned(rel, units.key("sdk", rel, *reads), produce)

        for name, path in runtime_files("sdk/runtime/_core"):
            rel = f"{self.src}/_core/{name}"
            yield Planned(rel, units.static_key("sdk", rel), static_text(path))
        yield whole("sdk/pyproject.toml", lambda: render("sdk/pyproject.toml.jinja", **self.common))
        yield whole(
            "sdk/README.md",
            lambda: render(
                "sdk/README.md.jinja",
                **self.common,
                services=self.service_views,
                readme=self.readme.readme_view(),
                webhook=self.webhook,
            ),
            units.heads if units.enabled else "",
            units.wide if units.enabled else "",
        )
        yield Planned(f"{self.src}/py.typed", units.static_key("sdk", "py.typed"), _constant(""))
        yield whole(
            f"{self.src}/_version.py", lambda: render("sdk/_version.py.jinja", **self.common)
        )
        yield whole(
            f"{self.src}/_exceptions.py",
            lambda: render(
                "sdk/exceptions.py.jinja", **self.common, errors=self.errors.errors_view()
            ),
            units.errors if units.enabled else "",
        )
        yield whole(
            f"{self.src}/_client.py",
            lambda: render(
                "sdk/_client.py.jinja",
                **self.common,
                client=self.package.client_view(
                    self.service_views, self.service_renderer.client_error_models()
                ),
            ),
            units.heads if units.enabled else "",
            units.errors if units.enabled else "",
        )
        yield whole(
            f"{self.src}/__init__.py",
            lambda: render(
                "sdk/__init__.py.jinja",
                **self.common,
                package=self.package.package_view(webhooks=self.webhook is not None),
            ),
            units.surface if units.enabled else "",
        )
        yield whole(
            f"{self.src}/resources/__init__.py",
            lambda: render(
                "sdk/resources__init__.py.jinja", **self.common, services=self.service_views
            ),
            units.heads if units.enabled else "",
        )
        # a service's module reads its operations, what they reach, and the client's error
        # models (voted for by every operation's errors)
        errors = digest_of(self.service_renderer.client_errors) if units.enabled else ""
        for service in self.api.services:
            ids = [op.id for op in service.operations]
            yield from units.section(
                ("sdk", "resource", service.name),
                (service, errors),
                functools.partial(self._resource_file, units, service, ids, errors),
                ops=ids,
            )
        yield whole(
            f"{self.src}/types/__init__.py",
            lambda: render(
                "sdk/types__init__.py.jinja", **self.common, types=self.package.types_view()
            ),
            units.surface if units.enabled else "",
        )
        yield from units.section(("sdk", "models"), (), functools.partial(self._model_files, units))
        if self.api.webhook_payload is not None and self.api.webhook_payload.ref is not None:
            yield whole(
                f"{self.src}/webhooks.py",
                lambda: render("sdk/webhooks.py.jinja", **self.common, webhook=self.webhook),
                units.wide if units.enabled else "",
            )

    def _resource_file(
        self, units: Units, service: Service, ids: list[str], errors: str
    ) -> Iterator[Planned]:
        """A service's module: its operations, what they reach, the client's error models."""
        rel = f"{self.src}/resources/{service.module}.py"
        key = units.operations_key("sdk", rel, service, ids, facts=(errors,))
        yield Planned(rel, key, functools.partial(self._resource, service))

    def _model_files(self, units: Units) -> Iterator[Planned]:
        """The model modules, each with its schemas."""
        for module, schemas in sorted(self.models.model_modules().items()):
            rel = f"{self.src}/types/{module}.py"
            yield Planned(
                rel,
                units.schemas_key("sdk", rel, [s.name for s in schemas]),
                functools.partial(self.models.model_module, module, schemas),
            )

    def _resource(self, service: Service) -> str:
        view = self._service_view(service)
        return render("sdk/resource.py.jinja", **self.common, service=view)

    # -- runtime ------------------------------------------------------------------------

    def _webhook_view(self) -> WebhookView | None:
        payload = self.api.webhook_payload
        if payload is None or payload.ref is None:
            return None
        schema = self.schemas[payload.ref]
        header = self.api.webhook_header
        if header is None:
            return WebhookView(schema.name, schema.module, self.api.webhook_signing)
        routes = tuple((value, self.schemas[name].module, name) for value, name in header.types)
        return WebhookView(
            schema.name, schema.module, self.api.webhook_signing, header.name, routes
        )


def pep440(version: str) -> str:
    """``info.version`` as a valid Python package version: ``1.0-SNAPSHOT`` → ``1.0.dev0``."""
    try:
        return str(Version(version))
    except InvalidVersion:
        match = re.match(r"\d+(\.\d+)*", version.lstrip("vV"))
        return f"{match.group(0)}.dev0" if match else "0.0.0.dev0"


def _constant(text: str) -> Callable[[], str]:
    return lambda: text
