"""load: files on disk → one bundled OpenAPI 3.x document, with positions and findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, SpecError, error, warning
from .bundle import SourceMap, bundle, resolve_pointer
from .gcpause import collector_paused
from .limits import DEFAULT_LIMITS, Limits
from .source import join_pointer, split_pointer
from .validate import validate_document

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "LoadedSpec",
    "join_pointer",
    "load_spec",
    "resolve_pointer",
    "split_pointer",
]


@dataclass
class LoadedSpec:
    document: dict[str, Any]
    source_map: SourceMap
    version: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    converted_from: str | None = None
    #: Files the document was made from besides those mounted in ``source_map``: the ``.tsp``
    #: files a TypeSpec spec imports. Inputs of the run, like the mounted ones.
    sources: tuple[Path, ...] = ()


def load_spec(
    path: Path,
    *,
    base_dir: Path | None = None,
    validate: bool = True,
    ref_root: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> LoadedSpec:
    """Read, bundle, (convert) and validate; raise :class:`SpecError` for what cannot be used.

    ``$ref``s read only files under the spec's folder or ``ref_root``; every file is read
    within ``limits``. A TypeSpec spec (``.tsp``) is compiled to OpenAPI first.
    """
    with collector_paused():
        loaded = _load_spec(path, base_dir=base_dir, ref_root=ref_root, limits=limits)
    if validate:  # the validator makes garbage of its own: the collector is on again
        loaded.diagnostics.extend(validate_document(loaded.document, loaded.source_map))
    return loaded


def _load_spec(
    path: Path, *, base_dir: Path | None, ref_root: Path | None, limits: Limits
) -> LoadedSpec:
    diagnostics: list[Diagnostic] = []
    sources: tuple[Path, ...] = ()
    if path.suffix.lower() == ".tsp":
        from .typespec import bundle_typespec

        bundled, diagnostics, sources = bundle_typespec(path, base_dir or Path.cwd(), limits)
    else:
        bundled = bundle(path, base_dir, ref_root=ref_root, limits=limits)
    document = bundled.document
    source_map = bundled.source_map
    converted_from: str | None = None
    if "openapi" not in document:
        if str(document.get("swagger", "")) == "2.0":
            from .swagger2 import convert  # only for Swagger 2.0: 10 ms of every start-up

            converted = convert(document)
            document = converted.document
            source_map.rewrites.extend(converted.mounts)
            converted_from = "2.0"
            diagnostics.append(
                warning("Swagger 2.0 document converted to OpenAPI 3.0", source_map.locate(""))
            )
            for note in converted.notes:
                pointer, _, text = note.partition(": ")
                diagnostics.append(warning(text or note, source_map.locate(pointer)))
        else:
            raise SpecError(
                [
                    error(
                        "not an OpenAPI document: no `openapi` (or `swagger: '2.0'`) field",
                        source_map.locate(""),
                    )
                ]
            )
    version = str(document.get("openapi", ""))
    if not version.startswith("3."):
        raise SpecError(
            [
                error(
                    f"unsupported OpenAPI version {version!r}: expected 3.0.x or 3.1.x",
                    source_map.locate("/openapi"),
                )
            ]
        )
    if not version.startswith(("3.0", "3.1")):
        diagnostics.append(
            warning(f"OpenAPI {version} is read as 3.1", source_map.locate("/openapi"))
        )
    if not isinstance(document.get("paths", {}), dict):
        raise SpecError([error("`paths` must be a mapping", source_map.locate("/paths"))])
    return LoadedSpec(document, source_map, version, diagnostics, converted_from, sources)
