"""The Prism mock of spec/pachca.yaml that the contract, CLI, docs and skills tests send to.

``output/sdk/src`` is put on ``sys.path`` so ``import pachca`` loads the committed generated
package. The fixtures are registered once, in ``tests/conftest.py``, so one Prism process
(``prism mock spec/pachca.yaml --errors``, static examples) serves the whole session; it
validates every request against the spec and answers 4xx/422 (with the violations in the
``sl-violations`` header and in its log) when a request does not conform. With ``--errors`` it
also answers 500 when its own response (a spec example) violates the spec.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
SDK_SRC = ROOT / "output" / "sdk" / "src"
SPEC = ROOT / "spec" / "pachca.yaml"
PRISM_BIN = ROOT / ".tools" / "node_modules" / ".bin" / "prism"
STARTUP_TIMEOUT = 60.0
TOKEN = "contract-test-token"
MARKER_PATH = "/__contract_marker__"

if str(SDK_SRC) not in sys.path:
    sys.path.insert(0, str(SDK_SRC))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Exchange:
    """One request the SDK sent to Prism and what Prism said about it."""

    method: str
    url: str
    status: int
    violations: list[dict[str, Any]]

    def __str__(self) -> str:
        lines = [f"{self.method} {self.url} -> {self.status}"]
        for violation in self.violations:
            where = ".".join(str(part) for part in violation.get("location", []))
            lines.append(f"    [{violation.get('severity')}] {where}: {violation.get('message')}")
        return "\n".join(lines)


@dataclass
class PrismServer:
    """A running ``prism mock``; ``exchanges`` records every response's ``sl-violations``."""

    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path
    exchanges: list[Exchange] = field(default_factory=list)
    _log_offset: int = 0

    # -- per-test bookkeeping ----------------------------------------------------------

    def begin(self) -> None:
        """Forget earlier exchanges and log lines: what follows belongs to one test."""
        self.exchanges.clear()
        self._drain_log()

    def record(self, response: httpx.Response) -> None:
        raw = response.headers.get("sl-violations")
        violations: list[dict[str, Any]] = []
        if raw:
            try:
                violations = json.loads(raw)
            except ValueError:
                violations = [{"message": raw}]
        request = response.request
        self.exchanges.append(
            Exchange(request.method, str(request.url), response.status_code, violations)
        )

    def _drain_log(self) -> list[str]:
        """Prism's log lines since the last drain, once everything before now is written.

        Prism handles requests one after another and writes its log in order, so once the
        last line about a marker request is in the log, every line about the requests sent
        before it is there too.  The marker's own lines are dropped.
        """
        tag = uuid.uuid4().hex
        httpx.get(f"{self.base_url}{MARKER_PATH}/{tag}", timeout=10)
        deadline = time.monotonic() + 5
        while True:
            with self.log_path.open("rb") as fh:
                fh.seek(self._log_offset)
                chunk = fh.read()
            lines = chunk.decode("utf-8", "replace").splitlines()
            tagged = [i for i, line in enumerate(lines) if tag in line]
            done = any("Request terminated" in lines[i] for i in tagged)
            if done or time.monotonic() > deadline:
                self._log_offset += len(chunk)
                return lines[: tagged[0]] if tagged else lines
            time.sleep(0.02)

    def violations_report(self) -> str:
        """Empty when Prism saw no violation in this test; otherwise what it said."""
        problems = [str(x) for x in self.exchanges if x.violations]
        log_lines = [line for line in self._drain_log() if "violation" in line.lower()]
        if log_lines:
            problems.append("Prism log:\n" + "\n".join(f"    {line}" for line in log_lines))
        return "\n".join(problems)

    def exchanges_report(self) -> str:
        return "\n".join(str(x) for x in self.exchanges) or "(no request reached Prism)"

    # -- clients ---------------------------------------------------------------------

    def sync_http_client(self) -> httpx.Client:
        return httpx.Client(timeout=30, event_hooks={"response": [self.record]})

    def async_http_client(self) -> httpx.AsyncClient:
        async def hook(response: httpx.Response) -> None:
            self.record(response)

        return httpx.AsyncClient(timeout=30, event_hooks={"response": [hook]})


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"Prism exited with code {process.returncode} before answering:\n"
                + log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
            )
        try:
            httpx.get(f"{base_url}{MARKER_PATH}/startup", timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
            continue
        return
    pytest.fail(
        f"Prism did not answer on {base_url} within {STARTUP_TIMEOUT:.0f} s:\n"
        + log_path.read_text(encoding="utf-8", errors="replace")[-4000:]
    )


@pytest.fixture(scope="session")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismServer]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed, so the Prism mock server cannot run")
    if not os.access(PRISM_BIN, os.X_OK):
        pytest.fail(
            f"Prism is not installed at {PRISM_BIN.relative_to(ROOT)}: run `make test` "
            "(the Makefile installs it into .tools/ with npm)",
            pytrace=False,
        )
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("prism") / "prism.log"
    command = [
        str(PRISM_BIN),
        "mock",
        str(SPEC),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--errors",  # violations are answered with an error, not a mocked 2xx
        "--dynamic=false",  # responses are the spec's examples
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    try:
        _wait_until_ready(process, base_url, log_path)
        yield PrismServer(process=process, base_url=base_url, log_path=log_path)
    finally:
        _stop(process)


@pytest.fixture
def mock_server(prism: PrismServer) -> PrismServer:
    """The session's Prism, with the per-test record of requests and violations reset."""
    prism.begin()
    return prism
