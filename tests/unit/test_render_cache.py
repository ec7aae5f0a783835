"""The render cache (generator/render_cache.py) never serves a wrong file.

A spec is generated in full, then edited many times at random, one small edit at a time (an
operation's summary, description, parameters, responses; a schema's fields and their types and
descriptions; an enum's values; a tag renamed; the title; an operation added or removed); after
each edit the run that uses the cache (and keeps what it renders, for the next edit) must give
exactly the files, byte for byte and in the same order, that a run without the render cache
gives. Edits the spec's rules refuse (an error from the parser) are undone and others tried.

``DXGEN_DIFF_EDITS`` sets the number of edits per spec (default 14); ``DXGEN_DIFF_SEED`` the
seed (default: a fixed one, so a failure repeats).
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import render_cache, render_store
from generator.config import Config, load_config
from generator.diagnostics import SpecError
from generator.ir import Api, TypeRef
from generator.pipeline import BuildResult, build_api, render_targets
from generator.render_cache import Units
from generator.run_memory import RunMemory
from generator.targets import ALL_TARGET_NAMES, available_targets
from tests.bench_sdk import synthetic_spec

ROOT = Path(__file__).resolve().parents[2]
EDITS = int(os.environ.get("DXGEN_DIFF_EDITS", "14"))
SEED = int(os.environ.get("DXGEN_DIFF_SEED", "20261206"))
METHODS = ("get", "put", "post", "delete", "patch")

Spec = dict[str, Any]


# -- the edits ---------------------------------------------------------------------------------


def _operations(spec: Spec) -> list[dict[str, Any]]:
    return [
        op
        for item in (spec.get("paths") or {}).values()
        for method, op in item.items()
        if method in METHODS and isinstance(op, dict)
    ]


def _schemas(spec: Spec) -> dict[str, Any]:
    found: dict[str, Any] = spec.setdefault("components", {}).setdefault("schemas", {})
    return found


def _objects(spec: Spec) -> list[dict[str, Any]]:
    return [s for s in _schemas(spec).values() if isinstance(s.get("properties"), dict)]


def _json_content(response: Any) -> dict[str, Any] | None:
    if not isinstance(response, dict) or "$ref" in response:
        return None
    content = response.get("content") or {}
    found = content.get("application/json")
    return found if isinstance(found, dict) else None


def edit_summary(spec: Spec, rng: random.Random, n: int) -> str:
    op = rng.choice(_operations(spec))
    op["summary"] = f"{op.get('summary', 'Operation')} (edit {n})"
    return f"summary of {op.get('operationId')}"


def edit_description(spec: Spec, rng: random.Random, n: int) -> str:
    op = rng.choice(_operations(spec))
    op["description"] = f"Described anew, edit {n}.\n\nWith a second paragraph."
    return f"description of {op.get('operationId')}"


def edit_parameter(spec: Spec, rng: random.Random, n: int) -> str:
    op = rng.choice(_operations(spec))
    params = op.setdefault("parameters", [])
    plain = [p for p in params if isinstance(p, dict) and "$ref" not in p]
    choice = rng.randrange(3)
    if choice == 0 or not plain:
        params.append(
            {
                "name": f"extra_{n}",
                "in": "query",
                "description": f"An added filter {n}.",
                "schema": {"type": rng.choice(["string", "integer", "boolean"])},
            }
        )
        return f"parameter added to {op.get('operationId')}"
    param = rng.choice(plain)
    if choice == 1:
        param["description"] = f"Redescribed parameter, edit {n}."
        return f"parameter {param.get('name')} of {op.get('operationId')} described"
    if param.get("in") == "path":
        param["description"] = f"Path parameter, edit {n}."
        return f"path parameter {param.get('name')} of {op.get('operationId')} described"
    params.remove(param)
    return f"parameter {param.get('name')} removed from {op.get('operationId')}"


def edit_response(spec: Spec, rng: random.Random, n: int) -> str:
    op = rng.choice(_operations(spec))
    responses = op.setdefault("responses", {})
    names = list(_schemas(spec))
    target = rng.choice(names) if names else None
    if rng.random() < 0.3 and target:
        responses["409"] = {
            "description": f"Conflict {n}",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{target}"}}},
        }
        return f"error response added to {op.get('operationId')} ({target})"
    for status, response in responses.items():
        content = _json_content(response)
        if str(status).startswith("2") and content is not None and target:
            ref = {"$ref": f"#/components/schemas/{target}"}
            content["schema"] = ref if rng.random() < 0.5 else {"type": "array", "items": ref}
            return f"response {status} of {op.get('operationId')} now {target}"
    responses["200"] = {
        "description": "ok",
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"value": {"type": "string"}}}
            }
        },
    }
    return f"response 200 of {op.get('operationId')} now an inline object"


def edit_field(spec: Spec, rng: random.Random, n: int) -> str:
    objects = _objects(spec)
    if not objects:
        return edit_summary(spec, rng, n)
    schema = rng.choice(objects)
    props: dict[str, Any] = schema["properties"]
    required: list[str] = schema.get("required") or []
    choice = rng.randrange(5)
    if choice == 0 or not props:
        props[f"added_{n}"] = {"type": "string", "description": f"A field added by edit {n}."}
        return "field added"
    name = rng.choice(list(props))
    if choice == 1:
        props.pop(name)
        if name in required:
            required.remove(name)
        return f"field {name} removed"
    if choice == 2:
        new = f"{name}_renamed_{n}"
        schema["properties"] = {new if k == name else k: v for k, v in props.items()}
        if name in required:
            required[required.index(name)] = new
        return f"field {name} renamed"
    if choice == 3:
        props[name] = {"type": rng.choice(["integer", "string", "number", "boolean"])}
        return f"field {name} retyped"
    if isinstance(props[name], dict) and "$ref" not in props[name]:
        props[name]["description"] = f"Field described by edit {n}."
        return f"field {name} described"
    schema["description"] = f"Schema described by edit {n}."
    return "schema described"


def edit_enum(spec: Spec, rng: random.Random, n: int) -> str:
    enums = [s for s in _schemas(spec).values() if isinstance(s.get("enum"), list)]
    for schema in _objects(spec):
        enums += [p for p in schema["properties"].values() if isinstance(p, dict) and "enum" in p]
    enums = [e for e in enums if all(isinstance(v, str) for v in e["enum"])]
    if not enums:
        return edit_field(spec, rng, n)
    enum = rng.choice(enums)
    enum["enum"] = [*enum["enum"], f"value_{n}"]
    return "enum value added"


def edit_tag(spec: Spec, rng: random.Random, n: int) -> str:
    tags = sorted({t for op in _operations(spec) for t in op.get("tags") or ()})
    if not tags:
        return edit_summary(spec, rng, n)
    old = rng.choice(tags)
    new = f"{old} Renamed{n}"
    for op in _operations(spec):
        op["tags"] = [new if t == old else t for t in op.get("tags") or ()]
    for tag in spec.get("tags") or ():
        if isinstance(tag, dict) and tag.get("name") == old:
            tag["name"] = new
    return f"tag {old} renamed"


def edit_title(spec: Spec, rng: random.Random, n: int) -> str:
    spec["info"]["title"] = f"{spec['info']['title']} {n}"
    return "title"


def edit_add_operation(spec: Spec, rng: random.Random, n: int) -> str:
    paths = spec["paths"]
    source_path = rng.choice(list(paths))
    item = copy.deepcopy(paths[source_path])
    for method in list(item):
        if method in METHODS and isinstance(item[method], dict):
            item[method]["operationId"] = f"{item[method].get('operationId', 'op')}Copy{n}"
    paths[f"{source_path.rstrip('/')}/copy{n}"] = item
    return f"operations added (copies of {source_path})"


def edit_remove_operation(spec: Spec, rng: random.Random, n: int) -> str:
    paths = spec["paths"]
    path = rng.choice(list(paths))
    methods = [m for m in paths[path] if m in METHODS]
    if len(methods) <= 1:
        paths.pop(path)
        return f"path {path} removed"
    method = rng.choice(methods)
    paths[path].pop(method)
    return f"{method.upper()} {path} removed"


def edit_tag_description(spec: Spec, rng: random.Random, n: int) -> str:
    tags = sorted({t for op in _operations(spec) for t in op.get("tags") or ()})
    if not tags:
        return edit_summary(spec, rng, n)
    name = rng.choice(tags)
    listed = spec.setdefault("tags", [])
    for tag in listed:
        if isinstance(tag, dict) and tag.get("name") == name:
            tag["description"] = f"Tag described by edit {n}."
            break
    else:
        listed.append({"name": name, "description": f"Tag described by edit {n}."})
    return f"tag {name} described"


def edit_flags(spec: Spec, rng: random.Random, n: int) -> str:
    """An operation deprecated (or not), a field made required (or not), an example."""
    choice = rng.randrange(4)
    if choice == 0:
        op = rng.choice(_operations(spec))
        op["deprecated"] = not op.get("deprecated", False)
        return f"{op.get('operationId')} deprecated: {op['deprecated']}"
    objects = _objects(spec)
    if not objects:
        return edit_summary(spec, rng, n)
    schema = rng.choice(objects)
    if not schema["properties"]:
        return edit_field(spec, rng, n)
    name = rng.choice(list(schema["properties"]))
    if choice == 1:
        required = schema.setdefault("required", [])
        if name in required:
            required.remove(name)
        else:
            required.append(name)
        return f"field {name} required toggled"
    if choice == 2:
        schema["example"] = {name: f"example {n}"}
        return "schema example"
    prop = schema["properties"][name]
    if isinstance(prop, dict) and "$ref" not in prop:
        prop["example"] = n
    return f"field {name} example"


def edit_server(spec: Spec, rng: random.Random, n: int) -> str:
    if rng.random() < 0.5:
        spec["servers"] = [{"url": f"https://edited{n}.example/api"}]
        return "server"
    spec["info"]["description"] = f"The API, described by edit {n}."
    return "info description"


def edit_schema_ref(spec: Spec, rng: random.Random, n: int) -> str:
    """A field now names another schema (or a list of it)."""
    objects = _objects(spec)
    names = list(_schemas(spec))
    if not objects or not names:
        return edit_summary(spec, rng, n)
    schema = rng.choice(objects)
    target = rng.choice(names)
    ref = {"$ref": f"#/components/schemas/{target}"}
    field = f"link_{n}" if rng.random() < 0.5 or not schema["properties"] else None
    field = field or rng.choice(list(schema["properties"]))
    schema["properties"][field] = ref if rng.random() < 0.5 else {"type": "array", "items": ref}
    return f"field {field} now names {target}"


EDIT_KINDS: tuple[Callable[[Spec, random.Random, int], str], ...] = (
    edit_tag_description,
    edit_flags,
    edit_flags,
    edit_server,
    edit_schema_ref,
    edit_schema_ref,
    edit_summary,
    edit_description,
    edit_parameter,
    edit_response,
    edit_response,
    edit_field,
    edit_field,
    edit_field,
    edit_enum,
    edit_tag,
    edit_title,
    edit_add_operation,
    edit_remove_operation,
)


# -- the runs ----------------------------------------------------------------------------------


class Runner:
    """Generates a spec (every target) with the render cache and without it."""

    def __init__(self, work: Path, config: Config, workflows: Path | None, project: bool):
        self.work = work
        self.config = config
        self.workflows = workflows
        self.project = project
        implemented = available_targets()
        self.targets = [implemented[n] for n in ALL_TARGET_NAMES if n in implemented]

    def api(self, spec: Spec) -> Api:
        return self.build(spec).api

    def build(self, spec: Spec, memory: RunMemory | None = None) -> BuildResult:
        path = self.work / "spec.yaml"
        path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
        built = build_api(
            path,
            self.config,
            workflows=self.workflows,
            strict=False,
            use_config_names=self.project,
            defer_validation=True,  # the validator's verdict is not what this tests
            memory=memory,
        )
        built.cancel()
        return built

    def cached(self, api: Api) -> dict[str, bytes]:
        files = render_targets(api, self.targets)
        render_store.settle()  # a first run keeps its files beside the writing
        return files

    def fresh(self, api: Api, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
        with monkeypatch.context() as patch:
            patch.setattr(render_cache, "folder", lambda: None)
            return render_targets(api, self.targets)


def _edits(spec: Spec, rng: random.Random, runner: Runner) -> Iterator[tuple[str, Api]]:
    """The spec edited ``EDITS`` times; each time, what changed and the IR."""
    done = 0
    tries = 0
    while done < EDITS and tries < EDITS * 4:
        tries += 1
        edited = copy.deepcopy(spec)
        what = rng.choice(EDIT_KINDS)(edited, rng, tries)
        try:
            api = runner.api(edited)
        except SpecError:
            continue  # an edit the spec's rules refuse: try another
        spec = edited
        done += 1
        yield what, api


def _differences(cached: dict[str, bytes], fresh: dict[str, bytes]) -> list[str]:
    if list(cached) != list(fresh):
        extra = sorted(set(cached) ^ set(fresh))
        return [f"files or their order differ: {extra[:5] or 'order'}"]
    return [rel for rel in fresh if cached[rel] != fresh[rel]]


def _check(spec: Spec, runner: Runner, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    rng = random.Random(seed)
    first = runner.api(spec)
    assert _differences(runner.cached(first), runner.fresh(first, monkeypatch)) == []
    history: list[str] = []
    for what, api in _edits(spec, rng, runner):
        history.append(what)
        wrong = _differences(runner.cached(api), runner.fresh(api, monkeypatch))
        assert not wrong, f"after {history}: the cache served wrong files: {wrong[:8]}"
    assert len(history) >= EDITS // 2, f"too few edits were accepted: {history}"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    return folder


def _richer_synthetic() -> Spec:
    """The bench's synthetic API, small, with what it lacks: an error model, an enum of many
    values, descriptions, a union and a paginated-looking list."""
    spec = synthetic_spec(24, per_tag=8)
    schemas = spec["components"]["schemas"]
    schemas["Problem"] = {
        "type": "object",
        "required": ["code"],
        "properties": {"code": {"type": "string"}, "detail": {"type": "string"}},
    }
    schemas["Colour"] = {"type": "string", "enum": ["red", "green", "blue", "cyan", "magenta"]}
    schemas["Either"] = {
        "oneOf": [
            {"$ref": "#/components/schemas/Resource0"},
            {"$ref": "#/components/schemas/Resource1"},
        ]
    }
    schemas["Resource0"]["properties"]["colour"] = {"$ref": "#/components/schemas/Colour"}
    schemas["Resource1"]["properties"]["other"] = {"$ref": "#/components/schemas/Either"}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    for op in _operations(spec):
        op["summary"] = f"The {op['operationId']} operation"
        op["responses"]["404"] = {"description": "not found", **error}
    return spec


def test_synthetic_spec_edited_at_random(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = Runner(tmp_path, Config(), None, project=False)
    _check(_richer_synthetic(), runner, monkeypatch, SEED)


def test_pachca_spec_edited_at_random(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = load_config(cwd=ROOT)
    spec = yaml.safe_load((ROOT / "spec" / "pachca.yaml").read_text(encoding="utf-8"))
    runner = Runner(tmp_path, config, config.path_of("workflows"), project=True)
    monkeypatch.chdir(ROOT)
    _check(spec, runner, monkeypatch, SEED + 1)


def test_nested_spec_edited_at_random(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Schemas nested in others share modules and pages (generator/parse/modules.py): an edit
    that moves one, renames one or changes a page's sections re-renders what reads it."""
    fixture = ROOT / "tests" / "fixtures" / "features" / "nested.yaml"
    spec = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    runner = Runner(tmp_path, Config(), None, project=False)
    _check(spec, runner, monkeypatch, SEED + 2)


