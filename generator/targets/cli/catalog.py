"""The CLI's catalog (``_catalog.json``, loaded by ``_catalog.py``): every operation and
workflow as plain data.

``api ls``, ``api describe``, ``guide``, ``auth status`` and ``doctor`` read it, so the CLI
needs no spec at run time. An operation carries its command (``<service> <action>``), HTTP
method and path, parameters and body fields with their flags and types, scopes, pagination
and its showcase example, rendered by the CLI snippet renderer (and as a raw ``api``
request, :mod:`.raw`). A workflow's steps are the CLI snippet renderer's command lines (the
skills show the same), each output with the jq path where the command's ``-o json`` prints it.
"""

from __future__ import annotations

import functools
import json
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from ...ir import JSON, Body, Field, Operation, Parameter, TypeRef, Workflow, WorkflowStep
from ..context import TargetContext
from ..render import render
from ..snippets.cli import cli_command, cli_step_command, shell_variable
from ..text import one_line
from .raw import api_command


def render_catalog(ctx: TargetContext) -> dict[str, str]:
    """``_catalog.json`` (the data, one key per line: black never has to read it, which at a
    thousand operations took seconds per run) and ``_catalog.py``, which loads it."""
    return {"_catalog.py": catalog_loader(ctx), "_catalog.json": catalog_json(ctx)}


def catalog_loader(ctx: TargetContext) -> str:
    return render("cli/_catalog.py.jinja", title=ctx.api.title, command=ctx.project.command)


_ENTRY_INDENT = "  "  # an operation's entry in the catalog: in a list in an object, indent 1


def catalog_json(ctx: TargetContext, entry_text: Callable[[Operation], str] | None = None) -> str:
    """The catalog as ``json.dumps(data, ensure_ascii=False, indent=1)`` writes it, with each
    operation's entry from ``entry_text`` (:func:`operation_entry_text`, or a kept copy of
    what it gave): the entries are put in place as the dump would have written them."""
    api = ctx.api
    make = entry_text or functools.partial(operation_entry_text, ctx)
    data = {
        "api_title": api.title,
        "api_version": api.version,
        "operations": [],
        "workflows": [workflow_entry(ctx, wf) for wf in api.workflows],
        "identity": identity_entry(ctx),
    }
    text = json.dumps(data, ensure_ascii=False, indent=1)
    empty = '\n "operations": [],\n'
    at = text.index(empty)
    entries = ",\n".join(f"{_ENTRY_INDENT}{make(op)}" for op in api.operations)
    operations = f'\n "operations": [\n{entries}\n ],\n' if entries else empty
    return text[:at] + operations + text[at + len(empty) :] + "\n"


def operation_entry_text(ctx: TargetContext, op: Operation) -> str:
    """An operation's entry as the catalog's dump writes it (every line but the first
    indented to its depth; a JSON string holds no line break, so no line is torn)."""
    text = json.dumps(operation_entry(ctx, op), ensure_ascii=False, indent=1)
    return text.replace("\n", "\n" + _ENTRY_INDENT)


# --- operations ------------------------------------------------------------------------------


def operation_entry(ctx: TargetContext, op: Operation) -> dict[str, JSON]:
    service = ctx.service_of(op)
    entry: dict[str, JSON] = {
        "id": op.id,
        "service": service.names.cli,
        "command": op.names.cli,
        "method": op.method,
        "path": op.path,
        "summary": one_line(op.summary),
        "description": op.description.strip(),
        "deprecated": op.deprecated,
        "scopes": list(op.scopes),
        "plan": op.plan,
        "auth": op.auth_required,
        "parameters": [_parameter(ctx, p) for p in op.parameters],
        "body": _body(ctx, op.body),
        "result": op.result.kind,
        "unwrap": op.result.unwrap_key,
        "pagination": None,
        "example": cli_command(ctx, op),
        "api_example": api_command(ctx, op),
    }
    if op.pagination is not None:
        entry["pagination"] = {
            "cursor": op.pagination.cursor_param,
            "limit": op.pagination.limit_param,
            "items": list(op.pagination.items_path),
            "next_cursor": list(op.pagination.next_cursor_path),
        }
    return entry


