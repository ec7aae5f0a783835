"""The generated CLI installed for tests: ``install_cli(workdir)`` → the ``pachca`` executable.

A virtual environment is made in ``workdir`` that sees the project's own ``.venv`` (a
``.pth`` file adds its site-packages, so click, httpx, pydantic, rich, … are the pinned dev
versions and nothing is downloaded), and ``output/sdk`` and ``output/cli`` are pip-installed
into it with ``--no-deps``. The result is cached: once per process for the same ``workdir``
and the same generated sources.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"

_installed: dict[tuple[Path, Path, Path], Path] = {}


def _digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def install_cli(
    workdir: Path, *, sdk: Path | None = None, cli: Path | None = None, command: str = "pachca"
) -> Path:
    """Install the generated SDK and CLI (``output/`` by default) into a venv under
    ``workdir`` and return the path of the ``command`` executable."""
    sdk = (sdk or OUTPUT / "sdk").resolve()
    cli = (cli or OUTPUT / "cli").resolve()
    key = (workdir.resolve(), sdk, cli)
    if key in _installed and _installed[key].exists():
        return _installed[key]
    venv = workdir / f"cli-venv-{_digest(sdk, cli)}"
    exe = venv / "bin" / command
    if not exe.exists():
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = venv / "bin" / "python"
        site = subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        # The project's .venv (this interpreter's site-packages) under the new one.
        Path(site, "_dxgen_dev.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        subprocess.run(
            [
                str(python), "-m", "pip", "install", "--quiet", "--no-deps",
                "--no-build-isolation", "--no-index", str(sdk), str(cli),
            ],
            check=True,
            env=env,
            capture_output=True,
        )  # fmt: skip
    _installed[key] = exe
    return exe
