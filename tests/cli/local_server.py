"""A small HTTP server for the CLI's behaviour tests: answers chosen per test (statuses that
Prism's examples cannot give, pages that end, a slow answer to interrupt, a storage URL)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


Reply = tuple[int, Any]  # (status, JSON body or None)
Route = Callable[[Seen], Reply]


@dataclass
class LocalServer:
    base_url: str
    routes: dict[tuple[str, str], Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)

    def route(self, method: str, path: str, reply: Route | Reply) -> None:
        self.routes[(method, path)] = reply if callable(reply) else (lambda _seen: reply)


@contextmanager
def local_server() -> Iterator[LocalServer]:
    state: dict[str, LocalServer] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _answer(self) -> None:
            server = state["server"]
            parts = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            seen = Seen(
                self.command,
                parts.path,
                parse_qs(parts.query),
                {k.lower(): v for k, v in self.headers.items()},
                self.rfile.read(length) if length else b"",
            )
            server.seen.append(seen)
            server.arrived.set()
            route = server.routes.get((self.command, parts.path))
            status, body = route(seen) if route else (404, {"error": "no route"})
            data = b"" if body is None else json.dumps(body).encode()
            try:
                self.send_response(status)
                if body is not None:
                    self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _answer

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state["server"] = LocalServer(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state["server"]
    finally:
        httpd.shutdown()
        httpd.server_close()


def message(i: int, content: str = "hi") -> dict[str, Any]:
    """A message as the Pachca API returns it (every required field)."""
    return {
        "id": i, "entity_type": "discussion", "entity_id": 7, "chat_id": 7, "root_chat_id": 7,
        "content": content, "user_id": 1, "created_at": "2025-01-15T10:30:00Z",
        "url": f"https://example.com/{i}", "files": [], "voice_content": None, "buttons": None,
        "thread": None, "forwarding": None, "parent_message_id": None, "changed_at": None,
        "deleted_at": None,
    }  # fmt: skip


def route_uploads(server: LocalServer) -> None:
    """The two requests of the SDK's one-call upload: the upload parameters (pointing the
    file at this server's ``/storage``) and the storage's answer."""
    params = {
        "Content-Disposition": "attachment", "acl": "private", "policy": "p",
        "x-amz-credential": "c", "x-amz-algorithm": "a", "x-amz-date": "d",
        "x-amz-signature": "s", "key": "attaches/1/${filename}",
        "direct_url": f"{server.base_url}/storage",
    }  # fmt: skip
    server.route("POST", "/uploads", (201, params))
    server.route("POST", "/storage", (204, None))


def echo_message(seen: Seen) -> Reply:
    """`POST /messages`: the message created, with the content sent."""
    return 201, {"data": message(1, json.loads(seen.body)["message"]["content"])}


def page(items: list[Any], next_page: str | None = None) -> dict[str, Any]:
    """A page of a Pachca list: its items and the next page's cursor."""
    return {"data": items, "meta": {"paginate": {"next_page": next_page}}}