def test_a_small_edit_renders_few_files(cache_dir: Path, tmp_path: Path) -> None:
    """What the cache is for: after one summary changes, most files come from it."""
    runner = Runner(tmp_path, Config(), None, project=False)
    spec = _richer_synthetic()
    runner.cached(runner.api(spec))
    edited = copy.deepcopy(spec)
    target = spec["paths"]["/resources3"]["get"]
    edited["paths"]["/resources3"]["get"]["summary"] = f"{target['summary']} (edited)"
    api = runner.api(edited)
    units = Units(api, enabled=True)
    planned = [p for t in runner.targets if t.plan for p in t.plan(api, units, {})]
    where = render_cache.folder()
    assert where is not None
    hits = render_store.lookup(where, [p.key for p in planned if p.key])
    missed = [p.rel for p in planned if p.key not in hits]
    assert planned and len(missed) <= len(planned) // 4, missed


def test_the_cache_off_means_no_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXGEN_CACHE", "0")
    assert render_cache.folder() is None
    runner = Runner(tmp_path, Config(), None, project=False)
    api = runner.api(_richer_synthetic())
    units = Units(api, enabled=False)
    assert all(p.key is None for t in runner.targets if t.plan for p in t.plan(api, units, {}))


def test_keys_computed_later_are_the_keys(cache_dir: Path, tmp_path: Path) -> None:
    """A first run (a cold cache) computes its keys after the files, beside the writing: they
    must be the keys a later run looks up."""
    runner = Runner(tmp_path, Config(), None, project=False)
    api = runner.api(_richer_synthetic())
    now = Units(api, enabled=True)
    later = Units(api, enabled=True, deferred=True)
    for target in runner.targets:
        assert target.plan is not None
        eager = [(p.rel, p.key) for p in target.plan(api, now, {})]
        deferred = [(p.rel, p.key) for p in target.plan(api, later, {})]
        assert [rel for rel, _ in eager] == [rel for rel, _ in deferred]
        resolved = [later.resolve(key) if key is not None else None for _, key in deferred]
        assert resolved == [key for _, key in eager], target.name
        assert sum(key is not None for _, key in eager) >= len(eager) - 2  # llms: 2 of none


