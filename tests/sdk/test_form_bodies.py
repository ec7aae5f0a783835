"""Form-encoded bodies and deepObject query lists as Stripe's API reads them
(tests/fixtures/features/forms.yaml): models as their fields, mappings as ``key[sub]``, lists
of objects and ``deepObject`` lists indexed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qsl

import pytest
import respx

from .generated_sdk import generated

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "forms.yaml"
BASE = "https://ledger.example.com"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with generated(tmp_path_factory, FIXTURE) as (_, sdk):
        yield sdk


def test_nested_form_fields_are_sent_as_stripe_reads_them(ledger: ModuleType) -> None:
    from importlib import import_module

    address = import_module(f"{ledger.__name__}.types.address").Address
    client = ledger.LedgerClient(base_url=BASE, token="t")
    with respx.mock(base_url=BASE) as router:
        route = router.post("/v1/customers").respond(200, json={"id": "cus_1"})
        client.customers.create_customer(
            email="e@x.test",
            locales=["en", "fr"],
            address=address(city="Paris", line1="1 rue"),
            expand=["invoice"],
            metadata={"plan": "pro"},
            tax_ids=[{"type": "eu_vat", "value": "FR1"}, {"type": "gb_vat", "value": "GB2"}],
        )
    request = route.calls.last.request
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(request.content.decode()) == [
        ("email", "e@x.test"),
        ("locales", "en"),  # no encoding: style form, the key repeated
        ("locales", "fr"),
        ("address[city]", "Paris"),  # the model as its fields, not its repr
        ("address[line1]", "1 rue"),
        ("expand[0]", "invoice"),  # deepObject: indexed
        ("metadata[plan]", "pro"),
        ("tax_ids[0][type]", "eu_vat"),
        ("tax_ids[0][value]", "FR1"),
        ("tax_ids[1][type]", "gb_vat"),
        ("tax_ids[1][value]", "GB2"),
    ]


def test_a_deep_object_list_in_the_query_is_indexed(ledger: ModuleType) -> None:
    client = ledger.LedgerClient(base_url=BASE, token="t")
    with respx.mock(base_url=BASE) as router:
        route = router.get("/v1/customers").respond(200, json={"has_more": False})
        client.customers.list_customers(
            expand=["data.address", "data.tax"], created={"gt": 5}, ids=["a", "b"]
        )
    query = route.calls.last.request.url.query.decode()
    assert parse_qsl(query) == [
        ("expand[0]", "data.address"),  # style: deepObject, as Stripe reads it
        ("expand[1]", "data.tax"),
        ("created[gt]", "5"),
        ("ids", "a"),  # style form (the default): the key repeated
        ("ids", "b"),
    ]
