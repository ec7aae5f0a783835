"""Spec text is untrusted: in a SKILL.md or llms.txt it stays text. A hostile fixture (pipes,
brackets, HTML, backticks, ``$`` and quotes in titles, summaries and examples) still gives
valid skills, tables with their columns, llms.txt that parses whole, and commands that pass
each value to the CLI literally when run by a shell."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from llms_txt import parse_llms_file
from skills_ref.validator import validate

from tests.skills.helpers import build_fixture, render
from tests.skills.test_skills import commands_in

UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
# the hostile workflow's variables, and a $USER that must never reach a value
SHELL_ENV = {
    "TEXT": "hi",
    "THING_ID": "7",
    "PATH_VALUE": "p",
    "PATH": "/usr/bin:/bin",
    "USER": "someone",
}


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return render(build_fixture("hostile"), "skills", "llms")


def test_skills_stay_valid_and_inert(files: dict[str, str], tmp_path: Path) -> None:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    skills = [rel for rel in files if rel.endswith("/SKILL.md")]
    assert len(skills) == 3
    for rel in skills:
        assert validate((tmp_path / rel).parent) == [], rel
        front = yaml.safe_load(files[rel].split("---\n")[1])
        assert set(front) == {"name", "description", "compatibility", "allowed-tools"}
        assert "\n" not in front["description"] and "&lt;" not in front["description"]
    for rel, text in files.items():
        if rel.endswith(".json"):
            continue  # JSON strings: plain text, escaped by json
        body = text.split("---\n", 2)[2] if rel.endswith("/SKILL.md") else text
        outside_blocks = re.sub(r"^\s*(`{3,}).*?^\s*\1", "", body, flags=re.S | re.M)
        outside_code = re.sub(r"(`+).*?\1", "", outside_blocks)
        assert "<script>" not in outside_code and "<em>" not in outside_code, rel


def test_tables_keep_their_columns(files: dict[str, str]) -> None:
    for rel, text in files.items():
        if not rel.startswith("skills/"):
            continue
        rows = [line for line in text.splitlines() if line.startswith("| ")]
        widths = {len(UNESCAPED_PIPE.findall(re.sub(r"`[^`]*`", "", row))) for row in rows}
        headers = [row for row in rows if row.startswith("| Operation |")]
        if headers:
            assert len(widths) == 1, rel


def test_llms_txt_parses_whole(files: dict[str, str]) -> None:
    api = build_fixture("hostile")
    parsed = parse_llms_file(files["llms.txt"])
    assert parsed.title.startswith("Tricky | API")
    links = [link for section in parsed.sections.values() for link in section]
    guides = [link for link in links if "/guides/" in link.url]  # the docs target's own
    expected = len(api.operations) + len(api.workflows) + 2 + len(api.services)
    assert len(links) - len(guides) == expected
    assert all(link.url.endswith(".md") for link in links)


def test_values_reach_the_cli_literally(files: dict[str, str], tmp_path: Path) -> None:
    """Each command run by bash with its program replaced by one that prints its argv."""
    printer = tmp_path / "argv.py"
    printer.write_text("import json, sys\nprint(json.dumps(sys.argv[1:]))\n", encoding="utf-8")
    commands = {c for text in files.values() for c in commands_in(text, "tricky-beta-script")}
    assert commands
    for command in commands:
        rest = command.split(" ", 1)[1]
        run = subprocess.run(
            ["bash", "-c", f'python3 "$PRINTER" {rest}'],
            env={**SHELL_ENV, "PRINTER": str(printer)},
            capture_output=True,
            text=True,
            check=True,
        )
        argv = json.loads(run.stdout)
        joined = " ".join(argv)
        assert "someone" not in joined, command  # $USER is text, not expanded
        if "--text" in argv:
            value = argv[argv.index("--text") + 1]
            assert value in ('it\'s $HOME `whoami` "quoted" ```', "say hi to $USER `now`")
        assert argv[:2] == shlex.split(rest)[:2]


@pytest.mark.parametrize("workflow_id", ["../../escape", "a/b", "with space", ".hidden"])
def test_a_workflow_id_that_is_no_plain_name_is_an_error(tmp_path: Path, workflow_id: str) -> None:
    """A workflow's id names files (its docs page, the skill's reference): never a path."""
    from generator.config import Config
    from generator.diagnostics import SpecError
    from generator.pipeline import build_api
    from tests.skills.helpers import ROOT

    flows = tmp_path / "flows.yaml"
    flows.write_text(
        yaml.safe_dump(
            {"workflows": [{"id": workflow_id, "title": "T", "steps": [{"operation": "getUser"}]}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(SpecError) as caught:
        build_api(
            ROOT / "tests" / "fixtures" / "workflows" / "api.yaml",
            Config(),
            workflows=flows,
            strict=False,
            use_config_names=False,
        )
    assert "must be letters, digits" in str(caught.value)
