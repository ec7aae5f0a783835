"""The parser's choice of the "who am I" operations (``Api.identity``), and how the catalog
renders workflow steps as shell commands (checked by a real shell)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.ir import Api, Identity, Workflow, WorkflowStep
from generator.load import load_spec
from generator.parse import parse_spec
from generator.targets.cli.catalog import output_path, workflow_entry
from generator.targets.context import TargetContext
from generator.targets.snippets.cli import cli_step_command


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


# --- workflow steps as the guide prints them (the CLI snippet renderer's lines) ------------


def step(op: str, **inputs: Any) -> WorkflowStep:
    return WorkflowStep("s", op, "", "", "", inputs=tuple(inputs.items()))


def shell_words(command: str, variables: dict[str, str]) -> list[str]:
    """The argv a POSIX shell gives ``command`` (after ``<command> <service> <action>``)."""
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
    ("content", "variables", "expected"),
    [
        ("Hello {name}!", {"NAME": "Ann"}, "Hello Ann!"),
        ("it's $5 `x` \\", {}, "it's $5 `x` \\"),
        ('say "{x}" $y `z`', {"X": "$HOME"}, 'say "$HOME" $y `z`'),
        ("{path}", {"PATH_VALUE": "/tmp/f"}, "/tmp/f"),
    ],
)
def test_guide_steps_reach_the_cli_as_meant(
    pachca_api: Api, content: str, variables: dict[str, str], expected: str
) -> None:
    """A step's values, hostile ones too, arrive as the CLI's arguments through a real shell
    (the catalog holds what the shared CLI snippet renderer writes)."""
    ctx = TargetContext(pachca_api)
    workflow = Workflow("w", "W", "", (), (), (step("createMessage", content=content),))
    (entry,) = workflow_entry(ctx, workflow)["steps"]  # type: ignore[misc]
    words = shell_words(entry["command"], {"CHAT_ID": "1", **variables})
    assert words[words.index("--content") + 1] == expected
    assert entry["command"] == cli_step_command(ctx, workflow.steps[0])


def test_output_paths(pachca_api: Api) -> None:
    ops = TargetContext(pachca_api).operations
    assert output_path(ops["listUsers"], "data.0.id") == ".[0].id"
    assert output_path(ops["getChat"], "data.name") == ".name"
    assert output_path(ops["listMessages"], "meta.paginate.next_page") is None
    assert output_path(ops["getUploadParams"], "Content-Disposition") == '.["Content-Disposition"]'
