"""``commands -o json`` (the whole tree, for agents), ``guide`` (every printed command exists,
with flags its command takes), ``version`` and ``doctor``."""

from __future__ import annotations

import json
import os
import re
import shlex
import stat
import subprocess
from typing import Any

import pytest

from generator.targets.context import TargetContext
from tests.prism import PrismServer

from .conftest import Cli

BUILTINS = {"api", "auth", "commands", "config", "doctor", "guide", "version"}


@pytest.fixture(scope="module")
def tree(pachca_exe: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    cli = Cli(pachca_exe, tmp_path_factory.mktemp("tree"))
    result: dict[str, Any] = cli.ok("commands", "-o", "json").json()
    return result


def index(tree: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every command by its words (``messages create``), groups included."""
    found: dict[str, dict[str, Any]] = {}

    def walk(node: dict[str, Any]) -> None:
        found[node["command"].split(" ", 1)[1] if " " in node["command"] else ""] = node
        for child in node.get("commands", []):
            walk(child)

    walk(tree)
    return found


def flags_of(node: dict[str, Any], tree: dict[str, Any]) -> set[str]:
    options = [*node["options"], *tree["global_options"]]
    return {f for o in options for f in [*o.get("flags", []), *o.get("negative_flags", [])]}


def resolve(line: str, tree: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The command a ``pachca …`` line runs, and the flags it passes (checked to exist)."""
    words = shlex.split(line)
    assert words[0] == tree["name"], line
    commands = index(tree)
    path: list[str] = []
    rest = words[1:]
    while rest and " ".join([*path, rest[0]]) in commands:
        path.append(rest.pop(0))
    node = commands[" ".join(path)]
    assert "commands" not in node, f"{line!r} stops at the group {' '.join(path)!r}"
    known = flags_of(node, tree)
    given = [w.split("=", 1)[0] for w in rest if w.startswith("-")]
    unknown = [flag for flag in given if flag not in known]
    assert not unknown, f"{line!r}: {unknown} are not flags of {' '.join(path)!r}"
    return node, given


def test_the_tree_has_every_operation_and_builtin(tree: dict[str, Any], pachca_api: Any) -> None:
    ctx = TargetContext(pachca_api)
    commands = index(tree)
    for op in pachca_api.operations:
        node = commands[f"{ctx.service_of(op).names.cli} {op.names.cli}"]
        flags = flags_of(node, tree)
        for param in op.parameters:
            assert f"--{param.names.cli}" in flags, (op.id, param.names.cli)
    assert {c["name"] for c in tree["commands"]} >= BUILTINS
    for builtin in ("auth login", "auth status", "api ls", "api describe", "api request"):
        assert builtin in commands
    names = {o["name"] for o in tree["global_options"]}
    assert {"output", "token", "profile", "base_url"} <= names
    # the global flags are listed once, on the root
    assert not any(o["name"] == "token" for o in commands["messages create"]["options"])


def test_every_showcase_example_resolves(tree: dict[str, Any], pachca_api: Any) -> None:
    from generator.targets.snippets.cli import cli_command

    ctx = TargetContext(pachca_api)
    for op in pachca_api.operations:
        resolve(cli_command(ctx, op), tree)


def guide_lines(text: str, command: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip().startswith(command + " ")]


def test_every_guide_command_exists(cli: Cli, tree: dict[str, Any], pachca_api: Any) -> None:
    ctx = TargetContext(pachca_api)
    listed = cli.ok("guide", "-o", "json").json()
    assert [w["id"] for w in listed] == [w.id for w in pachca_api.workflows]
    printed = 0
    for workflow in pachca_api.workflows:
        text = cli.ok("guide", workflow.id, "-o", "table").out
        lines = guide_lines(text, tree["name"])
        assert len(lines) == len(workflow.steps), workflow.id
        for line, step in zip(lines, workflow.steps, strict=True):
            _, given = resolve(line, tree)
            missing = required_flags(ctx.operations[step.operation]) - set(given)
            assert not missing, f"{workflow.id}: {line!r} lacks {missing}"
            printed += 1
    assert printed == sum(len(w.steps) for w in pachca_api.workflows)


def required_flags(op: Any) -> set[str]:
    """The flags an operation cannot go without: required parameters and body fields."""
    flags = {f"--{p.names.cli}" for p in op.parameters if p.required}
    if op.upload is not None:
        flags.add("--" + op.upload.url_argument.replace("_", "-"))  # the URL the file goes to
    if op.body is not None and op.body.required:
        fields = (*op.body.fields, *op.body.outer_fields)
        flags |= {f"--{f.names.cli}" for f in fields if f.required}
    return flags


def test_guide_finds_by_words(cli: Cli) -> None:
    found = cli.ok("guide", "send", "file", "-o", "json").json()
    assert "file" in found[0]["keywords"] and "send" in found[0]["keywords"]
    missing = cli.run("guide", "zzzz", "qqqq")
    assert missing.code == 4
    assert "guide" in missing.err


def jq(data: Any, path: str) -> Any:
    """The value at a jq path of the forms the guide prints: ``.a``, ``.[0].b``, ``.["x-y"]``."""
    for name, index, quoted in re.findall(r'\.?(?:([A-Za-z_]\w*)|\[(\d+)\]|\[("[^"]*")\])', path):
        data = data[int(index)] if index else data[name or json.loads(quoted)]
    return data


@pytest.mark.parametrize("workflow_id", ["send-message-to-chat", "send-direct-message-by-email"])
def test_a_guide_workflow_runs_as_printed(
    api_cli: Cli, prism: PrismServer, workflow_id: str
) -> None:
    """A workflow's steps, run by a shell as printed, each step's outputs read from its
    ``-o json`` output at the printed jq path and passed on to the next steps."""
    (workflow,) = api_cli.ok("guide", workflow_id, "-o", "json").json()
    env = {
        **os.environ,
        **api_cli.env,
        "PATH": str(api_cli.exe.parent) + os.pathsep + os.environ["PATH"],
        "PACHCA_CONFIG_DIR": str(api_cli.config_dir),
        "CHAT_ID": "334",
        "EMAIL": "oleg@company.com",
        "TEXT": 'Hi "there" $HOME `x`',
    }
    for step in workflow["steps"]:
        done = subprocess.run(
            ["sh", "-c", step["command"] + " -o json"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, (step["command"], done.stderr)
        for name, path, _ in step["outputs"]:
            value = jq(json.loads(done.stdout), path)
            assert value is not None, (step["command"], path)
            env[name] = str(value)
    assert prism.violations_report() == ""


def test_version(cli: Cli, pachca_api: Any) -> None:
    data = cli.ok("version", "-o", "json").json()
    assert data["api"] == pachca_api.version
    assert data["cli"] == cli.ok("--version").out.split()[-1]
    assert data["sdk"]


def test_doctor_against_prism(api_cli: Cli) -> None:
    result = api_cli.run("doctor", "-o", "json")
    assert result.code == 0, str(result)
    report = result.json()
    assert report["ok"] is True
    checks = {c["check"]: c for c in report["checks"]}
    assert checks["token"]["detail"] == "from PACHCA_TOKEN"
    assert checks["connection"]["status"] == "ok"
    assert "Oleg" in checks["auth"]["detail"]  # the spec's example profile
    # Prism's example token has two scopes: the others the API uses are reported missing
    assert checks["scopes"]["status"] == "warn" and "missing" in checks["scopes"]["detail"]


def test_doctor_against_a_dead_port(cli: Cli) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # free, and nothing listens once closed
    env = {"PACHCA_TOKEN": "t" * 20, "PACHCA_BASE_URL": f"http://127.0.0.1:{port}"}
    result = cli.run("doctor", "-o", "json", env=env)
    assert result.code == 1, str(result)
    checks = {c["check"]: c for c in result.json()["checks"]}
    assert checks["connection"]["status"] == "fail"
    assert checks["connection"]["fix"]
    table = cli.run("doctor", "-o", "table", env=env)
    assert "[FAIL] connection" in table.out and "fix:" in table.out


def test_doctor_without_token_or_with_an_open_config_file(cli: Cli) -> None:
    result = cli.run("doctor", "-o", "json")
    assert result.code == 3
    checks = {c["check"]: c for c in result.json()["checks"]}
    assert checks["token"]["status"] == "fail" and "auth login" in checks["token"]["fix"]
    cli.ok("auth", "login", "--no-verify", input="t" * 20)
    cli.config_file.chmod(0o644)
    checks = {
        c["check"]: c
        for c in cli.run(
            "doctor", "-o", "json", env={"PACHCA_BASE_URL": "http://127.0.0.1:9"}
        ).json()["checks"]
    }
    assert checks["config"]["status"] == "warn"
    assert checks["config"]["fix"] == f"chmod 600 {cli.config_file}"
    assert stat.S_IMODE(cli.config_file.stat().st_mode) == 0o644  # doctor changes nothing


def test_root_help_imports_no_builtin_module(cli: Cli) -> None:
    code = (
        "import sys\n"
        "from pachca_cli._runtime._root import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "loaded = sorted(m for m in sys.modules if '._runtime.builtin.' in m)\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    done = subprocess.run(
        [str(cli.exe.parent / "python"), "-c", code], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "[]"
    assert "auth      Log in, see who you are, manage profiles." in done.stdout
