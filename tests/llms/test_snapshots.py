"""Snapshots of llms.txt and llms-full.txt generated for fixture specs: the safety net for
any change in output. Update with
`pytest tests/llms/test_snapshots.py --snapshot-update` and review the diff."""

from __future__ import annotations

import pytest
from syrupy.assertion import SnapshotAssertion

from tests.skills.helpers import SPECS, render
from tests.skills.helpers import build_fixture as build


@pytest.mark.parametrize("name", sorted(SPECS))
def test_llms_snapshot(name: str, snapshot: SnapshotAssertion) -> None:
    assert render(build(name), "llms") == snapshot


def test_rendering_is_deterministic() -> None:
    assert render(build("workflows"), "llms") == render(build("workflows"), "llms")
