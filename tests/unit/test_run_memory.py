"""A long-lived run (``dxgen generate --watch``) never makes a file a fresh run would not.

What it keeps between runs (generator/run_memory.py, generator/parse/memo.py) gives back the
last run's objects for what an edit did not reach. Here a spec is edited at random, one small
edit at a time (the edits of tests/unit/test_render_cache.py), and after each the run with the
memory must give the IR a fresh parse gives (field by field, strictly) and exactly the files,
byte for byte and in the same order, that a run with no memory and no cache gives. Edits the
spec's rules refuse are undone, as a watching run leaves its output alone on an error.
"""

from __future__ import annotations

import copy
import gc
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import render_cache, render_store
from generator.config import Config, load_config
from generator.diagnostics import SpecError
from generator.ir import Api, Schema
from generator.load import load_spec
from generator.parse import parse_spec
from generator.parse.memo import ParseMemory, same
from generator.pipeline import BuildResult, render_targets
from generator.recent import Recent
from generator.run_memory import RunMemory
from tests.unit.test_render_cache import (
    EDIT_KINDS,
    SEED,
    Runner,
    Spec,
    _differences,
    _richer_synthetic,
)

ROOT = Path(__file__).resolve().parents[2]
EDITS = 12


class MemoryRunner(Runner):
    """Builds and renders a spec as a watching run does (one memory for all its runs), and
    as a fresh run does."""

    def __init__(self, work: Path, config: Config, workflows: Path | None, project: bool):
        super().__init__(work, config, workflows, project)
        self.memory = RunMemory()

    def remembered(self, spec: Spec) -> tuple[Api, list[str], dict[str, bytes]]:
        built = self.build(spec, self.memory)
        files = render_targets(built.api, self.targets, memory=self.memory)
        render_store.settle()  # as generate() does: a first run keeps its files beside
        self.memory.settle()
        return built.api, _said(built), files

    def fresh_run(
        self, spec: Spec, monkeypatch: pytest.MonkeyPatch
    ) -> tuple[Api, list[str], dict[str, bytes]]:
        built = self.build(spec)
        return built.api, _said(built), self.fresh(built.api, monkeypatch)


def _said(built: BuildResult) -> list[str]:
    return [d.render() for d in built.diagnostics]


