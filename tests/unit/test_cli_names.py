"""The CLI action rule (``cli_actions``): service noun and owner noun dropped, clashes and
reserved names keep the whole name, aliases, destructive operations, builtin group names."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ir import Names, Operation
from generator.parse.nouns import noun_forms, singular
from generator.parse.operations import cli_actions
from tests.conftest import Parsed


def _op(op_id: str, py: str, path: str, method: str = "GET") -> Operation:
    return Operation(
        id=op_id,
        names=Names(op_id, py, py, py),
        service="S",
        method=method,
        path=path,
        summary="",
        description="",
        pointer="",
    )


@pytest.mark.parametrize(
    ("service", "op_id", "py", "path", "expected"),
    [
        ("Messages", "createMessage", "create_message", "/messages", "create"),
        ("Chats", "listChats", "list_chats", "/chats", "list"),
        ("Chats", "archiveChat", "archive_chat", "/chats/{id}/archive", "archive"),
        ("Members", "addChatMembers", "add_chat_members", "/chats/{id}/members", "add"),
        (
            "Members",
            "addChatGroupTags",
            "add_chat_group_tags",
            "/chats/{id}/group_tags",
            "add-group-tags",
        ),
        ("Search", "searchMessages", "search_messages", "/search/messages", "messages"),
        ("Group tags", "listGroupTagUsers", "list_group_tag_users", "/group_tags/{id}/users",
         "list-users"),
        ("Users", "getUserStatus", "get_user_status", "/users/{user_id}/status", "get-status"),
        ("Categories", "listCategories", "list_categories", "/categories", "list"),
        ("Boxes", "getBox", "get_box", "/boxes/{id}", "get"),
        # nothing would be left: the name stays whole
        ("Health", "health", "health", "/health", "health"),
        # a noun of several words the path spells is not split
        ("accounts", "PostAccountsAccountBankAccounts", "create_bank_account",
         "/v1/accounts/{account}/bank_accounts", "create-bank-account"),
        ("accounts", "GetAccountsAccountBankAccountsId", "retrieve_bank_account",
         "/v1/accounts/{account}/bank_accounts/{id}", "retrieve-bank-account"),
        # ... but is dropped whole where it is the service's own noun
        ("Bank accounts", "createBankAccount", "create_bank_account", "/bank_accounts",
         "create"),
    ],
)  # fmt: skip
def test_action_drops_the_service_and_owner_nouns(
    service: str, op_id: str, py: str, path: str, expected: str
) -> None:
    names = cli_actions(service, [_op(op_id, py, path)], {"help"})
    assert names[op_id][0] == expected


def test_clashing_actions_keep_their_whole_names_and_aliases_stay_unique() -> None:
    ops = [
        _op("getUser", "get_user", "/users/{id}"),
        _op("getUsers", "get_users", "/users"),  # both would be `get`
        _op("listUsers", "list_users", "/users"),
    ]
    names = cli_actions("Users", ops, {"help"})
    assert names["getUser"] == ("get-user", ())
    assert names["getUsers"] == ("get-users", ())
    assert names["listUsers"] == ("list", ("list-users",))


def test_reserved_names_are_not_taken() -> None:
    ops = [_op("uploadFile", "upload_file", "/files", "POST"), _op("help", "help", "/help")]
    names = cli_actions("Files", ops, {"help", "upload"})
    assert names["uploadFile"][0] == "upload-file"
    assert names["help"][0] == "help-2"


def test_noun_forms() -> None:
    assert singular("categories") == "category"
    assert singular("boxes") == "box"
    # a tag is tried as written too, so a word ending in s matches itself
    assert ("status",) in noun_forms(["status"])
    assert noun_forms(["group", "tags"])[0] in {("group", "tags"), ("group", "tag")}


def test_pachca_commands(parsed: Callable[[str], Parsed]) -> None:
    from generator.load import load_spec
    from generator.parse import parse_spec
    from tests.cli_env import ROOT

    api, _ = parse_spec(load_spec(ROOT / "spec" / "pachca.yaml"))
    commands = {f"{s.names.cli} {op.names.cli}": op for s in api.services for op in s.operations}
    for expected in (
        "messages create", "chats list", "chats archive", "members add", "members list",
        "members leave", "reactions add", "search messages", "files upload-file",
        "group-tags list-users",
    ):  # fmt: skip
        assert expected in commands, expected
    assert commands["messages create"].cli_aliases == ("create-message",)
    assert commands["messages delete"].destructive
    assert not commands["messages create"].destructive
    upload = commands["files upload-file"].upload
    assert upload is not None and upload.cli_name == "upload"
    # every service's actions and aliases are distinct
    for service in api.services:
        seen = [n for op in service.operations for n in (op.names.cli, *op.cli_aliases)]
        assert len(seen) == len(set(seen)), service.name


def test_an_argument_never_takes_a_flag_of_the_cli(tmp_path: Path) -> None:
    """`--output`, `--json`, `--all`, `--color` (whose `--no-color` is global), … are the
    CLI's own: arguments so named get another option name; the wire name is unchanged."""
    from generator.load import load_spec
    from generator.parse import parse_spec

    spec = tmp_path / "clash.yaml"
    params = [
        {"name": n, "in": "query", "schema": {"type": "boolean" if n == "color" else "string"}}
        for n in ("output", "json", "all", "color", "yes", "help", "name")
    ]
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.0.3",
                "info": {"title": "Clash", "version": "1"},
                "paths": {
                    "/things": {
                        "get": {
                            "operationId": "listThings",
                            "tags": ["Config"],
                            "parameters": params,
                            "responses": {"200": {"description": "ok"}},
                        }
                    }
                },
            }
        )
    )
    api, _ = parse_spec(load_spec(spec))
    (service,) = api.services
    assert service.names.cli == "config-2"  # `config` is a built-in command
    (op,) = service.operations
    names = {p.names.wire: p.names.cli for p in op.parameters}
    assert names == {
        "output": "output-2", "json": "json-2", "all": "all-2", "color": "color-2",
        "yes": "yes-2", "help": "help-2", "name": "name",
    }  # fmt: skip
