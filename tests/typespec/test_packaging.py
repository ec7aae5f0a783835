"""The wheel ships the npm pin and the driver, and an installed dxgen compiles TypeSpec from any
folder with them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.test_packaging import build_wheel, install

from .conftest import FIXTURES, ROOT


def test_the_wheel_ships_the_pin_and_compiles_typespec(tmp_path: Path) -> None:
    wheel = build_wheel(ROOT, tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("package.json", "package-lock.json", "compile.mjs"):
        assert f"generator/typespec/{name}" in names
    site = tmp_path / "site"
    install(wheel, site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "compile", str(FIXTURES / "scopes" / "main.tsp"),
         "-o", "openapi.yaml"],
        cwd=elsewhere, env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "x-requirements" in (elsewhere / "openapi.yaml").read_text(encoding="utf-8")
    probe = subprocess.run(
        [sys.executable, "-c", "import generator.load.typespec.install as i; print(i.PIN_DIR)"],
        cwd=elsewhere, env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert Path(probe.stdout.strip()).is_relative_to(site)
