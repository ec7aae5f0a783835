"""Operations whose ids only spell their method and path are named by their path's shape
(generator/parse/rest_names.py); ids an author chose are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ir import Api
from generator.load import load_spec
from generator.parse import parse_spec

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def parsed(path: Path) -> Api:
    api, _ = parse_spec(load_spec(path, base_dir=path.parent))
    return api


def methods(api: Api) -> dict[str, tuple[str, str, str]]:
    """operationId → (service, SDK method, CLI action)."""
    return {
        op.id: (service.names.py, op.names.py, op.names.cli)
        for service in api.services
        for op in service.operations
    }


def test_spelled_ids_are_named_by_the_shape_of_their_paths() -> None:
    found = methods(parsed(FIXTURES / "features" / "spelled_ids.yaml"))
    assert found == {
        # the service's own collection: `list`, as openai-python's and stripe-python's
        "GetAccounts": ("accounts", "list", "list"),
        "PostAccounts": ("accounts", "create", "create"),
        # one of the service's own items
        "GetAccountsAccount": ("accounts", "retrieve", "retrieve"),
        "PostAccountsAccount": ("accounts", "update", "update"),
        "DeleteAccountsAccount": ("accounts", "delete", "delete"),
        "GetAccountsAccountCapabilities": ("accounts", "list_capabilities", "list-capabilities"),
        # `retrieve_person` twice: each takes the noun as its path spells it
        "GetAccountsAccountPeoplePerson": ("accounts", "retrieve_people", "retrieve-people"),
        "GetAccountsAccountPersonsPerson": ("accounts", "retrieve_persons", "retrieve-persons"),
        # a plural noun nothing follows is still a collection; a verb is an action
        "PostAccountsAccountLoginLinks": ("accounts", "create_login_link", "create-login-link"),
        "PostAccountsAccountReject": ("accounts", "reject", "reject"),
        # one of a kind: read and updated
        "GetAccount": ("account", "retrieve", "retrieve"),
        "PostAccount": ("account", "update", "update"),
        "GetChargesSearch": ("charges", "search", "search"),
        # read and written at one path: a sub-resource
        "GetChargesChargeDispute": ("charges", "retrieve_dispute", "retrieve-dispute"),
        "PostChargesChargeDispute": ("charges", "update_dispute", "update-dispute"),
        # `close` is the client's own member: the resource before it is added
        "PostChargesChargeDisputeClose": ("charges", "close_dispute", "close-dispute"),
        # `fail` twice in one service: each adds the resource it fails
        "PostTestHelpersInboundTransfersIdFail": (
            "test_helpers",
            "fail_inbound_transfer",
            "fail-inbound-transfer",
        ),
        "PostTestHelpersOutboundPaymentsIdFail": (
            "test_helpers",
            "fail_outbound_payment",
            "fail-outbound-payment",
        ),
        # a keyword is never taken with an underscore: the service's own noun is added
        "PostTestHelpersIdReturn": ("test_helpers", "return_test_helper", "return"),
    }


def test_a_service_with_a_list_method_records_the_builtin_it_shadows() -> None:
    api = parsed(FIXTURES / "features" / "spelled_ids.yaml")
    shadows = {service.names.py: service.shadows for service in api.services}
    assert shadows["accounts"] == ("list",)
    assert shadows["charges"] == ()


def test_the_spelled_out_name_stays_a_hidden_cli_alias() -> None:
    api = parsed(FIXTURES / "features" / "spelled_ids.yaml")
    (op,) = [op for op in api.operations if op.id == "GetAccountsAccount"]
    assert "get-accounts-account" in op.cli_aliases


SPEC_HEAD = """\
openapi: 3.0.3
info: {title: Chosen, version: "1"}
paths:
"""


def _spec(tmp_path: Path, paths: dict[str, dict[str, str]]) -> Path:
    lines = [SPEC_HEAD]
    for path, operations in paths.items():
        lines.append(f"  {path}:\n")
        if "{" in path:
            name = path.split("{")[1].split("}")[0]
            lines.append(
                "    parameters:\n"
                f"      - {{name: {name}, in: path, required: true, schema: {{type: string}}}}\n"
            )
        for method, operation_id in operations.items():
            lines.append(
                f"    {method}:\n      operationId: {operation_id}\n"
                "      responses: {'200': {description: ok}}\n"
            )
    path = tmp_path / "api.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_an_authors_ids_are_kept_where_a_few_spell_their_paths(tmp_path: Path) -> None:
    spec = _spec(
        tmp_path,
        {
            "/profile": {"get": "getProfile"},  # spells its path, and was chosen so
            "/chats": {"get": "listChats", "post": "createChat"},
            "/chats/{id}": {"get": "getChat", "delete": "deleteChat"},
        },
    )
    names = {op.id: op.names.py for op in parsed(spec).operations}
    assert names == {
        "getProfile": "get_profile",
        "listChats": "list_chats",
        "createChat": "create_chat",
        "getChat": "get_chat",
        "deleteChat": "delete_chat",
    }


@pytest.mark.parametrize(
    ("paths", "renamed"),
    [
        # every id spells its path, parameters included: made by a tool
        ({"/v2/items": {"get": "GetItems"}, "/v2/items/{item}": {"get": "GetItemsItem"}}, True),
        # every id spells its path, but no path has a parameter to tell: kept
        ({"/health": {"get": "getHealth"}, "/status": {"get": "getStatus"}}, False),
    ],
)
def test_ids_are_taken_as_a_tools_only_when_they_spell_parameters_too(
    tmp_path: Path, paths: dict[str, dict[str, str]], renamed: bool
) -> None:
    ops = parsed(_spec(tmp_path, paths)).operations
    spelled = {op.id: op.names.py for op in ops}
    if renamed:
        assert spelled == {"GetItems": "list", "GetItemsItem": "retrieve"}
    else:
        assert spelled == {"getHealth": "get_health", "getStatus": "get_status"}
