"""TypeSpec tests: the pinned compiler is used from ``.tools/typespec`` (where ``make setup``
installs it; a run without make installs it there on first use), and each feature fixture is
compiled once per session."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "typespec"
FEATURES = sorted(p.name for p in FIXTURES.iterdir() if (p / "main.tsp").is_file())

os.environ.setdefault("DXGEN_TYPESPEC_DIR", str(ROOT / ".tools" / "typespec"))


def _node_problem() -> str | None:
    from generator.load.typespec.node import NodeMissing, find_node

    try:
        find_node()
    except NodeMissing as exc:
        return str(exc)
    return None


_PROBLEM = _node_problem()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if _PROBLEM is None:
        return
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.skip(reason=f"no Node.js for TypeSpec: {_PROBLEM}"))


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def dxgen(*args: str, cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 180) -> Run:
    """``dxgen ARGS`` in a process of its own, from ``cwd``."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip
    return Run(done.returncode, done.stdout, done.stderr)


def write_spec(folder: Path, text: str, name: str = "main.tsp") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = """import "@typespec/http";

using Http;

@service(#{ title: "Tiny" })
@server("https://api.example.com", "Production")
namespace Tiny;
"""
