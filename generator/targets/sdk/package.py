"""The SDK package's surface: the lazy ``__init__``, the ``types`` package and the client
module, as typed views (what is exported from where, the import lines a type checker reads)."""

from __future__ import annotations

from dataclasses import dataclass

from ..python.imports import Imports, sort_all
from ..python.types import literal_alias
from .context import SdkContext
from .errors import ERROR_CLASS_NAMES
from .models import ModelRenderer
from .views import ErrorModelsView, ServiceView

RUNTIME_EXPORTS = (
    "APIConnectionError", "APIError", "APIResponse", "APIResponseValidationError",
    "APITimeoutError", "ConfigurationError", "MissingFieldError", "WebhookParseError",
    "WebhookVerificationError", "NOT_GIVEN", "NotGiven", "FileInput", "SyncCursorPage",
    "AsyncCursorPage", "AsyncPaginator", "RequestOptions", "BaseModel", "StreamedAPIResponse",
    "AsyncStreamedAPIResponse",
)  # fmt: skip


@dataclass(frozen=True)
class ModelExport:
    name: str
    module: str  # module stem under `types/`


@dataclass(frozen=True)
class PackageView:
    """``<pkg>/__init__.py``: every public name and the module it is loaded from on first use."""

    exports: tuple[tuple[str, str], ...]  # (name, module), sorted
    models: tuple[ModelExport, ...]  # models not shadowed by another export
    all_names: tuple[str, ...]
    type_checking_imports: tuple[str, ...]


@dataclass(frozen=True)
class TypesView:
    """``<pkg>/types/__init__.py``: every model, loaded lazily from its module."""

    models: tuple[ModelExport, ...]
    all_names: tuple[str, ...]
    type_checking_imports: tuple[str, ...]


@dataclass(frozen=True)
class ClientView:
    """``_client.py``: the two clients and their services as lazy properties."""

    services: tuple[ServiceView, ...]
    all_names: tuple[str, ...]
    sdk_name: str  # the name in the User-Agent: the package's, whatever the distribution is
    error_models: ErrorModelsView  # the API's error models by status, mapped once per client
    #: ``from .resources.<module> import <names>`` under TYPE_CHECKING, in ruff's order (a
    #: service named ``Actions`` comes before ``AsyncActionsService``; ``apps_v1`` after ``apps``)
    service_imports: tuple[str, ...] = ()


class PackageRenderer(SdkContext):
    """Builds the views of the package's surface."""

    def models(self) -> tuple[ModelExport, ...]:
        """Every schema that is defined as a model (plain aliases are inlined), and the
        ``Literal`` aliases of enum values, sorted."""
        defined = [s for s in self.api.schemas if not ModelRenderer.is_plain_alias(s)]
        exports = [ModelExport(s.name, s.module) for s in defined]
        exports += [
            ModelExport(alias, s.module) for s in defined if (alias := literal_alias(s)) is not None
        ]
        return tuple(sorted(exports, key=lambda e: (e.name, e.module)))

    def client_view(self, services: list[ServiceView], error_models: ErrorModelsView) -> ClientView:
        clients = [self.project.client_class, self.project.async_client_class]
        imports = Imports()
        for service in services:
            imports.model(service.module, service.class_name)
            imports.model(service.module, f"Async{service.class_name}")
        return ClientView(
            tuple(services),
            tuple(sort_all(clients)),
            f"{self.pkg}-python",
            error_models,
            tuple(imports.model_lines(".resources.")),
        )

    def types_view(self) -> TypesView:
        models = self.models()
        imports = Imports()
        for model in models:
            imports.model(model.module, model.name)
        return TypesView(
            models=models,
            all_names=tuple(sort_all([m.name for m in models])),
            type_checking_imports=_lines(imports.block(core_module="", model_prefix=".")),
        )

    def package_view(self, *, webhooks: bool) -> PackageView:
        """The package's lazy surface: clients, runtime names, every model, webhooks."""
        exports: dict[str, str] = {}
        imports = Imports()
        for names, module in (
            ((self.project.client_class, self.project.async_client_class), "._client"),
            (RUNTIME_EXPORTS, "._core"),
            (ERROR_CLASS_NAMES, "._exceptions"),
        ):
            for name in names:
                exports[name] = module
                imports.model(module, name)
        models = tuple(m for m in self.models() if m.name not in exports)
        for model in models:
            imports.model(f".types.{model.module}", model.name)
        lines = _lines(imports.block(core_module="", model_prefix=""))
        if webhooks:
            exports["webhooks"] = ".webhooks"
            lines = ("from . import webhooks", *lines)
        return PackageView(
            exports=tuple(sorted(exports.items())),
            models=models,
            all_names=tuple(sort_all(["__version__", *exports, *(m.name for m in models)])),
            type_checking_imports=lines,
        )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()
