"""The pinned TypeSpec compiler, installed once per lock file with ``npm ci``.

``generator/typespec/package.json`` and its ``package-lock.json`` (shipped in the wheel) pin
the compiler and its libraries. They are installed with ``npm ci --ignore-scripts`` (exactly
the locked tree; no package's install script runs) into ``ROOT/<digest of the two files>``,
so a dxgen upgrade that changes the pin installs beside the old tree and never mixes them.
ROOT is ``$DXGEN_TYPESPEC_DIR`` (the Makefile points it at ``.tools/typespec``), else
``typespec`` in dxgen's cache folder (``$DXGEN_CACHE_DIR``, ``$XDG_CACHE_HOME/dxgen`` or
``~/.cache/dxgen``). The install happens in a staging folder that is renamed into place when
complete, so an interrupted or concurrent install never leaves a half tree that looks ready.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .node import Node
from .process import TimedOut, node_env, run

PIN_DIR = Path(__file__).resolve().parents[2] / "typespec"
PIN_FILES = ("package.json", "package-lock.json")
READY = ".dxgen-ready"
INSTALL_TIMEOUT = 600.0


class InstallFailed(Exception):
    pass


def pin_digest() -> str:
    digest = hashlib.sha256()
    for name in PIN_FILES:
        digest.update((PIN_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def install_root() -> Path:
    explicit = os.environ.get("DXGEN_TYPESPEC_DIR")
    if explicit:
        return Path(explicit).absolute()
    cache = os.environ.get("DXGEN_CACHE_DIR")
    if cache:
        return Path(cache) / "typespec"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dxgen" / "typespec"


def installed_modules() -> Path | None:
    """The pinned ``node_modules``, if it is installed."""
    target = install_root() / pin_digest()
    return target / "node_modules" if (target / READY).is_file() else None


def ensure_installed(node: Node, announce: Callable[[str], None]) -> Path:
    """The pinned ``node_modules``, installed first if it is not (``announce`` is told so, in
    one line, before npm runs)."""
    ready = installed_modules()
    if ready is not None:
        return ready
    root = install_root()
    target = root / pin_digest()
    announce(f"installing the TypeSpec compiler (once; npm ci) into {target}")
    try:
        root.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    except OSError as exc:
        raise InstallFailed(f"cannot create {root}: {exc.strerror}") from None
    try:
        for name in PIN_FILES:
            shutil.copyfile(PIN_DIR / name, stage / name)
        command = [*node.npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
        command += ["--loglevel=error"]
        env = node_env()
        # npm's own scripts find the right node first on PATH
        env["PATH"] = os.pathsep.join([str(node.executable.parent), env.get("PATH", "")])
        try:
            done = run(command, cwd=stage, env=env, timeout=INSTALL_TIMEOUT)
        except TimedOut:
            raise InstallFailed(f"npm ci did not finish in {INSTALL_TIMEOUT:.0f} s") from None
        except OSError as exc:
            raise InstallFailed(f"cannot run npm: {exc.strerror}") from None
        if done.returncode != 0:
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            last = lines[-1] if lines else f"exit {done.returncode}"
            raise InstallFailed(f"npm ci failed: {last}")
        (stage / READY).write_text(pin_digest() + "\n", encoding="utf-8")
        if target.exists() and installed_modules() is None:
            shutil.rmtree(target, ignore_errors=True)  # debris of something else, never ready
        try:
            stage.rename(target)
        except OSError as exc:
            if installed_modules() is None:  # not a concurrent install that won the race
                raise InstallFailed(f"cannot move the install into {target}: {exc}") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return target / "node_modules"
