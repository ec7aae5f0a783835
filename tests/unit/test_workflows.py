"""Workflows (spec/workflows.yaml format): checked against the API's operations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Severity, SpecError
from generator.ir import Api
from generator.load import load_spec
from generator.parse import parse_spec
from generator.parse.workflows import load_workflows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def api(parsed: Any) -> Api:
    result, _ = parsed("workflows/api.yaml")
    assert isinstance(result, Api)
    return result


def load(rel: str, api: Api) -> Any:
    return load_workflows(FIXTURES / rel, rel, api.operations)


def test_workflows_are_read_and_linked_to_operations(api: Api) -> None:
    workflows, problems = load("workflows/good.yaml", api)
    assert problems == []
    (greet,) = workflows
    assert (greet.id, greet.title) == ("greet-user", "Greet a user")
    assert greet.description == "Look a user up, then write to them."
    assert greet.keywords == ("greet", "hello")
    assert greet.inputs == (("user_id", "The user to greet."),)
    find, send = greet.steps
    assert (find.id, find.operation, find.service, find.method_name) == (
        "find",
        "getUser",
        "Users",
        "get_user",
    )
    assert find.description == "Get a user."  # the operation's summary
    assert find.inputs == (("id", "{user_id}"),)
    assert find.outputs == (("chat", "data.chat_id"),)
    assert (send.id, send.operation, send.method_name) == (
        "step2",
        "createMessage",
        "create_message",
    )
    assert send.description == "Say hello."
    # Fields of a wrapped body (`{"message": {...}}`) are the arguments.
    assert send.inputs == (("chat_id", "{chat}"), ("content", "Hello!"))


def test_unknown_operation_is_a_located_error(api: Api, position: Any) -> None:
    rel = "bad/bad_workflows.yaml"
    with pytest.raises(SpecError) as info:
        load(rel, api)
    line, column = position(rel, "operation: sendGreeting")
    assert [d.render() for d in info.value.diagnostics] == [
        f"{rel}:{line}:{column}: error: unknown operationId 'sendGreeting' "
        "(at #/workflows/0/steps/1/operation)"
    ]


def test_unknown_arguments_and_placeholders_are_warnings(api: Api, position: Any) -> None:
    rel = "workflows/warnings.yaml"
    workflows, problems = load(rel, api)
    assert [w.id for w in workflows] == ["sloppy"]
    line, column = position(rel, "user:")
    where = f"{rel}:{line}:{column}"
    assert [d.render() for d in problems] == [
        f"{where}: warning: operation 'getUser' takes no argument 'user' "
        "(at #/workflows/0/steps/0/inputs/user)",
        f"{where}: warning: placeholder {{who}} is neither a workflow input nor an output of an "
        "earlier step (at #/workflows/0/steps/0/inputs/user)",
    ]
    assert all(d.severity is Severity.WARNING for d in problems)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("steps: []\n", "expected a top-level `workflows:` list", 1),
        ("workflows:\n  - just text\n", "a workflow must be a mapping", 2),
        ("workflows:\n  - id: a\n    steps: []\n", "a workflow needs a non-empty `steps` list", 2),
        (
            "workflows:\n  - id: a\n    steps: [{operation: getUser}]\n"
            "  - id: a\n    steps: [{operation: getUser}]\n",
            "duplicate workflow id 'a'",
            4,
        ),
    ],
)
def test_malformed_workflow_files(
    api: Api, tmp_path: Path, text: str, message: str, line: int
) -> None:
    path = tmp_path / "workflows.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_workflows(path, "workflows.yaml", api.operations)
    (diagnostic,) = info.value.diagnostics
    assert diagnostic.message == message
    assert (diagnostic.location.file, diagnostic.location.line) == ("workflows.yaml", line)


def test_parse_spec_attaches_workflows_and_their_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(FIXTURES)
    spec = load_spec(Path("workflows/api.yaml"), base_dir=FIXTURES)
    api, findings = parse_spec(spec, workflows=Path("workflows/warnings.yaml"))
    assert [w.id for w in api.workflows] == ["sloppy"]
    assert [d.location.file for d in findings] == ["workflows/warnings.yaml"] * 2
    with pytest.raises(SpecError) as info:
        parse_spec(spec, workflows=Path("bad/bad_workflows.yaml"))
    assert info.value.diagnostics[0].location.file == "bad/bad_workflows.yaml"
