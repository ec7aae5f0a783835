"""A big API stays within the Agent Skills limits: one tag of 300 operations and 40 workflows
give a SKILL.md under 500 lines (its table in references/endpoints.md, the workflows that do
not fit in references/), a description under 1,024 characters, and long names cut to 64."""

from __future__ import annotations

from pathlib import Path

import yaml
from skills_ref.validator import validate

from generator.config import Config
from generator.pipeline import build_api
from tests.skills.helpers import render

OPERATIONS = 300
WORKFLOWS = 40


def spec() -> dict[str, object]:
    paths = {
        f"/things{n}/{{id}}": {
            "post": {
                "operationId": f"updateThing{n}",
                "tags": ["Things with a rather long tag name that goes on"],
                "summary": f"Update thing number {n} with a summary of some length",
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
                "responses": {"204": {"description": "Done"}},
            }
        }
        for n in range(OPERATIONS)
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "An Extraordinarily Long Product Name For Testing Limits",
            "version": "1",
        },
        "servers": [{"url": "https://api.example.test"}],
        "paths": paths,
    }


def workflows() -> dict[str, object]:
    return {
        "workflows": [
            {
                "id": f"flow-{n}",
                "title": f"Flow {n}",
                "description": "Two updates in a row.",
                "inputs": {"thing": "The thing"},
                "steps": [
                    {"operation": f"updateThing{n}", "inputs": {"id": "{thing}"}},
                    {"operation": f"updateThing{n + 1}", "inputs": {"id": "{thing}"}},
                ],
            }
            for n in range(WORKFLOWS)
        ]
    }


def test_a_big_api_stays_within_the_limits(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(yaml.safe_dump(spec()), encoding="utf-8")
    (tmp_path / "flows.yaml").write_text(yaml.safe_dump(workflows()), encoding="utf-8")
    api = build_api(
        tmp_path / "api.yaml",
        Config(),
        workflows=tmp_path / "flows.yaml",
        strict=False,
        use_config_names=False,
    ).api
    files = render(api, "skills")
    skills = [rel for rel in files if rel.endswith("/SKILL.md")]
    assert len(skills) == 2
    for rel, text in files.items():
        (tmp_path / "out" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "out" / rel).write_text(text, encoding="utf-8")
    for rel in skills:
        assert validate((tmp_path / "out" / rel).parent) == [], rel
        assert len(files[rel].splitlines()) < 500, rel
    (group,) = api.skill_groups
    assert len(group.skill) <= 64
    assert f"skills/{group.skill}/references/endpoints.md" in files
    referenced = [rel for rel in files if "/references/flow-" in rel]
    inline = files[f"skills/{group.skill}/SKILL.md"].count("\n### Flow ")
    assert referenced and inline and len(referenced) + inline == WORKFLOWS
