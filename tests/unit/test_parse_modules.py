"""Which schemas share a model module and a docs page (generator/parse/modules.py)."""

from __future__ import annotations

from pathlib import Path

from generator.ir import Schema
from generator.load import load_spec
from generator.parse import parse_spec
from generator.parse.modules import module_leaders, owners

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"


def _schemas() -> dict[str, Schema]:
    loaded = load_spec(FIXTURES / "nested.yaml", base_dir=FIXTURES, validate=False)
    api, diagnostics = parse_spec(loaded)
    assert not diagnostics
    return {schema.name: schema for schema in api.schemas}


def test_an_inline_schema_lives_with_the_outermost_schema_it_is_defined_in() -> None:
    schemas = _schemas()
    where = {name: (s.module, s.page, s.page_anchor) for name, s in schemas.items()}
    assert where["Order"] == ("order", "order", "")
    assert where["OrderCustomer"] == ("order", "order", "order-customer")
    assert where["OrderCustomerAddressKind"] == ("order", "order", "order-customer-address-kind")
    # an operation's inline body is a group of its own, and holds what is nested in it
    assert where["CreateOrderRequest"] == ("create_order_request", "create_order_request", "")
    assert where["CreateOrderRequestLinesItemGift"][:2] == ("create_order_request",) * 2


def test_a_component_reached_by_a_pointer_into_another_keeps_its_own_module() -> None:
    schemas = _schemas()
    assert not schemas["Hours"].inline
    assert (schemas["Hours"].module, schemas["Hours"].page_anchor) == ("hours", "")
    assert schemas["Shop"].module == schemas["ShopOwner"].module == "shop"


def test_groups_on_a_reference_cycle_share_a_module_but_not_a_page() -> None:
    schemas = _schemas()
    cycle = ["Team", "TeamLead", "Member", "MemberTeamsItem"]
    assert {schemas[name].module for name in cycle} == {"member"}
    assert all(schemas[name].recursive for name in cycle)
    assert (schemas["Team"].page, schemas["TeamLead"].page) == ("team", "team")
    assert (schemas["Member"].page, schemas["MemberTeamsItem"].page) == ("member", "member")
    assert [schemas[n].page_anchor for n in cycle] == ["", "team-lead", "", "member-teams-item"]


def _schema(name: str, pointer: str, *, inline: bool = True) -> Schema:
    return Schema(name=name, kind="object", pointer=pointer, inline=inline)


def test_owners_take_the_outermost_enclosing_schema_and_leave_components_alone() -> None:
    schemas = {
        "A": _schema("A", "/components/schemas/A", inline=False),
        "AB": _schema("AB", "/components/schemas/A/properties/b"),
        "ABC": _schema("ABC", "/components/schemas/A/properties/b/items/properties/c"),
        "Ref": _schema("Ref", "/components/schemas/A/properties/r", inline=False),
        "Loose": _schema("Loose", "/paths/~1x/get/responses/200/content/application~1json/schema"),
    }
    assert owners(schemas) == {"A": "A", "AB": "A", "ABC": "A", "Ref": "Ref", "Loose": "Loose"}


def test_module_leaders_merge_the_groups_of_a_cycle_under_the_least_name() -> None:
    group_of = {"A": "A", "AX": "A", "B": "B", "BY": "B", "C": "C"}
    graph: dict[str, set[str]] = {"A": {"AX"}, "AX": {"B"}, "B": {"BY"}, "BY": {"A"}, "C": {"A"}}
    leaders = module_leaders(graph, group_of)
    assert leaders == {"A": "A", "AX": "A", "B": "A", "BY": "A", "C": "C"}


def test_a_union_made_up_for_a_place_heads_no_group() -> None:
    """The events of OpenAPI 3.1's ``webhooks`` section lie under ``/webhooks``, the pointer of
    the ``WebhookEvent`` union parse makes of them; they are not defined inside it."""
    loaded = load_spec(FIXTURES / "webhooks_31.yaml", base_dir=FIXTURES, validate=False)
    api, _ = parse_spec(loaded)
    schemas = {schema.name: schema for schema in api.schemas}
    assert schemas["WebhookEvent"].pointer == "/webhooks"
    event = schemas["FileUploadedEvent"]
    assert (event.module, event.page, event.page_anchor) == (
        "file_uploaded_event",
        "file_uploaded_event",
        "",
    )
