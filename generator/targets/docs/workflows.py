"""Each workflow of spec/workflows.yaml as a step-by-step guide with a sequence diagram."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ...ir import JSON, Workflow
from ..context import TargetContext
from ..pages import DocsPaths
from ..snippets.cli import cli_step_command, shell_variable
from ..text import code_span
from .markdown import cell, code_block, inline, mermaid_label, prose
from .views import Link


@dataclass(frozen=True)
class StepView:
    number: int
    title: str
    operation: Link  # title: the operation's summary; summary: `METHOD /path`
    sdk_call: str
    cli_call: str
    inputs: tuple[tuple[str, str], ...]  # (argument, value) as code spans
    outputs: tuple[tuple[str, str, str], ...]  # (name, response path, shell variable)
    command: str  # the step as a CLI command (a fenced block), reading shell variables


@dataclass(frozen=True)
class WorkflowView:
    title: str
    description: str
    keywords: str
    inputs: tuple[tuple[str, str, str], ...]  # (name, shell variable, description)
    steps: tuple[StepView, ...]
    diagram: str  # a fenced mermaid block


class WorkflowWriter:
    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx

    def workflow_view(self, workflow: Workflow) -> WorkflowView:
        page = DocsPaths.workflow(workflow)
        steps: list[StepView] = []
        for number, step in enumerate(workflow.steps, 1):
            op = self.ctx.operations[step.operation]
            service = self.ctx.service_of(op)
            target = DocsPaths.operation(service, op)
            steps.append(
                StepView(
                    number=number,
                    title=inline(step.description or op.summary).rstrip("."),
                    operation=Link(
                        inline(op.summary or op.id),
                        DocsPaths.relative(page, target),
                        f"{op.method} {op.path}",
                    ),
                    sdk_call=f"client.{service.names.py}.{op.names.py}",
                    cli_call=f"{self.ctx.project.command} {service.names.cli} {op.names.cli}",
                    inputs=tuple((code_span(k), _value(v)) for k, v in step.inputs),
                    outputs=tuple(
                        (code_span(k), code_span(v), code_span(f"${shell_variable(k)}"))
                        for k, v in step.outputs
                    ),
                    command=code_block("sh", cli_step_command(self.ctx, step)),
                )
            )
        return WorkflowView(
            title=inline(workflow.title),
            description=prose(workflow.description),
            keywords=inline(", ".join(workflow.keywords)),
            inputs=tuple(
                (code_span(k), code_span(f"${shell_variable(k)}"), cell(v))
                for k, v in workflow.inputs
            ),
            steps=tuple(steps),
            diagram=self._diagram(workflow),
        )

    def _diagram(self, workflow: Workflow) -> str:
        """Who calls what, in order: the caller, then one participant per service."""
        lines = ["sequenceDiagram", "    participant You"]
        services: dict[str, str] = {}
        for step in workflow.steps:
            service = self.ctx.service_of(self.ctx.operations[step.operation])
            if service.name not in services:
                services[service.name] = f"S{len(services) + 1}"
                lines.append(
                    f"    participant {services[service.name]} as {mermaid_label(service.name)}"
                )
        for number, step in enumerate(workflow.steps, 1):
            op = self.ctx.operations[step.operation]
            who = services[self.ctx.service_of(op).name]
            lines.append(f"    You->>{who}: {number}. {mermaid_label(f'{op.method} {op.path}')}")
            returned = ", ".join(name for name, _ in step.outputs)
            answer = mermaid_label(returned) if returned else "done"
            lines.append(f"    {who}-->>You: {answer}")
        return code_block("mermaid", "\n".join(lines))


def _value(value: JSON) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return code_span(text).replace("|", "\\|")
