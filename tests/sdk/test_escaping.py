"""Spec text is data, never code: hostile descriptions, names and values survive as text."""

from __future__ import annotations

import ast
import json
import re
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.config import Config
from generator.format import format_file
from generator.pipeline import build_api
from generator.targets.sdk import render_sdk
from tests.sdk.generated_sdk import imported, write_sdk

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "injection.yaml"


@pytest.fixture(scope="module")
def evil_sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("evil")
    package = write_sdk(FIXTURE, out, strict=False)
    with imported(out / "sdk" / "src", package) as module:
        yield module


def test_docstrings_carry_the_text_verbatim(evil_sdk: Any) -> None:
    spec = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    operation = spec["paths"]["/evil"]["get"]
    client_class = evil_sdk.InjectionClient
    service = client_class("t", base_url="https://evil.test").evil
    doc = service.get_evil.__doc__ or ""
    assert operation["summary"] in doc
    for line in operation["description"].strip().splitlines():
        assert line.strip() in doc
    model = evil_sdk.Evil
    assert 'A """docstring""" breaker \\' in (model.__doc__ or "")


def test_text_ending_in_quotes_or_backslash_quote(evil_sdk: Any) -> None:
    """Issue 6.4: `a\"\"\"` and `a\\\"` at the end of a description broke the docstring."""
    spec = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["components"]["schemas"]["Quoted"]
    model = evil_sdk.Quoted
    assert model.__doc__ == spec["description"]
    source = Path(sys.modules[model.__module__].__file__ or "").read_text(encoding="utf-8")
    docs = [
        node.value.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    ]
    assert spec["properties"]["tail"]["description"] in docs
    assert spec["properties"]["lead"]["description"] in docs


def test_hostile_property_names_and_values(evil_sdk: Any) -> None:
    model = evil_sdk.Evil
    evil_name = 'a"); import os; #'
    parsed = model.model_validate({evil_name: "x", "kind": '"""'})
    assert parsed.model_dump(by_alias=True, exclude_unset=True) == {evil_name: "x", "kind": '"""'}
    kind_enum = type(parsed.kind)
    assert {m.value for m in kind_enum} == {'"""', "{{ x }}", "\\"}


# -- any text round-trips -----------------------------------------------------------------
#
# What "reads back equal" means (the normalisation the generator is allowed, and no more):
# - prose (titles, summaries, descriptions, enum descriptions) is normalised once by the parser
#   (CRLF/CR → LF, surrounding whitespace stripped, a lone surrogate → U+FFFD), and a docstring
#   may then change whitespace only (re-flowed lines, PEP 257 indentation): its words, i.e.
#   ``str.split()``, are the normalised text's words, in order;
# - literals (enum values, examples, server URLs) read back exactly, lone surrogates included.

_PIECES = st.sampled_from(
    ['"', '"""', "'", "'''", "\\", '\\"', "{{", "}}", "{%", "%}", "{#", "\ud800", "\udfff",
     "\x00", "\x1b", "\x7f", "\r\n", "\r", "\n", "\t", "\x0b", "\x0c", " ", "\u2028", "\x85",
     "\xa0", "a", "Ж", "\U0001f600", "\\x41", "\\N{DASH}", "\\u0041", "#", "`", "\\\n"]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.lists(_PIECES, max_size=8).map("".join),
)


