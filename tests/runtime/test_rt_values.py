"""NotGiven, query serialization, JSON conversion, models and open enums (unit level)."""

from __future__ import annotations

import copy
import enum
import pickle
import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl

import pydantic
import pytest
import respx
from hypothesis import given
from hypothesis import strategies as st


def _mod(core: ModuleType, name: str) -> Any:
    return __import__(f"{core.__name__}.{name}", fromlist=["_"])


# -- NotGiven ----------------------------------------------------------------------------


def test_not_given_sentinel(core: ModuleType) -> None:
    ng = core.NOT_GIVEN
    assert not ng
    assert bool(ng) is False
    assert repr(ng) == "NOT_GIVEN"
    assert core.NotGiven() is ng
    assert copy.copy(ng) is ng and copy.deepcopy(ng) is ng
    assert pickle.loads(pickle.dumps(ng)) is ng
    assert core.is_given(None) and core.is_given(0) and not core.is_given(ng)


def test_strip_not_given(core: ModuleType) -> None:
    ng = core.NOT_GIVEN
    assert core.strip_not_given({"a": 1, "b": ng, "c": None, "d": False}) == {
        "a": 1,
        "c": None,
        "d": False,
    }
    assert core.strip_not_given(None) == {}
    source = {"a": ng}
    assert core.strip_not_given(source) == {} and source == {"a": ng}  # not mutated


# -- query strings -----------------------------------------------------------------------


class _Plain(enum.Enum):
    A = "a-value"


class _Num(enum.IntEnum):
    ONE = 1


def test_serialize_query_scalars(core: ModuleType) -> None:
    ng = core.NOT_GIVEN
    pairs = core.serialize_query(
        {
            "s": "text",
            "i": 5,
            "f": 1.5,
            "t": True,
            "fa": False,
            "e": _Plain.A,
            "n": _Num.ONE,
            "dt": datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
            "d": date(2024, 1, 2),
            "tm": time(10, 30),
            "u": uuid.UUID(int=1),
            "none": None,
            "missing": ng,
            "sort[id]": "desc",
        }
    )
    assert pairs == [
        ("s", "text"),
        ("i", "5"),
        ("f", "1.5"),
        ("t", "true"),
        ("fa", "false"),
        ("e", "a-value"),
        ("n", "1"),
        ("dt", "2024-01-02T03:04:05+00:00"),
        ("d", "2024-01-02"),
        ("tm", "10:30:00"),
        ("u", "00000000-0000-0000-0000-000000000001"),
        ("sort[id]", "desc"),
    ]


def test_serialize_query_lists_and_styles(core: ModuleType) -> None:
    query = {"ids": [1, 2], "tags": ("x", "y"), "flags": [True, False], "empty": []}
    assert core.serialize_query(query) == [
        ("ids", "1"),
        ("ids", "2"),
        ("tags", "x"),
        ("tags", "y"),
        ("flags", "true"),
        ("flags", "false"),
    ]
    styled = core.serialize_query(
        query, {"ids": "comma", "tags": "pipe", "flags": "space", "empty": "comma"}
    )
    assert styled == [("ids", "1,2"), ("tags", "x|y"), ("flags", "true false")]
    deep = core.serialize_query({"expand": ["a", "b"], "ids": [1]}, {"expand": "deepObject"})
    assert deep == [("expand[0]", "a"), ("expand[1]", "b"), ("ids", "1")]
    with pytest.raises(ValueError):
        core.serialize_query({"a": [1]}, {"a": "matrix"})


def test_serialize_query_deep_object(core: ModuleType) -> None:
    assert core.serialize_query({"sort": {"id": "desc", "name": None}, "f": {"a": {"b": 1}}}) == [
        ("sort[id]", "desc"),
        ("f[a][b]", "1"),
    ]


def test_serialize_query_property(core: ModuleType) -> None:
    @given(
        st.dictionaries(
            st.text(min_size=1, max_size=8),
            st.one_of(
                st.none(),
                st.booleans(),
                st.integers(),
                st.text(max_size=10),
                st.lists(st.integers(), max_size=4),
            ),
            max_size=6,
        )
    )
    def check(query: dict[str, Any]) -> None:
        pairs = core.serialize_query(query)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in pairs)
        assert {k for k, _ in pairs} <= set(query)
        for key, value in query.items():
            got = [v for k, v in pairs if k == key]
            if value is None or value == []:
                assert got == []
            elif isinstance(value, bool):
                assert got == ["true" if value else "false"]
            elif isinstance(value, list):
                assert got == [str(v) for v in value]
            else:
                assert got == [str(value)]

    check()


# -- JSON conversion ---------------------------------------------------------------------


def test_to_jsonable(core: ModuleType, models: ModuleType) -> None:
    utils = _mod(core, "_utils")
    chat = models.Chat.model_validate({"id": 1, "name": "n", "public": True, "unknown": "kept"})
    assert utils.to_jsonable(
        {
            "model": chat,
            "dec": Decimal("1.10"),
            "set": {1},
            "enum": models.Priority.HIGH,
            "ng": core.NOT_GIVEN,
            5: "int key",
        }
    ) == {
        "model": {"id": 1, "name": "n", "public": True, "unknown": "kept"},
        "dec": "1.10",
        "set": [1],
        "enum": 2,
        "5": "int key",
    }
    assert utils.dump_json({"a": "ü", "b": None}) == '{"a":"ü","b":null}'.encode()


# -- models ------------------------------------------------------------------------------


