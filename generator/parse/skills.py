"""Which services each agent skill covers: dxgen.toml's ``[skills.<name>]`` tables, else one
skill per service (tag) — or, with ``skill_grouping = "single"``, one skill for all of them.
Decided once here; the skills and llms targets only read the result.

A configured group names tags of the spec; a tag no group names gets a skill of its own, so
every service lands in exactly one skill. A tag the spec does not have, a tag named by two
groups, or a ``not_for`` naming no skill is an error located in the config file.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import SKILL_NAME, Config
from ..diagnostics import Diagnostic, Location, error
from ..ir import Operation, Service, SkillGroup, SkillRedirect, Workflow, evolve

_NOT_NAME = re.compile(r"[^a-z0-9]+")


MAX_NAME = 64  # the Agent Skills limit on a skill's name


def router_name(command: str) -> str:
    """The router skill's name: the command as a valid skill name (single hyphens, ≤ 64)."""
    name = _NOT_NAME.sub("-", command.lower()).strip("-")[:MAX_NAME].strip("-")
    return name or "api"


def skill_groups(
    services: tuple[Service, ...], config: Config, command: str, *, use_config: bool = True
) -> tuple[tuple[SkillGroup, ...], list[Diagnostic]]:
    """The skills, in the order of their first service; problems of the grouping."""
    where = Location(str(config.path) if config.path else "dxgen.toml")
    tables: dict[str, Any] = dict(config.get("skills") or {}) if use_config else {}
    by_tag = {service.name: service for service in services}
    problems: list[Diagnostic] = []
    owner: dict[str, str] = {}  # service name → configured skill name
    for name, table in tables.items():
        for tag in table.get("tags", []):
            if tag not in by_tag:
                problems.append(error(f"`[skills.{name}]`: the spec has no tag {tag!r}", where))
            elif tag in owner:
                problems.append(
                    error(
                        f"tag {tag!r} is in both `[skills.{owner[tag]}]` and `[skills.{name}]`",
                        where,
                    )
                )
            else:
                owner[tag] = name
    taken = set(tables)
    default_names: dict[str, str] = {}
    single = use_config and config.get("skill_grouping") == "single"
    shared = _unique("api", taken) if single and len(owner) < len(services) else ""
    for service in services:
        if service.name not in owner:
            default_names[service.name] = shared or _unique(_skill_name(service), taken)
    known = taken | set(default_names.values())
    for name, table in tables.items():
        for task, target in (table.get("not_for") or {}).items():
            if target not in known or target == name:
                problems.append(
                    error(f"`[skills.{name}]`: `not_for` {task!r} names no other skill", where)
                )
    groups: dict[str, list[str]] = {}
    for service in services:
        name = owner.get(service.name) or default_names[service.name]
        groups.setdefault(name, []).append(service.name)
    result = []
    prefix = router_name(command)
    full_names: set[str] = {prefix}
    for name, members in groups.items():
        table = tables.get(name, {})
        full = f"{prefix}-{name}"[:MAX_NAME].strip("-")
        result.append(
            SkillGroup(
                name=name,
                skill=_unique(full, full_names, MAX_NAME),
                services=tuple(members),
                triggers=tuple(" ".join(str(t).split()) for t in table.get("triggers", [])),
                not_for=tuple(
                    SkillRedirect(" ".join(str(task).split()), str(target))
                    for task, target in (table.get("not_for") or {}).items()
                ),
            )
        )
    return tuple(result), problems


def _skill_name(service: Service) -> str:
    """The service's kebab name as a valid skill name (lower-case words, single hyphens)."""
    name = _NOT_NAME.sub("-", service.names.cli.lower()).strip("-")[:40].strip("-")
    return name if SKILL_NAME.fullmatch(name) else "api"


def _unique(name: str, taken: set[str], limit: int = 40) -> str:
    """``name``, or ``name-2``, ``name-3``… (cut to stay within ``limit``), not yet taken."""
    candidate, number = name, 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = name[: limit - len(suffix)].rstrip("-") + suffix
        number += 1
    taken.add(candidate)
    return candidate


def assign_workflows(
    groups: tuple[SkillGroup, ...],
    workflows: tuple[Workflow, ...],
    operations: tuple[Operation, ...],
    config: Config,
    *,
    use_config: bool = True,
) -> tuple[tuple[SkillGroup, ...], list[Diagnostic]]:
    """Which skill holds each workflow: the one whose ``workflows`` names it, else the skill
    of most of its writing steps (all steps when it only reads), the earliest on a tie."""
    where = Location(str(config.path) if config.path else "dxgen.toml")
    tables: dict[str, Any] = dict(config.get("skills") or {}) if use_config else {}
    known = {workflow.id for workflow in workflows}
    problems: list[Diagnostic] = []
    pinned: dict[str, str] = {}
    for name, table in tables.items():
        for workflow_id in table.get("workflows", []):
            if workflow_id not in known:
                problems.append(
                    error(f"`[skills.{name}]`: there is no workflow {workflow_id!r}", where)
                )
            elif workflow_id in pinned:
                problems.append(error(f"workflow {workflow_id!r} is pinned to two skills", where))
            else:
                pinned[workflow_id] = name
    skill_of = {service: group.name for group in groups for service in group.services}
    by_id = {op.id: op for op in operations}
    held: dict[str, list[str]] = {group.name: [] for group in groups}
    for workflow in workflows:
        holder = pinned.get(workflow.id) or _most_steps(workflow, by_id, skill_of)
        if holder is not None:
            held[holder].append(workflow.id)
    result = tuple(evolve(g, workflows=tuple(held[g.name])) for g in groups)
    return result, problems


def _most_steps(
    workflow: Workflow, by_id: dict[str, Operation], skill_of: dict[str, str]
) -> str | None:
    ops = [by_id[step.operation] for step in workflow.steps if step.operation in by_id]
    writing = [op for op in ops if op.method != "GET"] or ops
    counts: dict[str, int] = {}
    for op in writing:
        name = skill_of[op.service]
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None
