"""The skills target for our spec: valid Agent Skills, commands that are the renderer's, links
that land on docs pages, consistent routing, and a discovery index whose digests match."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
from skills_ref.validator import validate

from tests.skills.helpers import LINK, ROOT, docs_pages, pachca_api, render, renderer_commands

MAX_LINES = 500
FENCE = re.compile(r"^\s*(`{3,})")
ENDPOINT = re.compile(r"\| `([A-Z]+) ([^`]+)` \|")
ROUTE = re.compile(r"^\| (.+?) \| `([a-z0-9-]+)` \| (\S+) \|$", re.M)


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return render(pachca_api(), "skills")


@pytest.fixture(scope="module")
def written(files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    return out


def skill_files(files: dict[str, str]) -> dict[str, str]:
    return {rel: text for rel, text in files.items() if rel.endswith("/SKILL.md")}


def commands_in(text: str, command: str = "pachca") -> list[str]:
    """The command lines inside the code blocks of a markdown file."""
    found: list[str] = []
    inside = False
    for line in text.splitlines():
        if FENCE.match(line):
            inside = not inside
        elif inside and line.strip().startswith(command + " "):
            found.append(line.strip())
    return found


def test_every_skill_passes_the_reference_validator(written: Path, files: dict[str, str]) -> None:
    folders = sorted({posixpath.dirname(rel) for rel in skill_files(files)})
    assert len(folders) == len(pachca_api().skill_groups) + 1
    for folder in folders:
        assert validate(written / folder) == [], folder
    router = written / "skills" / "pachca"
    run = subprocess.run(
        [str(Path(sys.executable).parent / "agentskills"), "validate", str(router)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_bodies_stay_under_500_lines_and_descriptions_say_when_not(files: dict[str, str]) -> None:
    for rel, text in skill_files(files).items():
        assert len(text.splitlines()) < MAX_LINES, rel
        front = text.split("---\n")[1]
        description = json.loads(front.split("description: ", 1)[1].split("\n", 1)[0])
        assert len(description) <= 1024
        if rel != "skills/pachca/SKILL.md":
            assert "Use it to: " in description and "Not for: " in description, rel


def test_every_command_shown_is_one_the_cli_renderer_makes(files: dict[str, str]) -> None:
    made = renderer_commands(pachca_api())
    prefixes = {" ".join(c.split()[:3]) for c in made}
    shown = 0
    for rel, text in files.items():
        for command in commands_in(text):
            assert command in made, (rel, command)
            shown += 1
        for span in re.findall(r"\| `(pachca [^`]+)` \|", text):
            assert span in prefixes, (rel, span)
    assert shown >= len(pachca_api().operations)


def test_every_operation_is_in_exactly_one_skill(files: dict[str, str]) -> None:
    api = pachca_api()
    seen: dict[tuple[str, str], list[str]] = {}
    for rel, text in files.items():
        if rel.startswith("skills/pachca/"):
            continue
        for method, path in ENDPOINT.findall(text):
            seen.setdefault((method, path), []).append(rel)
    expected = {(op.method, op.path) for op in api.operations}
    assert set(seen) == expected
    assert {key: rels for key, rels in seen.items() if len(rels) != 1} == {}


def test_every_workflow_is_reachable_from_the_router(files: dict[str, str]) -> None:
    api = pachca_api()
    router = files["skills/pachca/SKILL.md"]
    routes = {title: (skill, where) for title, skill, where in ROUTE.findall(router)}
    for workflow in api.workflows:
        skill, where = routes[workflow.title]
        holder = files[f"skills/{skill}/{where}"]
        assert f"# {workflow.title}\n" in holder, workflow.id  # its heading, any level
        if where != "SKILL.md":
            assert f"]({where})" in files[f"skills/{skill}/SKILL.md"]
        # the skill listed for it in the router table exists
        assert f"| `{skill}` |" in router
    held = [w for g in api.skill_groups for w in g.workflows]
    assert sorted(held) == sorted(w.id for w in api.workflows)


def test_links_land_on_docs_pages_or_files_of_the_skill(files: dict[str, str]) -> None:
    pages = docs_pages(pachca_api())
    docs_built = (ROOT / "output" / "docs" / "docs").is_dir()
    for rel, text in files.items():
        for href in LINK.findall(text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            if target.startswith("docs/"):
                assert target in pages, (rel, href)
                if docs_built:
                    assert (ROOT / "output" / target).is_file(), (rel, href)
            else:
                assert target in files, (rel, href)


def test_absolute_doc_links_use_the_docs_base_url() -> None:
    config = 'doc_links = "absolute"\n' + (ROOT / "dxgen.toml").read_text(encoding="utf-8")
    api = pachca_api(config)
    files = render(api, "skills")
    hrefs = [h for text in files.values() for h in LINK.findall(text) if ".md" in h]
    docs = [h for h in hrefs if not h.startswith("references/")]
    assert docs and all(h.startswith(api.project.docs_base_url + "/") for h in docs)


def test_index_lists_every_skill_with_its_digest(files: dict[str, str]) -> None:
    index = json.loads(files["skills/index.json"])
    assert index["$schema"].endswith("/discovery/0.2.0/schema.json")
    names = sorted(posixpath.basename(posixpath.dirname(r)) for r in skill_files(files))
    assert sorted(entry["name"] for entry in index["skills"]) == names
    for entry in index["skills"]:
        text = files[f"skills/{entry['url']}"]
        assert entry["type"] == "skill-md"
        assert entry["digest"] == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        assert f"name: {entry['name']}\n" in text


def test_the_committed_output_is_what_the_generator_makes(files: dict[str, str]) -> None:
    for rel, text in files.items():
        assert (ROOT / "output" / rel).read_text(encoding="utf-8") == text, rel


def test_deleting_commands_say_they_need_confirmation_and_exit_codes_are_listed(
    files: dict[str, str],
) -> None:
    from generator.targets.cli_contract import CONFIRM_FLAG, EXIT_CODES

    api = pachca_api()
    destructive = {(op.method, op.path) for op in api.operations if op.destructive}
    assert destructive
    for rel, text in skill_files(files).items():
        for line in text.splitlines():
            found = ENDPOINT.search(line)
            if found and (found.group(1), found.group(2)) in destructive:
                assert f"deletes: {CONFIRM_FLAG}" in line, (rel, line)
        if rel != "skills/pachca/SKILL.md":
            exits = text.split("## When a command fails", 1)[1]
            for exit_code in EXIT_CODES:
                assert f"{exit_code.code} {exit_code.meaning.split(':')[0]}" in exits, rel


def test_descriptions_carry_the_configured_triggers_and_redirects(files: dict[str, str]) -> None:
    api = pachca_api()
    configured = [g for g in api.skill_groups if g.triggers or g.not_for]
    assert configured
    by_name = {g.name: g.skill for g in api.skill_groups}
    for group in configured:
        text = files[f"skills/{group.skill}/SKILL.md"]
        description = json.loads(text.split("description: ", 1)[1].split("\n", 1)[0])
        for trigger in group.triggers:
            assert trigger in description, (group.skill, trigger)
        for redirect in group.not_for:
            assert f"{redirect.task} → {by_name[redirect.skill]}" in description
            assert f"- {redirect.task} → `{by_name[redirect.skill]}`" in text
