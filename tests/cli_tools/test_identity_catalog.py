"""The parser's choice of the "who am I" operations (``Api.identity``), and how the catalog
renders workflow steps as shell commands (checked by a real shell)."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.ir import Api, Identity, WorkflowStep
from generator.load import load_spec
from generator.parse import parse_spec
from generator.targets.context import TargetContext
from generator.targets.snippets.cli_workflow import output_path, shell_variable, step_command


def parse(tmp_path: Path, paths: dict[str, Any]) -> Api:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
    }
    (tmp_path / "api.json").write_text(json.dumps(document))
    api, _ = parse_spec(load_spec(tmp_path / "api.json"))
    return api


def get(op_id: str, properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    schema = {"type": "object", "properties": properties}
    return {
        "get": {
            "operationId": op_id,
            "tags": ["T"],
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": schema}},
                }
            },
            **extra,
        }
    }


STRING = {"type": "string"}
USER = {"id": {"type": "integer"}, "name": STRING, "email": STRING, "bio": STRING}


def test_current_user_and_token_info_are_found(tmp_path: Path) -> None:
    api = parse(
        tmp_path,
        {
            "/users/{id}": {
                **get("getUser", USER),
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": STRING}],
            },
            "/v2/me": get("whoAmI", USER),
            "/oauth/introspect": get(
                "introspect", {"scope": STRING, "active": {"type": "boolean"}}
            ),
        },
    )
    assert api.identity == Identity(
        current_user="whoAmI",
        user_fields=("id", "name", "email"),
        token_info="introspect",
        scopes_field="scope",
    )


def test_no_identity_without_such_operations(tmp_path: Path) -> None:
    required_query = {
        "parameters": [{"name": "q", "in": "query", "required": True, "schema": STRING}]
    }
    api = parse(
        tmp_path,
        {"/user": get("findUser", USER, **required_query), "/things": get("listThings", USER)},
    )
    assert api.identity == Identity()


def test_pachca(pachca_api: Api) -> None:
    assert pachca_api.identity.current_user == "getProfile"
    assert pachca_api.identity.token_info == "getTokenInfo"
    assert pachca_api.identity.scopes_field == "scopes"


# --- workflow steps as commands ------------------------------------------------------------


def step(op: str, **inputs: Any) -> WorkflowStep:
    return WorkflowStep("s", op, "", "", "", inputs=tuple(inputs.items()))


def shell_words(command: str, variables: dict[str, str]) -> list[str]:
    """The argv a POSIX shell gives ``command``, its variables set."""
    script = 'for word in "$@"; do printf "%s\\0" "$word"; done'
    done = subprocess.run(
        ["sh", "-c", f"set -- {command.split(' ', 3)[3]}; {script}"],
        env={"PATH": "/usr/bin:/bin", **variables},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split("\0")[:-1]


@pytest.mark.parametrize(
    ("inputs", "variables", "expected"),
    [
        ({"content": "Hello {name}!"}, {"NAME": "Ann"}, ["--content", "Hello Ann!"]),
        ({"content": "it's $5 `x` \\"}, {}, ["--content", "it's $5 `x` \\"]),
        ({"content": 'say "{x}" $y `z`'}, {"X": "$HOME"}, ["--content", 'say "$HOME" $y `z`']),
        ({"entity_id": "{chat_id}"}, {"CHAT_ID": "5"}, ["--entity-id", "5"]),
        ({"content": "{path}"}, {"PATH_ARG": "/tmp/f"}, ["--content", "/tmp/f"]),
        ({"skip_invite_mentions": False}, {}, ["--no-skip-invite-mentions"]),
        ({"entity_id": 7, "nonsense": 1}, {}, ["--entity-id", "7"]),
        (
            {"buttons": [[{"text": "{t}"}]]},
            {"T": "x"},
            ["--buttons", '[[{"text": "x"}]]'],
        ),
    ],
)
def test_step_commands_expand_as_meant(
    pachca_api: Api, inputs: dict[str, Any], variables: dict[str, str], expected: list[str]
) -> None:
    ctx = TargetContext(pachca_api)
    command = step_command(ctx, ctx.operations["createMessage"], step("createMessage", **inputs))
    assert command.startswith("pachca messages create")
    assert shell_words(command, variables) == expected
    shlex.split(command)  # the tests of `guide` parse it the same way


def test_list_strings_repeat_the_flag(pachca_api: Api) -> None:
    ctx = TargetContext(pachca_api)
    op = ctx.operations["addChatMembers"]
    command = step_command(ctx, op, step(op.id, id=1, member_ids="[{a}, 5]"))
    assert shell_words(command, {"A": "4"}) == [
        "--id",
        "1",
        "--member-ids",
        "4",
        "--member-ids",
        "5",
    ]


def test_shell_variables() -> None:
    assert shell_variable("chat_id") == "CHAT_ID"
    assert shell_variable("path") == "PATH_ARG"
    assert shell_variable("home") == "HOME_ARG"
    assert shell_variable("2fa") == "_2FA"


def test_output_paths(pachca_api: Api) -> None:
    ops = TargetContext(pachca_api).operations
    assert output_path(ops["listUsers"], "data.0.id") == ".[0].id"
    assert output_path(ops["getChat"], "data.name") == ".name"
    assert output_path(ops["listMessages"], "meta.paginate.next_page") is None
    assert output_path(ops["getUploadParams"], "Content-Disposition") == '.["Content-Disposition"]'