def test_model_aliases_and_population(models: ModuleType) -> None:
    by_alias = models.Chat.model_validate({"id": 1, "name": "a", "public": True})
    by_name = models.Chat(id=1, name="a", is_public=True)
    assert by_alias.is_public is True and by_name.is_public is True
    assert by_name.model_dump() == {
        "id": 1,
        "name": "a",
        "public": True,
        "member_ids": [],
        "role": None,
    }
    assert by_name.to_dict() == {"id": 1, "name": "a", "public": True}
    assert by_name.to_json() == '{"id":1,"name":"a","public":true}'
    assert "public" in by_name.model_dump_json()


def test_model_unknown_fields_kept(models: ModuleType) -> None:
    chat = models.Chat.model_validate({"id": 1, "name": "a", "public": False, "new_field": [1]})
    assert chat.new_field == [1]
    assert chat.model_extra == {"new_field": [1]}
    assert chat.model_dump()["new_field"] == [1]


def test_model_still_validates_known_fields(models: ModuleType) -> None:
    with pytest.raises(pydantic.ValidationError):
        models.Chat.model_validate({"id": "x", "name": "a", "public": False})


# -- open enums --------------------------------------------------------------------------


def test_open_str_enum(models: ModuleType) -> None:
    Role = models.ChatMemberRole
    assert Role("admin") is Role.ADMIN
    assert not Role.ADMIN.is_unknown
    unknown = Role("brand_new")
    assert unknown is Role("brand_new")  # cached
    assert unknown.is_unknown
    assert unknown.value == "brand_new"
    assert unknown == "brand_new"
    assert str(unknown) == "brand_new"
    assert isinstance(unknown, Role) and isinstance(unknown, str)
    assert unknown is not Role("other")
    assert list(Role) == [Role.ADMIN, Role.EDITOR, Role.MEMBER]  # members unchanged
    assert len(Role) == 3
    with pytest.raises(ValueError):
        Role(5)


def test_open_int_enum(models: ModuleType) -> None:
    Priority = models.Priority
    assert Priority(2) is Priority.HIGH
    unknown = Priority(7)
    assert unknown is Priority(7) and unknown.is_unknown and unknown.value == 7
    assert unknown == 7
    with pytest.raises(ValueError):
        Priority("7")


def test_open_enum_in_model_field(models: ModuleType) -> None:
    chat = models.Chat.model_validate({"id": 1, "name": "a", "public": True, "role": "owner"})
    assert chat.role is models.ChatMemberRole("owner")
    assert chat.role.is_unknown
    assert chat.to_dict()["role"] == "owner"
    known = models.Chat.model_validate({"id": 1, "name": "a", "public": True, "role": "admin"})
    assert known.role is models.ChatMemberRole.ADMIN


def test_open_enum_is_per_class(core: ModuleType) -> None:
    class A(core.OpenStrEnum):
        X = "x"

    class B(core.OpenStrEnum):
        X = "x"

    assert A("new") is not B("new")
    assert type(A("new")) is A and type(B("new")) is B


def test_closed_enum_unaffected(models: ModuleType) -> None:
    # a plain Enum keeps raising: only Open* enums are open
    with pytest.raises(ValueError):
        _Plain("nope")


# -- form bodies ---------------------------------------------------------------------------


def test_serialize_form_nests_mappings_and_indexes_lists_of_objects(core: ModuleType) -> None:
    form = _mod(core, "_qs").serialize_form
    fields = {
        "email": "e@x",
        "locales": ["en", "fr"],  # a flat list: the key repeated (style form)
        "metadata": {"a": "1", "tags": ["x", "y"], "skip": None},  # a list inside: indexed
        "tax_ids": [{"type": "eu_vat", "value": "x"}, {"type": "gb_vat"}],
        "grid": [[1, 2], [3]],
        "none": None,
        "empty": [],
    }
    assert form(fields) == {
        "email": "e@x",
        "locales": ["en", "fr"],
        "metadata[a]": "1",
        "metadata[tags][0]": "x",
        "metadata[tags][1]": "y",
        "tax_ids[0][type]": "eu_vat",
        "tax_ids[0][value]": "x",
        "tax_ids[1][type]": "gb_vat",
        "grid[0][0]": "1",
        "grid[0][1]": "2",
        "grid[1][0]": "3",
    }


def test_serialize_form_deep_object_style_indexes_a_flat_list(core: ModuleType) -> None:
    form = _mod(core, "_qs").serialize_form
    fields = {"expand": ["customer", "invoice"], "ids": [1, 2], "flag": True}
    assert form(fields, {"expand": "deepObject"}) == {
        "expand[0]": "customer",
        "expand[1]": "invoice",
        "ids": ["1", "2"],
        "flag": "true",
    }
    with pytest.raises(ValueError, match="unknown form style"):
        form({"a": [1]}, {"a": "pipeDelimited"})


def test_a_form_body_sends_models_as_their_fields(
    client: Any, models: ModuleType, core: ModuleType
) -> None:
    message = models.Message.model_construct(content="hi", id=7)
    with respx.mock(base_url=client.base_url) as router:
        route = router.post("/forms").respond(204)
        client.request(
            "POST",
            "/forms",
            cast_to=None,
            multipart={"message": message, "expand": ["a", "b"], "skip": core.NOT_GIVEN},
            form_style={"expand": "deepObject"},
        )
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    # the model as its set fields (by alias, not its repr); NOT_GIVEN dropped
    assert sorted(parse_qsl(request.content.decode())) == [
        ("expand[0]", "a"),
        ("expand[1]", "b"),
        ("message[content]", "hi"),
        ("message[id]", "7"),
    ]
