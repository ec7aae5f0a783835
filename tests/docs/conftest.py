"""Fixtures for the docs tests: the committed docs (output/docs), a built copy of the site, and
the contract tests' Prism (one process per session serving spec/pachca.yaml with validation)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from generator.config import load_config
from generator.ir import Api
from generator.pipeline import build_api

ROOT = Path(__file__).resolve().parents[2]
SITE_SRC = ROOT / "output" / "docs"
PAGES = SITE_SRC / "docs"
BIN = ROOT / ".venv" / "bin"
MERMAID = ROOT / ".tools" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
MERMAID_PAGE_PATH = "javascripts/mermaid.min.js"  # DocsPaths.MERMAID_SCRIPT
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@cache
def docs_api() -> Api:
    """The IR the committed docs were generated from (dxgen.toml, spec/workflows.yaml)."""
    config = load_config(ROOT / "dxgen.toml")
    spec = ROOT / "spec" / "pachca.yaml"
    workflows = ROOT / "spec" / "workflows.yaml"
    built = build_api(spec, config, workflows=workflows, strict=False, use_config_names=True)
    return built.api


@dataclass(frozen=True)
class Build:
    site: Path  # the built HTML
    output: str  # what the builder printed
    seconds: float


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.fail(f"{name} is not installed: run `make setup` (it is a dev dependency)")
        return Path(found)
    return path


def prepare(src: Path, dest: Path) -> Path:
    """A copy of a docs folder with mermaid's script in place, as `make docs-site` lays it."""
    shutil.copytree(src, dest)
    if MERMAID.exists():
        script = dest / "docs" / MERMAID_PAGE_PATH
        script.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MERMAID, script)
    return dest


def build(folder: Path, builder: str = "mkdocs") -> Build:
    """``mkdocs build --strict`` (or ``zensical build --strict``) in ``folder``."""
    started = time.perf_counter()
    done = subprocess.run(
        [str(tool(builder)), "build", "--strict"],
        cwd=folder,
        env=QUIET,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{builder} build failed in {folder}:\n{output[-6000:]}"
    return Build(folder / "site", output, time.perf_counter() - started)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    """The committed docs built by mkdocs-material, once per session."""
    if not MERMAID.exists():
        pytest.fail(f"mermaid is not installed at {MERMAID}: run `make test` (npm ci in .tools)")
    folder = prepare(SITE_SRC, tmp_path_factory.mktemp("site") / "docs")
    yield build(folder)
