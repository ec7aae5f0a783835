"""Schemas defined inside others share their module (generator/parse/modules.py): the SDK of
tests/fixtures/features/nested.yaml, generated, imported and used."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from .generated_sdk import generated

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"


def test_nested_models_share_their_outer_module_and_are_complete_at_import(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with generated(tmp_path_factory, FIXTURES / "nested.yaml") as (src, sdk):
        types = src / sdk.__name__ / "types"
        modules = sorted(p.stem for p in types.glob("*.py"))
        assert modules == [
            "__init__",
            "create_order_request",
            "hours",
            "member",
            "order",
            "person",
            "shop",
        ]
        order = importlib.import_module(f"{sdk.__name__}.types.order")
        # what a model needs is defined before it: pydantic builds each at once
        assert all(
            getattr(order, name).__pydantic_complete__
            for name in ("Order", "OrderCustomer", "OrderCustomerAddress")
        )
        source = (types / "order.py").read_text(encoding="utf-8")
        assert source.index("class OrderCustomerAddress(") < source.index("class OrderCustomer(")
        assert source.index("class OrderCustomer(") < source.index("class Order(")
        parsed = order.Order.model_validate(
            {"id": 1, "customer": {"name": "Ann", "address": {"city": "Oslo", "kind": "work"}}}
        )
        assert parsed.customer.address.kind == order.OrderCustomerAddressKind.WORK
        # the package's lazy exports find a nested model in its outer module
        assert sdk.types.OrderCustomerAddress is order.OrderCustomerAddress


def test_groups_on_a_reference_cycle_share_one_module_that_imports(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    with generated(tmp_path_factory, FIXTURES / "nested.yaml") as (_, sdk):
        member = importlib.import_module(f"{sdk.__name__}.types.member")
        team = member.Team.model_validate(
            {"name": "core", "lead": {"login": "ann", "member": {"login": "ann", "teams": [
                {"team": {"name": "infra"}}
            ]}}}
        )  # fmt: skip
        assert team.lead.member.teams[0].team.name == "infra"
        assert sdk.types.MemberTeamsItem is member.MemberTeamsItem
