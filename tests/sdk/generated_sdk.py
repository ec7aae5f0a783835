"""An SDK generated from a fixture spec into a temporary folder, and imported from there."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets


def write_sdk(spec: Path, out: Path, *, strict: bool = True) -> str:
    """Render the SDK target of ``spec`` under ``out`` (``out/sdk/…``); returns the package name."""
    built = build_api(spec, Config(), workflows=None, strict=strict, use_config_names=False)
    for rel, data in render_targets(built.api, [available_targets()["sdk"]]).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return built.api.project.package


@contextmanager
def imported(src: Path, package: str) -> Iterator[ModuleType]:
    """``package`` imported from ``src``, and forgotten again (with its submodules) afterwards."""
    sys.path.insert(0, str(src))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(src))
        for name in [m for m in sys.modules if m.split(".")[0] == package]:
            del sys.modules[name]


@contextmanager
def generated(
    factory: pytest.TempPathFactory, spec: Path, *, strict: bool = True
) -> Iterator[tuple[Path, ModuleType]]:
    """``spec``'s SDK written to a fresh temporary folder and imported: its ``src`` folder and
    its package."""
    out = factory.mktemp(spec.stem)
    package = write_sdk(spec, out, strict=strict)
    with imported(out / "sdk" / "src", package) as module:
        yield out / "sdk" / "src", module


def mypy_strict(
    *targets: str, cwd: Path, search_path: Path | None = None, flags: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` (no cache) over ``targets`` in ``cwd``, finding the SDK on
    ``search_path``."""
    env = {"PATH": "/usr/bin:/bin"}
    if search_path is not None:
        env["MYPYPATH"] = str(search_path)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *flags, *targets],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
