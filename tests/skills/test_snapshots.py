"""Snapshots of the skills generated for fixture specs: the safety net for any change in
output. Update with `pytest tests/skills/test_snapshots.py --snapshot-update` and review."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.skills.helpers import SPECS, render
from tests.skills.helpers import build_fixture as build


@pytest.mark.parametrize("name", sorted(SPECS))
def test_skills_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    assert render(build(name), "skills") == snapshot


def test_rendering_is_deterministic() -> None:
    assert render(build("workflows"), "skills") == render(build("workflows"), "skills")
