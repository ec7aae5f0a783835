"""After an edit, the validator checks only the edited pieces when the rest is known clean, and
its findings are always the whole document's (generator/load/validate_pieces.py)."""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import pytest

import generator.load.validate as validate
import generator.load.validate_pieces as validate_pieces
from generator.load import load_spec

HEAD = """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths:
"""

TAIL = """\
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: integer}
"""


def entry(number: int, extra: str = "") -> str:
    return f"""\
  /things{number}:
    get:
      operationId: getThing{number}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {{$ref: "#/components/schemas/Thing"}}
{extra}"""


def spec(count: int = 6, **edits: str) -> str:
    return HEAD + "".join(edits.get(str(n), entry(n)) for n in range(count)) + TAIL


Checked = list[list[str]]


@pytest.fixture
def checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Checked:
    """The paths of every document the validator is given, one list a call."""
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    monkeypatch.setattr(validate_pieces, "GROUP_EVERY", 1)  # a piece an entry
    calls: Checked = []
    real = validate._findings

    def counting(document: dict[str, Any]) -> list[tuple[str, str]]:
        calls.append(list(document.get("paths") or {}))
        return real(document)

    monkeypatch.setattr(validate, "_findings", counting)
    return calls


def findings(path: Path, text: str) -> list[str]:
    path.write_text(text, encoding="utf-8")
    return [d.render() for d in load_spec(path, base_dir=path.parent).diagnostics]


