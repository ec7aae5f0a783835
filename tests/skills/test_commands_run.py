"""Every command the skills show, run for real: ``--dry-run`` against the installed CLI (it
prints the request and sends nothing). Workflow steps read shell variables; each is set to
the example value of the argument it fills, so the command is the one an agent would run."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from generator.ir import JSON, Api, Operation, WorkflowStep
from generator.targets.context import TargetContext
from generator.targets.snippets.cli import shell_variable, step_variables
from tests.skills.helpers import pachca_api, render
from tests.skills.test_skills import commands_in

cli_env = pytest.importorskip(
    "tests.cli_env",
    reason="tests/cli_env.py (install_cli) and output/cli arrive with the CLI target's merge",
)


def example_of(op: Operation, key: str) -> JSON:
    for argument in op.example.arguments:
        if key in (argument.names.wire, argument.names.py):
            return argument.value
    for param in op.parameters:
        if key in (param.names.wire, param.names.py):
            return param.example
    fields = (*op.body.fields, *op.body.outer_fields) if op.body else ()
    return next((f.example for f in fields if key in (f.names.wire, f.names.py)), None)


def step_values(api: Api) -> dict[str, str]:
    """A value for every variable a workflow step reads: its argument's example."""
    operations = {op.id: op for op in api.operations}
    values: dict[str, str] = {}
    steps: list[WorkflowStep] = [step for w in api.workflows for step in w.steps]
    ctx = TargetContext(api)
    for step in steps:
        op = operations[step.operation]
        for variable in step_variables(ctx, step):  # inside a longer value: any text will do
            values.setdefault(variable, "1")
        if op.upload is not None:
            values[shell_variable(op.upload.url_argument)] = "https://uploads.example.com/"
        for key, value in step.inputs:
            if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
                example = example_of(op, key)
                text = example if isinstance(example, str) else json.dumps(example)
                values[shell_variable(value[1:-1])] = text if example else "1"
    return values


def example_files(api: Api) -> set[str]:
    """The local files the examples name (an upload's ``file.bin``)."""
    return {
        str(argument.value)
        for op in api.operations
        for argument in op.example.arguments
        if argument.type.file and isinstance(argument.value, str)
    }


@pytest.fixture(scope="module")
def pachca_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(cli_env.install_cli(tmp_path_factory.mktemp("cli")))


def test_every_skill_command_runs_with_dry_run(pachca_bin: Path, tmp_path: Path) -> None:
    api = pachca_api()
    files = render(api, "skills")
    commands = sorted({c for text in files.values() for c in commands_in(text)})
    variables = step_values(api)
    env = {**os.environ, api.project.token_env: "dry-run-token", **variables}
    for name in example_files(api) | {variables.get("PATH_VALUE", "file.bin")}:
        (tmp_path / name).write_bytes(b"data")
    failures = []
    for command in commands:
        rest = command.split(" ", 1)[1]
        for line in (f'"$CLI" --dry-run {rest}', f'"$CLI" {rest} --dry-run'):
            run = subprocess.run(
                ["bash", "-c", line],
                env={**env, "CLI": str(pachca_bin)},
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=60,
            )
            if run.returncode == 0:
                break
        else:
            failures.append(f"{command}\n  → {run.returncode}: {run.stderr.strip()[-300:]}")
    assert not failures, "\n".join(failures)
