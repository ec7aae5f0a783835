"""The installed CLI against a local server: exit codes per status, errors on stderr (JSON
when the output is), `--all` over several pages, confirmation before deleting, raw bodies
merged with flags, values from files and stdin, --verbose, --dry-run, Ctrl-C, uploads."""

from __future__ import annotations

import json
import shlex
import signal
import subprocess
import time
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Cli
from tests.cli.local_server import (
    LocalServer,
    Seen,
    echo_message,
    local_server,
    message,
    route_uploads,
)

TOKEN = "secret-token-123456789"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        yield running


def run(
    cli: Cli, server: LocalServer, *args: str, **kwargs: Any
) -> subprocess.CompletedProcess[str]:
    env = {"PACHCA_TOKEN": TOKEN, "PACHCA_BASE_URL": server.base_url, **kwargs.pop("env", {})}
    return cli.run(*args, env=env, **kwargs)


# -- exit codes ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code"), [(401, 3), (403, 3), (404, 4), (422, 1), (500, 1), (402, 1)]
)
def test_exit_code_per_status(cli: Cli, server: LocalServer, status: int, code: int) -> None:
    server.route("GET", "/chats/5", (status, {"errors": [{"key": "id", "value": "nope"}]}))
    done = run(cli, server, "chats", "get", "--id", "5", "--no-retry", "-o", "json")
    assert done.returncode == code, done.stderr
    assert done.stdout == ""
    error = json.loads(done.stderr)["error"]
    assert error["status"] == status and error["exit_code"] == code
    assert "id: nope" in error["message"]


