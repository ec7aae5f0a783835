"""Static typing: generated-style code type-checks under ``mypy --strict``.

The sample SDK (with a fresh ``_core``) and ``typecheck_usage.py`` are copied to a temporary
directory under the fixed name ``samplesdk`` and checked in a subprocess.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import HERE, build_sample_package

pytest.importorskip("mypy")


def _mypy(root: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    (root / "mypy.ini").write_text("[mypy]\n")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file",
            "mypy.ini",
            "--python-version",
            "3.11",
            *targets,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_generated_style_code_type_checks(tmp_path: Path) -> None:
    build_sample_package(tmp_path, "samplesdk")
    shutil.copy(HERE / "typecheck_usage.py", tmp_path / "usage.py")
    result = _mypy(tmp_path, "samplesdk", "usage.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_type_errors_are_detected(tmp_path: Path) -> None:
    build_sample_package(tmp_path, "samplesdk")
    (tmp_path / "bad.py").write_text(
        "from samplesdk import SampleClient\n"
        "c = SampleClient('t')\n"
        "m: int = c.messages.get_message(1)\n"
        "c.messages.with_raw_response.create_message(content='x')\n"
    )
    result = _mypy(tmp_path, "bad.py")
    assert result.returncode == 1
    assert 'Incompatible types in assignment (expression has type "Message"' in result.stdout
    assert 'Missing named argument "entity_id"' in result.stdout


def test_issue7_idioms_misused_are_rejected(tmp_path: Path) -> None:
    """Mistakes around the typed errors, streaming, redirects and extra_body fail mypy."""
    build_sample_package(tmp_path, "samplesdk")
    (tmp_path / "bad.py").write_text(
        "from samplesdk import NotFoundError, SampleClient\n"
        "c = SampleClient('t', max_retry_after='60')\n"
        "n: int = c.exports.download_export(1)\n"
        "try:\n"
        "    c.messages.get_message(1)\n"
        "except NotFoundError as e:\n"
        "    print(e.error.errors)\n"
        "c.exports.with_streaming_response.get_export_file(1).iter_bytes()\n"
        "c.exports.create_export(start_at='2024-01-01T00:00:00Z', extra_body=[1])\n"
    )
    result = _mypy(tmp_path, "bad.py")
    assert result.returncode == 1
    out = result.stdout
    for expected in (
        'Argument "max_retry_after" to "SampleClient" has incompatible type "str"',
        'Incompatible types in assignment (expression has type "str", variable has type "int")',
        'Item "None" of "ApiError | None" has no attribute "errors"',
        '"ResponseContextManager[StreamedAPIResponse[bytes]]" has no attribute "iter_bytes"',
        'Argument "start_at" to "create_export" of "ExportsService" has incompatible type "str"',
        'Argument "extra_body" to "create_export" of "ExportsService" has incompatible type '
        '"list[int]"',
    ):
        assert expected in out, out
