"""``ir.evolve``: ``dataclasses.replace`` for the IR, as it answers, without its cost."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.config import Config
from generator.ir import Api, Names, evolve
from generator.load import load_spec
from generator.parse import parse_spec

SPEC = Path(__file__).resolve().parents[2] / "spec" / "pachca.yaml"


@pytest.fixture(scope="module")
def api() -> Api:
    loaded = load_spec(SPEC, base_dir=SPEC.parent, validate=False)
    return parse_spec(loaded, Config(), use_config_names=False)[0]


def test_evolve_is_replace(api: Api) -> None:
    operation = api.operations[0]
    for value, changes in (
        (operation, {"summary": "changed"}),
        (operation.names, {"cli": "other"}),
        (api, {"title": "Other", "workflows": ()}),
    ):
        evolved = evolve(value, **changes)  # type: ignore[arg-type]
        assert evolved == dataclasses.replace(value, **changes)  # type: ignore[type-var]
        assert evolved is not value and type(evolved) is type(value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        evolve(operation.names, cli="x").cli = "y"  # type: ignore[misc]


def test_evolve_leaves_what_the_old_value_cached_behind(api: Api) -> None:
    first = api.schemas[0]
    assert api.schema(first.name) is first  # caches the lookup table on `api`
    fewer = evolve(api, schemas=api.schemas[1:])
    with pytest.raises(KeyError):
        fewer.schema(first.name)


def test_evolve_refuses_a_field_that_is_not_there() -> None:
    with pytest.raises(TypeError, match="no field 'nope'"):
        evolve(Names(wire="a", py="a", cli="a", anchor="a"), nope=1)
