"""``--verbose`` and ``--dry-run``: the httpx client handed to the SDK.

The SDK builds every request (URL, query, headers, body); this module only watches them.
With ``--verbose`` each request and response is written to stderr as ``> METHOD URL`` and
``< STATUS`` lines with their headers, the token masked. With ``--dry-run`` the first request
is not sent: it is printed as a curl command line instead (the token replaced by
``$<PREFIX>_TOKEN``, which the shell fills in when the variable is set) and the run stops.
"""

from __future__ import annotations

import contextlib
import json
import shlex
import sys
import time
from email.parser import BytesParser
from email.policy import HTTP
from typing import TYPE_CHECKING, Any

# `import httpx` imports httpx's own command line (`httpx._main`: rich, pygments, click)
# whenever those are installed, as they are beside this CLI: a quarter of every request's
# start-up. Marked absent, the module is skipped (httpx's __init__ expects that ImportError);
# nothing here uses httpx's command line. Only before httpx is first imported.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import httpx

from .._project import ENV_PREFIX

if TYPE_CHECKING:
    from ._context import CliContext

SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key"})
# Headers httpx adds on its own that curl sends (or does not need) anyway.
IMPLIED_HEADERS = frozenset(
    {"host", "accept-encoding", "connection", "content-length", "user-agent"}
)
MAX_LOGGED_BODY = 2000


class DryRun(Exception):
    """Raised by the dry-run transport in place of sending: carries the request."""

    def __init__(self, request: httpx.Request, curl: str) -> None:
        super().__init__(curl)
        self.request = request
        self.curl = curl


def mask(value: str, token: str | None) -> str:
    """``value`` with the token masked: its first four characters kept, the rest ``*``."""
    if token and token in value:
        shown = token[:4] if len(token) > 12 else ""
        return value.replace(token, shown + "****")
    return value


def make_http_client(ctx: CliContext, *, timeout: float, token: str) -> httpx.Client:
    hooks: dict[str, list[Any]] = {"request": [], "response": []}
    if ctx.verbose:
        hooks["request"].append(lambda request: _log_request(request, token))
        hooks["response"].append(_log_response)
    transport: httpx.BaseTransport | None = None
    if ctx.dry_run:
        transport = _DryRunTransport(ctx.file_paths)
    return httpx.Client(timeout=timeout, event_hooks=hooks, transport=transport)


class _DryRunTransport(httpx.BaseTransport):
    def __init__(self, file_paths: dict[str, str]) -> None:
        self.file_paths = file_paths

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raise DryRun(request, curl_command(request, self.file_paths))


def curl_command(request: httpx.Request, file_paths: dict[str, str] | None = None) -> str:
    """``request`` as a curl command line that sends the same request."""
    words = ["curl", "-sS", "-X", request.method, shlex.quote(str(request.url))]
    content_type = request.headers.get("content-type", "")
    for name, value in request.headers.multi_items():
        lower = name.lower()
        if lower in IMPLIED_HEADERS:
            continue
        if lower == "content-type" and content_type.startswith("multipart/form-data"):
            continue  # curl writes its own boundary
        if lower in SECRET_HEADERS:
            scheme, _, _secret = value.partition(" ")
            secret = f"${ENV_PREFIX}_TOKEN"
            shown = f"{scheme} {secret}" if _secret else secret
            words += ["-H", f'"{name}: {shown}"']
            continue
        words += ["-H", shlex.quote(f"{name}: {value}")]
    body = request.read()
    if body:
        if content_type.startswith("multipart/form-data"):
            words += _multipart_flags(body, content_type, file_paths or {})
        elif (path := _file_holding(body, file_paths or {})) is not None:
            words += ["--data-binary", shlex.quote("@" + path)]
        else:
            words += ["--data-binary", shlex.quote(body.decode("utf-8", "replace"))]
    return " ".join(words)


def _file_holding(body: bytes, file_paths: dict[str, str]) -> str | None:
    """The path of a file the run sends whose bytes are ``body`` (a file sent as the whole
    body: curl reads it again, and bytes that are not text survive)."""
    for path in dict.fromkeys(file_paths.values()):
        try:
            with open(path, "rb") as handle:
                if handle.read(len(body) + 1) == body:
                    return path
        except OSError:
            continue
    return None


def _multipart_flags(body: bytes, content_type: str, file_paths: dict[str, str]) -> list[str]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    words: list[str] = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition") or ""
        filename = part.get_filename()
        if filename is not None:
            path = file_paths.get(filename, filename)
            spec = f"{name}=@{path};filename={filename}"
            ctype = part.get_content_type()
            if ctype:
                spec += f";type={ctype}"
            words += ["-F", shlex.quote(spec)]
        else:
            payload = part.get_payload(decode=True)
            text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
            # --form-string: a value starting with @ or < is sent as it is
            words += ["--form-string", shlex.quote(f"{name}={text}")]
    return words


def _log_request(request: httpx.Request, token: str) -> None:
    request.extensions["cli_started"] = time.monotonic()
    lines = [f"> {request.method} {request.url}"]
    for name, value in request.headers.multi_items():
        shown = _masked_header(name, value, token)
        lines.append(f"> {name}: {shown}")
    content_type = request.headers.get("content-type", "")
    if "json" in content_type:
        body = request.read()
        if body:
            lines.append(">")
            lines.append(_truncate(body.decode("utf-8", "replace")))
    sys.stderr.write("\n".join(lines) + "\n")


def _masked_header(name: str, value: str, token: str) -> str:
    if name.lower() in SECRET_HEADERS:
        scheme, _, secret = value.partition(" ")
        return f"{scheme} {mask(secret, secret)}" if secret else mask(value, value)
    return mask(value, token)


def _log_response(response: httpx.Response) -> None:
    started = response.request.extensions.get("cli_started")
    elapsed = f" in {(time.monotonic() - started) * 1000:.0f} ms" if started else ""
    lines = [f"< {response.status_code} {response.reason_phrase}{elapsed}"]
    for name, value in response.headers.multi_items():
        lines.append(f"< {name}: {value}")
    sys.stderr.write("\n".join(lines) + "\n")


def _truncate(text: str) -> str:
    with contextlib.suppress(ValueError):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    if len(text) > MAX_LOGGED_BODY:
        return text[:MAX_LOGGED_BODY] + f"… ({len(text)} characters)"
    return text
