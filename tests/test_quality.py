"""House rules, enforced in CI: output/ matches spec/, and our code is typed, linted, formatted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_output_matches_spec() -> None:
    done = run(sys.executable, "-m", "generator", "generate", "--strict", "--check")
    assert done.returncode == 0, done.stderr


def test_generator_passes_mypy_strict() -> None:
    done = run(sys.executable, "-m", "mypy", "--strict", "generator")
    assert done.returncode == 0, done.stdout


def test_ruff_is_clean() -> None:
    done = run(str(BIN / "ruff"), "check", "generator", "tests", "templates")
    assert done.returncode == 0, done.stdout


def test_black_is_clean() -> None:
    done = run(str(BIN / "black"), "--check", "--quiet", "generator", "tests", "templates")
    assert done.returncode == 0, done.stderr


def test_committed_sdk_is_clean_under_its_own_config() -> None:
    sdk = ROOT / "output" / "sdk"
    assert run(str(BIN / "ruff"), "check", "--quiet", str(sdk)).returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "src/pachca"],
        cwd=sdk,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout
