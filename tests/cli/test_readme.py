"""Every example of the generated CLI README, executed: its shell blocks run by bash with the
installed `pachca` on PATH (against Prism, the upload against a local storage server), and
the completion lines run by the shell they are for (skipped when that shell is absent)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.cli.local_server import echo_message, local_server, route_uploads
from tests.cli_env import OUTPUT
from tests.prism import TOKEN, PrismServer

README = OUTPUT / "cli" / "README.md"
BLOCK = re.compile(r"```(sh|bash|zsh|fish)\n(.*?)```", re.S)


def blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [body for lang, body in BLOCK.findall(text) if lang == language]


SH_BLOCKS = blocks("sh")


def _env(cli: Cli, base_url: str) -> dict[str, str]:
    return {
        **cli.base_env(),
        "PATH": f"{cli.exe.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PACHCA_TOKEN": TOKEN,
        "PACHCA_BASE_URL": base_url,
    }


def _bash(script: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_readme_has_examples() -> None:
    assert len(SH_BLOCKS) >= 5
    assert blocks("bash") and blocks("zsh") and blocks("fish")


@pytest.mark.parametrize("block", SH_BLOCKS, ids=[b.splitlines()[0][:40] for b in SH_BLOCKS])
def test_readme_example_runs(
    block: str, cli: Cli, mock_server: PrismServer, tmp_path: Path
) -> None:
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 readme")
    lines = []
    for line in block.strip().splitlines():
        installed = re.fullmatch(r"pip install (\S+)", line)
        if installed:  # the distribution named is the one the tests installed
            check = f"import importlib.metadata as m; m.distribution({installed.group(1)!r})"
            assert cli.run_python(check).returncode == 0, line
            continue
        lines.append(line)
    script = "\n".join(lines)
    if " upload " in script:
        with local_server() as server:
            route_uploads(server)
            server.route("POST", "/messages", echo_message)
            done = _bash(script, _env(cli, server.base_url), tmp_path)
            assert [s.path for s in server.seen] == ["/uploads", "/storage", "/messages"]
    else:
        done = _bash(script, _env(cli, mock_server.base_url), tmp_path)
    assert done.returncode == 0, f"{script}\n{done.stderr}"
    if "--dry-run" in script:  # the curl line it printed runs too
        curl = _bash(
            done.stdout.strip() + " -o /dev/null", _env(cli, mock_server.base_url), tmp_path
        )
        assert curl.returncode == 0, curl.stderr
    violations = mock_server.violations_report()
    assert not violations, f"{script}\nPrism reported violations:\n{violations}"


def test_bash_completion(cli: Cli, tmp_path: Path) -> None:
    (line,) = blocks("bash")
    ask = (
        'words() { COMPREPLY=(); COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
        '_pachca_completion pachca; echo "${COMPREPLY[*]}"; }\n'
    )
    script = (
        f"{line.strip()}\n{ask}"
        "words pachca mes\nwords pachca messages cr\nwords pachca messages create --ent\n"
    )
    done = _bash(script, _env(cli, "http://127.0.0.1:9"), tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["messages", "create", "--entity-type --entity-id"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_completion(cli: Cli, tmp_path: Path) -> None:
    (line,) = blocks("zsh")
    script = f"autoload -Uz compinit && compinit -u\n{line.strip()}\nwhich _pachca_completion\n"
    done = subprocess.run(
        ["zsh", "-f", "-c", script], env=_env(cli, "http://127.0.0.1:9"), cwd=tmp_path,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "_pachca_completion" in done.stdout


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completion(cli: Cli, tmp_path: Path) -> None:
    (line,) = blocks("fish")
    script = f"{line.strip()}\ncomplete -C 'pachca mes'\ncomplete -C 'pachca messages cr'\n"
    done = subprocess.run(
        ["fish", "--no-config", "-c", script], env=_env(cli, "http://127.0.0.1:9"),
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    words = [line.split("\t")[0] for line in done.stdout.splitlines()]
    assert "messages" in words and "create" in words
