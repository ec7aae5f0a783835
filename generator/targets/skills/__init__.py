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

import functools
import hashlib
import json
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from ...ir import Api, SkillGroup
from ...render_cache import Fragments, Planned, Units, digest_of
from .. import Target
from ..context import TargetContext
from ..render import render
from .facts import api_facts
from .views import RouterView, SkillView, SkillViews

INDEX_SCHEMA = "https://schemas.agentskills.io/discovery/0.2.0/schema.json"


def render_skills(api: Api) -> Iterator[tuple[str, str]]:
    for planned in plan_skills(api, Units(api, enabled=False), {}):
        text = planned.produce()
        yield planned.rel, text if isinstance(text, str) else text.decode("utf-8")


def plan_skills(api: Api, units: Units, outputs: Mapping[str, bytes]) -> Iterator[Planned]:
    """Every file, keyed by what it reads (see generator/render_cache.py)."""
    yield from _SkillsBuilder(api, units).plan()


TARGET = Target(
    name="skills",
    roots=("skills",),
    render=render_skills,
    description="Agent Skills: a router and a SKILL.md per service group",
    plan=plan_skills,
)


class _SkillsBuilder:
    """A skill's files and its entry in the index are made from its view; what a skill has
    (its entry, its files) is kept by the skill's key (render_cache.Fragments), so a skill
    whose key did not change needs no view at all."""

    def __init__(self, api: Api, units: Units) -> None:
        self.api = api
        self.units = units
        self.fragments = Fragments(units)
        self._skills: dict[str, SkillView] = {}
        self._texts: dict[str, str] = {}

    @cached_property
    def views(self) -> SkillViews:
        return SkillViews(TargetContext(self.api))

    def skill(self, group: SkillGroup) -> SkillView:
        found = self._skills.get(group.name)
        if found is None:
            found = self._skills[group.name] = self.views.skill(group)
        return found

    def skill_text(self, group: SkillGroup) -> str:
        found = self._texts.get(group.name)
        if found is None:
            found = self._texts[group.name] = render(
                "skills/SKILL.md.jinja", skill=self.skill(group)
            )
        return found

    @cached_property
    def router(self) -> RouterView:
        return self.views.router()

    @cached_property
    def router_text(self) -> str:
        return render("skills/router.md.jinja", router=self.router)

    @cached_property
    def facts(self) -> str:
        """The digest of the facts every skill shows (of the whole API)."""
        return digest_of(api_facts(TargetContext(self.api)))

    def skill_key(self, group: SkillGroup) -> str | None:
        """What a skill reads: its services' operations and its workflows' (and all they
        reach), every service's own fields, the facts of the whole API, and (in the
        settings) the skill groups and the workflows."""
        units = self.units
        if not units.enabled:
            return None
        ids = [op.id for s in self.api.services if s.name in group.services for op in s.operations]
        # the commands of its workflows' steps (with all these operations reach)
        ids += [
            step.operation
            for workflow in self.api.workflows
            if workflow.id in group.workflows
            for step in workflow.steps
            if self.views.ctx.operation(step.operation) is not None
        ]
        return units.operations_key(
            "skills", group.name, None, ids, facts=(self.facts, units.heads, group.name)
        )

    def plan(self) -> Iterator[Planned]:
        units, api = self.units, self.api
        keys = {group.name: self.skill_key(group) for group in api.skill_groups}
        router_key = units.all_key("skills", "router")
        self.fragments.ask([router_key, *keys.values()])
        router = json.loads(self.fragments.get(router_key, self._router_manifest))
        entries = [router["entry"]]
        yield Planned(
            router["files"][0], units.derive(router_key, "SKILL.md"), lambda: self.router_text
        )
        for group in api.skill_groups:
            key = keys[group.name]
            manifest = json.loads(
                self.fragments.get(key, functools.partial(self._skill_manifest, group))
            )
            entries.append(manifest["entry"])
            for rel in manifest["files"]:
                yield Planned(
                    rel, units.derive(key, rel), functools.partial(self._file, group, rel)
                )
        index = {"$schema": INDEX_SCHEMA, "skills": entries}
        self.fragments.keep()
        yield Planned(
            "skills/index.json",
            units.all_key("skills", "index.json"),
            _constant(json.dumps(index, indent=2, ensure_ascii=False) + "\n"),
        )

    def _router_manifest(self) -> bytes:
        router = self.router
        entry = _entry(router.name, router.description, self.router_text)
        return _manifest(entry, [f"{router.folder}/SKILL.md"])

    def _skill_manifest(self, group: SkillGroup) -> bytes:
        skill = self.skill(group)
        files = [f"{skill.folder}/SKILL.md"]
        files += [f"{skill.folder}/{workflow.reference}" for workflow in skill.referenced]
        if skill.rows_in_reference:
            files.append(f"{skill.folder}/references/endpoints.md")
        return _manifest(_entry(skill.name, skill.description, self.skill_text(group)), files)

    def _file(self, group: SkillGroup, rel: str) -> str:
        skill = self.skill(group)
        if rel == f"{skill.folder}/SKILL.md":
            return self.skill_text(group)
        if rel == f"{skill.folder}/references/endpoints.md":
            return render("skills/endpoints.md.jinja", skill=skill)
        for workflow in skill.referenced:
            if rel == f"{skill.folder}/{workflow.reference}":
                return render("skills/reference.md.jinja", skill=skill, workflow=workflow)
        raise AssertionError(f"{rel} is not a file of the skill {skill.name}")


def _entry(name: str, description: str, text: str) -> dict[str, str]:
    """A skill's entry in the discovery index (its digest is of its SKILL.md as rendered)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {
        "name": name,
        "type": "skill-md",
        "description": description,
        "url": f"{name}/SKILL.md",
        "digest": f"sha256:{digest}",
    }


def _manifest(entry: dict[str, str], files: list[str]) -> bytes:
    return json.dumps({"entry": entry, "files": files}, ensure_ascii=False).encode("utf-8")


def _constant(text: str) -> Callable[[], str]:
    return lambda: text
