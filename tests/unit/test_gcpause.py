"""Loading and parsing leave no reference cycles behind (generator/load/gcpause.py counts what
they built as old at once, so garbage in a cycle would wait for a full collection: a recursive
closure in the allOf merge kept GitHub's whole first-draft registry, 20 MiB, to the end)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.load import load_spec
from generator.load.gcpause import collector_paused
from generator.parse import parse_spec

ROOT = Path(__file__).resolve().parents[2]
SPECS = [
    ROOT / "spec" / "pachca.yaml",
    *sorted((ROOT / "tests" / "fixtures" / "features").glob("*.yaml")),
    *sorted((ROOT / "tests" / "fixtures" / "swagger2").glob("*.yaml")),
]


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_load_and_parse_leave_no_cycles(spec: Path, collector_off: None) -> None:
    loaded = load_spec(spec, base_dir=spec.parent, validate=False)
    assert gc.collect() == 0, "loading left objects in reference cycles"
    parse_spec(loaded)
    assert gc.collect() == 0, "parsing left objects in reference cycles"


def test_what_the_block_built_is_old_after_it() -> None:
    gc.collect()
    with collector_paused():
        built = [[index] for index in range(10_000)]
    assert gc.isenabled()
    assert gc.get_count()[0] < 100  # not 10,000 young objects for the next collection to walk
    assert not gc.get_freeze_count()  # nothing left frozen
    assert len(built) == 10_000
