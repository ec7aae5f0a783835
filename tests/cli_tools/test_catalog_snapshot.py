"""The generated catalog (``_catalog.json``, loaded by ``_catalog.py``): a snapshot for the
workflows fixture (safety net), and for hostile spec text: every string arrives in the catalog
exactly as written, as data."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from syrupy.assertion import SnapshotAssertion

from generator.config import Config
from generator.pipeline import build_api
from generator.targets.cli.catalog import render_catalog
from generator.targets.context import TargetContext

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def catalog_of(spec: Path, workflows: Path | None = None) -> tuple[str, dict[str, Any]]:
    """The catalog's JSON text, and the names ``_catalog.py`` makes of it when it loads it
    (run for real, beside the JSON, in a temporary folder)."""
    built = build_api(spec, Config(), workflows=workflows, strict=False, use_config_names=False)
    files = render_catalog(TargetContext(built.api))
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        namespace: dict[str, Any] = {"__file__": str(Path(folder) / "_catalog.py")}
        exec(compile(files["_catalog.py"], "_catalog.py", "exec"), namespace)
    return files["_catalog.json"], namespace


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
