"""On a terminal, a long `dxgen generate` shows its phase and how far it is; otherwise it
prints one summary line and nothing else."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import yaml

from tests.bench_sdk import synthetic_spec

ROOT = Path(__file__).resolve().parents[1]


def _generate(spec: Path, out: Path, stderr: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", str(spec), "-o", str(out)],
        env={**os.environ, "PYTHONPATH": str(ROOT), "DXGEN_CACHE": "0"},
        stdout=subprocess.PIPE,
        stderr=stderr,
    )


def test_a_terminal_sees_the_phases_and_the_counts(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(yaml.safe_dump(synthetic_spec(200), sort_keys=False), encoding="utf-8")
    controller, terminal = pty.openpty()
    run = _generate(spec, tmp_path / "out", terminal)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal's other end is closed: the run is over
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    stdout, _ = run.communicate(timeout=120)
    assert run.returncode == 0
    screen = shown.decode("utf-8")
    for phase in ("loading api.yaml", "parsing 100 paths", "rendering sdk", "rendering docs"):
        assert f"dxgen: {phase}" in screen, screen
    assert "rendering docs: 250 files" in screen  # a large target counts as it goes
    assert "formatting" in screen and "writing" in screen
    assert screen.endswith("\r\x1b[K")  # the progress line is cleared at the end
    assert stdout.decode().count("\n") == 1 and "written" in stdout.decode()


def test_a_pipe_sees_one_summary_line(tmp_path: Path) -> None:
    spec = ROOT / "tests" / "fixtures" / "features" / "wrapper_body.yaml"
    run = _generate(spec, tmp_path / "out", subprocess.PIPE)
    stdout, stderr = run.communicate(timeout=120)
    assert run.returncode == 0
    assert stderr == b""
    assert stdout.decode().count("\n") == 1 and "written" in stdout.decode()
