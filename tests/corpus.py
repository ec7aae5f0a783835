"""The shared corpus (``../shared/corpus``): real OpenAPI documents written by others, read by
path and never copied into the project. Tests that use it skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SUFFIXES = (".yaml", ".yml", ".json")


def corpus_documents() -> list[Path]:
    """Every document of the corpus, sorted; none when there is no corpus."""
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES)
