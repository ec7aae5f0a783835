"""The GitHub Actions workflows (.github/workflows/) and the CI template for dxgen's PyPI users
(docs/ci-template.yml, also in README.md): valid against GitHub's workflow schema, clean under
zizmor, least privilege, and the stale-output gate's shell step behaving as promised when run."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
TEMPLATE = ROOT / "docs" / "ci-template.yml"
REGENERATE = ROOT / ".github" / "workflows" / "regenerate.yml"
GATE_STEP = "Check that output/ was regenerated"
BIN = Path(sys.executable).parent
SMALL_SPEC = ROOT / "tests" / "fixtures" / "features" / "small.json"


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (pinned in the dev extra: `make setup`)")
    return path


def _readme_template(tmp_path: Path) -> Path:
    """The yaml block of README's CI section, written to a file so the tools can read it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## CI: fail a pull request whose output/ is stale", 1)[1]
    section = section.split("\n## ", 1)[0]
    match = re.search(r"````yaml\n(.*?)````", section, re.S)
    assert match, "README's CI section has no yaml block"
    path = tmp_path / "readme-template.yml"
    path.write_text(match.group(1), encoding="utf-8")
    return path


def _all_files(tmp_path: Path) -> list[Path]:
    assert WORKFLOWS, "no workflow in .github/workflows"
    return [*WORKFLOWS, TEMPLATE, _readme_template(tmp_path)]


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_readme_shows_the_shipped_template(tmp_path: Path) -> None:
    assert _readme_template(tmp_path).read_text(encoding="utf-8") == TEMPLATE.read_text("utf-8")


def test_workflows_match_githubs_schema(tmp_path: Path) -> None:
    files = [str(p) for p in _all_files(tmp_path)]
    cmd = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_zizmor_finds_nothing(tmp_path: Path) -> None:
    """The most demanding persona, offline (no GitHub API): not even an informational finding."""
    files = [str(p) for p in _all_files(tmp_path)]
    cmd = [_tool("zizmor"), "--offline", "--persona=pedantic", "--format=json", *files]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads(run.stdout) == []


@pytest.mark.parametrize("path", [*WORKFLOWS, TEMPLATE], ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = _load(path)
    triggers = data[True]  # YAML 1.1 reads the key `on` as True
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    assert data["permissions"] == {}
    assert "concurrency" in data
    for job in data["jobs"].values():
        assert job["timeout-minutes"] > 0
        perms = job["permissions"]
        writes = job is data["jobs"].get("commit")
        assert perms == {"contents": "write" if writes else "read"}
        for step in job["steps"]:
            if "uses" not in step:
                continue
            action, _, ref = step["uses"].partition("@")
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action} is not pinned to a commit"
            assert re.search(rf"{re.escape(step['uses'])} # v\d+\.\d+\.\d+\n", text)
            if action == "actions/checkout":
                assert step["with"]["persist-credentials"] is False


def test_regenerate_commit_cannot_retrigger_itself() -> None:
    """The bot's commit touches only output/, which no `paths` filter of the workflow matches."""
    triggers = _load(REGENERATE)[True]
    assert not any(p.startswith("output") for p in triggers["push"]["paths"])
    assert triggers["push"]["branches"] == ["main"]


# --- the gate's shell step, run as GitHub runs it ---------------------------------------------


def _gate_script(path: Path) -> str:
    for job in _load(path)["jobs"].values():
        for step in job["steps"]:
            if step.get("name") == GATE_STEP:
                script = step["run"]
                assert isinstance(script, str)
                return script
    raise AssertionError(f"{path.name}: no step named {GATE_STEP!r}")


def _run_gate(script: str, project: Path, summary: Path) -> subprocess.CompletedProcess[str]:
    dxgen = _tool("dxgen")
    env = {
        **os.environ,
        "PATH": f"{Path(dxgen).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_STEP_SUMMARY": str(summary),
    }
    # GitHub's default `shell: bash` is `bash --noprofile --norc -eo pipefail {0}`.
    step = project.parent / "step.sh"
    step.write_text(script, encoding="utf-8")
    cmd = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(step)]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("workflow", [REGENERATE, TEMPLATE], ids=lambda p: p.name)
