"""Every generated command, run once as the installed `pachca` against Prism serving
spec/pachca.yaml with request validation: each exits 0 and Prism reports no violation.

The command line is each operation's showcase example as the CLI snippet renderer prints it
(the one in its --help and in the docs), with ``--yes`` where the command deletes.
"""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from generator.ir import Operation
from tests.cli.conftest import Cli
from tests.contract.conftest import TOKEN, PrismServer, mock_server, prism  # noqa: F401

from .cases import OPERATIONS, example_argv, files_of


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
def test_command_runs_against_prism(
    op: Operation, cli: Cli, mock_server: PrismServer, tmp_path: Path  # noqa: F811
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
