"""The installed CLI (``pachca`` from output/cli, on output/sdk) for the tests of this folder."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli_env import install_cli


@dataclass
class Cli:
    exe: Path

    @property
    def python(self) -> Path:
        return self.exe.parent / "python"

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        input: str | None = None,
        timeout: float = 60,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess[str]:
        """``pachca *args`` with a clean environment (no token, no colours, no profile)."""
        return subprocess.run(
            [str(self.exe), *args],
            env={**self.base_env(), **(env or {})},
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=cwd,
        )

    def base_env(self) -> dict[str, str]:
        """The environment less the CLI's own variables, with a config folder of its own and no
        keyring."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("PACHCA_")}
        base.pop("NO_COLOR", None)
        base["XDG_CONFIG_HOME"] = str(self.exe.parent.parent / "config")
        # never the desktop's keyring: a test token stays in the test's config file
        base["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        return base

    def run_python(self, code: str) -> subprocess.CompletedProcess[str]:
        """``code`` run by the CLI's own interpreter."""
        return subprocess.run(
            [str(self.python), "-c", code], capture_output=True, text=True, timeout=60
        )


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return Cli(install_cli(tmp_path_factory.mktemp("cli")))
