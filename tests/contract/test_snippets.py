"""The snippet renderers' output, executed: every operation's showcase example as a Python
call and as a curl command, against Prism serving spec/pachca.yaml (which validates each
request), and the curl commands of the SDK README as printed. The CLI does not exist yet, so
its commands are checked for shape (tests/unit/test_snippets.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

from generator.ir import Operation
from generator.targets.context import TargetContext
from generator.targets.snippets.curl import curl_command
from generator.targets.snippets.python import python_call
from tests.prism import ROOT, TOKEN, PrismServer

from .cases import api

README = ROOT / "output" / "sdk" / "README.md"


@cache
def context() -> TargetContext:
    return TargetContext(api())


def operations() -> list[Operation]:
    """Every operation but the upload to a pre-signed URL: that URL is no path of the API (the
    samples show it through the one-call ``upload`` helper)."""
    return [op for op in api().operations if op.upload is None]


OPERATIONS = operations()


def _files(op: Operation, workdir: Path) -> None:
    """The local files a sample sends (a file argument's example is a file name)."""
    for argument in op.example.arguments:
        if argument.type.file and isinstance(argument.value, str):
            (workdir / argument.value).write_bytes(b"\x89PNG\r\n\x1a\n snippet")


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
def test_python_snippet_runs_against_prism(
    op: Operation, mock_server: PrismServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pachca

    _files(op, tmp_path)
    monkeypatch.chdir(tmp_path)

    call = python_call(context(), op)
    names = ", ".join(["PachcaClient", *sorted(call.imports)])
    code = (
        f"from pachca import {names}\n"
        f"with PachcaClient(token={TOKEN!r}, base_url={mock_server.base_url!r}, max_retries=0,"
        " http_client=http_client) as client:\n"
        f"    result = {call.render()}\n"
    )
    http_client = mock_server.sync_http_client()
    try:
        exec(compile(code, f"<snippet {op.id}>", "exec"), {"http_client": http_client})
    except pachca.APIStatusError as exc:
        pytest.fail(f"{code}\n→ {exc.status_code}: {exc.body}\n{mock_server.exchanges_report()}")
    finally:
        http_client.close()
    assert mock_server.exchanges, "the snippet sent no request"
    violations = mock_server.violations_report()
    assert not violations, f"{code}\nPrism reported violations:\n{violations}"


def _run_curl(command: str, server: PrismServer, workdir: Path) -> tuple[int, str]:
    """Run a printed curl command in sh; returns the status and Prism's sl-violations."""
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    (workdir / "file.bin").write_bytes(b"%PDF-1.4 snippet")
    headers = workdir / "headers.txt"
    script = f"{command} -sS -o /dev/null -D {headers} -w '%{{http_code}}'"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PACHCA_BASE_URL": server.base_url,
        "PACHCA_TOKEN": TOKEN,
    }
    done = subprocess.run(
        ["sh", "-c", script], cwd=workdir, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"{command}\n{done.stderr}"
    found = re.search(r"^sl-violations: (.*)$", headers.read_text(), flags=re.M | re.I)
    return int(done.stdout), found.group(1) if found else ""


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
def test_curl_snippet_runs_against_prism(
    op: Operation, mock_server: PrismServer, tmp_path: Path
) -> None:
    command = curl_command(context(), op)
    _files(op, tmp_path)
    status, violations = _run_curl(command, mock_server, tmp_path)
    assert status < 400 and not violations, f"{command}\n→ {status} {violations}"
    log = mock_server.violations_report()
    assert not log, f"{command}\nPrism reported violations:\n{log}"


def readme_curl_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [b for b in re.findall(r"```sh\n(.*?)```", text, flags=re.S) if b.startswith("curl")]


def test_readme_has_curl_samples() -> None:
    assert readme_curl_blocks()


@pytest.mark.parametrize("block", readme_curl_blocks())
def test_readme_curl_sample_runs_against_prism(
    block: str, mock_server: PrismServer, tmp_path: Path
) -> None:
    status, violations = _run_curl(block.strip(), mock_server, tmp_path)
    assert status < 400 and not violations, f"{block}\n→ {status} {violations}"