def _check(spec: Spec, runner: MemoryRunner, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = random.Random(seed)
    history: list[str] = []
    accepted = tries = 0
    runner.remembered(spec)
    while accepted < EDITS and tries < EDITS * 4:
        tries += 1
        edited = copy.deepcopy(spec)
        what = rng.choice(EDIT_KINDS)(edited, rng, tries)
        try:
            api, said, files = runner.remembered(edited)
        except SpecError:
            continue  # refused: the next run starts from the last good spec
        spec = edited
        accepted += 1
        history.append(what)
        fresh_api, fresh_said, fresh_files = runner.fresh_run(spec, monkeypatch)
        assert same(api, fresh_api), f"after {history}: the IR differs from a fresh parse"
        assert said == fresh_said, f"after {history}: the findings differ"
        wrong = _differences(files, fresh_files)
        assert not wrong, f"after {history}: the memory made wrong files: {wrong[:8]}"
    assert accepted >= EDITS // 2, f"too few edits were accepted: {history}"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    return folder


def test_synthetic_spec_edited_at_random(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = MemoryRunner(tmp_path, Config(), None, project=False)
    _check(_richer_synthetic(), runner, monkeypatch, SEED + 10)


def test_pachca_spec_edited_at_random(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pachca's spec has what the synthetic one lacks: webhooks, the upload flow, workflows,
    inline schemas, warnings."""
    config = load_config(cwd=ROOT)
    spec = yaml.safe_load((ROOT / "spec" / "pachca.yaml").read_text(encoding="utf-8"))
    runner = MemoryRunner(tmp_path, config, config.path_of("workflows"), project=True)
    monkeypatch.chdir(ROOT)
    _check(spec, runner, monkeypatch, SEED + 11)


def test_without_the_render_cache_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``DXGEN_CACHE=0``: the memory alone answers a watching run's files."""
    monkeypatch.setenv("DXGEN_CACHE", "0")
    runner = MemoryRunner(tmp_path, Config(), None, project=False)
    _check(_richer_synthetic(), runner, monkeypatch, SEED + 12)


# -- the parse's memory ------------------------------------------------------------------------


def _inline(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _clashing_spec(first_is_object: bool) -> Spec:
    """``foo``'s response has a property ``request``, named ``FooResponseRequest`` when it is
    an object; ``fooResponse``'s body wants that name too, and gets ``FooResponseRequest2``
    while ``foo``, parsed first, has it."""
    request = _inline({"id": {"type": "string"}}) if first_is_object else {"type": "string"}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Clash", "version": "1"},
        "paths": {
            "/foo": {
                "get": {
                    "operationId": "foo",
                    "responses": {
                        "200": {"description": "ok", **_json(_inline({"request": request}))}
                    },
                }
            },
            "/bar": {
                "post": {
                    "operationId": "fooResponse",
                    "requestBody": _json(_inline({"name": {"type": "string"}})),
                    "responses": {"204": {"description": "done"}},
                }
            },
        },
    }


def _parse(spec: Spec, tmp_path: Path, memo: ParseMemory | None) -> Api:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    api, _ = parse_spec(load_spec(path), Config(), memo=memo)
    return api


def _body_schema(api: Api) -> str:
    op = next(op for op in api.operations if op.id == "fooResponse")
    assert op.body is not None and op.body.type.ref
    return op.body.type.ref


def test_an_inline_name_freed_by_an_edit_is_taken_as_a_fresh_parse_takes_it(
    tmp_path: Path,
) -> None:
    """The untouched operation's last parse claimed ``FooResponseRequest2``; once the edit
    frees ``FooResponseRequest``, its claim would be another: it is parsed again."""
    memo = ParseMemory()
    assert _body_schema(_parse(_clashing_spec(True), tmp_path, memo)) == "FooResponseRequest2"
    freed = _parse(_clashing_spec(False), tmp_path, memo)
    assert _body_schema(freed) == "FooResponseRequest"
    assert same(freed, _parse(_clashing_spec(False), tmp_path, None))
    taken = _parse(_clashing_spec(True), tmp_path, memo)
    assert _body_schema(taken) == "FooResponseRequest2"
    assert same(taken, _parse(_clashing_spec(True), tmp_path, None))


def test_an_untouched_operation_is_the_last_runs_object(tmp_path: Path) -> None:
    memo = ParseMemory()
    spec = _clashing_spec(True)
    before = _parse(spec, tmp_path, memo)
    spec["paths"]["/foo"]["get"]["summary"] = "Edited"
    after = _parse(spec, tmp_path, memo)
    old = {op.id: op for op in before.operations}
    new = {op.id: op for op in after.operations}
    assert new["fooResponse"] is old["fooResponse"]
    assert new["foo"] is not old["foo"] and new["foo"].summary == "Edited"
    kept = {s.name: s for s in before.schemas}
    assert all(s is kept[s.name] for s in after.schemas)  # none of them changed


def test_same_is_strict() -> None:
    assert same({"a": 1, "b": [1.5, "x"]}, {"a": 1, "b": [1.5, "x"]})
    assert not same(1, True) and not same(1, 1.0) and not same(0.0, -0.0)
    assert not same({"a": 1, "b": 2}, {"b": 2, "a": 1})  # the order is what a target writes
    assert not same(float("nan"), float("nan"))  # never taken back: made again
    one = Schema(name="A", kind="alias", pointer="", example={"n": 1})
    assert same(one, Schema(name="A", kind="alias", pointer="", example={"n": 1}))
    assert not same(one, Schema(name="A", kind="alias", pointer="", example={"n": True}))
    assert same(frozenset({"a"}), frozenset({"a"}))


def test_a_long_run_keeps_one_run_back_not_all_of_them(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each run's units hold the last run's, for its reach facts: never a chain of all the
    runs there were (a watching session ran out of memory by a few MiB an edit)."""
    runner = MemoryRunner(tmp_path, Config(), None, project=False)
    spec = _richer_synthetic()
    for number in range(6):
        edited = copy.deepcopy(spec)
        edited["info"]["description"] = f"Run {number}"
        runner.remembered(edited)
    chain: list[object] = []
    units = runner.memory.units
    while isinstance(units, render_cache.Units):
        chain.append(units)
        units = units._last
    assert len(chain) == 2  # this run's, and the last run's for its reach facts
    gc.collect()
    kept = {id(o) for o in gc.get_referents(runner.memory)}
    assert sum(isinstance(o, render_cache.Units) for o in gc.get_objects() if id(o) in kept) <= 1


def test_recent_answers_keep_what_the_last_run_used() -> None:
    recent: Recent[str, int] = Recent()
    recent.put("a", 1)
    recent.put("b", 2)
    recent.turn()
    assert recent.get("a") == 1  # asked of this run: carried on
    assert recent.turn() == {"a": 1, "b": 2}  # the run before: given back to let go of
    assert recent.get("a") == 1 and recent.get("b") is None
