"""Templates compiled ahead of time (generator/targets/precompile.py) are what a run with an
empty cache uses; one that does not match its template is compiled afresh."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator.targets import render
from generator.targets.precompile import precompile


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Templates compiled into a folder of the test's, used as the shipped ones, with an
    empty dxgen cache and a fresh jinja environment."""
    folder = tmp_path / "_jinja"
    assert precompile(folder) == len(_names())
    monkeypatch.setattr(render, "SHIPPED", folder)
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    render.environment.cache_clear()
    yield folder
    render.environment.cache_clear()


def _names() -> list[str]:
    return [n for n in render.environment().list_templates() if n.endswith(".jinja")]


def _count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: Any = None, *a: Any, **k: Any) -> Any:
        compiled.append(str(name))
        return original(self, source, name, *a, **k)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return compiled


def test_a_run_with_an_empty_cache_compiles_no_template(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _count_compiles(monkeypatch)
    for name in _names():
        render.environment().get_template(name)
    assert compiled == []
    assert not (shipped.parent / "cache").exists()  # nothing compiled, nothing cached


def test_a_shipped_entry_that_does_not_match_its_template_is_compiled_afresh(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = sorted(_names())[:2]
    key = render.environment().bytecode_cache.get_cache_key  # type: ignore[union-attr]
    shutil.copyfile(shipped / key(first), shipped / key(second))  # the wrong template's code
    compiled = _count_compiles(monkeypatch)
    template = render.environment().get_template(second)
    assert compiled == [second]
    assert Path(template.root_render_func.__code__.co_filename).name == Path(second).name
