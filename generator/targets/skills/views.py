"""What each SKILL.md shows, prepared from the IR: the templates only lay it out.

A skill covers the services of one :class:`SkillGroup`; it holds a workflow when the workflow's
last step (its outcome) is one of its operations. Workflows of at most
:data:`INLINE_STEPS` steps are shown inline, longer ones in ``references/<workflow>.md``.
Every command is the CLI snippet renderer's (:mod:`..snippets.cli`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import Operation, SkillGroup, Workflow, WorkflowStep
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
    sets: tuple[tuple[str, str], ...]  # (variable, where in the answer it comes from)


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
        self.title = one_line(ctx.api.title)  # plain: descriptions are YAML, not markdown
        self.skill_of_service = {
            service: group.name for group in self.groups for service in group.services
        }
        self.holder = {w: group.name for group in self.groups for w in group.workflows}

    def skill_name(self, group: SkillGroup | str) -> str:
        short = group if isinstance(group, str) else group.name
        return f"{self.project.command}-{short}"

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
        workflows = [
            self._workflow(w, name)
            for w in self.ctx.api.workflows
            if self.holder.get(w.id) == group.name
        ]
        not_for = tuple((r.task, self.skill_name(r.skill)) for r in group.not_for)
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
            limitations=self._limitations(ops),
            not_for=tuple((inline(task), skill) for task, skill in not_for),
            facts=self.facts,
            fence=fence(shown),
        )

    def _description(
        self, group: SkillGroup, ops: list[Operation], not_for: tuple[tuple[str, str], ...]
    ) -> str:
        services = [self.ctx.services[s] for s in group.services]
        what = "; ".join(
            sentence(s.description) or s.name for s in services if s.description or s.name
        )
        others = [
            (", ".join(self.ctx.services[s].name.lower() for s in g.services), self.skill_name(g))
            for g in self.groups
            if g.name != group.name
        ]
        return fit_description(
            DescriptionParts(
                lead=f"{self.title} — {', '.join(s.name for s in services)}: {what}",
                uses=[*group.triggers, *(one_line(op.summary).lower() for op in ops if op.summary)],
                not_for=list(not_for) or others,
                router=self.project.command,
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

    def _workflow(self, workflow: Workflow, skill: str) -> WorkflowView:
        long = len(workflow.steps) > INLINE_STEPS
        reference = f"references/{workflow.id}.md" if long else None
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
            sets=tuple((shell_variable(k), v) for k, v in step.outputs),
        )

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

    def _command(self, op: Operation) -> str:
        return f"{self.project.command} {self.ctx.service_of(op).names.cli} {op.names.cli}"

    # -- the router -----------------------------------------------------------------------

    def router(self) -> RouterView:
        name = self.project.command
        folder = self.folder(name)
        routes = []
        for group in self.groups:
            services = [self.ctx.services[s] for s in group.services]
            ops = [op for s in services for op in s.operations]
            uses = [*group.triggers, *(one_line(op.summary).lower() for op in ops if op.summary)]
            routes.append(
                RouteView(
                    skill=self.skill_name(group),
                    covers=cell(", ".join(s.name for s in services)),
                    use_for=cell(_clip("; ".join(uses), 160)),
                )
            )
        workflows = tuple(
            WorkflowRoute(
                title=cell(w.title),
                skill=self.skill_name(self.holder[w.id]),
                where=(f"references/{w.id}.md" if len(w.steps) > INLINE_STEPS else "SKILL.md"),
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
            summary=inline(self.ctx.api.description),
            routes=tuple(routes),
            workflows=workflows,
            facts=self.facts,
            index_href=self.links.href(DocsPaths.INDEX, f"{folder}/SKILL.md"),
        )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"
