"""Every code sample of the docs, extracted from the committed markdown and run against Prism
serving spec/pachca.yaml (which validates each request): Python with the committed SDK, curl
with curl, and every CLI sample — operation pages, quick start and each workflow's step
commands — with the installed `pachca` (skipped when the CLI has not been generated)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import httpx
import pytest
import respx

from generator.targets.context import TargetContext
from generator.targets.pages import DocsPaths
from generator.targets.snippets.cli import cli_command

from .conftest import PAGES, docs_api
from .pages import Block, blocks, markdown_pages

TOKEN = "docs-sample-token"


@cache
def upload_pages() -> frozenset[str]:
    """Pages of operations that post to a pre-signed storage URL: that URL is not a path of
    the API, so Prism cannot answer them (their one-call helper is run in the uploads guide)."""
    ctx = TargetContext(docs_api())
    return frozenset(
        DocsPaths.operation(ctx.service_of(op), op) for op in ctx.api.operations if op.upload
    )


PAGES_TEXT = markdown_pages(PAGES)
PYTHON = blocks(PAGES_TEXT, "python")
SHELL = blocks(PAGES_TEXT, "sh")
CURL = [b for b in SHELL if b.code.startswith("curl ")]
CLI = [b for b in SHELL if b.tab == "CLI"]


def _against_prism(block: Block) -> bool:
    return block.page not in upload_pages()


@cache
def sample_files() -> frozenset[str]:
    """The local files samples send: a file argument's example is a file name; curl's binary
    body reads file.bin; the uploads guide sends report.pdf."""
    named = {
        str(argument.value)
        for op in docs_api().operations
        for argument in op.example.arguments
        if argument.type.file and isinstance(argument.value, str)
    }
    return frozenset({*named, "file.bin", "report.pdf"})


def _files(workdir: Path) -> None:
    for name in sample_files():
        (workdir / name).write_bytes(b"\x89PNG\r\n\x1a\n docs sample")


def test_every_operation_page_has_all_three_samples() -> None:
    ops = [p for p in PAGES_TEXT if p.startswith("reference/") and not p.endswith("index.md")]
    for language, found in (("python", PYTHON), ("curl", CURL), ("cli", CLI)):
        pages = {b.page for b in found}
        missing = [p for p in ops if p not in pages]
        assert not missing, f"{language} samples missing on {missing}"
    assert {b.tab for b in PYTHON if b.page in ops} == {"Python"}


@pytest.mark.parametrize("block", PYTHON, ids=[b.id for b in PYTHON])
def test_python_sample_runs(
    block: Block, mock_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    if not _against_prism(block):
        pytest.skip("posts to a pre-signed storage URL, which is no path of the API")
    import pachca  # noqa: F401  (output/sdk/src, put on sys.path by tests/prism.py)

    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PACHCA_TOKEN", TOKEN)
    monkeypatch.setenv("PACHCA_BASE_URL", mock_server.base_url)
    prism_host = httpx.URL(mock_server.base_url).host
    with respx.mock(assert_all_called=False) as mock:
        to_prism = mock.route(host=prism_host).pass_through()
        elsewhere = mock.route().respond(204)  # a storage upload from the uploads guide
        exec(compile(block.code, block.id, "exec"), {"__name__": "__docs__"})
    # An error status (Prism answers 4xx/422 to a request that violates the spec) raised in the
    # SDK above; Prism's log holds any other violation.
    if "client" in block.code:
        assert to_prism.calls or elsewhere.calls, "the sample sent no request"
    log = mock_server.violations_report()
    assert not log, f"{block.code}\nPrism reported violations:\n{log}"


def _env(server_url: str, path: str | None = None) -> dict[str, str]:
    return {
        "PATH": path or os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "PACHCA_BASE_URL": server_url,
        "PACHCA_TOKEN": TOKEN,
    }


@pytest.mark.parametrize("block", CURL, ids=[b.id for b in CURL])
def test_curl_sample_runs(block: Block, mock_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if not _against_prism(block):
        pytest.skip("posts to a pre-signed storage URL, which is no path of the API")
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    _files(tmp_path)
    headers = tmp_path / "headers.txt"
    script = f"{block.code} -sS -o /dev/null -D {headers} -w '%{{http_code}}'"
    done = subprocess.run(
        ["sh", "-c", script], cwd=tmp_path, env=_env(mock_server.base_url),
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, f"{block.code}\n{done.stderr}"
    found = re.search(r"^sl-violations: (.*)$", headers.read_text(), flags=re.M | re.I)
    assert int(done.stdout) < 400 and not found, f"{block.code}\n→ {done.stdout} {found}"
    log = mock_server.violations_report()
    assert not log, f"{block.code}\nPrism reported violations:\n{log}"


@pytest.fixture(scope="session")
def cli_executable(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cli_env = pytest.importorskip(
        "tests.cli_env", reason="tests/cli_env.py (the CLI target's installer) is not here yet"
    )
    if not (PAGES.parents[1] / "cli").is_dir():
        pytest.skip("output/cli does not exist yet: the CLI target has not been generated")
    path: Path = cli_env.install_cli(tmp_path_factory.mktemp("cli"))
    return path


# Each CLI command starts a Python process (most of its time): they run a few at a time.
CLI_WORKERS = 4


def _run_cli(commands: list[str], workdir: Path, env: dict[str, str]) -> str | None:
    """Run commands one after another; the first failure, described, or None."""
    for command in commands:
        done = subprocess.run(
            ["sh", "-c", command], cwd=workdir, env=env, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
        if done.returncode != 0:
            return f"{command}\n  → {done.returncode}: {(done.stdout + done.stderr)[-600:]}"
    return None


def test_cli_samples_are_the_renderers_commands() -> None:
    """Every operation page's CLI sample is, byte for byte, the snippet renderer's command for
    that operation (the one tests/cli runs too), and a deleting one says `--yes`."""
    ctx = TargetContext(docs_api())
    by_page = {DocsPaths.operation(ctx.service_of(op), op): op for op in ctx.api.operations}
    samples = [b for b in CLI if b.page in by_page]
    assert {b.page for b in samples} == set(by_page)
    for block in CLI:
        if block.page not in by_page:  # the home page's quick start shows the showcase call
            showcase = ctx.operation(ctx.api.showcase.create)
            assert showcase is not None and block.code == cli_command(ctx, showcase)
            continue
        op = by_page[block.page]
        assert block.code == cli_command(ctx, op), block.page
        says_yes = "add `--yes` to confirm" in PAGES_TEXT[block.page]
        assert says_yes == op.destructive, block.page


# Runs command lines in one process of the installed CLI (a Python start each would be most of
# the time): each line's exit code and output.
IN_PROCESS = r"""
import contextlib, io, json, shlex, sys
from pachca_cli._runtime._root import main