def _parameter(ctx: TargetContext, param: Parameter) -> dict[str, JSON]:
    return {
        "name": param.names.wire,
        "flag": f"--{param.names.cli}",
        "in": param.location,
        "type": type_label(ctx, param.type),
        "required": param.required,
        "description": one_line(param.description),
        "values": _enum_values(ctx, param.type),
    }


def _body(ctx: TargetContext, body: Body | None) -> dict[str, JSON] | None:
    if body is None:
        return None
    fields: list[JSON] = [_field(ctx, f, body.wrapper_key) for f in body.fields]
    fields += [_field(ctx, f, None) for f in body.outer_fields]
    return {
        "content_type": body.content_type,
        "required": body.required,
        "wrapper": body.wrapper_key,
        "type": type_label(ctx, body.type),
        "fields": fields,
    }


def _field(ctx: TargetContext, field: Field, wrapper: str | None) -> dict[str, JSON]:
    return {
        "name": field.names.wire,
        # where the field goes in the JSON body, in `api -f` syntax: `message[content]`
        "key": f"{wrapper}[{field.names.wire}]" if wrapper else field.names.wire,
        "flag": f"--{field.names.cli}",
        "type": type_label(ctx, field.type),
        "required": field.required,
        "description": one_line(field.description),
        "values": _enum_values(ctx, field.type),
    }


def type_label(ctx: TargetContext, typ: TypeRef) -> str:
    """A type for people: ``integer``, ``string (date-time)``, ``array of Message``, ``file``."""
    if typ.file:
        label = "file"
    elif typ.kind == "primitive":
        label = str(typ.primitive)
        if typ.format:
            label += f" ({typ.format})"
    elif typ.kind == "array":
        label = "array of " + (type_label(ctx, typ.items) if typ.items else "any")
    elif typ.kind == "map":
        label = "map of " + (type_label(ctx, typ.items) if typ.items else "any")
    elif typ.kind == "ref" and typ.ref:
        schema = ctx.schemas.get(typ.ref)
        kind = schema.kind if schema is not None else "object"
        label = typ.ref if kind == "object" else f"{typ.ref} ({kind})"
    elif typ.kind == "literal":
        label = json.dumps(typ.literal, ensure_ascii=False)
    else:
        label = "any"
    return f"{label} or null" if typ.nullable else label


def _enum_values(ctx: TargetContext, typ: TypeRef) -> list[JSON]:
    """The values an enum takes (of a list's items too), each ``[value, description]``."""
    while typ.kind == "array" and typ.items is not None:
        typ = typ.items
    schema = ctx.schemas.get(typ.ref or "") if typ.kind == "ref" else None
    if schema is None or schema.kind != "enum":
        return []
    return [[value.value, one_line(value.description)] for value in schema.enum_values]


# --- workflows -------------------------------------------------------------------------------


def workflow_entry(ctx: TargetContext, workflow: Workflow) -> dict[str, JSON]:
    return {
        "id": workflow.id,
        "title": workflow.title,
        "description": one_line(workflow.description),
        "keywords": list(workflow.keywords),
        "inputs": [[shell_variable(name), one_line(text)] for name, text in workflow.inputs],
        "steps": [_step(ctx, step) for step in workflow.steps],
    }


def _step(ctx: TargetContext, step: WorkflowStep) -> dict[str, JSON]:
    op = ctx.operations[step.operation]
    return {
        "description": one_line(step.description),
        "operation": op.id,
        "command": cli_step_command(ctx, step),
        "outputs": [
            [shell_variable(name), output_path(op, path), path] for name, path in step.outputs
        ],
    }


