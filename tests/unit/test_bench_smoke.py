"""The bench (tests/bench_kit.py, tests/bench_child.py) runs, on a tiny synthetic spec: so that
``make bench`` cannot rot unnoticed. Times are not checked, only that each is measured."""

from __future__ import annotations

from pathlib import Path

from tests.bench_child import phase_name
from tests.bench_kit import (
    PHASES,
    Spec,
    curve_table,
    one_operation_changed,
    opc_table,
    phase_table,
    rerun_table,
    run_kit,
    run_watch,
    synthetic,
    watch_table,
    write_spec,
)


def test_a_full_kit_run_is_measured_phase_by_phase_and_a_second_writes_nothing(
    tmp_path: Path,
) -> None:
    spec = Spec("synthetic-12", write_spec(synthetic(12), tmp_path / "spec.yaml"))
    out, cache = tmp_path / "out", tmp_path / "cache"

    first = run_kit(spec, out, cache)

    assert first.ok, first.error
    assert first.operations == 12
    assert set(first.phases) == set(PHASES)
    assert all(seconds >= 0 for seconds in first.phases.values())
    assert sum(first.phases.values()) <= first.wall
    assert first.written and first.lines > len(first.written)
    assert all((out / rel).is_file() for rel in first.written)
    assert first.peak_mib >= first.main_mib > 10  # a Python process with black: tens of MiB

    again = run_kit(spec, out, cache)
    assert again.ok, again.error
    assert again.written == [] and again.unchanged == len(first.written)

    edited = Spec(spec.label, write_spec(one_operation_changed(synthetic(12)), spec.path))
    changed = run_kit(edited, out, cache)
    assert changed.ok, changed.error
    assert 0 < len(changed.written) < len(first.written)

    for table in (
        phase_table([(spec, first)]),
        rerun_table([(spec, first, again, None)]),
        curve_table([(12, first)]),
    ):
        assert "| " in table and "error" not in table
    assert "synthetic-12" in phase_table([(spec, first)])


def test_a_watching_run_is_measured_edit_by_edit(tmp_path: Path) -> None:
    document = synthetic(12)
    spec = write_spec(document, tmp_path / "spec.yaml")
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = run_kit(Spec("synthetic-12", spec), out, cache)
    assert first.ok, first.error

    watching = run_watch(spec, document, out, cache, edits=2)

    assert not watching.error, watching.error
    assert len(watching.seconds) == len(watching.waits) == 2
    assert all(
        0 < seconds <= wait for seconds, wait in zip(watching.seconds, watching.waits, strict=True)
    )
    assert all(0 < written < len(first.written) for written in watching.written)
    table = watch_table(first, watching)
    assert "| " in table and "failed" not in table


def test_a_failed_run_is_reported_not_raised(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.0.3\npaths: []\n", encoding="utf-8")
    run = run_kit(Spec("broken", broken), tmp_path / "out", None)
    assert not run.ok and run.error
    assert "error" in phase_table([(Spec("broken", broken), run)])


def test_one_operation_changed_changes_exactly_one_operation() -> None:
    before = synthetic(12)
    after = one_operation_changed(before)
    operations = [(path, method) for path, item in before["paths"].items() for method in item]
    differ = [
        key
        for key in operations
        if before["paths"][key[0]][key[1]] != after["paths"][key[0]][key[1]]
    ]
    assert len(operations) == 12 and len(differ) == 1


def test_phase_names_come_from_the_pipeline_progress_messages() -> None:
    assert phase_name("loading pachca.yaml") == "load"
    assert phase_name("validating") == "validate"
    assert phase_name("rendering docs") == "docs"
    assert phase_name("formatting 12 files") == "format"
    assert phase_name("writing") == "write"


def test_the_comparison_table_reads_both_runs() -> None:
    from tests.bench_kit import TIMES, KitRun, ToolRun

    spec = Spec("s", Path("s.yaml"))
    table = opc_table([(spec, KitRun(2.0, 100.0, 0), ToolRun(4.0, 50.0, 1, 3))])
    assert f"0.50{TIMES}" in table and f"2.00{TIMES}" in table and "exit 1" in table