def _refs_anywhere(value: object, found: set[str]) -> set[str]:
    """Every schema a unit names through a TypeRef, wherever it sits (a generic walk)."""
    if isinstance(value, TypeRef) and value.ref is not None:
        found.add(value.ref)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            _refs_anywhere(getattr(value, item.name), found)
    elif isinstance(value, tuple | list):
        for item in value:
            _refs_anywhere(item, found)
    return found


@pytest.mark.parametrize("which", ["synthetic", "pachca"])
def test_what_a_unit_reaches_covers_every_reference(which: str, tmp_path: Path) -> None:
    """The schemas a key covers for an operation (or a schema) include every schema its IR
    names through a type, wherever the IR holds one: a field the IR gains is not missed."""
    if which == "pachca":
        config = load_config(cwd=ROOT)
        spec = yaml.safe_load((ROOT / "spec" / "pachca.yaml").read_text(encoding="utf-8"))
        runner = Runner(tmp_path, config, None, project=True)
    else:
        spec, runner = _richer_synthetic(), Runner(tmp_path, Config(), None, project=False)
    api = runner.api(spec)
    units = Units(api, enabled=True, salt="test")
    for op in api.operations:
        assert _refs_anywhere(op, set()) <= units.op_reach(op.id)[1], op.id
    for schema in api.schemas:
        assert _refs_anywhere(schema, set()) <= units.schema_reach(schema.name), schema.name
