"""Ctrl-C while Node works (compiling, or installing the compiler): exit 130, no traceback, no
Node process left, nothing half-made left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import HEADER, ROOT, write_spec

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if text in cmdline and "node" in cmdline:
            found.append(int(entry.name))
    return found


def _processes_working_in(folder: Path) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = Path(os.readlink(entry / "cwd"))
        except OSError:
            continue
        if cwd.is_relative_to(folder):
            found.append(int(entry.name))
    return found


def _gone(processes: Callable[[], list[int]], within: float = 5.0) -> list[int]:
    """The processes still there after ``within`` seconds: npm's grandchildren, killed with its
    group, may take a moment to exit after dxgen itself has."""
    deadline = time.monotonic() + within
    while (left := processes()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def _interrupt_when(
    args: list[str], cwd: Path, env: dict[str, str], ready: Callable[[], bool]
) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not ready():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "Node never started"
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_ctrl_c_during_the_compile(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    write_spec(tmp_path / "spec", HEADER + '@route("/p") op get(): string;\n')
    done = _interrupt_when(
        ["generate", "spec/main.tsp", "-o", "out"],
        tmp_path,
        {"TMPDIR": str(temp)},
        lambda: bool(_processes_mentioning(str(temp))),
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines() == [
        "dxgen: interrupted by SIGINT; the output was left as it was"
    ]
    assert _gone(lambda: _processes_mentioning(str(temp))) == []
    assert list(temp.iterdir()) == []  # the compile's temporary folder is gone
    assert not (tmp_path / "out").exists()


def test_ctrl_c_during_the_install_and_a_first_install_after_it(tmp_path: Path) -> None:
    """The first use installs the compiler, saying so in one line; an interrupted install
    leaves no tree that looks installed; the next run installs it, the one after is silent."""
    tools = tmp_path / "tools"
    env = {"DXGEN_TYPESPEC_DIR": str(tools)}
    write_spec(tmp_path / "spec", HEADER + '@route("/p") op get(): string;\n')
    done = _interrupt_when(
        ["validate", "spec/main.tsp"],
        tmp_path,
        env,
        lambda: tools.is_dir() and bool(_processes_working_in(tools)),  # npm ci, in staging
    )
    assert done.returncode == 130, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "dxgen: interrupted by SIGINT; the output was left as it was"
    )
    assert _gone(lambda: _processes_working_in(tools)) == []
    assert list(tools.iterdir()) == []  # the staging folder is gone; nothing looks ready

    first = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "spec/main.tsp"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    (installed,) = tools.iterdir()
    assert first.stderr.splitlines() == [
        f"dxgen: installing the TypeSpec compiler (once; npm ci) into {installed}"
    ]
    assert (installed / "node_modules" / "@typespec" / "compiler" / "package.json").is_file()
    second = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "spec/main.tsp"],
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert (second.returncode, second.stderr) == (0, "")
