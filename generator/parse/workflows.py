"""spec/workflows.yaml → :class:`Workflow`s, checked against the operations of the API.

Format: ``workflows: [{id, title, description, keywords, inputs: {name: text},
steps: [{id?, operation, description, inputs: {arg: value-or-"{placeholder}"},
outputs: {name: dotted.path}}]}]``. An unknown operationId is an error; an argument the
operation does not take, or a placeholder nothing defines, is a warning.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from ..diagnostics import Diagnostic, SpecError, error, warning
from ..ir import JSON, Operation, Workflow, WorkflowStep
from ..load.source import SourceFile, join_pointer, read_source

_PLACEHOLDER = re.compile(r"{([A-Za-z_][A-Za-z0-9_]*)}")
_WORKFLOW_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


def load_workflows(
    path: Path, display: str, operations: tuple[Operation, ...]
) -> tuple[tuple[Workflow, ...], list[Diagnostic]]:
    source = read_source(path, display)
    problems: list[Diagnostic] = []
    by_id = {op.id: op for op in operations}
    root = source.data
    items = root.get("workflows") if isinstance(root, dict) else None
    if not isinstance(items, list):
        raise SpecError([error("expected a top-level `workflows:` list", source.location(""))])
    result: list[Workflow] = []
    seen_ids: set[str] = set()
    for index, raw in enumerate(items):
        pointer = join_pointer("/workflows", index)
        if not isinstance(raw, dict):
            problems.append(error("a workflow must be a mapping", source.location(pointer)))
            continue
        workflow = _workflow(raw, pointer, source, by_id, problems)
        if not _WORKFLOW_ID.fullmatch(workflow.id):
            problems.append(
                error(
                    f"workflow id {workflow.id!r} must be letters, digits, '-' and '_' (it names "
                    "files: the docs page, the skill's reference)",
                    source.location(pointer + "/id"),
                )
            )
        if workflow.id in seen_ids:
            problems.append(
                error(f"duplicate workflow id {workflow.id!r}", source.location(pointer + "/id"))
            )
        seen_ids.add(workflow.id)
        result.append(workflow)
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        raise SpecError(errors)
    return tuple(result), problems


def _workflow(
    raw: dict[str, Any],
    pointer: str,
    source: SourceFile,
    by_id: dict[str, Operation],
    problems: list[Diagnostic],
) -> Workflow:
    workflow_id = str(raw.get("id") or f"workflow-{pointer.rsplit('/', 1)[-1]}")
    inputs = raw.get("inputs") or {}
    if not isinstance(inputs, dict):
        problems.append(error("`inputs` must be a mapping", source.location(pointer + "/inputs")))
        inputs = {}
    defined = set(map(str, inputs))
    steps: list[WorkflowStep] = []
    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append(
            error("a workflow needs a non-empty `steps` list", source.location(pointer))
        )
        raw_steps = []
    for index, step in enumerate(raw_steps):
        at = join_pointer(pointer, "steps", index)
        if not isinstance(step, dict):
            problems.append(error("a step must be a mapping", source.location(at)))
            continue
        op_id = str(step.get("operation") or "")
        op = by_id.get(op_id)
        if op is None:
            problems.append(
                error(f"unknown operationId {op_id!r}", source.location(at + "/operation"))
            )
            continue
        accepted = {p.names.wire for p in op.parameters} | {p.names.py for p in op.parameters}
        if op.body is not None:
            accepted |= {f.names.wire for f in op.body.fields}
            if not op.body.fields:
                accepted.add("body")
        step_inputs = step.get("inputs") or {}
        if not isinstance(step_inputs, dict):
            step_inputs = {}
        for key, value in step_inputs.items():
            if str(key) not in accepted:
                problems.append(
                    warning(
                        f"operation {op_id!r} takes no argument {key!r}",
                        source.location(join_pointer(at, "inputs", key)),
                    )
                )
            for name in _PLACEHOLDER.findall(str(value)) if isinstance(value, str) else []:
                if name not in defined:
                    problems.append(
                        warning(
                            f"placeholder {{{name}}} is neither a workflow input "
                            "nor an output of an earlier step",
                            source.location(join_pointer(at, "inputs", key)),
                        )
                    )
        outputs = step.get("outputs") or {}
        if not isinstance(outputs, dict):
            outputs = {}
        defined |= set(map(str, outputs))
        steps.append(
            WorkflowStep(
                id=str(step.get("id") or f"step{index + 1}"),
                operation=op.id,
                service=op.service,
                method_name=op.names.py,
                description=str(step.get("description") or op.summary).strip(),
                inputs=tuple((str(k), cast(JSON, v)) for k, v in step_inputs.items()),
                outputs=tuple((str(k), str(v)) for k, v in outputs.items()),
            )
        )
    keywords = raw.get("keywords") or []
    return Workflow(
        id=workflow_id,
        title=str(raw.get("title") or workflow_id).strip(),
        description=str(raw.get("description") or "").strip(),
        keywords=tuple(str(k) for k in keywords) if isinstance(keywords, list) else (),
        inputs=tuple((str(k), str(v)) for k, v in inputs.items()),
        steps=tuple(steps),
    )