def test_gate_fails_listing_stale_files_and_passes_when_current(
    workflow: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    (project / "spec").mkdir(parents=True)
    spec = project / "spec" / "api.json"
    shutil.copy(SMALL_SPEC, spec)
    (project / "dxgen.toml").write_text('spec = "spec/api.json"\noutput = "output"\n', "utf-8")
    generated = subprocess.run(
        [_tool("dxgen"), "generate", "--strict"], cwd=project, capture_output=True, text=True
    )
    assert generated.returncode == 0, generated.stderr
    script = _gate_script(workflow)

    summary = tmp_path / "summary-current.md"
    current = _run_gate(script, project, summary)
    assert current.returncode == 0, current.stderr
    assert "up to date" in summary.read_text(encoding="utf-8")

    # The spec changes and one output file is lost; output/ is not regenerated.
    data = json.loads(spec.read_text(encoding="utf-8"))
    data["paths"]["/pets"]["get"]["summary"] = "List every pet in the shop."
    spec.write_text(json.dumps(data), encoding="utf-8")
    (project / "output" / "llms.txt").unlink()
    summary = tmp_path / "summary-stale.md"
    stale = _run_gate(script, project, summary)
    assert stale.returncode == 1, stale.stderr
    text = summary.read_text(encoding="utf-8")
    assert "## output/ is out of date" in text
    listed = re.findall(r"^(stale|missing|extra): (\S+)$", text, re.M)
    assert ("missing", "output/llms.txt") in listed, text
    assert any(state == "stale" for state, _ in listed), text
    # The files listed are exactly those `dxgen generate` then writes.
    before = {p: p.read_bytes() for p in (project / "output").rglob("*") if p.is_file()}
    regenerated = subprocess.run(
        [_tool("dxgen"), "generate", "--strict"], cwd=project, capture_output=True, text=True
    )
    assert regenerated.returncode == 0, regenerated.stderr
    changed = {
        p.relative_to(project).as_posix()
        for p in (project / "output").rglob("*")
        if p.is_file() and before.get(p) != p.read_bytes()
    }
    assert {name for _, name in listed} == changed

    summary = tmp_path / "summary-again.md"
    assert _run_gate(script, project, summary).returncode == 0
    assert "up to date" in summary.read_text(encoding="utf-8")


@pytest.mark.parametrize("workflow", [REGENERATE, TEMPLATE], ids=lambda p: p.name)
def test_gate_reports_an_invalid_spec(workflow: Path, tmp_path: Path) -> None:
    """A spec that does not load fails the gate with dxgen's located message in the summary."""
    project = tmp_path / "project"
    (project / "spec").mkdir(parents=True)
    (project / "spec" / "api.yaml").write_text("openapi: 3.0.3\npaths: [\n", encoding="utf-8")
    (project / "dxgen.toml").write_text('spec = "spec/api.yaml"\n', "utf-8")
    summary = tmp_path / "summary.md"
    run = _run_gate(_gate_script(workflow), project, summary)
    assert run.returncode == 2, run.stderr
    text = summary.read_text(encoding="utf-8")
    assert "## dxgen generate failed (exit 2)" in text
    assert re.search(r"api\.yaml:\d+:\d+: error: ", text), text


def test_the_repository_gate_also_fails_a_tsp_change_not_compiled(tmp_path: Path) -> None:
    """Our own gate (regenerate.yml) first checks that spec/pachca.yaml is what spec/main.tsp
    compiles to, as `make check` does: a .tsp edited without `make generate` fails it."""
    fixture = ROOT / "tests" / "fixtures" / "typespec" / "enums" / "main.tsp"
    project = tmp_path / "project"
    (project / "spec").mkdir(parents=True)
    main = project / "spec" / "main.tsp"
    shutil.copy(fixture, main)
    (project / "dxgen.toml").write_text('spec = "spec/pachca.yaml"\n', "utf-8")
    for args in (["compile", "spec/main.tsp", "-o", "spec/pachca.yaml"], ["generate"]):
        done = subprocess.run([_tool("dxgen"), *args], cwd=project, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    script = _gate_script(REGENERATE)
    assert _run_gate(script, project, tmp_path / "current.md").returncode == 0

    main.write_text(main.read_text(encoding="utf-8") + "\nmodel Extra { id: int32; }\n", "utf-8")
    summary = tmp_path / "stale.md"
    stale = _run_gate(script, project, summary)
    assert stale.returncode == 1, stale.stderr
    assert "spec/pachca.yaml is not the compiled spec/main.tsp" in summary.read_text("utf-8")
