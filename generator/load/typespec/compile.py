"""Compile a TypeSpec spec to OpenAPI with the pinned compiler, as untrusted input.

The emitter options are ours, never a ``tspconfig.yaml`` of the spec's folder (which could name
other emitters or plugins): ``@typespec/openapi3`` alone, writing **OpenAPI 3.0** (3.0.0) as
**YAML**, one file (``openapi.yaml``), LF line ends. 3.0 rather than 3.1: it is what
``spec/pachca.yaml`` (the compiled ``spec/main.tsp``, committed) has always been, dxgen's parser
and validator read it exactly as they read the hand-written spec, and the fixtures of
``tests/fixtures/typespec`` give the same model either way except where 3.1 loses something:
a multipart file part is no longer ``format: binary`` (so the SDK would not take a file) and
``Record<string>`` values lose their type.
A spec describes one service: with two ``@service`` namespaces the emitter would write a file
for each, and dxgen stops with an error naming them instead of choosing one silently.

What the compiler may read and run is fenced by ``compile.mjs`` (the driver beside the pin; see
its header): imports of .tsp files inside the spec's folder and of the pinned libraries only,
no JavaScript of the spec's, and the compiler process is killed after
``$DXGEN_TYPESPEC_TIMEOUT`` seconds (default 120). TypeSpec's findings become dxgen's located
diagnostics (``main.tsp:3:7: error: Unknown identifier Nope (invalid-ref)``); its warnings stay
warnings.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...diagnostics import Diagnostic, Location, Severity, SpecError, error
from ..files import read_bounded
from ..limits import DEFAULT_LIMITS, Limits
from .install import PIN_DIR, InstallFailed, ensure_installed
from .node import NodeMissing, find_node
from .process import TimedOut, node_env, run

EMITTER_OPTIONS: dict[str, Any] = {
    "openapi-versions": ["3.0.0"],
    "file-type": "yaml",
    "output-file": "openapi.yaml",
    "new-line": "lf",
    # Without it the emitter drops every parameter example given by @opExample; "data" writes
    # the value as the parameter's `example` (what a hand-written OpenAPI 3.0 spec says).
    "experimental-parameter-examples": "data",
}
LIBRARIES = ("@typespec/http", "@typespec/rest", "@typespec/openapi", "@typespec/openapi3")
DRIVER = PIN_DIR / "compile.mjs"
DEFAULT_TIMEOUT = 120.0
MAX_HEAP_MB = 4096
MAX_FINDINGS = 100


@dataclass(frozen=True)
class Compiled:
    openapi: bytes  # the OpenAPI document, YAML
    sources: tuple[Path, ...]  # the .tsp files compiled, as the user names them
    diagnostics: tuple[Diagnostic, ...]  # TypeSpec's warnings


def is_typespec(path: Path) -> bool:
    return path.suffix.lower() == ".tsp"


def display_path(path: Path, base_dir: Path) -> str:
    try:
        return str(path.resolve().relative_to(base_dir.resolve()))
    except (ValueError, OSError):
        return str(path)


def announce(message: str) -> None:
    """One line on stderr (clearing a progress line first, on a terminal)."""
    clear = "\r\033[K" if sys.stderr.isatty() else ""
    sys.stderr.write(f"{clear}dxgen: {message}\n")
    sys.stderr.flush()


def compile_typespec(
    spec: Path,
    *,
    base_dir: Path,
    limits: Limits = DEFAULT_LIMITS,
    tell: Callable[[str], None] = announce,
) -> Compiled:
    """Compile ``spec``; raise :class:`SpecError` with located diagnostics if it does not."""
    display = display_path(spec, base_dir)
    where = Location(display)
    read_bounded(spec, where, limits.max_bytes)  # a regular file of sane size, or a located error
    try:
        node = find_node()
        modules = ensure_installed(node, tell)
    except NodeMissing as exc:
        raise SpecError([error(str(exc), where)]) from None
    except InstallFailed as exc:
        raise SpecError([error(f"cannot install the TypeSpec compiler: {exc}", where)]) from None
    with tempfile.TemporaryDirectory(prefix="dxgen-tsp-") as folder:
        work = Path(folder)
        (work / "src").mkdir()
        (work / "src" / "node_modules").symlink_to(modules, target_is_directory=True)
        request = {
            "main": str(spec.absolute()),
            "modules": str(modules),
            "work": str(work),
            "libraries": list(LIBRARIES),
            "maxBytes": limits.max_bytes,
            "emitterOptions": EMITTER_OPTIONS,
        }
        (work / "request.json").write_text(json.dumps(request), encoding="utf-8")
        command = [str(node.executable), f"--max-old-space-size={MAX_HEAP_MB}", str(DRIVER)]
        command.append(str(work / "request.json"))
        timeout = _timeout()
        try:
            done = run(command, cwd=work, env=node_env(), timeout=timeout)
        except TimedOut:
            message = f"the TypeSpec compiler did not finish in {timeout:g} s; stopped"
            raise SpecError([error(message, where)]) from None
        except OSError as exc:
            raise SpecError(
                [error(f"cannot run {node.executable}: {exc.strerror}", where)]
            ) from None
        result_file = work / "result.json"
        if not result_file.is_file():
            lines = [line.strip() for line in done.stderr.splitlines() if line.strip()]
            why = next((line for line in reversed(lines) if "Error" in line), None)
            why = why or (lines[-1] if lines else f"exit {done.returncode}")
            raise SpecError([error(f"the TypeSpec compiler failed: {why}", where)])
        result = json.loads(result_file.read_text(encoding="utf-8"))
        diagnostics = [_diagnostic(raw, base_dir, display) for raw in result["diagnostics"]]
        if len(diagnostics) > MAX_FINDINGS:  # a binary file is an error at every character
            more = len(diagnostics) - MAX_FINDINGS
            failed = any(d.severity is Severity.ERROR for d in diagnostics)
            note = Diagnostic(
                Severity.ERROR if failed else Severity.WARNING,
                f"{more} more findings of TypeSpec's not shown",
                where,
            )
            diagnostics = [*diagnostics[:MAX_FINDINGS], note]
        if result["output"] is None or any(d.severity is Severity.ERROR for d in diagnostics):
            raise SpecError(diagnostics)
        emitted = sorted(p.name for p in Path(result["output"]).rglob("*") if p.is_file())
        if emitted != [EMITTER_OPTIONS["output-file"]]:
            names = ", ".join(emitted) or "nothing"
            message = f"dxgen reads one service (one OpenAPI file); the spec gave {names}"
            raise SpecError([*diagnostics, error(message, where)])
        openapi = (Path(result["output"]) / emitted[0]).read_bytes()
    return Compiled(openapi, tuple(Path(p) for p in result["sources"]), tuple(diagnostics))


def _timeout() -> float:
    raw = os.environ.get("DXGEN_TYPESPEC_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def _diagnostic(raw: dict[str, Any], base_dir: Path, fallback: str) -> Diagnostic:
    file = str(raw.get("file") or "")
    location = Location(
        display_path(Path(file), base_dir) if file else fallback,
        int(raw.get("line") or 0),
        int(raw.get("column") or 0),
    )
    severity = Severity.ERROR if raw.get("severity") == "error" else Severity.WARNING
    return Diagnostic(severity, f"{raw.get('message', '')} ({raw.get('code', '')})", location)
