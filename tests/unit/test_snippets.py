"""The parser's decisions for every target (showcase, result shape, query style, names) and
the snippets that render them: the CLI commands' shape (the CLI does not exist yet), curl
commands run through a real shell, Python calls that compile. The Python and curl snippets
are executed against Prism in tests/contract/test_snippets.py."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from functools import cache
from pathlib import Path

import pytest

from generator.config import Config
from generator.ir import Api
from generator.load import load_spec
from generator.parse import parse_spec
from generator.pipeline import build_api
from generator.targets.context import TargetContext
from generator.targets.snippets.cli import cli_command
from generator.targets.snippets.curl import curl_command
from generator.targets.snippets.python import python_call
from generator.targets.snippets.query import query_pairs

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "tests" / "fixtures" / "features"
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@cache
def pachca() -> Api:
    return parse_spec(load_spec(ROOT / "spec" / "pachca.yaml"))[0]


def fixture(name: str) -> Api:
    return build_api(
        FEATURES / name, Config(), workflows=None, strict=False, use_config_names=False
    ).api


def spec_api(tmp_path: Path, text: str) -> Api:
    path = tmp_path / "api.yaml"
    path.write_text(text, encoding="utf-8")
    return build_api(path, Config(), workflows=None, strict=False, use_config_names=False).api


# -- decisions in the IR --------------------------------------------------------------------


def test_showcase_operations_are_chosen_by_the_parser() -> None:
    showcase = pachca().showcase
    assert (showcase.read, showcase.create, showcase.listing) == (
        "getMessage",
        "createMessage",
        "listMessages",
    )
    assert (showcase.upload, showcase.create_with_files, showcase.files_argument) == (
        "uploadFile",
        "createMessage",
        "files",
    )


def test_example_holds_the_required_arguments_valued_from_the_spec() -> None:
    ops = {op.id: op for op in pachca().operations}
    create = ops["createMessage"].example
    assert create.wrapper_key == "message"
    assert [(a.names.py, a.location, a.in_wrapper, a.value) for a in create.arguments] == [
        ("entity_id", "body", True, 334),
        ("content", "body", True, "Hello from API!"),
    ]
    read = ops["getMessage"].example
    assert [(a.location, a.value) for a in read.arguments] == [("path", 194275)]


def test_result_shapes() -> None:
    ops = {op.id: op for op in pachca().operations}
    assert ops["listMessages"].result.kind == "page"
    assert ops["getMessage"].result.kind == "value"
    assert ops["getMessage"].result.unwrap_key == "data"
    kinds = {op.result.kind for op in pachca().operations}
    assert {"page", "value", "none"} <= kinds
    redirects = {op.id: op.result.kind for op in fixture("redirects.yaml").operations}
    assert "location" in redirects.values()


def test_query_style_is_decided_once() -> None:
    members = next(op for op in fixture("params.yaml").operations if op.id == "listMembers")
    styles = {p.names.wire: p.query_style for p in members.parameters}
    assert styles["ids"] == "comma"  # form, not exploded
    assert styles["role"] == "form"  # form, exploded


def test_a_deep_object_list_is_indexed_in_the_query_pairs() -> None:
    api = fixture("forms.yaml")
    listing = next(op for op in api.operations if op.id == "listCustomers")
    styles = {p.names.wire: p.query_style for p in listing.parameters}
    assert styles == {"expand": "deepObject", "created": "form", "ids": "form"}
    expand = next(p for p in listing.parameters if p.names.wire == "expand")
    assert query_pairs(expand, ["a", "b"], str) == [("expand[0]", "a"), ("expand[1]", "b")]


def test_project_names_the_base_url_variable() -> None:
    assert pachca().project.base_url_env == "PACHCA_BASE_URL"


def test_upload_url_argument() -> None:
    upload = next(op.upload for op in pachca().operations if op.upload is not None)
    assert upload is not None and upload.url_argument == "direct_url"


# -- the CLI snippet: shape only, until the CLI exists ----------------------------------------


def test_cli_commands_are_service_action_and_a_flag_per_argument() -> None:
    api = pachca()
    ctx = TargetContext(api)
    seen: set[tuple[str, str]] = set()
    for op in api.operations:
        command = cli_command(ctx, op)
        words = shlex.split(command)
        service = ctx.service_of(op).names.cli
        assert words[:3] == ["pachca", service, op.names.cli], command
        assert KEBAB.match(service) and KEBAB.match(op.names.cli), command
        assert (service, op.names.cli) not in seen, f"two operations are {command!r}"
        seen.add((service, op.names.cli))
        flags = [w for w in words[3:] if w.startswith("--")]
        expected = []
        if op.upload is not None:  # the URL to send the file to comes first
            expected.append(f"--{op.upload.url_argument.replace('_', '-')}")
        for argument in op.example.arguments:
            value = argument.value
            if isinstance(value, bool):
                expected.append(f"--{'' if value else 'no-'}{argument.names.cli}")
            elif isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
                expected.extend([f"--{argument.names.cli}"] * len(value))
            else:
                expected.append(f"--{argument.names.cli}")
        assert flags == expected, command


def test_cli_values_read_back_from_the_shell() -> None:
    api = pachca()
    ctx = TargetContext(api)
    op = next(op for op in api.operations if op.id == "createMessage")
    words = shlex.split(cli_command(ctx, op))
    assert words == [
        "pachca", "messages", "create", "--entity-id", "334", "--content", "Hello from API!"
    ]  # fmt: skip


# -- curl through a real shell --------------------------------------------------------------

HOSTILE = """
openapi: 3.0.3
info: {title: Shell API, version: 1.0.0}
servers: [{url: "https://api.shell.test/v1"}]
paths:
  /things/{id}:
    post:
      operationId: createThing
      tags: [Things]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}, example: "a b/$(touch p1)"}
        - {name: q, in: query, required: true, schema: {type: string}, example: "`touch p2`&x=1"}
        - {name: X-Note, in: header, required: true, schema: {type: string}, example: "it's $HOME"}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [title, tags]
              properties:
                title: {type: string, example: "'; touch p3; echo '"}
                tags: {type: array, items: {type: string}, example: ["$(touch p4)", "\\\\"]}
      responses:
        "204": {description: Done.}
