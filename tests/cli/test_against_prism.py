"""Every generated command, run once as the installed `pachca` against Prism serving
spec/pachca.yaml with request validation: each exits 0 and Prism reports no violation.

The command line is each operation's showcase example as the CLI snippet renderer prints it
(the one in its --help and in the docs), with ``--yes`` where the command deletes.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.ir import Operation
from tests.cli.conftest import Cli
from tests.prism import TOKEN, PrismServer

from .cases import OPERATIONS, SHAPES, example_argv, files_of


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
def test_command_runs_against_prism(
    op: Operation, cli: Cli, mock_server: PrismServer, tmp_path: Path
) -> None:
    files_of(op, tmp_path)
    argv = example_argv(op)
    done = cli.run(
        *argv[1:],
        "-o",
        "json",
        env={"PACHCA_TOKEN": TOKEN, "PACHCA_BASE_URL": mock_server.base_url},
        cwd=tmp_path,
    )
    line = shlex.join(argv)
    assert done.returncode == 0, f"{line}\n→ exit {done.returncode}\n{done.stderr}"
    if op.result.kind in ("value", "page", "location"):
        json.loads(done.stdout)  # the output is JSON
    violations = mock_server.violations_report()
    assert not violations, f"{line}\nPrism reported violations:\n{violations}"


@pytest.mark.parametrize("op", SHAPES, ids=[op.id for op in SHAPES])
def test_dry_run_curl_runs_against_prism(
    op: Operation, cli: Cli, mock_server: PrismServer, tmp_path: Path
) -> None:
    """`--dry-run` prints a curl command; run by sh (the token from $PACHCA_TOKEN), Prism
    accepts it. One operation of each request shape (method, body, kinds of arguments)."""
    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    files_of(op, tmp_path)
    argv = example_argv(op)
    env = {"PACHCA_TOKEN": TOKEN, "PACHCA_BASE_URL": mock_server.base_url}
    done = cli.run(*argv[1:], "--dry-run", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    command = done.stdout.strip()
    assert command.startswith("curl ") and "\n" not in command
    assert TOKEN not in command
    mock_server.begin()
    script = f"{command} -o /dev/null -w '%{{http_code}}'"
    ran = subprocess.run(
        ["sh", "-c", script],
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0, f"{command}\n{ran.stderr}"
    assert int(ran.stdout) < 400, f"{command}\n→ {ran.stdout}"
    violations = mock_server.violations_report()
    assert not violations, f"{command}\nPrism reported violations:\n{violations}"
