"""Snapshots of the SDK generated for our fixture specs: the safety net for any change in
output. The static runtime (`_core/`) is left out; its own tests cover it. Update with
`pytest tests/sdk/test_snapshots.py --snapshot-update` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"
SPECS = ["wrapper_body", "unions", "keywords", "injection", "pagination", "recursive", "bodies"]


def render_sdk(name: str) -> dict[str, str]:
    built = build_api(
        FIXTURES / f"{name}.yaml", Config(), workflows=None, strict=False, use_config_names=False
    )
    files = render_targets(built.api, [available_targets()["sdk"]])
    return {
        rel: data.decode("utf-8") for rel, data in sorted(files.items()) if "/_core/" not in rel
    }


@pytest.mark.parametrize("name", SPECS)
def test_sdk_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    assert render_sdk(name) == snapshot


def test_rendering_is_deterministic() -> None:
    assert render_sdk("unions") == render_sdk("unions")
