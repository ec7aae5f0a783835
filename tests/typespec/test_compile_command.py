"""``dxgen compile SPEC.tsp -o OUT.yaml``: the OpenAPI dxgen reads from a TypeSpec spec, written
to a file (the Makefile keeps spec/pachca.yaml = compiled spec/main.tsp with it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from .conftest import FIXTURES, dxgen


def test_writes_the_openapi_deterministically_and_checks_it(tmp_path: Path) -> None:
    spec = FIXTURES / "pagination" / "main.tsp"
    first = dxgen("compile", str(spec), "-o", "a/openapi.yaml", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (first.stdout, first.stderr) == ("", "")
    written = (tmp_path / "a" / "openapi.yaml").read_bytes()
    document = yaml.safe_load(written)
    assert document["openapi"] == "3.0.0"
    assert document["paths"]["/chats"]["get"]["x-paginated"] is True
    again = dxgen("compile", str(spec), "-o", "-", cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.encode() == written
    check = dxgen("compile", str(spec), "-o", "a/openapi.yaml", "--check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    (tmp_path / "a" / "openapi.yaml").write_bytes(written + b"# edited\n")
    stale = dxgen("compile", str(spec), "-o", "a/openapi.yaml", "--check", cwd=tmp_path)
    assert stale.returncode == 1
    assert stale.stderr.strip() == (
        f"dxgen: a/openapi.yaml is not the compiled {spec}; run `dxgen compile`"
    )
    assert (tmp_path / "a" / "openapi.yaml").read_bytes() == written + b"# edited\n"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["openapi.yaml"]


def test_an_error_leaves_the_output_file_alone(tmp_path: Path) -> None:
    (tmp_path / "main.tsp").write_text("model Pet { id: Nope; }\n", encoding="utf-8")
    (tmp_path / "openapi.yaml").write_text("earlier\n", encoding="utf-8")
    done = dxgen("compile", "main.tsp", "-o", "openapi.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "main.tsp:1:17: error: Unknown identifier Nope (invalid-ref)",
        "dxgen: 1 error; nothing written",
    ]
    assert (tmp_path / "openapi.yaml").read_text(encoding="utf-8") == "earlier\n"


def test_never_overwrites_its_own_input(tmp_path: Path) -> None:
    source = (FIXTURES / "models").resolve()
    for name in ("main.tsp", "address.tsp"):
        (tmp_path / name).write_bytes((source / name).read_bytes())
    done = dxgen("compile", "main.tsp", "-o", "address.tsp", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "address.tsp: error: is an input of the compile; not overwritten"
    assert (tmp_path / "address.tsp").read_bytes() == (source / "address.tsp").read_bytes()


def test_only_typespec_is_compiled(tmp_path: Path) -> None:
    done = dxgen("compile", "spec.yaml", "-o", "out.yaml", cwd=tmp_path)
    assert done.returncode == 2
    assert "spec.yaml is not a TypeSpec file (.tsp)" in done.stderr


def test_an_imported_tsp_file_is_an_input_of_the_run(tmp_path: Path) -> None:
    """Editing a file main.tsp imports makes the next `dxgen generate` a full run: its stamp
    knows every .tsp file compiled, not only main.tsp."""
    shutil.copytree(FIXTURES / "models", tmp_path / "spec")
    env = {"DXGEN_CACHE_DIR": str(tmp_path / "cache"), "DXGEN_CACHE": "1"}
    args = ("generate", "spec/main.tsp", "-o", "out", "-t", "docs")
    assert dxgen(*args, cwd=tmp_path, env=env).returncode == 0
    again = dxgen(*args, cwd=tmp_path, env=env)
    assert "nothing changed since the last run" in again.stdout
    address = tmp_path / "spec" / "address.tsp"
    address.write_text(
        address.read_text(encoding="utf-8").replace("A postal address.", "Where mail goes."),
        encoding="utf-8",
    )
    edited = dxgen(*args, cwd=tmp_path, env=env)
    assert edited.returncode == 0, edited.stderr
    assert "nothing changed" not in edited.stdout
    docs = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.md"))
    assert "Where mail goes." in docs
