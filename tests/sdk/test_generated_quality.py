"""SDKs generated for every usable spec (ours, our fixtures, the shared corpus) are clean:
every module imports, and mypy --strict, ruff and black find nothing.

The SDKs are generated once per session into a temporary folder; the checks run each tool
once over all of them (mypy in batches, since two corpus specs share the package `pachca`).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config import Config
from generator.diagnostics import SpecError
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets
from tests.corpus import corpus_documents

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "features"
BIN = Path(sys.executable).parent


def _specs() -> list[Path]:
    specs = [ROOT / "spec" / "pachca.yaml", *sorted(FIXTURES.glob("*.yaml"))]
    specs += sorted((FIXTURES.parent / "names").glob("*.yaml"))  # usable, with warnings
    specs += sorted(FIXTURES.glob("*.json"))
    specs += corpus_documents()
    return specs


@dataclass
class Generated:
    name: str
    root: Path  # the sdk/ folder
    package: str


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Generated]:
    out = tmp_path_factory.mktemp("sdks")
    target = available_targets()["sdk"]
    result: list[Generated] = []
    for spec in _specs():
        try:
            built = build_api(spec, Config(), workflows=None, strict=False, use_config_names=False)
        except SpecError:
            continue  # specs that cannot be modelled are covered by the corpus/load tests
        name = f"{spec.parent.name}-{spec.stem}"
        folder = out / name
        for rel, data in render_targets(built.api, [target]).items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        result.append(Generated(name, folder / "sdk", built.api.project.package))
    assert len(result) >= 20
    return result


def _run(args: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


def test_every_module_imports(generated: list[Generated]) -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        "pkg = importlib.import_module(sys.argv[1])\n"
        "names = [m.name for m in pkgutil.walk_packages(pkg.__path__, sys.argv[1] + '.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "for name in pkg.__all__: getattr(pkg, name)\n"
        "print(len(names))\n"
    )
    failures = []
    for item in generated:
        done = _run([sys.executable, "-c", script, item.package], cwd=item.root / "src")
        if done.returncode != 0:
            failures.append(f"{item.name}: {done.stderr.strip().splitlines()[-1:]}")
    assert not failures, "\n".join(failures)


def test_ruff_finds_nothing(generated: list[Generated]) -> None:
    failures = []
    for item in generated:
        done = _run([str(BIN / "ruff"), "check", "--quiet", "."], cwd=item.root)
        if done.returncode != 0:
            failures.append(f"{item.name}:\n{done.stdout[-2000:]}")
    assert not failures, "\n".join(failures)


def test_black_finds_nothing(generated: list[Generated]) -> None:
    roots = [str(item.root / "src") for item in generated]
    done = _run([str(BIN / "black"), "--check", "--quiet", "--line-length", "100", *roots])
    assert done.returncode == 0, done.stderr[-3000:]


def test_mypy_strict_finds_nothing(generated: list[Generated]) -> None:
    batches: list[list[Generated]] = []
    for item in generated:
        batch = next((b for b in batches if all(o.package != item.package for o in b)), None)
        if batch is None:
            batch = []
            batches.append(batch)
        batch.append(item)
    for batch in batches:
        targets = [str(item.root / "src" / item.package) for item in batch]
        done = _run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
             "--python-version", "3.11", *targets]
        )  # fmt: skip
        assert done.returncode == 0, done.stdout[-4000:]
