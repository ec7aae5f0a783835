"""Both distributions install and work: dxgen from any folder, and the generated SDK."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(source)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    (wheel,) = out.glob("*.whl")
    return wheel


def install(wheel: Path, target: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_dxgen_wheel_ships_templates_and_runs_anywhere(tmp_path: Path) -> None:
    wheel = build_wheel(ROOT, tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/_templates/sdk/_client.py.jinja" in names
    assert "generator/_templates/sdk/runtime/_core/_client.py" in names
    templates = [n for n in names if n.startswith("generator/_templates/") and n.endswith(".jinja")]
    compiled = [n for n in names if n.startswith("generator/_jinja/")]
    assert len(compiled) == len(templates)  # hatch_build.py: every template, compiled
    site = tmp_path / "site"
    install(wheel, site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(ROOT / "spec" / "pachca.yaml"),
         "-o", "out", "-t", "sdk", "-q"],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": "", "DXGEN_CACHE_DIR": str(tmp_path / "cache")},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not (
        tmp_path / "cache" / "jinja"
    ).exists()  # the shipped templates served: none compiled
    generated = elsewhere / "out" / "sdk" / "src" / "pachca" / "_client.py"
    assert (
        generated.read_bytes()
        == (ROOT / "output" / "sdk" / "src" / "pachca" / "_client.py").read_bytes()
    )


def test_generated_sdk_is_an_installable_distribution(tmp_path: Path) -> None:
    wheel = build_wheel(ROOT / "output" / "sdk", tmp_path / "dist")
    assert wheel.name.startswith("pachca_sdk-")  # dxgen.toml: distribution = "pachca-sdk"
    names = zipfile.ZipFile(wheel).namelist()
    assert "pachca/py.typed" in names and "pachca/_core/_client.py" in names
    site = tmp_path / "site"
    install(wheel, site)
    done = subprocess.run(
        [sys.executable, "-c",
         "from pachca import PachcaClient, Message; import pachca; "
         "print(pachca.__version__, PachcaClient('t').messages.__class__.__name__)"],
        cwd=tmp_path, env={"PYTHONPATH": str(site)}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "MessagesService" in done.stdout
