"""What each SKILL.md shows, prepared from the IR: the templates only lay it out.

A skill covers the services of one :class:`SkillGroup` and holds the workflows the parser gave
it (``SkillGroup.workflows``). Workflows of at most :data:`INLINE_STEPS` steps are shown inline
while the body stays within :data:`BODY_LINES`, the others in ``references/<workflow>.md``; an
endpoints table longer than :data:`TABLE_MAX` rows moves to ``references/endpoints.md``.
Every command is the CLI snippet renderer's (:mod:`..snippets.cli`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ... import naming
from ...ir import Constraints, Operation, SkillGroup, TypeRef, Workflow, WorkflowStep
from ..context import TargetContext
from ..pages import DocsPaths
from ..snippets.cli import cli_command, cli_step_command, shell_variable
from ..text import one_line
from .describe import DescriptionParts, fit_description, sentence
from .facts import ApiFacts, DocLinks, api_facts
from .markdown import cell, fence, inline, link_text

INLINE_STEPS = 3  # a workflow with more steps goes to references/
EXAMPLES_MAX = 40  # operations beyond this many are in the table only (SKILL.md < 500 lines)
TABLE_MAX = 250  # a longer endpoints table moves to references/endpoints.md
FLAG_NOTES_MAX = 24  # lines of flag values and limits in a SKILL.md
ENUM_VALUES_MAX = 12  # values of one enum shown
_JQ_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
BODY_LINES = 460  # what a SKILL.md may reach (the Agent Skills advice: under 500 lines)


@dataclass(frozen=True)
class OperationRow:
    summary: str  # as link text in a table cell
    comment: str  # as a comment line in a code block
    command: str  # `<command> <service> <action>`
    method: str
    path: str
    scopes: str
    notes: str
    href: str  # its docs page
    example: str  # the showcase command


@dataclass(frozen=True)
class StepView:
    number: int
    description: str
    command: str
    sets: tuple[tuple[str, str], ...]  # (variable, where it is: markdown)


@dataclass(frozen=True)
class WorkflowView:
    id: str
    title: str
    link_title: str
    description: str
    inputs: tuple[tuple[str, str], ...]  # (variable, what it is)
    steps: tuple[StepView, ...]
    href: str  # its docs page
    reference: str | None  # references/<id>.md when it is long


@dataclass(frozen=True)
class SkillView:
    name: str
    folder: str  # path under the output folder
    title: str
    description: str
    compatibility: str
    allowed_tools: str
    intro: tuple[str, ...]  # a line per service: name and what it is for
    quick_start: str  # the first operation's showcase command
    rows: tuple[OperationRow, ...]
    examples: tuple[OperationRow, ...]
    rows_in_reference: bool
    inline: tuple[WorkflowView, ...]
    referenced: tuple[WorkflowView, ...]
    limitations: tuple[str, ...]
    flag_notes: tuple[str, ...]  # accepted values and limits of flags, a line each
    not_for: tuple[tuple[str, str], ...]  # (task, skill name)
    facts: ApiFacts
    fence: str  # the code fence: longer than any backtick run in the commands


@dataclass(frozen=True)
class RouteView:
    skill: str
    covers: str  # the services, by name
    use_for: str  # what it does, in short


@dataclass(frozen=True)
class WorkflowRoute:
    title: str
    skill: str
    where: str  # "SKILL.md" or "references/<id>.md" in that skill


@dataclass(frozen=True)
class RouterView:
    name: str
    folder: str
    title: str
    description: str
    compatibility: str
    allowed_tools: str
    summary: str
    routes: tuple[RouteView, ...]
    workflows: tuple[WorkflowRoute, ...]
    facts: ApiFacts
    index_href: str


class SkillViews:
    """Builds the router's and each skill's view from the IR."""

    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx
        self.project = ctx.project
        self.facts = api_facts(ctx)
        self.links = DocLinks(ctx.project)
        self.groups = ctx.api.skill_groups
        self.by_name = {group.name: group for group in self.groups}
        self.title = one_line(ctx.api.title)  # plain: descriptions are YAML, not markdown
        self.skill_of_service = {
            service: group.name for group in self.groups for service in group.services
        }
        self.holder = {w: group.name for group in self.groups for w in group.workflows}

    def skill_name(self, group: SkillGroup | str) -> str:
        """A group's skill name (a group given by its short name, as redirects name it)."""
        if isinstance(group, str):
            return self.by_name[group].skill
        return group.skill

    def folder(self, name: str) -> str:
        return f"skills/{name}"

    @property
    def compatibility(self) -> str:
        return one_line(
            f"Needs the `{self.project.command}` CLI ({self.facts.cli_install}) and an access "
            f"token in ${self.facts.token_env}."
        )[:500]

    @property
    def allowed_tools(self) -> str:
        return f"Bash({self.project.command}:*)"

    # -- one skill ------------------------------------------------------------------------

    def skill(self, group: SkillGroup) -> SkillView:
        name = self.skill_name(group)
        skill_md = f"{self.folder(name)}/SKILL.md"
        services = [self.ctx.services[s] for s in group.services]
        ops = [op for service in services for op in service.operations]
        rows = tuple(self._row(op, skill_md) for op in ops)
        not_for = tuple((r.task, self.skill_name(r.skill)) for r in group.not_for)
        limitations = self._limitations(ops)
        placed = self.placement(group)
        workflows = [
            self._workflow(w, name, placed[w.id]) for w in self.ctx.api.workflows if w.id in placed
        ]
        shown = [r.example for r in rows] + [s.command for w in workflows for s in w.steps]
        return SkillView(
            name=name,
            folder=self.folder(name),
            title=" · ".join(s.name for s in services),
            description=self._description(group, ops, not_for),
            compatibility=self.compatibility,
            allowed_tools=self.allowed_tools,
            intro=tuple(
                inline(f"{s.name}: {s.description}" if s.description else s.name) for s in services
            ),
            quick_start=rows[0].example if rows else "",
            rows=rows,
            examples=rows[:EXAMPLES_MAX],
            rows_in_reference=len(rows) > TABLE_MAX,
            inline=tuple(w for w in workflows if w.reference is None),
            referenced=tuple(w for w in workflows if w.reference is not None),
            limitations=limitations,
            flag_notes=self._flag_notes(ops),
            not_for=tuple((inline(task), skill) for task, skill in not_for),
            facts=self.facts,
            fence=fence(shown),
        )

    def _description(
        self, group: SkillGroup, ops: list[Operation], not_for: tuple[tuple[str, str], ...]
    ) -> str:
        services = [self.ctx.services[s] for s in group.services]
        what = "; ".join(sentence(s.description) for s in services if s.description)
        others = [
            (", ".join(self.ctx.services[s].name.lower() for s in g.services), self.skill_name(g))
            for g in self.groups
            if g.name != group.name
        ]
        return fit_description(
            DescriptionParts(
                lead=f"{self.title} — {', '.join(s.name for s in services)}"
                + (f": {what}" if what else ""),
                uses=[*group.triggers, *(_task(op) for op in ops)],
                not_for=list(not_for) or others,
                router=self.ctx.api.skill_router,
            )
        )

    def _row(self, op: Operation, from_file: str) -> OperationRow:
        service = self.ctx.service_of(op)
        notes = []
        if op.pagination is not None:
            cap = self.facts.page_caps.get(op.id)
            notes.append(
                f"paginated, {cap.flag} ≤ {cap.maximum}"
                if cap is not None and cap.maximum is not None and cap.flag
                else "paginated"
            )
        if op.plan:
            notes.append(f"{op.plan} plan")
        if op.deprecated:
            notes.append("deprecated")
        if op.destructive:
            notes.append(f"deletes: {self.facts.confirm_flag}")
        if not op.auth_required:
            notes.append("no token")
        return OperationRow(
            summary=link_text(op.summary or op.id).replace("|", "\\|"),
            comment=one_line(op.summary or op.id),
            command=f"{self.project.command} {service.names.cli} {op.names.cli}",
            method=op.method,
            path=op.path,
            scopes=cell(", ".join(op.scopes)),
            notes=cell(", ".join(notes)),
            href=self.links.href(DocsPaths.operation(service, op), from_file),
            example=cli_command(self.ctx, op),
        )

    def placement(self, group: SkillGroup) -> dict[str, bool]:
        """The group's workflows → whether each is inline in SKILL.md (else in references/).

        Short ones (at most :data:`INLINE_STEPS` steps) are inline while the body stays
        within :data:`BODY_LINES` (estimated from what the body holds), in workflow order.
        """
        ops = [op for s in group.services for op in self.ctx.services[s].operations]
        table = 0 if len(ops) > TABLE_MAX else len(ops) + 2
        used = 40 + len(group.services) + table + 2 * min(len(ops), EXAMPLES_MAX)
        used += len(self._limitations(ops)) + len(self._flag_notes(ops)) + len(group.not_for) + 3
        placed: dict[str, bool] = {}
        for workflow in self.ctx.api.workflows:
            if self.holder.get(workflow.id) != group.name:
                continue
            cost = 8 + len(workflow.inputs) + sum(5 + len(s.outputs) for s in workflow.steps)
            short = len(workflow.steps) <= INLINE_STEPS
            placed[workflow.id] = short and used + cost <= BODY_LINES
            used += cost if placed[workflow.id] else 1
        return placed

    def _workflow(self, workflow: Workflow, skill: str, inline_here: bool) -> WorkflowView:
        reference = None if inline_here else f"references/{workflow.id}.md"
        from_file = f"{self.folder(skill)}/{reference or 'SKILL.md'}"
        return WorkflowView(
            id=workflow.id,
            title=inline(workflow.title),
            link_title=link_text(workflow.title),
            description=inline(workflow.description),
            inputs=tuple((shell_variable(k), inline(v)) for k, v in workflow.inputs),
            steps=tuple(self._step(i, step) for i, step in enumerate(workflow.steps, 1)),
            href=self.links.href(DocsPaths.workflow(workflow), from_file),
            reference=reference,
        )

    def _step(self, number: int, step: WorkflowStep) -> StepView:
        return StepView(
            number=number,
            description=inline(step.description),
            command=cli_step_command(self.ctx, step),
            sets=tuple(
                (shell_variable(k), self._source(self.ctx.operations[step.operation], v))
                for k, v in step.outputs
            ),
        )

    def _source(self, op: Operation, wire: str) -> str:
        """Where a step's output is, said for the CLI: the path in its ``-o json`` output
        (which prints a value unwrapped and a page as its items), with the API's own path."""
        parts = wire.split(".")
        at = f"`{inline(wire)}` in the API's answer"
        result, pagination = op.result, op.pagination
        if result.kind == "page" and pagination is not None:
            items = list(pagination.items_path)
            if parts[: len(items)] == items:
                return f"`{_jq(parts[len(items) :])}` of the output ({at})"
            if parts == list(pagination.next_cursor_path):
                return f"the cursor the command prints on stderr ({at})"
        elif result.kind == "value":
            if result.unwrap_key is None:
                return f"`{_jq(parts)}` of the output"
            if parts[0] == result.unwrap_key:
                return f"`{_jq(parts[1:])}` of the output ({at})"
        return at

    def _limitations(self, ops: list[Operation]) -> tuple[str, ...]:
        facts = self.facts
        lines: list[str] = []
        if facts.rate_limited:
            lines.append(
                "Rate limits: too many requests are answered with 429; the CLI waits and "
                "retries by itself (honouring Retry-After). Pace loops over many items."
            )
        caps = sorted(
            {
                (cap.flag, cap.maximum)
                for op in ops
                if (cap := facts.page_caps.get(op.id)) and cap.maximum and cap.flag
            }
        )
        paginated = [op for op in ops if op.pagination is not None]
        if paginated:
            cap_text = "; ".join(f"{flag} at most {maximum}" for flag, maximum in caps)
            lines.append(
                "Pagination: list commands return one page; `--all` walks every page"
                + (f" ({cap_text} per page)." if cap_text else ".")
            )
        for op in ops:
            if op.plan:
                lines.append(
                    f"Plan: `{self._command(op)}` needs the {inline(op.plan)} plan (else 402)."
                )
        deleting = [self._command(op) for op in ops if op.destructive]
        if deleting:
            lines.append(
                "Deleting commands ask for confirmation on a terminal; unattended, add "
                f"`{facts.confirm_flag}` ("
                + ", ".join(f"`{c}`" for c in deleting[:6])
                + (", …" if len(deleting) > 6 else "")
                + ")."
            )
        deprecated = [self._command(op) for op in ops if op.deprecated]
        if deprecated:
            lines.append("Deprecated: " + ", ".join(f"`{c}`" for c in deprecated) + ".")
        scopes = sorted({scope for op in ops for scope in op.scopes})
        if scopes:
            lines.append(
                "Scopes: the token needs the scope in the table (403 otherwise): "
                + ", ".join(f"`{s}`" for s in scopes)
                + "."
            )
        return tuple(lines)

    def _flag_notes(self, ops: list[Operation]) -> tuple[str, ...]:
        """What a flag accepts beyond its type: enum values (with their meaning) and length,
        count or size limits — one line per flag and rule, naming the commands that take it."""
        notes: dict[str, list[str]] = {}
        for op in ops:
            command = f"`{self._command(op)}`"
            arguments: list[tuple[str, TypeRef, Constraints]] = [
                (p.names.cli, p.type, p.constraints)
                for p in op.parameters
                if not (op.pagination and p.names.wire == op.pagination.limit_param)
            ]
            if op.body is not None:
                arguments.extend(
                    (f.names.cli, f.type, f.constraints)
                    for f in (*op.body.fields, *op.body.outer_fields)
                    if not f.read_only
                )
            for flag, typ, constraints in arguments:
                rule = self._rule(typ, constraints)
                if rule:
                    notes.setdefault(f"`--{flag}`: {rule}", []).append(command)
        lines = [
            f"{rule} ({', '.join(commands[:3])}{', …' if len(commands) > 3 else ''})"
            for rule, commands in notes.items()
        ]
        if len(lines) > FLAG_NOTES_MAX:
            lines = [*lines[:FLAG_NOTES_MAX], "… `--help` on a command lists the others."]
        return tuple(lines)

    def _rule(self, typ: TypeRef, constraints: Constraints) -> str:
        schema = self.ctx.schemas.get(typ.ref) if typ.kind == "ref" and typ.ref else None
        if schema is not None and schema.kind == "enum" and schema.enum_values:
            shown = [
                f"`{v.value}`" + (f" ({_clip(inline(v.description), 60)})" if v.description else "")
                for v in schema.enum_values[:ENUM_VALUES_MAX]
            ]
            more = len(schema.enum_values) - ENUM_VALUES_MAX
            return "one of " + ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        limits = []
        if constraints.max_length is not None:
            limits.append(f"at most {constraints.max_length} characters")
        if constraints.max_items is not None:
            limits.append(f"at most {constraints.max_items} items")
        if constraints.minimum is not None and constraints.maximum is not None:
            limits.append(f"from {_number(constraints.minimum)} to {_number(constraints.maximum)}")
        elif constraints.maximum is not None:
            limits.append(f"at most {_number(constraints.maximum)}")
        return ", ".join(limits)

    def _command(self, op: Operation) -> str:
        return f"{self.project.command} {self.ctx.service_of(op).names.cli} {op.names.cli}"

    # -- the router -----------------------------------------------------------------------

    def router(self) -> RouterView:
        name = self.ctx.api.skill_router
        folder = self.folder(name)
        routes = []
        for group in self.groups:
            services = [self.ctx.services[s] for s in group.services]
            ops = [op for s in services for op in s.operations]
            uses = [*group.triggers, *(_task(op) for op in ops)]
            routes.append(
                RouteView(
                    skill=self.skill_name(group),
                    covers=cell(", ".join(s.name for s in services)),
                    use_for=cell(_clip("; ".join(uses), 160)),
                )
            )
        inline_here = {w: here for g in self.groups for w, here in self.placement(g).items()}
        workflows = tuple(
            WorkflowRoute(
                title=cell(w.title),
                skill=self.skill_name(self.holder[w.id]),
                where="SKILL.md" if inline_here[w.id] else f"references/{w.id}.md",
            )
            for w in self.ctx.api.workflows
            if w.id in self.holder
        )
        return RouterView(
            name=name,
            folder=folder,
            title=self.facts.title,
            description=fit_description(
                DescriptionParts(
                    lead=(
                        f"{self.title} — start here for any {self.title} task: "
                        "routes it to the skill that does it"
                    ),
                    uses=[
                        ", ".join(self.ctx.services[s].name for s in g.services).lower()
                        for g in self.groups
                    ],
                    not_for=[],
                    uses_label="Covers",
                    tail=(
                        f"Not for work outside the {self.title}; once the area is known, use "
                        "its skill directly."
                    ),
                )
            ),
            compatibility=self.compatibility,
            allowed_tools=self.allowed_tools,
            summary=inline(self.ctx.api.description)
            or f"Agent skills for the {inline(self.title)}.",
            routes=tuple(routes),
            workflows=workflows,
            facts=self.facts,
            index_href=self.links.href(DocsPaths.INDEX, f"{folder}/SKILL.md"),
        )


def _task(op: Operation) -> str:
    """What an operation does, as a task in a list: its summary, else its id in words."""
    return (one_line(op.summary) or " ".join(naming.words(op.id))).lower()


def _jq(parts: list[str]) -> str:
    """A path as jq writes it: ``['0', 'id']`` → ``.[0].id``; none → ``.``."""
    path = "".join(
        f"[{p}]" if p.isdigit() else f".{p}" if _JQ_NAME.fullmatch(p) else f"[{json.dumps(p)}]"
        for p in parts
    )
    return path if path.startswith(".") else f".{path}" if path else "."


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"
