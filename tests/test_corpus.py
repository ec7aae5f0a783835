"""Every real-world document in ../shared/corpus: an IR that holds together, or a clean error.

Whatever the document, load + parse ends in one of two ways: an :class:`Api` whose references
all resolve and whose names are usable, or a :class:`SpecError` whose findings are all located
one-liners. Any other exception is a bug. The tally (IR vs error) is printed at the end.
"""

from __future__ import annotations

import dataclasses
import json
import keyword
import re
from collections.abc import Iterator
from typing import Any

import pytest

from generator.diagnostics import SpecError
from generator.ir import Api, TypeRef
from generator.load import load_spec
from generator.parse import parse_spec
from tests.corpus import CORPUS, corpus_documents

DOCUMENTS = [p.relative_to(CORPUS).as_posix() for p in corpus_documents()]
LOCATED = re.compile(r"^[^\s:][^:]*:\d+:\d+: (error|warning): [^\n]+$")
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_TALLY: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def tally(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    yield _TALLY
    if not _TALLY:
        return
    irs = sum(1 for outcome in _TALLY.values() if outcome.startswith("IR"))
    lines = [f"corpus: {irs} IR, {len(_TALLY) - irs} clean error(s)"]
    lines += [f"  {doc}: {_TALLY[doc]}" for doc in sorted(_TALLY)]
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is None:  # pragma: no cover - run with -p no:capture
        print("\n".join(lines))
        return
    with capture.global_and_fixture_disabled():
        print("\n" + "\n".join(lines))


def _types(api: Api) -> Iterator[TypeRef]:
    def walk(typ: TypeRef | None) -> Iterator[TypeRef]:
        while typ is not None:
            yield typ
            typ = typ.items

    for schema in api.schemas:
        for item in (*[f.type for f in schema.fields], schema.additional, schema.target):
            yield from walk(item)
        for variant in schema.variants:
            yield from walk(variant.type)
    for op in api.operations:
        for param in op.parameters:
            yield from walk(param.type)
        if op.body is not None:
            yield from walk(op.body.type)
            for body_field in (*op.body.fields, *op.body.outer_fields):
                yield from walk(body_field.type)
        for response in op.responses:
            yield from walk(response.type)
            yield from walk(response.unwrapped_type)
        if op.pagination is not None:
            yield from walk(op.pagination.item_type)


def _is_py_name(name: str) -> bool:
    return name.isidentifier() and name.isascii() and not keyword.iskeyword(name)


def check_ir(api: Api) -> None:
    """What every target relies on, whatever the spec."""
    names = [s.name for s in api.schemas]
    assert len(set(names)) == len(names)
    assert all(_is_py_name(name) and name[0].isupper() for name in names)
    assert all(_is_py_name(s.module) for s in api.schemas)
    known = set(names)
    dangling = {t.ref for t in _types(api) if t.kind == "ref" and t.ref not in known}
    assert not dangling, f"references to schemas that do not exist: {sorted(dangling)}"
    for schema in api.schemas:
        fields = [f.names.py for f in schema.fields]
        assert len(set(fields)) == len(fields), schema.name
        assert all(_is_py_name(n) for n in fields), schema.name
        assert all(KEBAB.match(f.names.cli) for f in schema.fields), schema.name
        members = [v.name for v in schema.enum_values]
        assert len(set(members)) == len(members), schema.name
    services = [s.names.py for s in api.services]
    assert len(set(services)) == len(services)
    for service in api.services:
        methods = [op.names.py for op in service.operations]
        commands = [op.names.cli for op in service.operations]
        assert len(set(methods)) == len(methods), service.name
        assert len(set(commands)) == len(commands), service.name
        assert all(_is_py_name(m) for m in methods) and all(KEBAB.match(c) for c in commands)
        for op in service.operations:
            args = [p.names for p in op.parameters]
            if op.body is not None:
                args += [f.names for f in (*op.body.fields, *op.body.outer_fields)]
            assert len({a.py for a in args}) == len(args), op.id
            assert len({a.cli for a in args}) == len(args), op.id
            assert all(_is_py_name(a.py) for a in args), op.id
    ids = [op.id for op in api.operations]
    assert len(set(ids)) == len(ids)
    json.dumps(dataclasses.asdict(api))  # what `dxgen inspect` prints


@pytest.mark.parametrize("doc", DOCUMENTS or [None])
def test_corpus_document_gives_an_ir_or_a_clean_error(doc: str | None) -> None:
    if doc is None:
        pytest.skip(f"no corpus at {CORPUS}")
    try:
        spec = load_spec(CORPUS / doc, base_dir=CORPUS)
        api, findings = parse_spec(spec)
    except SpecError as exc:
        assert exc.diagnostics
        for diagnostic in exc.diagnostics:
            assert LOCATED.match(diagnostic.render()), diagnostic.render()
        first = exc.diagnostics[0].render()
        _TALLY[doc] = f"error ({len(exc.diagnostics)}): {first}"
        return
    diagnostics: list[Any] = [*spec.diagnostics, *findings]
    for diagnostic in diagnostics:
        assert LOCATED.match(diagnostic.render()), diagnostic.render()
    check_ir(api)
    _TALLY[doc] = (
        f"IR, {len(api.operations)} operations, {len(api.schemas)} schemas, "
        f"{len(diagnostics)} warning(s)"
    )
