"""The CLI on a terminal (a pseudo-terminal): a table by default, colours unless NO_COLOR or
--no-color, a confirmation question before deleting, progress while following pages."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time
from collections.abc import Iterator

import pytest

from tests.cli.conftest import Cli
from tests.cli.local_server import LocalServer, Seen, local_server, message, page

TOKEN = "terminal-token-123456"
ESC = b"\x1b["


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with local_server() as running:
        yield running


def run_tty(
    cli: Cli, server: LocalServer, *args: str, answer: bytes | None = None, **env: str
) -> tuple[int, bytes]:
    """Run the CLI with stdin, stdout and stderr on one pseudo-terminal 100 columns wide;
    ``answer`` is typed once a question (``[y/N]``) shows. Returns the exit code and all
    that the terminal showed."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    environment = {
        **cli.base_env(), "TERM": "xterm-256color", "PACHCA_TOKEN": TOKEN,
        "PACHCA_BASE_URL": server.base_url, "COLUMNS": "100", **env,
    }  # fmt: skip
    process = subprocess.Popen(
        [str(cli.exe), *args], stdin=slave, stdout=slave, stderr=slave, env=environment
    )
    os.close(slave)
    shown = b""
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other side is closed
                    break
                if not chunk:
                    break
                shown += chunk
                if answer is not None and b"[y/N]" in shown:
                    os.write(master, answer)
                    answer = None
            elif process.poll() is not None:
                break
        code = process.wait(timeout=10)
    finally:
        process.kill()
        os.close(master)
    return code, shown


def _chat(seen: Seen) -> tuple[int, object]:
    return 200, {"data": {"id": 5, "name": "General", "public": True}}


def test_table_by_default_with_colour(cli: Cli, server: LocalServer) -> None:
    server.route("GET", "/chats/5", _chat)
    server.route("GET", "/messages", (200, page([message(1), message(2)])))
    code, shown = run_tty(cli, server, "chats", "get", "--id", "5")
    assert code == 0, shown
    assert b"General" in shown and b'"name"' not in shown  # a table, not JSON
    code, shown = run_tty(cli, server, "messages", "list", "--chat-id", "7")
    assert code == 0, shown
    assert b"CONTENT" in shown and ESC in shown  # headers, in bold


@pytest.mark.parametrize("how", ["NO_COLOR", "--no-color"])
def test_no_colour(cli: Cli, server: LocalServer, how: str) -> None:
    server.route("GET", "/messages", (200, page([message(1)])))
    args = ["messages", "list", "--chat-id", "7"]
    if how == "NO_COLOR":
        code, shown = run_tty(cli, server, *args, NO_COLOR="1")
    else:
        code, shown = run_tty(cli, server, *args, "--no-color")
    assert code == 0, shown
    assert b"CONTENT" in shown and ESC not in shown


@pytest.mark.parametrize(("answer", "code", "sent"), [(b"n\n", 2, 0), (b"y\n", 0, 1)])
def test_delete_asks_first(
    cli: Cli, server: LocalServer, answer: bytes, code: int, sent: int
) -> None:
    server.route("DELETE", "/messages/5", (204, None))
    got, shown = run_tty(cli, server, "messages", "delete", "--id", "5", answer=answer)
    assert b"Continue? [y/N]" in shown
    assert got == code, shown
    assert len(server.seen) == sent


def test_progress_while_following_pages(cli: Cli, server: LocalServer) -> None:
    def pages(seen: Seen) -> tuple[int, object]:
        cursor = seen.query.get("cursor", ["1"])[0]
        following = str(int(cursor) + 1) if cursor != "3" else None
        body = {"data": [message(int(cursor))], "meta": {"paginate": {"next_page": following}}}
        return 200, body

    server.route("GET", "/messages", pages)
    code, shown = run_tty(cli, server, "messages", "list", "--chat-id", "7", "--all", "-o",
                          "jsonl")  # fmt: skip
    assert code == 0, shown
    assert b"page 3, 3 items" in shown
