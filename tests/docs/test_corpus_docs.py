"""Docs generated for every document of ../shared/corpus build with `mkdocs build --strict`.

All of them: each document's docs are rendered in-process, then the builds run two at a time
(the machine has two cores). A document the parser refuses is not a docs failure (the corpus
test covers that), it is counted apart. Skipped when the corpus is absent."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.config import Config
from generator.diagnostics import SpecError
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

from .conftest import QUIET, tool

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
DOCUMENTS = (
    sorted(p for p in CORPUS.rglob("*") if p.suffix in (".yaml", ".yml", ".json"))
    if CORPUS.is_dir()
    else []
)


def _render(document: Path, dest: Path) -> bool:
    try:
        built = build_api(document, Config(), workflows=None, strict=False, use_config_names=False)
    except SpecError:
        return False
    for rel, data in render_targets(built.api, [available_targets()["docs"]]).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return True


def _build(folder: Path) -> tuple[int, str]:
    done = subprocess.run(
        [str(tool("mkdocs")), "build", "--strict", "--quiet"],
        cwd=folder, env=QUIET, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return done.returncode, (done.stdout + done.stderr)[-3000:]


@pytest.mark.skipif(not DOCUMENTS, reason=f"no corpus at {CORPUS}")
def test_corpus_docs_build_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)  # the loader reads a document's relative $refs inside its folder
    sites: dict[str, Path] = {}
    refused: list[str] = []
    for document in DOCUMENTS:
        name = document.relative_to(CORPUS).as_posix()
        dest = tmp_path / name.replace("/", "_")
        if _render(document, dest):
            sites[name] = dest / "docs"
        else:
            refused.append(name)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(sites, pool.map(_build, sites.values()), strict=True))
    failed = {name: out for name, (code, out) in results.items() if code != 0 or "WARNING" in out}
    print(f"\ncorpus docs: {len(results)} built strict, {len(refused)} refused by the parser")
    assert not failed, "\n\n".join(f"{name}:\n{out}" for name, out in failed.items())
    assert results, "no corpus document produced docs"
