"""Agent Skills under ``skills/``: a router skill named after the CLI command, a skill per
skill group (``<command>-<group>``, see :class:`generator.ir.SkillGroup`), and a discovery
index.

Layout::

    skills/index.json                          Agent Skills discovery index (schema 0.2.0)
    skills/<command>/SKILL.md                  the router: which skill does which task
    skills/<command>-<group>/SKILL.md          quick start, endpoints, examples, workflows,
                                               limitations
    skills/<command>-<group>/references/*.md   the longer workflows (and a long endpoints table)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from ...ir import Api
from .. import Target
from ..context import TargetContext
from ..render import render
from .views import SkillViews

INDEX_SCHEMA = "https://schemas.agentskills.io/discovery/0.2.0/schema.json"


def render_skills(api: Api) -> Iterator[tuple[str, str]]:
    views = SkillViews(TargetContext(api))
    entries: list[dict[str, str]] = []

    def skill_md(folder: str, name: str, description: str, text: str) -> tuple[str, str]:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        entries.append(
            {
                "name": name,
                "type": "skill-md",
                "description": description,
                "url": f"{name}/SKILL.md",
                "digest": f"sha256:{digest}",
            }
        )
        return f"{folder}/SKILL.md", text

    router = views.router()
    yield skill_md(
        router.folder,
        router.name,
        router.description,
        render("skills/router.md.jinja", router=router),
    )
    for group in api.skill_groups:
        skill = views.skill(group)
        yield skill_md(
            skill.folder,
            skill.name,
            skill.description,
            render("skills/SKILL.md.jinja", skill=skill),
        )
        for workflow in skill.referenced:
            yield f"{skill.folder}/{workflow.reference}", render(
                "skills/reference.md.jinja", skill=skill, workflow=workflow
            )
        if skill.rows_in_reference:
            yield f"{skill.folder}/references/endpoints.md", render(
                "skills/endpoints.md.jinja", skill=skill
            )
    index = {"$schema": INDEX_SCHEMA, "skills": entries}
    yield "skills/index.json", json.dumps(index, indent=2, ensure_ascii=False) + "\n"


TARGET = Target(
    name="skills",
    roots=("skills",),
    render=render_skills,
    description="Agent Skills: a router and a SKILL.md per service group",
)