def _prose(text: str) -> str:
    """The parser's normalisation of prose, restated here: the contract the test checks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text).strip()


def _hostile_spec(text: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": f"Echo {text}", "version": "1.0.0", "description": text},
        "servers": [{"url": text}],
        "tags": [{"name": "Things", "description": text}],
        "paths": {
            "/things/{id}": {
                "get": {
                    "operationId": "getThing",
                    "tags": ["Things"],
                    "summary": f"Get {text}",
                    "description": text,
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "description": f"Id {text}",
                            "example": text,
                            "schema": {"type": "string", "pattern": text, "default": text},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": text,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "title": text,
                    "description": f"Thing {text}",
                    "properties": {
                        "note": {
                            "type": "string",
                            "description": f"Note {text}",
                            "example": text,
                            "default": text,
                            "pattern": text,
                        },
                        "kind": {"$ref": "#/components/schemas/Kind"},
                    },
                },
                "Kind": {
                    "type": "string",
                    "description": f"Kind {text}",
                    "enum": [text, "other"] if text != "other" else [text, "another"],
                    "x-enum-descriptions": [f"Kind value {text}", "The other one"],
                },
            }
        },
    }


def _class(tree: ast.Module, name: str) -> ast.ClassDef:
    return next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name)


def _after(body: list[ast.stmt], predicate: Callable[[ast.stmt], bool]) -> str:
    """The docstring that follows the first statement matching ``predicate``."""
    index = next(i for i, node in enumerate(body) if predicate(node))
    follower = body[index + 1]
    assert isinstance(follower, ast.Expr) and isinstance(follower.value, ast.Constant)
    return str(follower.value.value)


def _assigned(node: ast.stmt, name: str) -> bool:
    if isinstance(node, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    return isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == name


def _readme_call_argument(readme: str) -> object:
    """The first positional argument of the README's first ``client.things.get_thing(...)``."""
    for block in re.findall(r"```python\n(.*?)```", readme, flags=re.S):
        for node in ast.walk(ast.parse(block)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get_thing":
                return ast.literal_eval(node.args[0])
    raise AssertionError("no get_thing call in the README")


def _check_round_trip(generated: str, tmp_path: Path) -> None:
    # The text as the spec holds it: JSON reads an escaped surrogate pair as one character.
    text = json.loads(json.dumps(generated))
    spec_path = tmp_path / "hostile.json"
    spec_path.write_text(json.dumps(_hostile_spec(text)), encoding="utf-8")
    built = build_api(spec_path, Config(), workflows=None, strict=False, use_config_names=False)
    files = dict(render_sdk(built.api))
    pkg = f"sdk/src/{built.api.project.package}"
    trees: dict[str, ast.Module] = {}
    for rel, source in files.items():
        source.encode("utf-8")  # every file can be written
        if rel.endswith(".py") and "/_core/" not in rel:
            trees[rel] = ast.parse(source, rel)
    # black is what ships: the modules that carry the text must read the same after it.
    for rel in (f"{pkg}/types/thing.py", f"{pkg}/types/kind.py", f"{pkg}/resources/things.py"):
        trees[rel] = ast.parse(format_file(rel, files[rel]), rel)
    words = _prose(text).split()

    thing = _class(trees[f"{pkg}/types/thing.py"], "Thing")
    assert (ast.get_docstring(thing, clean=False) or "").split() == ["Thing", *words]
    note = _after(thing.body, lambda n: _assigned(n, "note"))
    assert note.split() == ["Note", *words]

    kind = _class(trees[f"{pkg}/types/kind.py"], "Kind")
    assert (ast.get_docstring(kind, clean=False) or "").split() == ["Kind", *words]
    member = next(n for n in kind.body if isinstance(n, ast.Assign))
    assert ast.literal_eval(member.value) == text  # the wire value, exactly
    member_name = getattr(member.targets[0], "id", "")
    member_doc = _after(kind.body, lambda n: _assigned(n, member_name))
    assert member_doc.split() == ["Kind", "value", *words]

    service = _class(trees[f"{pkg}/resources/things.py"], "ThingsService")
    service_doc = (ast.get_docstring(service, clean=False) or "").split()
    assert service_doc == (words or ["Operations", "on", "Things."])  # the tag's description
    method = next(
        n for n in service.body if isinstance(n, ast.FunctionDef) and n.name == "get_thing"
    )
    method_words = (ast.get_docstring(method, clean=False) or "").split()
    assert method_words[: len(words) + 1] == ["Get", *words]
    assert " ".join(["id:", "Id", *words]) in " ".join(method_words)

    client = trees[f"{pkg}/_client.py"]
    sync_client = next(n for n in client.body if isinstance(n, ast.ClassDef))
    base_url = next(n for n in sync_client.body if _assigned(n, "_default_base_url"))
    assert isinstance(base_url, ast.Assign)
    assert ast.literal_eval(base_url.value) == text.rstrip("/")
    client_doc = ast.get_docstring(sync_client, clean=False) or ""
    assert " ".join(["Echo", *words]) in " ".join(client_doc.split())

    assert _readme_call_argument(files["sdk/README.md"]) == text  # the example, exactly
    project = tomllib.loads(files["sdk/pyproject.toml"])["project"]
    assert project["description"] == f"{_prose('Echo ' + text)} Python SDK"


@settings(max_examples=60, deadline=None)
@given(TEXTS)
@example('a"""')
@example('a\\"')
@example("a\\")
@example('"')
@example('""x"')
@example("{{ x }} {% if 1 %}{# c #}")
@example("x\x00\x1b\t\x7f\u2028\x85\ud800y\r\nz\rw")
@example("line\\\nnext")
@example("\ud800\udc00")
def test_any_text_round_trips_into_the_generated_sdk(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _check_round_trip(text, Path(folder))
