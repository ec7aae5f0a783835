"""jsonschema-rs proves the validator's meta-schema checks clean, and never changes a finding
(generator/load/meta_proof.py): every document here is judged with the proofs and without
them, and the findings must be the same."""

from __future__ import annotations

import copy
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator.load.meta_proof as meta_proof
import generator.load.validate as validate

pytest.importorskip("jsonschema_rs", reason="jsonschema-rs has no wheel for this platform")

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"


def read(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    return json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)


class Counted:
    """How often each proof said "valid" and "not proven"."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.proven: dict[str, int] = {"document": 0, "schema": 0}
        self.left: dict[str, int] = {"document": 0, "schema": 0}
        for name, kind in (("document_valid", "document"), ("schema_valid", "schema")):
            real = getattr(meta_proof, name)

            def counting(*args: Any, _real: Any = real, _kind: str = kind) -> bool:
                verdict: bool = _real(*args)
                (self.proven if verdict else self.left)[_kind] += 1
                return verdict

            monkeypatch.setattr(meta_proof, name, counting)


def without_proofs(document: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    with monkeypatch.context() as patch:
        patch.setattr(meta_proof, "document_valid", lambda *args: False)
        patch.setattr(meta_proof, "schema_valid", lambda *args: False)
        return validate._findings(copy.deepcopy(document))


def openapi_documents() -> Iterator[Path]:
    yield ROOT / "spec" / "pachca.yaml"
    for folder in (CORPUS, CORPUS / "features"):
        if folder.is_dir():
            yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".json"))
    fixtures = ROOT / "tests" / "fixtures"
    yield from sorted(p for p in fixtures.rglob("*.yaml") if "typespec" not in p.parts)


def test_the_corpus_and_our_fixtures_get_the_same_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted = Counted(monkeypatch)
    judged = 0
    for path in openapi_documents():
        try:
            document = read(path)
        except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError):
            continue  # a broken-YAML fixture: never reaches the validator
        if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3"):
            continue  # Swagger 2.0 is converted before it is judged; workflows are not specs
        assert validate._findings(document) == without_proofs(document, monkeypatch), path
        judged += 1
    assert judged >= 10
    # both ways were really taken: proven clean, and left to the Python checks
    assert counted.proven["document"] and counted.left["document"]
    assert counted.proven["schema"] and counted.left["schema"]


# --- a differential fuzz: schemas and documents made invalid, or odd but valid, at random --

_SCHEMA_EDITS: tuple[tuple[str, Any], ...] = (
    ("type", "nope"),
    ("type", ["string", "string"]),
    ("type", "integer"),
    ("maxLength", 10.0),
    ("maxLength", -1),
    ("maxLength", "5"),
    ("minimum", True),
    ("multipleOf", 0),
    ("pattern", "(("),
    ("pattern", r"^\p{L}+$"),
    ("pattern", "^[a-z]+$"),
    ("pattern", 5),
    ("required", []),
    ("required", ["a", "a"]),
    ("required", ["not_a_property"]),
    ("enum", []),
    ("enum", [1, 1.0]),
    ("enum", [1, True]),
    ("items", []),
    ("items", {"type": "string"}),
    ("properties", []),
    ("additionalProperties", 3),
    ("additionalProperties", False),
    ("nullable", "yes"),
    ("format", 5),
    ("format", "date-time"),
    ("default", "text"),
    ("default", None),
    ("x-anything", {"pattern": "(("}),
    ("allOf", []),
    ("allOf", [{"required": ["zz"]}]),
    ("oneOf", [{"type": "string"}, 5]),
    ("discriminator", "kind"),
    ("readOnly", "no"),
    ("example", {"pattern": "(("}),
    ("$ref", 7),
)

_DOCUMENT_EDITS = (
    lambda d: d["info"].__setitem__("version", 1),
    lambda d: d.__setitem__("bogus", 1),
    lambda d: d["paths"].__setitem__("no-slash", {}),
    lambda d: d.setdefault("servers", []).append({"url": 5}),
    lambda d: d["info"].pop("title", None),
    lambda d: d.__setitem__("tags", [{"name": "a"}, {"name": "a"}]),
)


def _schemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping that is, by its keys, a schema."""
    stack = [node]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if "type" in value or "properties" in value or "allOf" in value:
                yield value
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


@pytest.mark.parametrize("seed", range(3))
def test_edited_documents_get_the_same_findings(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    base = read(ROOT / "spec" / "pachca.yaml")
    base["paths"] = dict(list(base["paths"].items())[:8])  # all its schemas, fewer operations
    if seed == 2:
        base["openapi"] = "3.1.0"  # the other dialect, and the other document schema
    rng = random.Random(seed)
    counted = Counted(monkeypatch)
    for _ in range(15 if seed < 2 else 8):
        document = copy.deepcopy(base)
        schemas = list(_schemas(document))
        for _ in range(rng.randint(1, 3)):
            key, value = rng.choice(_SCHEMA_EDITS)
            rng.choice(schemas)[key] = copy.deepcopy(value)
        if rng.random() < 0.3:
            rng.choice(_DOCUMENT_EDITS)(document)
        assert validate._findings(document) == without_proofs(document, monkeypatch)
    assert counted.left["schema"] and counted.proven["schema"]


@pytest.mark.parametrize("dialect", ["3.0", "3.1"])
def test_a_pattern_the_python_check_refuses_is_not_proven(dialect: str) -> None:
    """jsonschema-rs checks no format here; the one the Python check has, ``regex``, is
    asked of its own format checker."""
    from openapi_schema_validator import OAS30Validator, OAS31Validator

    checker = (OAS30Validator if dialect == "3.0" else OAS31Validator).FORMAT_CHECKER
    assert meta_proof.schema_valid({"type": "string", "pattern": "^[a-z]+$"}, dialect, checker)
    assert not meta_proof.schema_valid({"type": "string", "pattern": "(("}, dialect, checker)
    assert not meta_proof.schema_valid({"type": "nope"}, dialect, checker)
    assert not meta_proof.schema_valid({"type": "string"}, "3.2", checker)  # no proof for it


def test_without_jsonschema_rs_nothing_is_proven_and_findings_are_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = read(ROOT / "spec" / "pachca.yaml")
    document["components"]["schemas"]["Broken"] = {"type": "nope", "pattern": "(("}
    with_proofs = validate._findings(copy.deepcopy(document))
    monkeypatch.setitem(sys.modules, "jsonschema_rs", None)  # import fails
    monkeypatch.setattr(meta_proof, "_document_proofs", {})
    meta_proof._schema_proof.cache_clear()
    try:
        assert not meta_proof.available()
        assert not meta_proof.document_valid(document, {"type": "object"})
        assert validate._findings(copy.deepcopy(document)) == with_proofs
        assert with_proofs
    finally:
        meta_proof._schema_proof.cache_clear()


def test_an_openapi_3_1_document_is_proven_against_its_own_schema(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted = Counted(monkeypatch)
    document = read(ROOT / "spec" / "pachca.yaml")
    document["openapi"] = "3.1.0"
    assert validate._findings(document) == without_proofs(document, monkeypatch)
    assert counted.proven["document"] == 1 and counted.proven["schema"] > 100
    document["components"]["schemas"]["Broken"] = {"type": "string", "pattern": "(("}
    assert validate._findings(document) == without_proofs(document, monkeypatch) != []
    assert counted.left["schema"] == 1
    del document["components"]["schemas"]["Broken"]
    document["info"]["version"] = 1  # the OpenAPI 3.1 schema wants a string
    assert validate._findings(document) == without_proofs(document, monkeypatch) != []
    assert counted.left["document"] == 1
