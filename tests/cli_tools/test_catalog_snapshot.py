"""The generated ``_catalog.py``: a snapshot for the workflows fixture (safety net), and for
hostile spec text: every string arrives in the catalog exactly as written, as data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from syrupy.assertion import SnapshotAssertion

from generator.config import Config
from generator.pipeline import build_api
from generator.targets.cli.catalog import render_catalog
from generator.targets.context import TargetContext

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def catalog_of(spec: Path, workflows: Path | None = None) -> tuple[str, dict[str, Any]]:
    built = build_api(spec, Config(), workflows=workflows, strict=False, use_config_names=False)
    text = render_catalog(TargetContext(built.api))
    namespace: dict[str, Any] = {}
    exec(compile(text, "_catalog.py", "exec"), namespace)
    return text, namespace


def test_catalog_snapshot(snapshot: SnapshotAssertion) -> None:
    text, _ = catalog_of(FIXTURES / "workflows" / "api.yaml", FIXTURES / "workflows" / "good.yaml")
    assert text == snapshot


def test_hostile_text_stays_data() -> None:
    spec = FIXTURES / "features" / "injection.yaml"
    built = build_api(spec, Config(), workflows=None, strict=False, use_config_names=False)
    _, namespace = catalog_of(spec)
    assert namespace["API_TITLE"] == built.api.title
    (entry,) = [op for op in namespace["OPERATIONS"] if op["id"] == "getEvil"]
    op = built.api.operations[[o.id for o in built.api.operations].index("getEvil")]
    assert entry["description"] == op.description.strip()
    assert entry["parameters"][0]["description"] == op.parameters[0].description
    assert set(namespace) >= {"OPERATIONS", "WORKFLOWS", "IDENTITY", "API_VERSION"}
