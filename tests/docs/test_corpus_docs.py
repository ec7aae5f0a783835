"""Docs generated for every document of ../shared/corpus build with `mkdocs build --strict`.

All of them: each document's docs are rendered in-process, then built by mkdocs' own strict
build in two Python processes (the machine has two cores; one process per site spent most of
its time starting up). A document the parser refuses is not a docs failure (the corpus
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
from tests.corpus import CORPUS, corpus_documents

from .conftest import QUIET, ROOT, tool

DOCUMENTS = corpus_documents()


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


def _build_all(folders: list[Path]) -> dict[str, tuple[bool, str]]:
    """Strict mkdocs builds of ``folders``, in one Python process per half (two cores)."""
    import json

    halves = [folders[0::2], folders[1::2]]

    def run(half: list[Path]) -> list[dict[str, object]]:
        done = subprocess.run(
            [str(tool("python")), "-m", "tests.docs.mkdocs_many", *map(str, half)],
            cwd=ROOT, env=QUIET, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]

    with ThreadPoolExecutor(max_workers=2) as pool:
        lines = [line for half in pool.map(run, halves) for line in half]
    return {str(line["folder"]): (bool(line["ok"]), str(line["output"])) for line in lines}


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
    built = _build_all(list(sites.values()))
    results = {name: built[str(folder)] for name, folder in sites.items()}
    failed = {name: out for name, (ok, out) in results.items() if not ok}
    print(f"\ncorpus docs: {len(results)} built strict, {len(refused)} refused by the parser")
    assert not failed, "\n\n".join(f"{name}:\n{out}" for name, out in failed.items())
    assert results, "no corpus document produced docs"
