"""Each output format of one object and of a list (golden files, syrupy), and each read back
by its own parser: YAML and JSON give the same data, CSV the same rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from syrupy.assertion import SnapshotAssertion

from tests.cli.conftest import Cli
from tests.cli.local_server import LocalServer, local_server, message, page

CHAT = {
    "id": 5, "name": "Launch: \"v2\" | #ops", "owner_id": 1, "member_ids": [1, 2],
    "group_tag_ids": [], "channel": False, "personal": False, "public": True,
    "created_at": "2025-01-10T09:00:00Z", "last_message_at": None,
    "meet_room_url": "https://meet.example/x", "archived": False,
}  # fmt: skip
FORMATS = ["json", "yaml", "csv", "jsonl", "table"]


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        running.route("GET", "/chats/5", (200, {"data": CHAT}))
        items = [message(1, "first line\nsecond"), message(2, "yes: no, 'quoted'")]
        running.route("GET", "/messages", (200, page(items)))
        yield running


def _run(cli: Cli, server: LocalServer, *args: str) -> str:
    env = {"PACHCA_TOKEN": "t", "PACHCA_BASE_URL": server.base_url, "COLUMNS": "100"}
    done = cli.run(*args, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_object(cli: Cli, server: LocalServer, fmt: str, snapshot: SnapshotAssertion) -> None:
    out = _run(cli, server, "chats", "get", "--id", "5", "-o", fmt)
    assert out == snapshot
    _reads_back(fmt, out, CHAT)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_list_with_columns(
    cli: Cli, server: LocalServer, fmt: str, snapshot: SnapshotAssertion
) -> None:
    out = _run(cli, server, "messages", "list", "--chat-id", "7", "-o", fmt,
               "--columns", "id,content,thread.id")  # fmt: skip
    assert out == snapshot
    expected = [
        {"id": 1, "content": "first line\nsecond", "thread.id": None},
        {"id": 2, "content": "yes: no, 'quoted'", "thread.id": None},
    ]
    _reads_back(fmt, out, expected)


def _reads_back(fmt: str, out: str, expected: Any) -> None:
    if fmt == "json":
        assert json.loads(out) == expected
    elif fmt == "yaml":
        assert yaml.safe_load(out) == expected
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.splitlines()]
        assert rows == (expected if isinstance(expected, list) else [expected])
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        items = expected if isinstance(expected, list) else [expected]
        assert [row["id"] for row in rows] == [str(item["id"]) for item in items]
        if isinstance(expected, list):
            assert [row["content"] for row in rows] == [item["content"] for item in items]
