"""``mypy --strict`` over user scripts: enum arguments and the upload helper's result.

Enum arguments accept the member or its literal value (``kind="reminder"``); what
``client.files.upload()`` returns fits every attachment field whose schema it fits (a
message's ``files`` on create and on update). For our fixture spec
(``tests/fixtures/features/enums_and_uploads.yaml``, generated into a temporary folder) and
for the committed Pachca SDK, one script must type-check and one must fail on exactly the
lines marked ``# error``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sdk.generated_sdk import write_sdk

pytest.importorskip("mypy")

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).resolve().parent / "usage_scripts"
FIXTURE = ROOT / "tests" / "fixtures" / "features" / "enums_and_uploads.yaml"
PACHCA_SRC = ROOT / "output" / "sdk" / "src"
ERROR_LINE = re.compile(r"^(?P<file>[\w.]+):(?P<line>\d+): error:", re.MULTILINE)


@pytest.fixture(scope="module")
def notes_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture spec's SDK, generated for this test; returns its ``src`` folder."""
    out = tmp_path_factory.mktemp("notes")
    assert write_sdk(FIXTURE, out) == "notes"
    return out / "sdk" / "src"


def _mypy(script: str, search_path: Path, workdir: Path) -> subprocess.CompletedProcess[str]:
    target = workdir / script
    target.write_text((SCRIPTS / script).read_text(encoding="utf-8"), encoding="utf-8")
    (workdir / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            str(workdir.parent / ".mypy_cache"),
            "--python-version",
            "3.11",
            script,
        ],
        cwd=workdir,
        env={**os.environ, "MYPYPATH": str(search_path)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _marked_lines(script: str) -> set[int]:
    lines = (SCRIPTS / script).read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, 1) if line.endswith("# error")}


def _check_pair(prefix: str, search_path: Path, tmp_path: Path) -> None:
    good = _mypy(f"{prefix}_usage_ok.py", search_path, tmp_path)
    assert good.returncode == 0, good.stdout + good.stderr

    bad_script = f"{prefix}_usage_bad.py"
    bad = _mypy(bad_script, search_path, tmp_path)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    reported = {
        int(match["line"])
        for match in ERROR_LINE.finditer(bad.stdout)
        if match["file"] == bad_script
    }
    assert reported == _marked_lines(bad_script), bad.stdout


def test_notes_fixture_sdk(notes_src: Path, tmp_path: Path) -> None:
    _check_pair("notes", notes_src, tmp_path)


def test_pachca_sdk(tmp_path: Path) -> None:
    _check_pair("pachca", PACHCA_SRC, tmp_path)
