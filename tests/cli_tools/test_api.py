"""``api``: raw requests through the SDK's client against Prism (request validation on),
and ``api ls`` / ``api describe`` from the generated catalog, checked against the IR."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from generator.targets.context import TargetContext
from generator.targets.snippets.cli import cli_command
from tests.prism import PrismServer

from .conftest import Cli, run_many

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def served(api_cli: Cli, prism: PrismServer) -> Any:
    yield api_cli
    assert prism.violations_report() == ""


def test_get(served: Cli, pachca_api: Any) -> None:
    answer = served.ok("api", "GET", "/profile").json()
    op = next(o for o in pachca_api.operations if o.id == "getProfile")
    assert answer == op.success.example  # the raw answer, not unwrapped


def test_post_with_typed_and_nested_fields(served: Cli) -> None:
    answer = served.ok(
        "api", "POST", "/messages", "-F", "message[entity_id]=334", "-f", "message[content]=Hi"
    ).json()
    assert answer["data"]["id"]


def test_fields_are_validated_by_the_api(api_cli: Cli, prism: PrismServer) -> None:
    # -f sends text: an integer field given as text is refused by Prism's validation
    result = api_cli.run(
        "api", "POST", "/messages", "-f", "message[entity_id]=334", "-f", "message[content]=Hi"
    )
    assert result.code == 1, str(result)
    assert "HTTP 4" in result.err or '"status": 4' in result.err
    prism.violations_report()  # consumed: this test expects the violation


def test_input_body_merged_with_fields(served: Cli, tmp_path: Any) -> None:
    body = {"message": {"entity_id": 334, "content": "from the file"}}
    answer = served.ok(
        "api", "POST", "/messages", "--input", "-", "-f", "message[content]=override",
        input=json.dumps(body),
    ).json()  # fmt: skip
    assert answer["data"]["id"]
    dry = served.ok(
        "--dry-run", "api", "POST", "/messages", "--input", "-", "-F", "link_preview=true",
        input=json.dumps(body),
    ).out  # fmt: skip
    sent = json.loads(dry.split("--data-binary ", 1)[1].strip().strip("'"))
    assert sent == {**body, "link_preview": True}


def test_get_fields_go_in_the_query(served: Cli) -> None:
    line = served.ok(
        "--dry-run", "api", "GET", "/chats?availability=is_member", "-F", "limit=2",
        "-f", "sort[last_message_at]=desc",
    ).out  # fmt: skip
    url = line.split()[line.split().index("GET") + 1].strip("'")
    assert urlsplit(url).path == "/chats"
    assert sorted(parse_qsl(urlsplit(url).query)) == [
        ("availability", "is_member"),
        ("limit", "2"),
        ("sort[last_message_at]", "desc"),
    ]
    answer = served.ok("api", "GET", "/chats", "-F", "limit=2").json()
    assert isinstance(answer["data"], list)
    served.ok("api", "DELETE", "/messages/194275/reactions", "-f", "code=👍")


def test_paginate_streams_every_page_until_the_cursor_repeats(served: Cli) -> None:
    result = served.ok("api", "GET", "/chats", "--paginate", "-o", "jsonl")
    items = [json.loads(line) for line in result.out.splitlines()]
    # Prism answers every page with the spec's example (one chat, the same cursor): the
    # second page repeats the cursor, so the loop stops there.
    assert len(items) == 2 and items[0] == items[1]
    one = served.ok("api", "GET", "/chats", "--paginate", "--max-pages", "1", "-o", "jsonl")
    assert len(one.out.splitlines()) == 1
    refused = served.run("api", "GET", "/profile", "--paginate")
    assert refused.code == 2


@pytest.mark.parametrize(("status", "code"), [("401", 3), ("403", 3), ("404", 4)])
def test_error_statuses_map_to_exit_codes(api_cli: Cli, status: str, code: int) -> None:
    result = api_cli.run(
        "api", "GET", "/messages/194275", "-H", f"Prefer: code={status}", "-o", "json"
    )
    assert result.code == code, str(result)
    error = json.loads(result.err)["error"]
    assert error["status"] == int(status)
    if status == "403":
        assert "messages:read" in error["hint"]  # the scope the operation needs


def test_absolute_urls_elsewhere_are_refused(api_cli: Cli) -> None:
    result = api_cli.run("api", "GET", "https://elsewhere.example/profile")
    assert result.code == 2
    assert "never sent elsewhere" in result.err


def test_bad_fields_are_usage_errors(api_cli: Cli) -> None:
    for field in ("novalue", "a]b=1", "a=1"):
        args = ["-f", field] if field != "a=1" else ["-f", "a=1", "-f", "a[b]=2"]
        result = api_cli.run("api", "POST", "/messages", *args)
        assert result.code == 2, (field, str(result))
    assert api_cli.run("api", "FETCH", "/x").code == 2


def test_ls_lists_every_operation(cli: Cli, pachca_api: Any) -> None:
    rows = cli.ok("api", "ls", "-o", "json").json()
    ctx = TargetContext(pachca_api)
    expected = [
        (f"{ctx.service_of(op).names.cli} {op.names.cli}", op.method, op.path, op.id)
        for op in pachca_api.operations
    ]
    assert [(r["command"], r["method"], r["path"], r["id"]) for r in rows] == expected
    found = cli.ok("api", "ls", "reaction", "-o", "json").json()
    assert found and all("reaction" in (r["id"] + r["path"]).lower() for r in found)


def test_describe_matches_the_ir(cli: Cli, pachca_api: Any) -> None:
    ctx = TargetContext(pachca_api)
    op = next(o for o in pachca_api.operations if o.id == "createMessage")
    described = cli.ok("api", "describe", "createMessage", "-o", "json").json()
    assert described["scopes"] == list(op.scopes)
    assert described["example"] == cli_command(ctx, op)
    assert described["body"]["wrapper"] == op.body.wrapper_key
    assert [f["name"] for f in described["body"]["fields"]] == [
        f.names.wire for f in (*op.body.fields, *op.body.outer_fields)
    ]
    for spelling in (["messages", "create"], ["messages.create"], ["create_message"],
                     ["POST", "/messages"]):  # fmt: skip
        again = cli.ok("api", "describe", *spelling, "-o", "json").json()
        assert again["id"] == "createMessage", spelling
    text = cli.ok("api", "describe", "messages", "create", "-o", "table").out
    assert cli_command(ctx, op) in text
    assert "--entity-id" in text and "message[entity_id]" in text
    for enum_value in ("discussion", "thread", "user"):
        assert f"      {enum_value}: " in text


def test_describe_unknown_suggests(cli: Cli) -> None:
    result = cli.run("api", "describe", "createMesage")
    assert result.code == 2
    assert "createMessage" in result.err


def test_the_catalog_holds_every_operation_as_the_ir_has_it(pachca_api: Any) -> None:
    """The generated ``_catalog.py`` (read at run time instead of the spec) against the IR."""
    catalog = load_catalog()
    ctx = TargetContext(pachca_api)
    assert len(catalog.OPERATIONS) == len(pachca_api.operations)
    for entry, op in zip(catalog.OPERATIONS, pachca_api.operations, strict=True):
        assert entry["id"] == op.id
        assert (entry["service"], entry["command"]) == (ctx.service_of(op).names.cli, op.names.cli)
        assert (entry["method"], entry["path"]) == (op.method, op.path)
        assert entry["scopes"] == list(op.scopes)
        assert entry["example"] == cli_command(ctx, op)
        assert [p["flag"] for p in entry["parameters"]] == [
            f"--{p.names.cli}" for p in op.parameters
        ]
        assert (entry["pagination"] is None) == (op.pagination is None)
    assert pachca_api.version == catalog.API_VERSION


def load_catalog() -> Any:
    path = ROOT / "output" / "cli" / "src" / "pachca_cli" / "_catalog.py"
    spec = importlib.util.spec_from_file_location("generated_catalog", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_raw_request_example_runs(api_cli: Cli, prism: PrismServer) -> None:
    """Each operation's `api` example (what `api describe` prints) against Prism: accepted,
    with no violation of the spec."""
    lines = [op["api_example"] for op in load_catalog().OPERATIONS if op["api_example"]]
    assert len(lines) > 70
    results = run_many(api_cli, lines)
    failed = [
        f"{line}\n{result}" for line, result in zip(lines, results, strict=True)
        if result.code != 0
    ]  # fmt: skip
    assert not failed, "\n\n".join(failed)
    profile = results[lines.index("pachca api GET /profile")]
    assert json.loads(profile.out)["data"]["first_name"] == "Oleg"  # the spec's example
    assert prism.violations_report() == ""


def test_field_values_and_nesting(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("from a file\n")
    env = {"PACHCA_TOKEN": "t" * 20}
    line = cli.ok(
        "--dry-run", "api", "POST", "/things",
        "-f", "text=true", "-F", "flag=true", "-F", "none=null", "-F", "ratio=1.5",
        "-F", "ids[]=1", "-F", "ids[]=2", "-F", f"note=@{tmp_path / 'note.txt'}",
        "-F", "piped=@-", "-F", "deep[a][b]=3", "-f", "rows[][name]=x",
        env=env, input="from stdin",
    ).out  # fmt: skip
    sent = json.loads(line.split("--data-binary ", 1)[1].strip().strip("'"))
    assert sent == {
        "text": "true",
        "flag": True,
        "none": None,
        "ratio": 1.5,
        "ids": [1, 2],
        "note": "from a file\n",
        "piped": "from stdin",
        "deep": {"a": {"b": 3}},
        "rows": [{"name": "x"}],
    }
    missing = cli.run("api", "POST", "/x", "-F", f"f=@{tmp_path / 'nope'}", env=env)
    assert missing.code == 2 and "cannot read" in missing.err


# --- bodies that are not JSON ---------------------------------------------------------------


@pytest.fixture
def local(cli: Cli) -> Any:
    """The CLI pointed at a local server that records what it receives."""
    from tests.cli.local_server import local_server

    with local_server() as server:
        server.route("POST", "/files", (200, {"ok": True}))
        server.route("PUT", "/form", (200, {"ok": True}))
        cli.env.update({"PACHCA_BASE_URL": server.base_url, "PACHCA_TOKEN": "test-token-0123"})
        yield cli, server


def test_input_sent_as_it_is_under_another_content_type(local: Any, tmp_path: Path) -> None:
    cli, server = local
    data = bytes(range(256)) * 4  # not text: sent byte for byte
    (tmp_path / "blob.bin").write_bytes(data)
    header = "Content-Type: application/octet-stream"
    answer = cli.ok("api", "POST", "/files", "-H", header, "--input", str(tmp_path / "blob.bin"))
    assert answer.json() == {"ok": True}
    seen = server.seen[-1]
    assert seen.body == data
    assert seen.headers["content-type"] == "application/octet-stream"
    assert seen.headers["authorization"] == "Bearer test-token-0123"
    text = cli.ok("api", "POST", "/files", "-H", "content-type: text/csv", "--input", "-",
                  input="a,b\n1,2\n")  # fmt: skip
    assert server.seen[-1].body == b"a,b\n1,2\n"
    assert server.seen[-1].headers["content-type"] == "text/csv"
    assert text.json() == {"ok": True}
    # --dry-run: curl reads the same file again, rather than the bytes pasted in
    count = len(server.seen)
    dry = cli.ok("--dry-run", "api", "POST", "/files", "-H", header,
                 "--input", str(tmp_path / "blob.bin")).out  # fmt: skip
    assert f"--data-binary @{tmp_path / 'blob.bin'}" in dry
    assert "-H 'content-type: application/octet-stream'" in dry
    assert len(server.seen) == count  # nothing sent


def test_fields_sent_as_a_form(local: Any) -> None:
    cli, server = local
    cli.ok("api", "PUT", "/form", "-H", "Content-Type: application/x-www-form-urlencoded",
           "-f", "name=Ann & Bo", "-F", "tags[]=1", "-F", "tags[]=2",
           "-F", "meta[admin]=true")  # fmt: skip
    seen = server.seen[-1]
    assert seen.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qsl(seen.body.decode()) == [
        ("name", "Ann & Bo"), ("tags", "1"), ("tags", "2"), ("meta[admin]", "true"),
    ]  # fmt: skip


def test_merge_patch_json_keeps_its_content_type(local: Any) -> None:
    cli, server = local
    server.route("PATCH", "/things/1", (200, {"ok": True}))
    cli.ok("api", "PATCH", "/things/1", "-H", "Content-Type: application/merge-patch+json",
           "-F", "count=2")  # fmt: skip
    seen = server.seen[-1]
    assert seen.headers["content-type"] == "application/merge-patch+json"
    assert json.loads(seen.body) == {"count": 2}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-H", "Content-Type: text/plain", "-f", "a=1"], "cannot make a text/plain body"),
        (["-H", "Content-Type: text/plain"], "needs --input"),
        (
            ["-H", "Content-Type: application/x-www-form-urlencoded", "-f", "a=1", "--input", "-"],
            "either the fields or --input",
        ),
        (["-H", "Content-Type: image/png", "--input", "/nonexistent/x.png"], "cannot read"),
    ],
)
def test_other_bodies_refused_with_a_reason(local: Any, args: list[str], message: str) -> None:
    cli, server = local
    result = cli.run("api", "POST", "/files", *args, input="")
    assert result.code == 2, str(result)
    assert message in result.err
    assert not server.seen


def test_json_input_that_is_not_text_is_a_usage_error(local: Any, tmp_path: Path) -> None:
    cli, server = local
    (tmp_path / "bad.json").write_bytes(b"\xff\xfe{")
    result = cli.run("api", "POST", "/files", "--input", str(tmp_path / "bad.json"))
    assert result.code == 2, str(result)
    assert "--input is not valid JSON" in result.err and "Traceback" not in result.err
    assert not server.seen
