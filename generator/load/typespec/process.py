"""Run Node (the compiler, npm) as a child that never outlives dxgen.

The child gets a session of its own, so a Ctrl-C at the terminal reaches dxgen alone; dxgen
then kills the child's whole group (npm starts children too) and goes on with its own
KeyboardInterrupt, which the CLI answers with exit 130. Past ``timeout`` seconds the group is
killed as well.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class TimedOut(Exception):
    pass


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str


def run(command: Sequence[str], *, cwd: Path, env: Mapping[str, str], timeout: float) -> Finished:
    """Run ``command``; raise :class:`TimedOut` after ``timeout`` seconds, having killed it."""
    process = subprocess.Popen(
        list(command),
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise TimedOut() from None
    except BaseException:  # Ctrl-C, SIGTERM: the child goes first
        _kill(process)
        raise
    return Finished(process.returncode, stdout, stderr)


def _kill(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        process.kill()
        process.wait()


def node_env() -> dict[str, str]:
    """The environment for Node: ours (npm's registry and proxy settings stay), without
    NODE_OPTIONS (which can preload code), with colour and npm's update notices off."""
    env = {key: value for key, value in os.environ.items() if key != "NODE_OPTIONS"}
    env.update(
        NO_COLOR="1",
        FORCE_COLOR="0",
        npm_config_update_notifier="false",
        npm_config_fund="false",
        npm_config_audit="false",
    )
    return env
