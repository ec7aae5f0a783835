"""The CLI generated for our spec, a few fixtures and every document of the shared corpus
(skipped when absent) is clean: it installs beside its SDK and its command runs, every module
imports, and mypy --strict, ruff and black find nothing.

Generated once per session into a temporary folder; each tool runs once over all of them
(mypy in batches of distinct package names: two corpus documents are both `pachca`). The
SDKs beside them are written unformatted (their own tests check them); mypy reads our SDK to
check every call the pachca CLI makes, and takes the others' types as unknown.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config import Config
from generator.diagnostics import SpecError
from generator.format import format_file
from generator.pipeline import build_api
from generator.targets import available_targets
from tests.corpus import corpus_documents

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "features"
BIN = Path(sys.executable).parent
FIXTURE_SPECS = ("injection", "keywords", "maps")  # maps: an API without operations


def _specs() -> list[Path]:
    specs = [ROOT / "spec" / "pachca.yaml", *(FIXTURES / f"{n}.yaml" for n in FIXTURE_SPECS)]
    specs += corpus_documents()
    return specs


@dataclass
class Generated:
    name: str
    root: Path  # the folder holding sdk/ and cli/
    package: str  # the CLI's package
    sdk_package: str

    @property
    def pythonpath(self) -> str:
        return os.pathsep.join([str(self.root / "sdk" / "src"), str(self.root / "cli" / "src")])


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Generated]:
    out = tmp_path_factory.mktemp("clis")
    sdk, cli = available_targets()["sdk"], available_targets()["cli"]
    result: list[Generated] = []
    for spec in _specs():
        try:
            built = build_api(spec, Config(), workflows=None, strict=False, use_config_names=False)
        except SpecError:
            continue  # specs that cannot be modelled are covered by the corpus/load tests
        name = f"{spec.parent.name}-{spec.stem}"
        folder = out / name
        files = {rel: text.encode() for rel, text in sdk.render(built.api)}
        for rel, text in cli.render(built.api):
            # black formats what is generated; the static runtime is black-clean already
            # (`make lint` checks its templates) and the same in every CLI
            files[rel] = (text if "/_runtime/" in rel else format_file(rel, text)).encode()
        for rel, data in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        sdk_package = built.api.project.package
        result.append(Generated(name, folder, f"{sdk_package}_cli", sdk_package))
    return result


def _run(
    args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, **(env or {})},
    )


def test_every_module_imports_and_every_command_builds(generated: list[Generated]) -> None:
    script = (
        "import importlib, pkgutil, sys, click\n"
        "pkg = importlib.import_module(sys.argv[1])\n"
        "names = [m.name for m in pkgutil.walk_packages(pkg.__path__, sys.argv[1] + '.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "from importlib import import_module\n"
        "root = import_module(sys.argv[1] + '._runtime._root').make_root('t')\n"
        "ctx = click.Context(root)\n"
        "for group_name in root.list_commands(ctx):\n"
        "    group = root.get_command(ctx, group_name)\n"
        "    if isinstance(group, click.Group):\n"
        "        for name in group.list_commands(ctx):\n"
        "            group.get_command(ctx, name).get_help(click.Context(group))\n"
        "print(len(names))\n"
    )
    failures = []
    for item in generated:
        done = _run(
            [sys.executable, "-c", script, item.package], env={"PYTHONPATH": item.pythonpath}
        )
        if done.returncode != 0:
            failures.append(f"{item.name}: {done.stderr.strip()[-1500:]}")
    assert not failures, "\n".join(failures)


def test_ruff_finds_nothing(generated: list[Generated]) -> None:
    failures = []
    for item in generated:
        done = _run([str(BIN / "ruff"), "check", "--quiet", "."], cwd=item.root / "cli")
        if done.returncode != 0:
            failures.append(f"{item.name}:\n{done.stdout[-2000:]}")
    assert not failures, "\n".join(failures)


def test_black_finds_nothing(generated: list[Generated]) -> None:
    """The generated modules (the runtime is the same in every CLI: `make lint` checks its
    templates)."""
    roots = [str(item.root / "cli" / "src" / item.package / "commands") for item in generated]
    done = _run([str(BIN / "black"), "--check", "--quiet", "--line-length", "100", *roots])
    assert done.returncode == 0, done.stderr[-3000:]


def test_mypy_strict_finds_nothing(generated: list[Generated], tmp_path: Path) -> None:
    config = tmp_path / "mypy.ini"
    for batch in _batches(generated):
        targets = [str(item.root / "cli" / "src" / item.package) for item in batch]
        path = os.pathsep.join(str(item.root / "sdk" / "src") for item in batch)
        skipped = [i.sdk_package for i in batch if i.name != "spec-pachca"]
        config.write_text(
            "[mypy]\nfollow_imports = silent\n"
            + "".join(f"[mypy-{p}.*]\nfollow_imports = skip\n[mypy-{p}]\nfollow_imports = skip\n"
                      for p in skipped)
        )  # fmt: skip
        done = _run(
            [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
             "--python-version", "3.11", "--config-file", str(config), *targets],
            env={"MYPYPATH": path},
        )  # fmt: skip
        assert done.returncode == 0, done.stdout[-4000:]


def _batches(generated: list[Generated]) -> list[list[Generated]]:
    """Groups in which no two CLIs share a package name (two corpus documents are `pachca`)."""
    batches: list[list[Generated]] = []
    for item in generated:
        batch = next((b for b in batches if all(o.package != item.package for o in b)), None)
        if batch is None:
            batch = []
            batches.append(batch)
        batch.append(item)
    return batches


def test_every_cli_installs_and_its_command_runs(
    generated: list[Generated], tmp_path: Path
) -> None:
    """Each CLI and its SDK build as distributions and install (pip, one call per batch); the
    console script each declares then answers `--help`."""
    failures = []
    for number, batch in enumerate(_batches(generated)):
        target = tmp_path / f"site{number}"
        projects = [str(item.root / part) for item in batch for part in ("sdk", "cli")]
        done = _run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
             "--no-build-isolation", "--no-index", "--target", str(target), *projects],
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        for item in batch:
            scripts = tomllib.loads((item.root / "cli" / "pyproject.toml").read_text())
            (command,) = scripts["project"]["scripts"]
            ran = _run([str(target / "bin" / command), "--help"], env={"PYTHONPATH": str(target)})
            if ran.returncode != 0 or "Usage:" not in ran.stdout:
                failures.append(f"{item.name}: {command} --help: {ran.stderr[-1500:]}")
    assert not failures, "\n".join(failures)
