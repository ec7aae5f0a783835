"""The installed CLI run as a subprocess with its own config folder, keyring and Prism.

Every run gets a clean environment: no ``PACHCA_*`` variable of the caller's, the config
folder in a temporary directory (``PACHCA_CONFIG_DIR``), and keyring's ``fail`` backend (no
keyring) unless a test asks for the file-backed test keyring.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.cli_env import install_cli
from tests.prism import PrismServer

HERE = Path(__file__).resolve().parent
NO_KEYRING = "keyring.backends.fail.Keyring"
TEST_KEYRING = "keyring_backend.FileKeyring"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)

    def __str__(self) -> str:
        return f"exit {self.code}\nstdout:\n{self.out}\nstderr:\n{self.err}"


@dataclass
class Cli:
    exe: Path
    home: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def config_dir(self) -> Path:
        return self.home / "config"

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def keyring_file(self) -> Path:
        return self.home / "keyring.json"

    def use_keyring(self) -> None:
        """Give the CLI a working OS keyring (the test's file-backed one)."""
        self.env["PYTHON_KEYRING_BACKEND"] = TEST_KEYRING

    def run(
        self, *args: str, env: dict[str, str] | None = None, input: str | None = None
    ) -> Result:
        base = {k: v for k, v in os.environ.items() if not k.startswith("PACHCA_")}
        base.update(
            {
                "PACHCA_CONFIG_DIR": str(self.config_dir),
                "PYTHON_KEYRING_BACKEND": NO_KEYRING,
                "TEST_KEYRING_FILE": str(self.keyring_file),
                "PYTHONPATH": str(HERE),
            }
        )
        done = subprocess.run(
            [str(self.exe), *args],
            env={**base, **self.env, **(env or {})},
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            timeout=60,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, **kwargs: Any) -> Result:
        result = self.run(*args, **kwargs)
        assert result.code == 0, str(result)
        return result


@pytest.fixture(scope="session")
def pachca_exe(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return install_cli(tmp_path_factory.mktemp("cli-tools"))


@pytest.fixture
def cli(pachca_exe: Path, tmp_path: Path) -> Cli:
    return Cli(pachca_exe, tmp_path)


@pytest.fixture
def api_cli(cli: Cli, prism: PrismServer) -> Cli:
    """The CLI pointed at Prism (spec/pachca.yaml, request validation on) with a token."""
    prism.begin()
    cli.env.update({"PACHCA_BASE_URL": prism.base_url, "PACHCA_TOKEN": "test-token-0123456789"})
    return cli


@pytest.fixture(scope="session")
def pachca_api() -> Any:
    """The IR of spec/pachca.yaml (with its workflows): what the CLI was generated from."""
    from generator.load import load_spec
    from generator.parse import parse_spec

    root = HERE.parent.parent
    api, _ = parse_spec(
        load_spec(root / "spec" / "pachca.yaml"), workflows=root / "spec" / "workflows.yaml"
    )
    return api


# Runs many command lines in one process of the CLI's own interpreter (through the console
# script's `main`), which is a second where 80 subprocesses take half a minute. A line may
# start with `echo '<text>' |`: the text is its stdin.
RUNNER = r"""
import contextlib, io, json, shlex, sys
from pachca_cli._runtime._root import main

results = []
for line in json.load(sys.stdin):
    stdin = ""
    if line.startswith("echo "):
        piped, line = line.split(" | ", 1)
        stdin = shlex.split(piped)[1]
    argv = shlex.split(line)[1:]
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    sys.stdin = io.StringIO(stdin)
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    out.flush()
    results.append([code, out.buffer.getvalue().decode("utf-8"), err.getvalue()])
json.dump(results, sys.__stdout__)
"""


def run_many(cli: Cli, lines: list[str]) -> list[Result]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("PACHCA_")}
    env = {
        **base,
        "PACHCA_CONFIG_DIR": str(cli.config_dir),
        "PYTHON_KEYRING_BACKEND": NO_KEYRING,
        **cli.env,
    }
    done = subprocess.run(
        [str(cli.exe.parent / "python"), "-c", RUNNER],
        input=json.dumps(lines),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return [Result(*item) for item in json.loads(done.stdout)]
