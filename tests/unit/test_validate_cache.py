"""The validator's verdict is cached by the document's content, and located afresh each run."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.load.validate as validate
from generator.load import load_spec

SPEC = """openapi: 3.0.3
info: {title: T, version: "1"}
paths:
  /a:
    get:
      responses:
        "200": {description: ok}
      bogus: 1
"""


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    counted: list[int] = []
    real = validate._findings

    def counting(document: dict[str, object]) -> list[tuple[str, str]]:
        counted.append(1)
        return real(document)

    monkeypatch.setattr(validate, "_findings", counting)
    return counted


def rendered(path: Path) -> list[str]:
    return [d.render() for d in load_spec(path).diagnostics]


def test_a_hit_gives_the_same_findings_located_in_the_file_as_it_is_now(
    tmp_path: Path, calls: list[int]
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    first = rendered(spec)
    assert len(first) == 1 and "bogus" in first[0] and ":8:" in first[0]
    spec.write_text("# a comment moves everything down\n\n" + SPEC)
    second = rendered(spec)
    assert len(calls) == 1  # same content: the validator was not asked again
    assert second == [first[0].replace(":8:", ":10:")]


def test_a_changed_document_is_validated_again(tmp_path: Path, calls: list[int]) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    rendered(spec)
    spec.write_text(SPEC.replace("bogus: 1", "bogus: 2"))
    rendered(spec)
    spec.write_text(SPEC.replace("bogus: 1", 'bogus: "1"'))  # a string is another document
    rendered(spec)
    assert len(calls) == 3


def test_a_damaged_entry_is_replaced(tmp_path: Path, calls: list[int]) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    first = rendered(spec)
    for entry in (tmp_path / "cache" / "validate").rglob("*"):
        if entry.is_file():
            entry.write_text("{not json")
    assert rendered(spec) == first
    assert rendered(spec) == first
    assert len(calls) == 2


@pytest.mark.parametrize("distribution", ["black", "ruff", "openapi-spec-validator", "PyYAML"])
def test_a_tool_version_is_what_importlib_metadata_says(distribution: str) -> None:
    """Read from the .dist-info folder's name, without importing importlib.metadata."""
    from importlib.metadata import version

    from generator import cache

    assert cache._dist_info_version(distribution) == version(distribution)
    assert cache._dist_info_version(distribution.upper().replace("-", "_")) == version(distribution)


def test_an_egg_info_or_an_unknown_name_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import cache

    first, second = tmp_path / "first", tmp_path / "second"
    (first / "Some.Tool-1.2.egg-info").mkdir(parents=True)
    (second / "some_tool-9.9.dist-info").mkdir(parents=True)
    (second / "other_tool-3.4.dist-info").mkdir()
    (second / "twice-1.0.dist-info").mkdir()
    (second / "twice-2.0.dist-info").mkdir()
    monkeypatch.setattr("sys.path", [str(first), str(tmp_path / "absent"), str(second)])
    assert cache._dist_info_version("other-tool") == "3.4"
    assert cache._dist_info_version("some-tool") is None  # the egg-info comes first
    assert cache._dist_info_version("twice") is None  # which one is importlib's to say
    assert cache._dist_info_version("absent") is None


def test_the_validator_beside_the_run_yields_to_it() -> None:
    """In a child beside the run its priority is lowered; in the run's own process, not."""
    import os
    from functools import partial

    from generator.background import Background

    own = os.nice(0)
    beside = Background(partial(validate._yielding, os.getpid(), lambda: os.nice(0))).result()
    assert beside == min(own + 10, 19)
    assert validate._yielding(os.getpid(), lambda: os.nice(0)) == own == os.nice(0)
