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
from typing import Any

from packaging.version import InvalidVersion, Version

from ... import __version__ as dxgen_version
from ...ir import Api
from .. import Target
from ..pysource import docstring
from ..pytypes import Imports, sort_all
from ..render import render, templates_dir
from .context import SdkContext
from .errors import ERROR_CLASS_NAMES, ErrorRenderer
from .models import ModelRenderer
from .readme import ReadmeRenderer
from .services import ServiceRenderer

RUNTIME_EXPORTS = (
    "APIConnectionError", "APIError", "APIResponse", "APIResponseValidationError",
    "APITimeoutError", "ConfigurationError", "MissingFieldError", "WebhookParseError",
    "WebhookVerificationError", "NOT_GIVEN", "NotGiven", "FileInput", "SyncCursorPage",
    "AsyncCursorPage", "AsyncPaginator", "RequestOptions", "BaseModel", "StreamedAPIResponse",
    "AsyncStreamedAPIResponse",
)  # fmt: skip


# The header carrying a webhook's signature (Pachca's; no spec describes it yet).
WEBHOOK_SIGNATURE_HEADER = "Pachca-Signature"

# -- views: what the templates lay out ----------------------------------------------------


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
        self.services = ServiceRenderer(api, self.models)
        self.readme = ReadmeRenderer(api)
        self.errors = ErrorRenderer(api)

    def files(self) -> Iterator[tuple[str, str]]:
        yield from self._runtime()
        services = [self.services._service_view(s) for s in self.api.services]
        modules = self.models._model_modules()
        common = {
            "api": self.api,
            "project": self.project,
            "pkg": self.pkg,
            "sdk_version": pep440(self.api.version),
            "dxgen_version": dxgen_version,
            "docstring": docstring,
        }
        webhook = self._webhook_view()
        yield "sdk/pyproject.toml", render("sdk/pyproject.toml.jinja", **common)
        yield "sdk/README.md", render(
            "sdk/README.md.jinja",
            **common,
            services=services,
            readme=self.readme._readme_view(),
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
            services=services,
            client_all=sort_all([self.project.client_class, self.project.async_client_class]),
            error_models=self.services.client_error_models(),
        )
        models = sorted(
            (s.name, s.module) for s in self.api.schemas if not self.models.is_plain_alias(s)
        )
        yield f"{self.src}/__init__.py", self._package_init(models, webhook is not None, common)
        yield f"{self.src}/resources/__init__.py", render(
            "sdk/resources__init__.py.jinja", **common, services=services
        )
        for view in services:
            yield f"{self.src}/resources/{view.module}.py", render(
                "sdk/resource.py.jinja", **common, service=view
            )
        type_imports = Imports()
        for name, module in models:
            type_imports.model(module, name)
        yield f"{self.src}/types/__init__.py", render(
            "sdk/types__init__.py.jinja",
            **common,
            models=models,
            all_names=sort_all([name for name, _ in models]),
            type_checking_imports=_lines(type_imports.block(core_module="", model_prefix=".")),
        )
        for module, views in sorted(modules.items()):
            yield f"{self.src}/types/{module}.py", self.models._model_module(module, views)
        if webhook is not None:
            yield f"{self.src}/webhooks.py", render("sdk/webhooks.py.jinja", **common, **webhook)

    # -- runtime ------------------------------------------------------------------------

    def _runtime(self) -> Iterator[tuple[str, str]]:
        runtime = templates_dir() / "sdk" / "runtime" / "_core"
        for path in sorted(runtime.rglob("*.py")):
            rel = path.relative_to(runtime).as_posix()
            yield f"{self.src}/_core/{rel}", path.read_text(encoding="utf-8")

    # -- package surface ----------------------------------------------------------------

    def _package_init(
        self, models: list[tuple[str, str]], webhooks: bool, common: dict[str, Any]
    ) -> str:
        """The package's lazy surface: clients, runtime names, every model, webhooks."""
        exports: dict[str, str] = {
            self.project.client_class: "._client",
            self.project.async_client_class: "._client",
        }
        imports = Imports()
        imports.model("._client", self.project.client_class)
        imports.model("._client", self.project.async_client_class)
        for name in RUNTIME_EXPORTS:
            exports[name] = "._core"
            imports.model("._core", name)
        for name in ERROR_CLASS_NAMES:
            exports[name] = "._exceptions"
            imports.model("._exceptions", name)
        model_names: list[str] = []
        for name, module in models:
            if name not in exports:
                model_names.append(name)
                imports.model(f".types.{module}", name)
        lines = _lines(imports.block(core_module="", model_prefix=""))
        if webhooks:
            exports["webhooks"] = ".webhooks"
            lines.insert(0, "from . import webhooks")
        return render(
            "sdk/__init__.py.jinja",
            **common,
            exports=sorted(exports.items()),
            models=[(n, m) for n, m in models if n in model_names],
            all_names=sort_all(["__version__", *exports, *model_names]),
            type_checking_imports=lines,
        )

    def _webhook_view(self) -> dict[str, Any] | None:
        payload = self.api.webhook_payload
        if payload is None or payload.ref is None:
            return None
        schema = self.schemas[payload.ref]
        return {
            "payload_name": schema.name,
            "payload_module": schema.module,
            "signature_header": WEBHOOK_SIGNATURE_HEADER,
        }


def pep440(version: str) -> str:
    """``info.version`` as a valid Python package version: ``1.0-SNAPSHOT`` → ``1.0.dev0``."""
    try:
        return str(Version(version))
    except InvalidVersion:
        match = re.match(r"\d+(\.\d+)*", version.lstrip("vV"))
        return f"{match.group(0)}.dev0" if match else "0.0.0.dev0"


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []
