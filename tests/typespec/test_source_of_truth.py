"""spec/main.tsp (with the spec/*.tsp it imports) is the source of truth of the Pachca API;
spec/pachca.yaml is its compiled output, committed. These tests fail when the two drift apart
(someone edited the YAML by hand, or a .tsp without `make generate`), and when generating from
the TypeSpec would give other artifacts than the committed output/ (generated from the YAML)."""

from __future__ import annotations

import difflib
from pathlib import Path

from .conftest import ROOT, dxgen

SPEC_DIR = ROOT / "spec"


def test_committed_openapi_is_the_compiled_typespec(tmp_path: Path) -> None:
    done = dxgen("compile", str(SPEC_DIR / "main.tsp"), "-o", "compiled.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    compiled = (tmp_path / "compiled.yaml").read_text(encoding="utf-8")
    committed = (SPEC_DIR / "pachca.yaml").read_text(encoding="utf-8")
    if compiled != committed:
        lines = committed.splitlines(), compiled.splitlines()
        diff = difflib.unified_diff(*lines, "spec/pachca.yaml", "compiled", lineterm="")
        head = "\n".join(list(diff)[:40])
        raise AssertionError(f"spec/pachca.yaml is stale; run `make generate`:\n{head}")


def test_generating_from_the_typespec_gives_the_committed_output(tmp_path: Path) -> None:
    # dxgen.toml's names (package, skills, …) apply to the spec it names: the same file, naming
    # main.tsp instead of pachca.yaml.
    config = (ROOT / "dxgen.toml").read_text(encoding="utf-8")
    assert 'spec = "spec/pachca.yaml"' in config
    (tmp_path / "spec").symlink_to(SPEC_DIR)
    (tmp_path / "dxgen.toml").write_text(
        config.replace('spec = "spec/pachca.yaml"', 'spec = "spec/main.tsp"'), encoding="utf-8"
    )
    # --check compares what it would write with output/ (generated from spec/pachca.yaml) and
    # writes nothing; exit 1 names the files that would change.
    done = dxgen("generate", "-o", str(ROOT / "output"), "--check", "--strict", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "is up to date" in done.stdout + done.stderr
