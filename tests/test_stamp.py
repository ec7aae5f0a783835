"""A second `dxgen generate` with nothing changed is answered from the first run's stamp
(generator/stamp.py); anything the output depends on that changed makes it a full run."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import generator.cli
import generator.pipeline
import generator.stamp

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UP_TO_DATE = "(nothing changed since the last run)"
TARGETS = ("-t", "sdk", "-t", "llms")  # enough to show it, quick to run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder with a copy of the multi-file fixture, a cache of its own, as the cwd."""
    shutil.copytree(FIXTURES / "multifile", tmp_path / "spec")
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def dxgen(*args: str) -> Result:
    return CliRunner().invoke(generator.cli.main, ["generate", *args])


def generate(*extra: str, spec: str = "spec/root.yaml") -> Result:
    result = dxgen(spec, "-o", "out", *TARGETS, *extra)
    assert result.exit_code == 0, result.output
    return result


def files_of(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def pipeline_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline ran")

    monkeypatch.setattr(generator.pipeline, "build_api", refuse)


def test_a_rerun_with_nothing_changed_does_no_work_and_writes_nothing(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = generate()
    assert UP_TO_DATE not in first.stdout
    before = files_of(project / "out")
    pipeline_forbidden(monkeypatch)
    again = generate()
    assert UP_TO_DATE in again.stdout
    assert f"0 written, {len(before)} unchanged, 0 removed" in again.stdout
    assert files_of(project / "out") == before  # not one byte or mtime touched
    checked = dxgen("spec/root.yaml", "-o", "out", *TARGETS, "--check")
    assert checked.exit_code == 0
    assert "is up to date" in checked.stdout


def test_the_warnings_of_the_first_run_are_said_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    monkeypatch.chdir(FIXTURES)
    out = str(tmp_path / "out")
    first = CliRunner().invoke(
        generator.cli.main, ["generate", "bad/invalid_but_usable.yaml", "-o", out, *TARGETS]
    )
    assert first.exit_code == 0, first.output
    warnings = [line for line in first.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) >= 2
    strict = CliRunner().invoke(
        generator.cli.main,
        ["generate", "--strict", "bad/invalid_but_usable.yaml", "-o", out, *TARGETS],
    )
    assert strict.exit_code == 2  # another request: a full run, which --strict stops
    pipeline_forbidden(monkeypatch)
    again = CliRunner().invoke(
        generator.cli.main, ["generate", "bad/invalid_but_usable.yaml", "-o", out, *TARGETS]
    )
    assert UP_TO_DATE in again.stdout
    assert again.stderr.splitlines() == first.stderr.splitlines()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_line_with(path: Path, needle: str) -> str:
    return next(line for line in path.read_text().splitlines() if needle in line)


# Each change, made after a first run: what the next run must then do in full.
CHANGES: dict[str, Callable[[Path], tuple[str, ...]]] = {}


def change(name: str) -> Callable[[Callable[[Path], tuple[str, ...]]], None]:
    def register(make: Callable[[Path], tuple[str, ...]]) -> None:
        CHANGES[name] = make

    return register


@change("the spec")
def _spec(root: Path) -> tuple[str, ...]:
    line = _first_line_with(root / "spec/root.yaml", "title:")
    _edit(root / "spec/root.yaml", line, line + " (edited)")
    return ()


@change("a file the spec refers to")
def _referenced(root: Path) -> tuple[str, ...]:
    path = root / "spec/schemas/user.yaml"
    _edit(path, "type: object", "type: object\ndescription: A person (edited).")
    return ()


@change("an output file")
def _output_edited(root: Path) -> tuple[str, ...]:
    (root / "out/llms.txt").write_text("edited by hand\n", encoding="utf-8")
    return ()


@change("an output file removed")
def _output_removed(root: Path) -> tuple[str, ...]:
    (root / "out/llms.txt").unlink()
    return ()


@change("a file added under a root")
def _foreign(root: Path) -> tuple[str, ...]:
    (root / "out/sdk/notes.txt").write_text("mine\n", encoding="utf-8")
    return ()


@change("a killed run's transaction")
def _transaction(root: Path) -> tuple[str, ...]:
    (root / "out" / generator.cli.TXN_DIR).mkdir()
    return ()


@change("the targets")
def _targets(root: Path) -> tuple[str, ...]:
    return ("-t", "docs")


@change("a config file appears")
def _config(root: Path) -> tuple[str, ...]:
    (root / "dxgen.toml").write_text('package = "multi"\n', encoding="utf-8")
    return ()


@change("dxgen's own code or templates")
def _code(root: Path) -> tuple[str, ...]:
    signature = generator.stamp._code_signature()
    generator.stamp._code_signature = lambda: signature + "+edited"  # type: ignore[assignment]
    return ()


@pytest.fixture(autouse=True)
def _restore_code_signature() -> Iterator[None]:
    original = generator.stamp._code_signature
    yield
    generator.stamp._code_signature = original  # type: ignore[assignment]


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_a_change_makes_a_full_run_whose_output_is_right(project: Path, what: str) -> None:
    generate()
    extra = CHANGES[what](project)
    after = generate(*extra)
    assert UP_TO_DATE not in after.stdout, what
    # and it left what a run into an empty folder leaves (beside anything not ours)
    fresh = dxgen("spec/root.yaml", "-o", "fresh", *TARGETS, *extra)
    assert fresh.exit_code == 0
    ours = {rel: data for rel, (data, _) in files_of(project / "fresh").items()}
    there = {rel: data for rel, (data, _) in files_of(project / "out").items() if rel in ours}
    assert there == ours
    # and the run after that, with nothing changed, is answered from its stamp
    assert UP_TO_DATE in generate(*extra).stdout


def test_a_file_not_ours_is_reported_again_by_a_rerun(project: Path) -> None:
    generate()
    (project / "out/sdk/notes.txt").write_text("mine\n", encoding="utf-8")
    full = generate()
    assert "not ours, left alone" in full.stderr
    again = generate()
    assert UP_TO_DATE in again.stdout
    assert again.stderr == full.stderr


def test_no_stamp_when_the_cache_is_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXGEN_CACHE", "0")
    generate()
    assert UP_TO_DATE not in generate().stdout


def test_a_damaged_stamp_means_a_full_run(project: Path) -> None:
    generate()
    entries = [p for p in (project / "cache" / "runs").rglob("*") if p.is_file()]
    assert len(entries) == 1
    for garbage in (b"{not json", b'{"request": 1}', b"[]", b'{"request": null, "inputs": 3}'):
        entries[0].write_bytes(garbage)
        result = generate()
        assert UP_TO_DATE not in result.stdout
    assert UP_TO_DATE in generate().stdout


def test_a_stale_check_records_nothing(project: Path) -> None:
    generate()
    (project / "out/llms.txt").write_text("edited\n", encoding="utf-8")
    stale = dxgen("spec/root.yaml", "-o", "out", *TARGETS, "--check")
    assert stale.exit_code == 1
    again = dxgen("spec/root.yaml", "-o", "out", *TARGETS, "--check")
    assert again.exit_code == 1  # not "up to date" from a stamp the stale check left
    assert os.path.getsize(project / "out/llms.txt") == len("edited\n")


def test_a_spec_saved_while_the_run_reads_it_is_not_taken_for_what_it_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_api = generator.pipeline.build_api
    spec = project / "spec/root.yaml"
    title = _first_line_with(spec, "title:")

    def save_meanwhile(*args: object, **kwargs: object) -> object:
        built = build_api(*args, **kwargs)  # type: ignore[arg-type]
        _edit(spec, title, title + " (saved during the run)")
        return built

    monkeypatch.setattr(generator.pipeline, "build_api", save_meanwhile)
    generate()
    monkeypatch.setattr(generator.pipeline, "build_api", build_api)
    after = generate()
    assert UP_TO_DATE not in after.stdout
    assert "saved during the run" in (project / "out/llms.txt").read_text(encoding="utf-8")