"""


def test_curl_command_runs_in_sh_and_passes_every_value_verbatim(tmp_path: Path) -> None:
    api = spec_api(tmp_path, HOSTILE)
    op = api.operations[0]
    command = curl_command(TargetContext(api), op)
    # A stand-in for curl that prints the arguments the shell gave it, one per line.
    script = 'curl() { for a in "$@"; do printf \'%s\\0\' "$a"; done; }\n' + command
    done = subprocess.run(
        ["sh", "-c", script],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "SHELL_TOKEN": "t0ken", "HOME": "/home/x"},
        capture_output=True,
        check=True,
    )
    args = done.stdout.decode().split("\0")[:-1]
    assert not list(tmp_path.glob("p*")), "a spec value ran as shell code"
    assert args[:2] == ["-X", "POST"]
    assert args[2] == (
        "https://api.shell.test/v1/things/a%20b%2F%24%28touch%20p1%29?q=%60touch+p2%60%26x%3D1"
    )
    assert "X-Note: it's $HOME" in args
    assert "Authorization: Bearer t0ken" not in args  # the token is the project's variable
    body = json.loads(args[args.index("-d") + 1])
    assert body == {"title": "'; touch p3; echo '", "tags": ["$(touch p4)", "\\"]}


def test_curl_base_url_follows_the_environment(tmp_path: Path) -> None:
    api = spec_api(tmp_path, HOSTILE)
    command = curl_command(TargetContext(api), api.operations[0])
    script = "curl() { printf '%s\\n' \"$3\"; }\n" + command
    done = subprocess.run(
        ["sh", "-c", script],
        env={"PATH": "/usr/bin:/bin", "SHELL_BASE_URL": "http://127.0.0.1:9"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.startswith("http://127.0.0.1:9/things/")


# -- Python ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["injection.yaml", "enums_and_uploads.yaml", "params.yaml"])
def test_python_calls_compile(name: str) -> None:
    api = fixture(name)
    ctx = TargetContext(api)
    for op in api.operations:
        call = python_call(ctx, op)
        compile(call.render(), op.id, "eval")
        assert call.render().startswith(f"client.{ctx.service_of(op).names.py}.{op.names.py}(")
