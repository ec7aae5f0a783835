"""Snapshots of the CLI's command modules generated for our fixture specs (and the files
around them): the safety net for any change in output. The static runtime (`_runtime/`) and
the built-ins' catalog are left out; their own tests cover them. Update with
`pytest tests/cli/test_snapshots.py --snapshot-update` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"
SPECS = sorted(p.stem for p in FIXTURES.glob("*.yaml"))


def render_cli(name: str) -> dict[str, str]:
    built = build_api(
        FIXTURES / f"{name}.yaml", Config(), workflows=None, strict=False, use_config_names=False
    )
    files = render_targets(built.api, [available_targets()["cli"]])
    return {
        rel: data.decode("utf-8")
        for rel, data in sorted(files.items())
        # the runtime is static (its tests cover it); the catalog is the builtins' (their
        # own snapshot, tests/cli_tools)
        if "/_runtime/" not in rel
        and not rel.endswith((".dxgen-manifest.json", "/_catalog.py", "/_catalog.json"))
    }


@pytest.mark.parametrize("name", SPECS)
def test_cli_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    assert render_cli(name) == snapshot


def test_rendering_is_deterministic() -> None:
    assert render_cli("pagination") == render_cli("pagination")
