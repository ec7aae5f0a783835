"""The validator started with the run, in a child that reads the spec itself
(generator.load.validate.EarlyValidation): its verdict is the one the run would reach, and a
spec saved between the two reads is judged as the run read it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.background import BackgroundError
from generator.load import load_spec
from generator.load.validate import EarlyValidation, start_validation

INVALID = """openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      summery: a typo the validator finds
      responses:
        "200": {description: ok}
"""


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)


def _verdict(spec: Path, early: EarlyValidation | None) -> list[str]:
    loaded = load_spec(spec, base_dir=spec.parent, validate=False)
    pending = start_validation(loaded.document, loaded.source_map, background=True, early=early)
    return [d.render() for d in pending.diagnostics()]


def test_the_early_verdict_is_the_runs(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(INVALID, encoding="utf-8")
    early = _verdict(spec, EarlyValidation(spec, spec.parent, None))
    assert len(early) == 1 and "summery" in early[0] and "api.yaml:6:7" in early[0]
    (tmp_path / "cache").rename(tmp_path / "used")  # the same question, asked afresh in place
    assert _verdict(spec, None) == early


def test_a_spec_saved_between_the_two_reads_is_judged_as_the_run_read_it(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(INVALID, encoding="utf-8")
    early = EarlyValidation(spec, spec.parent, None)
    early._work.result()  # type: ignore[union-attr]  # the child has read (and judged) it
    spec.write_text(INVALID.replace("summery", "summary"), encoding="utf-8")
    assert _verdict(spec, early) == []  # what the run read is valid


def test_a_child_whose_read_fails_leaves_the_run_to_judge(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    early = EarlyValidation(spec, spec.parent, None)  # no file yet: the child's load fails
    with pytest.raises(BackgroundError):
        early._work.result()  # type: ignore[union-attr]
    spec.write_text(INVALID, encoding="utf-8")
    assert ["summery" in line for line in _verdict(spec, early)] == [True]


def test_dxgen_generate_adopts_the_early_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command, with the spec named relative to the working folder as users do:
    the child's answer is taken (it read the same files, by the same names), never redone."""
    from click.testing import CliRunner

    import generator.cli
    from generator.load import validate

    def refuse(self: object) -> object:
        raise AssertionError("judged in place: the early verdict was not adopted")

    monkeypatch.setattr(validate._Adopted, "_in_place", refuse)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "api.yaml").write_text(INVALID, encoding="utf-8")
    done = CliRunner().invoke(
        generator.cli.main, ["generate", "api.yaml", "-t", "llms", "-o", "out"]
    )
    assert done.exit_code == 0, done.output
    assert "api.yaml:6:7: warning:" in done.stderr and "summery" in done.stderr