results = []
for line in json.load(sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(shlex.split(line)[1:])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    results.append([line, code, (out.getvalue() + err.getvalue())[-600:]])
json.dump(results, sys.__stdout__)
"""


def test_cli_sample_runs(cli_executable: Path, mock_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every CLI sample of the docs (operation pages and the quick start) against Prism, with
    `--yes` where the page says a script needs it: exit 0, and no violation of the spec."""
    ctx = TargetContext(docs_api())
    destructive = {
        DocsPaths.operation(ctx.service_of(op), op) for op in ctx.api.operations if op.destructive
    }
    lines = [
        f"{b.code} --yes" if b.page in destructive else b.code for b in CLI if _against_prism(b)
    ]
    assert len(lines) > 70
    _files(tmp_path)
    env = {**_env(mock_server.base_url), "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run(
        [str(cli_executable.parent / "python"), "-c", IN_PROCESS], input=json.dumps(lines),
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    failed = [f"{line}\n  → {code}: {output}" for line, code, output in json.loads(done.stdout)
              if code != 0]  # fmt: skip
    assert not failed, "\n".join(failed)
    log = mock_server.violations_report()
    assert not log, f"Prism reported violations:\n{log}"


def test_workflow_step_commands_run(cli_executable: Path, mock_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each workflow page's step commands, in order, with every shell variable they read set
    to the example value of the argument it fills (as the skills' commands are run); the
    upload to a pre-signed storage URL is left out (no path of the API)."""
    from tests.skills.test_commands_run import step_values

    api = docs_api()
    ctx = TargetContext(api)
    variables = step_values(api)
    _files(tmp_path)
    (tmp_path / variables.get("PATH_VALUE", "file.bin")).write_bytes(b"data")
    path = f"{cli_executable.parent}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}"
    env = {**_env(mock_server.base_url, path), **variables}
    batches: list[list[str]] = []
    for workflow in api.workflows:
        page = DocsPaths.workflow(workflow)
        commands = [b.code for b in SHELL if b.page == page]
        assert len(commands) == len(workflow.steps), page
        batch = []
        for step, command in zip(workflow.steps, commands, strict=True):
            op = ctx.operations[step.operation]
            if op.upload is None:
                batch.append(f"{command} --yes" if op.destructive else command)
        batches.append(batch)
    assert sum(map(len, batches)) > len(api.workflows)
    with ThreadPoolExecutor(max_workers=CLI_WORKERS) as pool:
        failures = [f for f in pool.map(lambda b: _run_cli(b, tmp_path, env), batches) if f]
    assert not failures, "\n".join(failures)
    log = mock_server.violations_report()
    assert not log, f"Prism reported violations:\n{log}"