def output_path(op: Operation, path: str) -> str | None:
    """Where a step's output (a dotted path in the API's JSON answer) is in the command's JSON
    output, as a jq path: the answer's ``data`` wrapper is unwrapped by the CLI, and a page
    prints its items (``data.0.id`` → ``.[0].id``). ``None``: the CLI does not print it
    (a page's cursor, which it shows on stderr)."""
    keys = path.split(".")
    result = op.result
    if result.kind == "page" and op.pagination is not None:
        prefix = list(op.pagination.items_path)
        if keys[: len(prefix)] != prefix:
            return None
        keys = keys[len(prefix) :]
    elif result.kind == "value" and result.unwrap_key:
        if keys[0] != result.unwrap_key:
            return None
        keys = keys[1:]
    elif result.kind != "value":
        return None
    jq = "".join(_jq_step(key) for key in keys)
    return "." + jq if not jq.startswith(".") else jq


def _jq_step(key: str) -> str:
    if key.isdigit():
        return f"[{key}]"
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f".{key}"
    return f".[{json.dumps(key)}]"


# --- identity --------------------------------------------------------------------------------


def identity_entry(ctx: TargetContext) -> dict[str, JSON]:
    """How ``auth status`` and ``doctor`` learn who the caller is and what the token may do."""
    identity = ctx.api.identity
    user = ctx.operation(identity.current_user)
    token = ctx.operation(identity.token_info)
    return {
        "current_user": _call(user),
        "user_fields": list(identity.user_fields),
        "token_info": _call(token),
        "scopes_field": identity.scopes_field,
        "scopes": list(sorted({scope for op in ctx.api.operations for scope in op.scopes})),
    }


def _call(op: Operation | None) -> dict[str, JSON] | None:
    if op is None:
        return None
    return {"id": op.id, "method": op.method, "path": op.path, "unwrap": op.result.unwrap_key}


# --- the README's section on these commands --------------------------------------------------


@dataclass(frozen=True)
class ToolsReadmeView:
    """What the README's sections on auth, ``api``, ``guide`` and ``doctor`` show."""

    command: str
    token_env: str
    base_url_env: str
    profile_env: str
    config_dir_env: str
    default_base_url: str
    api_examples: tuple[str, ...]  # raw requests: who am I, a create, a paginated list
    ls_query: str  # a service to filter `api ls` by
    describe_example: str  # `<service> <action>` of an operation to describe
    guide_query: str  # words that find a workflow ("" when there are none)


def readme_view(ctx: TargetContext) -> ToolsReadmeView:
    """The README sections' view: the project's names, and examples from the API (its own
    showcase operations and first workflow)."""
    project = ctx.project
    showcase = ctx.api.showcase
    who = ctx.operation(ctx.api.identity.current_user) or ctx.operation(showcase.read)
    examples = [who, ctx.operation(showcase.create)]
    api_examples = [line for op in examples if op and (line := api_command(ctx, op))]
    listing = ctx.operation(showcase.listing)
    if listing is not None and (line := api_command(ctx, listing)):
        api_examples.append(f"{line} --paginate -o jsonl")
    described = ctx.operation(showcase.create) or next(iter(ctx.operations.values()), None)
    service = ctx.service_of(described).names.cli if described else ""
    workflow = ctx.api.workflows[0] if ctx.api.workflows else None
    return ToolsReadmeView(
        command=project.command,
        token_env=project.token_env,
        base_url_env=project.base_url_env,
        profile_env=f"{project.env_prefix}_PROFILE",
        config_dir_env=f"{project.env_prefix}_CONFIG_DIR",
        default_base_url=ctx.api.base_url,
        api_examples=tuple(api_examples),
        ls_query=service,
        describe_example=f"{service} {described.names.cli}" if described else "",
        guide_query=" ".join(shlex.quote(k) for k in workflow.keywords[:2]) if workflow else "",
    )