def test_forbidden_names_the_scope(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/chats/5", (403, {"errors": []}))
    done = run(cli, server, "chats", "get", "--id", "5", "-o", "table")
    assert done.returncode == 3
    assert "Error: HTTP 403" in done.stderr
    assert "chats:read" in done.stderr  # x-requirements of getChat


def test_network_error_is_1(cli: Cli) -> None:
    done = cli.run(
        "chats", "get", "--id", "5", "--no-retry", "--base-url", "http://127.0.0.1:9",
        "--token", TOKEN, "-o", "json",
    )  # fmt: skip
    assert done.returncode == 1
    assert "network error" in json.loads(done.stderr)["error"]["message"]


def test_usage_errors_are_2_and_json_before_any_context(cli: Cli) -> None:
    done = cli.run("messages", "create", "--bogus", "-o", "json")
    assert done.returncode == 2
    assert "--bogus" in json.loads(done.stderr)["error"]["message"]
    done = cli.run("messages", "create", "--content", "x", "--token", TOKEN, "-o", "table")
    assert done.returncode == 2
    assert "missing required flag: --entity-id (or in --json)" in done.stderr
    done = cli.run("chats", "get", "--token", TOKEN, "-o", "table")
    assert done.returncode == 2
    assert "missing required flag: --id\n" in done.stderr  # a path parameter: a flag only
    done = cli.run("chats", "get", "--id", "notanumber", "-o", "table")
    assert done.returncode == 2 and "notanumber" in done.stderr


def test_no_token_is_3(cli: Cli) -> None:
    done = cli.run("chats", "get", "--id", "5", "-o", "json")
    assert done.returncode == 3
    error = json.loads(done.stderr)["error"]
    assert "PACHCA_TOKEN" in error["hint"]


# -- pagination -----------------------------------------------------------------------------


def _pages(seen: Seen) -> tuple[int, Any]:
    cursor = seen.query.get("cursor", [None])[0]
    pages = {None: ([1, 2], "c2"), "c2": ([3, 4], "c3"), "c3": ([5], None)}
    ids, next_page = pages[cursor]
    return 200, {"data": [message(i) for i in ids], "meta": {"paginate": {"next_page": next_page}}}


def test_all_pages(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/messages", _pages)
    done = run(cli, server, "messages", "list", "--chat-id", "7", "--all", "-o", "json")
    assert done.returncode == 0, done.stderr
    assert [m["id"] for m in json.loads(done.stdout)] == [1, 2, 3, 4, 5]
    assert [s.query.get("cursor") for s in server.seen] == [None, ["c2"], ["c3"]]
    done = run(cli, server, "messages", "list", "--chat-id", "7", "--all", "-o", "jsonl")
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [1, 2, 3, 4, 5]
    done = run(cli, server, "messages", "list", "--chat-id", "7", "--all", "-o", "csv",
               "--columns", "id,content")  # fmt: skip
    assert done.stdout.splitlines() == ["id,content", "1,hi", "2,hi", "3,hi", "4,hi", "5,hi"]


def test_one_page_points_to_the_next(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/messages", _pages)
    done = run(cli, server, "messages", "list", "--chat-id", "7", "--limit", "2", "-o", "json")
    assert [m["id"] for m in json.loads(done.stdout)] == [1, 2]
    assert "--cursor c2" in done.stderr
    assert server.seen[0].query["limit"] == ["2"]
    done = run(cli, server, "messages", "list", "--chat-id", "7", "--cursor", "c3", "-o", "json")
    assert [m["id"] for m in json.loads(done.stdout)] == [5]
    assert "--cursor" not in done.stderr


def test_page_cap(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/messages", _pages)
    done = run(cli, server, "messages", "list", "--chat-id", "7", "--all", "--max-pages", "2",
               "-o", "json")  # fmt: skip
    assert [m["id"] for m in json.loads(done.stdout)] == [1, 2, 3, 4]
    assert "--max-pages" in done.stderr and "--cursor c3" in done.stderr


def test_cursor_loop_is_stopped(cli: Cli, server: LocalServer) -> None:
    server.route(
        "GET",
        "/messages",
        (200, {"data": [message(1)], "meta": {"paginate": {"next_page": "same"}}}),
    )
    done = run(cli, server, "messages", "list", "--chat-id", "7", "--all", "-o", "json",
               timeout=30)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert len(server.seen) <= 3


# -- deleting -------------------------------------------------------------------------------


def test_delete_needs_yes_when_not_a_terminal(cli: Cli, server: LocalServer) -> None:
    server.route("DELETE", "/messages/5", (204, None))
    done = run(cli, server, "messages", "delete", "--id", "5", "-o", "json")
    assert done.returncode == 2 and "--yes" in done.stderr
    assert server.seen == []
    done = run(cli, server, "messages", "delete", "--id", "5", "--yes")
    assert done.returncode == 0, done.stderr
    assert [(s.method, s.path) for s in server.seen] == [("DELETE", "/messages/5")]


# -- bodies and values ----------------------------------------------------------------------


def test_json_body_merged_with_flags(cli: Cli, server: LocalServer) -> None:
    server.route("POST", "/messages", echo_message)
    raw = {"message": {"entity_id": 3, "content": "from json"}, "link_preview": True, "x": 1}
    done = run(cli, server, "messages", "create", "--json", json.dumps(raw), "--content",
               "from flag", "-o", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    sent = json.loads(server.seen[0].body)
    assert sent == {"message": {"entity_id": 3, "content": "from flag"}, "link_preview": True,
                    "x": 1}  # fmt: skip
    assert json.loads(done.stdout)["content"] == "from flag"


def test_input_file_and_stdin(cli: Cli, server: LocalServer, tmp_path: Path) -> None:
    server.route("POST", "/messages", echo_message)
    body = tmp_path / "body.json"
    body.write_text(json.dumps({"message": {"entity_id": 3, "content": "file"}}))
    done = run(cli, server, "messages", "create", "--input", str(body), "-o", "json")
    assert done.returncode == 0, done.stderr
    done = run(cli, server, "messages", "create", "--input", "-", "-o", "json",
               input=json.dumps({"message": {"entity_id": 3, "content": "stdin"}}))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [json.loads(s.body)["message"]["content"] for s in server.seen] == ["file", "stdin"]


def test_values_from_files_and_stdin(cli: Cli, server: LocalServer, tmp_path: Path) -> None:
    server.route("POST", "/messages", echo_message)
    (tmp_path / "text.md").write_text("# from a file\n")
    files = [{"key": "k", "name": "a.txt", "file_type": "file", "size": 3}]
    (tmp_path / "files.json").write_text(json.dumps(files))
    for args, kwargs in [
        (("--content", "@text.md", "--files", "@files.json"), {}),
        (("--content", "-"), {"input": "piped"}),
        (("--content", "@nickname hello"), {}),  # no such file: the text itself
        (("--content", "@@text.md"), {}),
    ]:
        done = run(cli, server, "messages", "create", "--entity-id", "3", *args, "-o", "json",
                   cwd=tmp_path, **kwargs)  # fmt: skip
        assert done.returncode == 0, done.stderr
    sent = [json.loads(s.body)["message"] for s in server.seen]
    assert [m["content"] for m in sent] == ["# from a file\n", "piped", "@nickname hello",
                                            "@text.md"]  # fmt: skip
    assert sent[0]["files"] == files


def test_bad_json_flag_is_2(cli: Cli, server: LocalServer) -> None:
    done = run(cli, server, "messages", "create", "--entity-id", "3", "--content", "x",
               "--buttons", "[not json", "-o", "json")  # fmt: skip
    assert done.returncode == 2
    assert "--buttons" in json.loads(done.stderr)["error"]["message"]


def test_list_flags_repeat_or_take_commas(cli: Cli, server: LocalServer) -> None:
    server.route("POST", "/chats/9/members", (204, None))
    done = run(cli, server, "members", "add", "--id", "9", "--member-ids", "1,2",
               "--member-ids", "3")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(server.seen[0].body)["member_ids"] == [1, 2, 3]


# -- verbose, dry run -----------------------------------------------------------------------


def test_verbose_masks_the_token(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/chats/5", (404, {"errors": []}))
    done = run(cli, server, "-v", "chats", "get", "--id", "5", "-o", "json")
    assert f"> GET {server.base_url}/chats/5" in done.stderr
    assert "< 404" in done.stderr
    assert TOKEN not in done.stderr and "secr****" in done.stderr


def test_dry_run_sends_nothing(cli: Cli, server: LocalServer) -> None:
    done = run(cli, server, "messages", "create", "--entity-id", "3", "--content", "it's",
               "--dry-run")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert server.seen == []
    assert done.stdout.startswith("curl ")
    assert TOKEN not in done.stdout and "$PACHCA_TOKEN" in done.stdout


# -- Ctrl-C ---------------------------------------------------------------------------------


def test_interrupt_exits_130(cli: Cli, server: LocalServer) -> None:
    def slow(seen: Seen) -> tuple[int, Any]:
        time.sleep(20)
        return 200, {"data": {}}

    server.route("GET", "/chats/5", slow)
    env = {"PACHCA_TOKEN": TOKEN, "PACHCA_BASE_URL": server.base_url}
    process = subprocess.Popen(
        [str(cli.exe), "chats", "get", "--id", "5", "-o", "json"],
        env={**cli.base_env(), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.arrived.wait(30), "the request never arrived"
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr


# -- upload ---------------------------------------------------------------------------------


def test_files_upload(cli: Cli, server: LocalServer, tmp_path: Path) -> None:
    route_uploads(server)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 test")
    done = run(cli, server, "files", "upload", "report.pdf", "-o", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    attachment = json.loads(done.stdout)
    assert attachment["key"] == "attaches/1/report.pdf"
    assert attachment["name"] == "report.pdf" and attachment["size"] == 13
    storage = server.seen[1]
    assert "authorization" not in storage.headers
    assert b"%PDF-1.4 test" in storage.body
    # what it prints is what `messages create --files` takes
    server.route("POST", "/messages", echo_message)
    done = run(cli, server, "messages", "create", "--entity-id", "1", "--content", "x",
               "--files", json.dumps([attachment]), "-o", "json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(server.seen[-1].body)["message"]["files"] == [attachment]


def test_the_whole_operation_name_is_a_hidden_alias(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/chats/5", (200, {"data": {"id": 5}}))
    done = run(cli, server, "chats", "get-chat", "--id", "5", "-o", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"id": 5}
    listing = cli.run("chats", "--help").stdout
    assert " get " in listing and "get-chat" not in listing


def test_global_flags_before_or_after(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/chats/5", (200, {"data": {"id": 5, "name": "n"}}))
    before = run(cli, server, "-o", "csv", "chats", "get", "--id", "5")
    after = run(cli, server, "chats", "get", "--id", "5", "-o", "csv")
    assert before.stdout == after.stdout == "id,name\n5,n\n"


def test_timeout_is_1(cli: Cli, server: LocalServer) -> None:
    def slow(seen: Seen) -> tuple[int, Any]:
        time.sleep(5)
        return 200, {"data": {}}

    server.route("GET", "/chats/5", slow)
    started = time.monotonic()
    done = run(cli, server, "chats", "get", "--id", "5", "--timeout", "0.5", "--no-retry",
               "-o", "json")  # fmt: skip
    assert done.returncode == 1
    assert "timed out" in json.loads(done.stderr)["error"]["message"]
    assert time.monotonic() - started < 4


def test_upload_dry_run_prints_both_requests(cli: Cli, server: LocalServer, tmp_path: Path) -> None:
    """The first request as curl; the storage request, whose URL and fields only the first
    answer holds, as commented curl naming each field the real upload sends."""
    route_uploads(server)
    (tmp_path / "a.txt").write_text("x")
    real = run(cli, server, "files", "upload", "a.txt", "-o", "json", cwd=tmp_path)
    assert real.returncode == 0, real.stderr
    storage = server.seen[1]
    head = f"Content-Type: {storage.headers['content-type']}\r\n\r\n".encode()
    parts = BytesParser(policy=HTTP).parsebytes(head + storage.body).iter_parts()
    sent = [p.get_param("name", header="content-disposition") for p in parts]
    server.seen.clear()

    done = run(cli, server, "files", "upload", "a.txt", "--dry-run", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert server.seen == []  # nothing sent
    first, *rest = done.stdout.splitlines()
    assert first.startswith("curl ") and "/uploads" in first and "Bearer $PACHCA_TOKEN" in first
    assert all(line.startswith("#") for line in rest)
    storage_curl = " ".join(line.lstrip("# ").rstrip("\\ ") for line in rest[1:])
    assert storage_curl.startswith("curl -sS -X POST '<direct_url>'")
    assert "authorization" not in storage_curl.lower()
    planned = [w.split("=", 1)[0].strip("'") for w in shlex.split(storage_curl) if "=" in w]
    assert planned == sent  # every field, in the order the real upload sends them
    assert "file=@a.txt;filename=a.txt" in storage_curl
    assert "${filename} replaced by a.txt" in storage_curl


def test_a_group_alone_prints_its_help(cli: Cli) -> None:
    for args in ([], ["messages"]):
        done = cli.run(*args)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("Usage: pachca") and done.stderr == ""