def whole_findings(path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    with monkeypatch.context() as patch:
        patch.setenv("DXGEN_CACHE", "0")
        return findings(path, text)


def test_an_edit_checks_only_its_piece_when_the_rest_is_clean(
    tmp_path: Path, checked: Checked
) -> None:
    path = tmp_path / "api.yaml"
    assert findings(path, spec()) == []
    assert len(checked) == 1 and len(checked[0]) == 6  # the whole, once
    edited = spec(**{"3": entry(3).replace("getThing3", "readThing3")})
    assert findings(path, edited) == []
    assert checked[1] == ["/things3"]  # the skeleton with the edited entry alone
    assert findings(path, spec()) == [] and findings(path, edited) == []
    assert len(checked) == 2  # both known: nothing checked again


def test_with_the_skeleton_known_clean_only_the_schemas_an_edit_reaches_are_checked(
    tmp_path: Path, checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    schemas: list[list[str]] = []
    counting = validate._findings

    def recording(document: dict[str, Any]) -> list[tuple[str, str]]:
        schemas.append(list(document["components"]["schemas"]))
        return counting(document)

    monkeypatch.setattr(validate, "_findings", recording)
    lone = TAIL + "    Lone:\n      type: object\n      properties:\n        x: {type: string}\n"
    path = tmp_path / "api.yaml"
    assert findings(path, HEAD + "".join(entry(n) for n in range(4)) + lone) == []
    uses_lone = entry(2).replace("schemas/Thing", "schemas/Lone")
    edited = HEAD + entry(0) + entry(1) + uses_lone + entry(3) + lone
    assert findings(path, edited) == []
    assert checked[1:] == [["/things2"]] and schemas[1:] == [["Lone"]]
    broken = edited.replace("x: {type: string}", "x: {type: string, default: 1}")
    found = findings(path, broken)  # the skeleton changed: checked with every schema
    assert found == whole_findings(path, broken, monkeypatch) and found
    assert schemas[2] == ["Thing", "Lone"]


def test_an_edit_with_a_finding_is_reported_as_the_whole_reports_it(
    tmp_path: Path, checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "api.yaml"
    findings(path, spec())
    broken = spec(**{"4": entry(4, "      bogus: 1\n")})
    found = findings(path, broken)
    assert len(found) == 1 and "bogus" in found[0]
    assert checked[1:] == [["/things4"], [f"/things{n}" for n in range(6)]]
    assert found == whole_findings(path, broken, monkeypatch)


def test_a_ref_into_paths_is_judged_whole(tmp_path: Path, checked: Checked) -> None:
    path = tmp_path / "api.yaml"
    shared = entry(5).replace(
        '              schema: {$ref: "#/components/schemas/Thing"}',
        '              schema: {$ref: "#/paths/~1things0/get/responses/200/content/'
        'application~1json/schema"}',
    )
    findings(path, spec(**{"5": shared}))
    findings(path, spec(**{"5": shared, "2": entry(2).replace("getThing2", "other")}))
    assert [len(paths) for paths in checked] == [6, 6]


def test_a_required_property_defined_nowhere_under_all_of_is_judged_whole(
    tmp_path: Path, checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Required list has not defined properties" depends on the order schemas are reached in,
    so no piece answers for it: the validator sees the whole document each time."""
    composed = TAIL + (
        "    Composed:\n      allOf: [{$ref: '#/components/schemas/Thing'}]\n"
        "      required: [id, missing]\n"
    )
    uses = entry(1).replace("schemas/Thing", "schemas/Composed")
    text = HEAD + uses + entry(2) + composed
    path = tmp_path / "api.yaml"
    first = findings(path, text)
    edited = text.replace("getThing2", "other")
    assert findings(path, edited) == whole_findings(path, edited, monkeypatch)
    assert [len(paths) for paths in checked] == [2, 2, 2]  # the last: with no cache at all
    assert any("not defined properties" in line for line in first)


def test_by_pieces_needs_plain_refs_and_defined_required_properties() -> None:
    def document(**schemas: Any) -> dict[str, Any]:
        return {"openapi": "3.0.3", "paths": {}, "components": {"schemas": schemas}}

    thing = {"type": "object", "properties": {"id": {"type": "integer"}}}
    composed = {"allOf": [{"$ref": "#/components/schemas/Thing"}], "required": ["id"]}
    assert validate_pieces.by_pieces_ok(document(Thing=thing, Composed=composed))
    missing = {**composed, "required": ["id", "name"]}
    assert not validate_pieces.by_pieces_ok(document(Thing=thing, Composed=missing))
    dangling = {"allOf": [{"$ref": "#/components/schemas/Nothing"}], "required": ["id"]}
    assert not validate_pieces.by_pieces_ok(document(Composed=dangling))
    assert not validate_pieces.by_pieces_ok(document(Thing={"$ref": "other.yaml#/Thing"}))
    assert not validate_pieces.by_pieces_ok(document(Thing={"$id": "x", **thing}))


def test_the_deepest_descent_counts_chains_and_cycles() -> None:
    def chain(length: int, back_to: int | None = None) -> dict[str, Any]:
        schemas: dict[str, Any] = {
            f"S{n}": {"items": {"$ref": f"#/components/schemas/S{n + 1}"}} for n in range(length)
        }
        schemas[f"S{length}"] = (
            {"type": "string"}
            if back_to is None
            else {"properties": {"x": {"$ref": f"#/components/schemas/S{back_to}"}}}
        )
        return {"openapi": "3.0.3", "paths": {}, "components": {"schemas": schemas}}

    assert validate_pieces.deepest_descent(chain(5)) == 6  # S0 … S5
    assert validate_pieces.deepest_descent(chain(5, back_to=2)) == 6  # S0, S1, then S2-S5
    assert validate_pieces.deepest_descent(chain(5, back_to=0)) == 6  # one cycle of six
    long = chain(validate_pieces.MAX_DESCENT + 5)
    assert not validate_pieces.by_pieces_ok(long)
    assert validate_pieces.by_pieces_ok(chain(50))


def test_too_many_groups_are_judged_whole(
    tmp_path: Path, checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate_pieces, "MAX_GROUPS", 2)
    path = tmp_path / "api.yaml"
    findings(path, spec())
    findings(path, spec(**{"3": entry(3).replace("getThing3", "readThing3")}))
    assert [len(paths) for paths in checked] == [6, 6]


def test_another_release_of_the_validator_is_asked_about_the_whole(
    tmp_path: Path, checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(validate_pieces, "CHECKED_RELEASES", frozenset({"0.0.1"}))
    path = tmp_path / "api.yaml"
    findings(path, spec())
    findings(path, spec(**{"3": entry(3).replace("getThing3", "readThing3")}))
    assert [len(paths) for paths in checked] == [6, 6]


def _thing_api() -> dict[str, Any]:
    def operation(number: int) -> dict[str, Any]:
        schema = {"type": "integer", "default": number}
        body = {"schema": {"$ref": "#/components/schemas/Thing"}}
        return {
            "get": {
                "operationId": f"get{number}",
                "parameters": [{"name": "q", "in": "query", "schema": schema}],
                "responses": {"200": {"description": "ok", "content": {"application/json": body}}},
            }
        }

    thing = {"type": "object", "properties": {"id": {"type": "integer"}}}
    other = {"allOf": [{"$ref": "#/components/schemas/Thing"}], "required": ["id"]}
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {f"/t{n}": operation(n) for n in range(8)},
        "components": {"schemas": {"Thing": thing, "Other": other}},
    }


def _body(entry: dict[str, Any]) -> dict[str, Any]:
    content: dict[str, Any] = entry["get"]["responses"]["200"]["content"]["application/json"]
    return content


_ENTRY_EDITS = (
    lambda e: e["get"].__setitem__("bogus", 1),
    lambda e: e["get"]["parameters"][0]["schema"].__setitem__("default", "x"),
    lambda e: e["get"]["parameters"][0]["schema"].__setitem__("type", "nope"),
    lambda e: _body(e).__setitem__("schema", {"$ref": "#/components/schemas/Other"}),
    lambda e: _body(e).__setitem__(
        "schema", {"allOf": [{"$ref": "#/components/schemas/Thing"}], "required": ["zz"]}
    ),
    lambda e: _body(e).__setitem__(
        "schema", {"type": "array", "items": {"$ref": "#/components/schemas/Other"}}
    ),
    lambda e: e["get"].__setitem__("operationId", "get0"),
    lambda e: e["get"]["responses"].__setitem__("999", {"description": "x"}),
    lambda e: e.__setitem__("summary", 5),
    lambda e: _body(e)["schema"].__setitem__("$ref", "#/components/schemas/Nope"),
)
_SKELETON_EDITS = (
    lambda d: d["components"]["schemas"]["Thing"]["properties"]["id"].__setitem__("default", "x"),
    lambda d: d["components"]["schemas"]["Other"].__setitem__("required", ["id", "missing"]),
    lambda d: d["info"].__setitem__("version", 1),
)


@pytest.mark.parametrize("seed", range(2))
def test_pieces_judge_as_the_whole_on_edited_documents(
    seed: int, checked: Checked, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A differential fuzz: after the cache has judged a clean document, edited copies (in
    entries, in the skeleton, valid or not) get the findings the whole document gets."""
    from generator.load.bundle import SourceMap

    def judged(document: dict[str, Any]) -> list[str]:
        pending = validate.start_validation(document, SourceMap(), background=False)
        return [d.render() for d in pending.diagnostics()]

    rng = random.Random(seed)
    assert judged(_thing_api()) == []
    for _ in range(25):
        document = _thing_api()
        if rng.random() < 0.3:
            rng.choice(_SKELETON_EDITS)(document)
        for _ in range(rng.randint(1, 2)):
            rng.choice(_ENTRY_EDITS)(document["paths"][rng.choice(list(document["paths"]))])
        found = judged(document)
        with monkeypatch.context() as patch:
            patch.setenv("DXGEN_CACHE", "0")
            assert found == judged(copy.deepcopy(document))
    assert any(len(paths) < 8 for paths in checked)  # pieces were really judged alone
