"""Snapshots of the docs generated for our fixture specs: the safety net for any change in the
pages. Update with `pytest tests/docs/test_snapshots.py --snapshot-update` and review the diff.
Each fixture's docs also build with `mkdocs build --strict` (one build for all of them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

from .conftest import build

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"
SPECS = ["wrapper_body", "unions", "injection", "pagination", "enums_and_uploads", "params"]


def render_docs(name: str) -> dict[str, str]:
    built = build_api(
        FIXTURES / f"{name}.yaml", Config(), workflows=None, strict=False, use_config_names=False
    )
    files = render_targets(built.api, [available_targets()["docs"]])
    return {rel: data.decode("utf-8") for rel, data in sorted(files.items())}


@pytest.mark.parametrize("name", SPECS)
def test_docs_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    assert render_docs(name) == snapshot


def test_rendering_is_deterministic() -> None:
    assert render_docs("unions") == render_docs("unions")


def test_hostile_text_stays_text() -> None:
    """Spec text cannot open HTML, break a table row, a heading, a fence or the YAML."""
    import yaml

    from generator.targets.docs.markdown import cell, inline, json_block, prose
    from generator.targets.render import yaml_string

    hostile = 'a <script>alert(1)</script> | b\n\n# not a heading ```x``` "q" \\'
    assert "<script" not in prose(hostile) and "`x`" in prose("a `x` b")
    assert "<" not in cell(hostile).replace("<br>", "") and "\n" not in cell(hostile)
    assert cell(hostile).count("|") == cell(hostile).count("\\|")
    assert inline("# Title").startswith("\\#") and "\n" not in inline(hostile)
    assert yaml.safe_load(f"k: {yaml_string(hostile)}") == {"k": hostile}
    block = json_block({"x": "```"})
    assert block.startswith("````json") and block.endswith("\n````")


@pytest.mark.parametrize("name", SPECS)
def test_fixture_docs_build_strict(name: str, tmp_path: Path) -> None:
    for rel, text in render_docs(name).items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    build(tmp_path / "docs")
