"""TypeSpec in: a ``.tsp`` spec is compiled to OpenAPI, then read like any OpenAPI spec.

``compile`` runs the pinned compiler (``install`` puts it in place with the ``node`` found);
``bundle_typespec`` loads the result for :func:`generator.load.load_spec`. Findings about the
compiled document (the validator's, the parser's) name the ``.tsp`` file and the JSON pointer
of the OpenAPI node (``main.tsp: warning: ... (at #/paths/~1pets/get)``): the OpenAPI file was
temporary, so its lines would point nowhere (``dxgen compile`` writes it, to look).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from ...diagnostics import Diagnostic, Location, SpecError
from ..bundle import Bundle, bundle
from ..limits import DEFAULT_LIMITS, Limits
from ..source import SourceFile
from .compile import Compiled, compile_typespec, display_path, is_typespec

__all__ = ["Compiled", "bundle_typespec", "compile_typespec", "is_typespec"]


def bundle_typespec(
    spec: Path, base_dir: Path, limits: Limits = DEFAULT_LIMITS
) -> tuple[Bundle, list[Diagnostic], tuple[Path, ...]]:
    """The compiled OpenAPI of ``spec`` as a bundle, TypeSpec's warnings, and the ``.tsp``
    files it was compiled from (``spec`` and what it imports)."""
    compiled = compile_typespec(spec, base_dir=base_dir, limits=limits)
    display = display_path(spec, base_dir)
    with tempfile.TemporaryDirectory(prefix="dxgen-tsp-") as folder:
        openapi = Path(folder) / "openapi.yaml"
        openapi.write_bytes(compiled.openapi)
        try:
            bundled = bundle(openapi, base_dir, limits=limits)
        except SpecError as exc:  # e.g. past a limit: said of the .tsp, the file was ours
            temporary = display_path(openapi, base_dir)
            raise SpecError(
                [*compiled.diagnostics, *(_relabel(d, temporary, display) for d in exc.diagnostics)]
            ) from None
    root = SourceFile(spec, display, bundled.root.data, {})
    mounts = [
        dataclasses.replace(mount, file=root) if mount.file is bundled.root else mount
        for mount in bundled.source_map.mounts
    ]
    bundled.source_map.mounts[:] = mounts
    relabelled = Bundle(bundled.document, root, {spec: root}, bundled.source_map)
    return relabelled, list(compiled.diagnostics), compiled.sources


def _relabel(diagnostic: Diagnostic, temporary: str, display: str) -> Diagnostic:
    if diagnostic.location.file != temporary:
        return diagnostic
    place = Location(display, 0, 0, diagnostic.location.pointer)
    return Diagnostic(diagnostic.severity, f"{diagnostic.message} (in the compiled OpenAPI)", place)
