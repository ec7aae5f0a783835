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

import re
from collections.abc import Iterator
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from ... import __version__ as dxgen_version
from ...ir import Api
from .. import Target, templates_dir
from ..render import render
from .context import SdkContext
from .errors import ErrorRenderer
from .models import ModelRenderer
from .package import PackageRenderer
from .readme import ReadmeRenderer
from .services import ServiceRenderer

# The header carrying a webhook's signature (Pachca's; no spec describes it yet).
WEBHOOK_SIGNATURE_HEADER = "Pachca-Signature"


@dataclass(frozen=True)
class WebhookView:
    """What ``webhooks.py`` and the README need: the payload model and the signature header."""

    payload_name: str
    payload_module: str
    signature_header: str


def render_sdk(api: Api) -> Iterator[tuple[str, str]]:
    builder = _SdkBuilder(api)
    yield from builder.files()


TARGET = Target(
    name="sdk",
    roots=("sdk",),
    render=render_sdk,
    description="Python SDK (httpx + pydantic)",
)


class _SdkBuilder(SdkContext):
    def __init__(self, api: Api) -> None:
        super().__init__(api)
        self.models = ModelRenderer(api)
        self.service_renderer = ServiceRenderer(api, self.models)
        self.readme = ReadmeRenderer(api)
        self.errors = ErrorRenderer(api)
        self.package = PackageRenderer(api)

    def files(self) -> Iterator[tuple[str, str]]:
        yield from self._runtime()
        services = [self.service_renderer.service_view(s) for s in self.api.services]
        modules = self.models.model_modules()
        common = {
            "api": self.api,
            "project": self.project,
            "pkg": self.pkg,
            "sdk_version": pep440(self.api.version),
            "dxgen_version": dxgen_version,
        }
        webhook = self._webhook_view()
        yield "sdk/pyproject.toml", render("sdk/pyproject.toml.jinja", **common)
        yield "sdk/README.md", render(
            "sdk/README.md.jinja",
            **common,
            services=services,
            readme=self.readme.readme_view(),
            webhook=webhook,
        )
        yield f"{self.src}/py.typed", ""
        yield f"{self.src}/_version.py", render("sdk/_version.py.jinja", **common)
        yield f"{self.src}/_exceptions.py", render(
            "sdk/exceptions.py.jinja", **common, errors=self.errors.errors_view()
        )
        yield f"{self.src}/_client.py", render(
            "sdk/_client.py.jinja",
            **common,
            client=self.package.client_view(services, self.service_renderer.client_error_models()),
        )
        yield f"{self.src}/__init__.py", render(
            "sdk/__init__.py.jinja",
            **common,
            package=self.package.package_view(webhooks=webhook is not None),
        )
        yield f"{self.src}/resources/__init__.py", render(
            "sdk/resources__init__.py.jinja", **common, services=services
        )
        for view in services:
            yield f"{self.src}/resources/{view.module}.py", render(
                "sdk/resource.py.jinja", **common, service=view
            )
        yield f"{self.src}/types/__init__.py", render(
            "sdk/types__init__.py.jinja", **common, types=self.package.types_view()
        )
        for module, views in sorted(modules.items()):
            yield f"{self.src}/types/{module}.py", self.models.model_module(module, views)
        if webhook is not None:
            yield f"{self.src}/webhooks.py", render(
                "sdk/webhooks.py.jinja", **common, webhook=webhook
            )

    # -- runtime ------------------------------------------------------------------------

    def _runtime(self) -> Iterator[tuple[str, str]]:
        runtime = templates_dir() / "sdk" / "runtime" / "_core"
        for path in sorted(runtime.rglob("*.py")):
            rel = path.relative_to(runtime).as_posix()
            yield f"{self.src}/_core/{rel}", path.read_text(encoding="utf-8")

    def _webhook_view(self) -> WebhookView | None:
        payload = self.api.webhook_payload
        if payload is None or payload.ref is None:
            return None
        schema = self.schemas[payload.ref]
        return WebhookView(schema.name, schema.module, WEBHOOK_SIGNATURE_HEADER)


def pep440(version: str) -> str:
    """``info.version`` as a valid Python package version: ``1.0-SNAPSHOT`` → ``1.0.dev0``."""
    try:
        return str(Version(version))
    except InvalidVersion:
        match = re.match(r"\d+(\.\d+)*", version.lstrip("vV"))
        return f"{match.group(0)}.dev0" if match else "0.0.0.dev0"
