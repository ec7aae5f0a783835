"""The generated CLI README's sections on auth, ``api``, ``guide`` and ``doctor``: every
example in them runs, in order, in a shell against Prism, with a temporary config folder."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.prism import PrismServer

from .conftest import NO_KEYRING, Cli

README = Path(__file__).resolve().parents[2] / "output" / "cli" / "README.md"
SECTIONS = ("## Logging in and profiles", "## Raw requests", "## Finding your way")


def examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    start = text.index(SECTIONS[0])
    blocks = re.findall(r"```sh\n(.*?)```", text[start:], re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_the_readme_documents_precedence_and_the_config_folder() -> None:
    text = README.read_text(encoding="utf-8")
    for heading in SECTIONS:
        assert heading in text
    assert "1. `--token`;\n2. the `PACHCA_TOKEN` environment variable;" in text
    assert "`PACHCA_CONFIG_DIR`" in text and "0600" in text


def test_every_example_runs(api_cli: Cli, prism: PrismServer) -> None:
    lines = examples()
    assert any(line.startswith("pachca api POST") for line in lines)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PACHCA_")},
        **api_cli.env,
        "PATH": str(api_cli.exe.parent) + os.pathsep + os.environ["PATH"],
        "PACHCA_CONFIG_DIR": str(api_cli.config_dir),
        "PYTHON_KEYRING_BACKEND": NO_KEYRING,
    }
    for line in lines:
        done = subprocess.run(
            ["sh", "-c", line], env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, (line, done.stdout[-2000:], done.stderr[-2000:])
    assert api_cli.config_file.exists()  # `auth login` wrote the profile there
    assert prism.violations_report() == ""
