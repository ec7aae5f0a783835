"""Every command the skills show, run for real: ``--dry-run`` against the installed CLI (it
prints the request and sends nothing). Workflow steps read shell variables; each is set to
the example value of the argument it fills, so the command is the one an agent would run."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

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


# Runs every command line given as JSON in one process of the installed CLI's interpreter
# (its console script's entry point, called per command): ~10 ms a command instead of a
# process start each. With "dry-run", `--dry-run` is added (before the command, else after).
# Prints JSON: [exit code, stderr, stdout] per command.
RUNNER = """
import contextlib, io, json, sys
from importlib.metadata import entry_points

main = next(e for e in entry_points(group="console_scripts") if e.name == sys.argv[1]).load()
dry = sys.argv[3] == "dry-run"
results = []
for argv in json.load(open(sys.argv[2], encoding="utf-8")):
    tries = (["--dry-run", *argv], [*argv, "--dry-run"]) if dry else (argv,)
    for placed in tries:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(placed)
                code = 0
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else 1
        if code == 0:
            break
    results.append([code, err.getvalue()[-300:], out.getvalue()])
print(json.dumps(results))
"""


def run_all(
    pachca_bin: Path, argvs: list[list[str]], env: dict[str, str], cwd: Path, mode: str
) -> list[tuple[int, str, str]]:
    """Each argv run by the installed CLI (see :data:`RUNNER`): (exit code, stderr, stdout)."""
    (cwd / "argv.json").write_text(json.dumps(argvs), encoding="utf-8")
    (cwd / "runner.py").write_text(RUNNER, encoding="utf-8")
    run = subprocess.run(
        [str(pachca_bin.parent / "python"), "runner.py", pachca_bin.name, "argv.json", mode],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [(code, err, out) for code, err, out in json.loads(run.stdout.splitlines()[-1])]


def shell_words(lines: list[str], env: dict[str, str]) -> list[list[str]]:
    """Each line's words as bash reads them (variables expanded, quotes removed)."""
    script = "words() { printf '%s\\0' \"$@\"; printf '\\036\\0'; }\n"
    script += "".join(f"words {line}\n" for line in lines)
    out = subprocess.run(
        ["bash", "-c", script], env=env, capture_output=True, check=True
    ).stdout.decode("utf-8")
    records = out.split("\x1e\x00")[:-1]
    return [record.split("\x00")[:-1] for record in records]


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
    argvs = shell_words([c.split(" ", 1)[1] for c in commands], env)
    assert len(argvs) == len(commands)
    results = run_all(pachca_bin, argvs, env, tmp_path, "dry-run")
    failures = [
        f"{command}\n  → {code}: {stderr.strip()}"
        for command, (code, stderr, _) in zip(commands, results, strict=True)
        if code != 0
    ]
    assert not failures, "\n".join(failures)


KEEP = re.compile(r"Keep (?:`([^`]+)` of the output|(the cursor)).* as `([A-Z0-9_]+)`\.$")
JQ_STEP = re.compile(r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')


def kept_values(text: str, command: str = "pachca") -> dict[str, list[tuple[str, str]]]:
    """Each workflow command of a skill file → the (jq path or "cursor", variable) it keeps."""
    found: dict[str, list[tuple[str, str]]] = {}
    last = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(command + " "):
            last = stripped
        elif (match := KEEP.search(stripped)) and last is not None:
            path = match.group(1) or "cursor"
            found.setdefault(last, []).append((path, match.group(3)))
    return found


def follow(data: object, path: str) -> object:
    """``path`` (``.a.b``, ``.[0]``, ``.["x-y"]``, or ``.``) in ``data``; KeyError if absent."""
    rest = "" if path == "." else path[1:] if path.startswith(".[") else path
    position = 0
    while position < len(rest):
        match = JQ_STEP.match(rest, position)
        assert match, f"not a path this test reads: {path}"
        name, index, quoted = match.groups()
        if index is not None:
            assert isinstance(data, list) and len(data) > int(index), path
            data = data[int(index)]
        else:
            key = name if name is not None else json.loads(quoted)
            assert isinstance(data, dict), path
            data = data[key]
        position = match.end()
    return data


def test_what_workflow_steps_keep_is_in_the_cli_output(
    pachca_bin: Path, tmp_path: Path, mock_server: Any
) -> None:
    """Each step that keeps a value, run against Prism with `-o json`: the path the skill
    names is in what the CLI prints (the cursor, on stderr)."""
    api = pachca_api()
    files = render(api, "skills")
    kept: dict[str, list[tuple[str, str]]] = {}
    for text in files.values():
        kept.update(kept_values(text))
    uploads = {f"{api.project.command} {s.names.cli} {op.names.cli}"
               for s in api.services for op in s.operations if op.upload}  # fmt: skip
    commands = sorted(c for c in kept if " ".join(c.split()[:3]) not in uploads)
    assert len(commands) > 20
    env = {
        **os.environ,
        **step_values(api),
        api.project.token_env: "contract-test-token",
        api.project.base_url_env: mock_server.base_url,
    }
    ctx = TargetContext(api)
    for step in (step for w in api.workflows for step in w.steps):
        op = ctx.operations[step.operation]
        for key, value in step.inputs:  # a later page: not the mock's own next cursor
            if op.pagination and key == op.pagination.cursor_param and isinstance(value, str):
                env[shell_variable(value.strip("{}"))] = "cursor-of-an-earlier-page"
    argvs = [
        ["-o", "json", *words] for words in shell_words([c.split(" ", 1)[1] for c in commands], env)
    ]
    results = run_all(pachca_bin, argvs, env, tmp_path, "run")
    problems = []
    for command, (code, stderr, stdout) in zip(commands, results, strict=True):
        if code != 0:
            problems.append(f"{command}\n  → {code}: {stderr.strip()}")
            continue
        for path, variable in kept[command]:
            if path == "cursor":
                if "--cursor" not in stderr:
                    problems.append(f"{command}: no cursor on stderr for {variable}")
                continue
            try:
                follow(json.loads(stdout), path)
            except (AssertionError, KeyError, ValueError) as exc:
                problems.append(f"{command}: {path} ({variable}) not in the output: {exc}")
    assert not problems, "\n".join(problems)
