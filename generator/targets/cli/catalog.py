"""The CLI's catalog (``_catalog.py``): every operation and workflow as plain data.

``api ls``, ``api describe``, ``guide``, ``auth status`` and ``doctor`` read it, so the CLI
needs no spec at run time. An operation carries its command (``<service> <action>``), HTTP
method and path, parameters and body fields with their flags and types, scopes, pagination
and its showcase example, rendered by the CLI snippet renderer. A workflow's steps are
rendered here as ``<command> <service> <action> --flag value`` lines:

- a step input names a parameter (wire or Python name) or a body field (wire name); its flag
  is ``--<Names.cli>``, as for every generated command; an input naming nothing the operation
  takes (the workflow loader warned about it) is left out;
- a ``{placeholder}`` becomes the shell variable ``$UPPER_SNAKE`` (``{chat_id}`` →
  ``"$CHAT_ID"``), so that a step runs as printed once its inputs are exported; a name the
  shell or the system already uses (``PATH``, ``HOME``, …) gets ``_ARG`` appended;
- the upload operation's URL flag (``--direct-url``) takes the step's input of that name or,
  failing one, the variable of that name an earlier step defined;
- a boolean is ``--flag`` / ``--no-flag``, a list of plain values repeats the flag, an object
  is JSON; everything is quoted for POSIX shells.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator, Set
from functools import partial

from ...ir import JSON, Body, Field, Operation, Parameter, TypeRef, Workflow, WorkflowStep
from ...naming import kebab, upper_snake
from ..context import TargetContext
from ..render import render
from ..snippets.cli import cli_command
from ..text import one_line
from .raw import api_command

_PLACEHOLDER = re.compile(r"{([A-Za-z_][A-Za-z0-9_]*)}")
# Variables a shell or the system gives a meaning to: a workflow input is never one of them.
_SHELL_VARIABLES = frozenset(
    {
        "CDPATH",
        "ENV",
        "HOME",
        "HOSTNAME",
        "IFS",
        "LANG",
        "LOGNAME",
        "MAIL",
        "OLDPWD",
        "OPTARG",
        "OPTIND",
        "PATH",
        "PPID",
        "PS1",
        "PS2",
        "PS4",
        "PWD",
        "RANDOM",
        "SECONDS",
        "SHELL",
        "TERM",
        "TMPDIR",
        "UID",
        "USER",
    }
)
# Shell-safe enough to pass bare (a placeholder-free word of these characters).
_SAFE_WORD = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


def render_catalog(ctx: TargetContext) -> str:
    """The text of ``_catalog.py`` (formatted by the writer)."""
    api = ctx.api
    return render(
        "cli/_catalog.py.jinja",
        title=api.title,
        api_version=api.version,
        command=ctx.project.command,
        operations=[operation_entry(ctx, op) for op in api.operations],
        workflows=[workflow_entry(ctx, wf) for wf in api.workflows],
        identity=identity_entry(ctx),
    )


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
        "steps": [
            _step(ctx, step, _defined_before(workflow, index))
            for index, step in enumerate(workflow.steps)
        ],
    }


def _defined_before(workflow: Workflow, index: int) -> set[str]:
    """The placeholders a step may use: the workflow's inputs and earlier steps' outputs."""
    names = {name for name, _ in workflow.inputs}
    for step in workflow.steps[:index]:
        names.update(name for name, _ in step.outputs)
    return names


def _step(ctx: TargetContext, step: WorkflowStep, defined: set[str]) -> dict[str, JSON]:
    op = ctx.operations[step.operation]
    return {
        "description": one_line(step.description),
        "operation": op.id,
        "command": step_command(ctx, op, step, defined),
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


def step_command(
    ctx: TargetContext, op: Operation, step: WorkflowStep, defined: Set[str] = frozenset()
) -> str:
    """One workflow step as a command line (the rules are in the module's docstring)."""
    words = [ctx.project.command, ctx.service_of(op).names.cli, op.names.cli]
    flags = _flags_by_input(op)
    inputs = list(step.inputs)
    upload = op.upload
    if upload is not None:
        # the upload's URL: the step's input, else the variable an earlier step defined
        url_names = {upload.url_argument, upload.url_name}
        given = next((value for name, value in inputs if name in url_names), None)
        known = next((name for name in sorted(url_names) if name in defined), None)
        if given is None and known is not None:
            given = "{" + known + "}"
        if given is not None:
            words.extend(_step_flag(kebab(upload.url_argument), given, False))
        inputs = [(name, value) for name, value in inputs if name not in url_names]
    for name, value in inputs:
        found = flags.get(name)
        if found is not None:
            words.extend(_step_flag(found[0], value, _plain_list(ctx, found[1])))
    return " ".join(words)


def _flags_by_input(op: Operation) -> dict[str, tuple[str, TypeRef]]:
    flags: dict[str, tuple[str, TypeRef]] = {}
    if op.body is not None:
        for field in (*op.body.fields, *op.body.outer_fields):
            flags.setdefault(field.names.wire, (field.names.cli, field.type))
    for param in op.parameters:  # a parameter wins over a body field of the same name
        flags[param.names.wire] = (param.names.cli, param.type)
        flags.setdefault(param.names.py, (param.names.cli, param.type))
    return flags


def _plain_list(ctx: TargetContext, typ: TypeRef) -> bool:
    """A list of plain values (no objects): its flag repeats, one value each."""
    items = typ.items if typ.kind == "array" else None
    if items is None:
        return False
    if items.kind == "ref":
        schema = ctx.schemas.get(items.ref or "")
        return schema is not None and schema.kind == "enum"
    return items.kind == "primitive"


_MARK = re.compile("\x00([A-Za-z_][A-Za-z0-9_]*)\x00")


def _marker(quote: str, match: re.Match[str]) -> str:
    """A placeholder as JSON text that decodes to ``\\x00name\\x00`` (bare or quoted)."""
    return f"{quote}\\u0000{match.group(1)}\\u0000{quote}"


def _as_list(text: str) -> JSON:
    """A JSON list written as a string (``'[{tag_id}, 5]'``, ``'["{name}"]'``) as a list whose
    placeholders stay placeholders; any other string as it is."""
    for quote in ("", '"'):
        marked = _PLACEHOLDER.sub(partial(_marker, quote), text)
        try:
            value = json.loads(marked)
        except ValueError:
            continue
        if isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
            return [_MARK.sub(r"{\1}", v) if isinstance(v, str) else v for v in value]
    return text


def _step_flag(name: str, value: JSON, plain_list: bool) -> Iterator[str]:
    flag = f"--{name}"
    if plain_list and isinstance(value, str):
        value = _as_list(value)
    if isinstance(value, bool):
        yield flag if value else f"--no-{name}"
    elif isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
        for item in value:
            yield flag
            yield _shell_value(item)
    else:
        yield flag
        yield _shell_value(value)


def _shell_value(value: JSON) -> str:
    """A value as one shell word, each ``{placeholder}`` in it as its shell variable."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if not _PLACEHOLDER.search(text):
        return text if _SAFE_WORD.fullmatch(text) else shlex.quote(text)
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(_double_quoted(text[position : match.start()]))
        parts.append("${" + shell_variable(match.group(1)) + "}")
        position = match.end()
    parts.append(_double_quoted(text[position:]))
    return '"' + "".join(parts) + '"'


def _double_quoted(text: str) -> str:
    """Text inside a double-quoted shell word: ``"``, ``\\``, ``$`` and ````` escaped."""
    return re.sub(r'(["\\$`])', r"\\\1", text)


def shell_variable(name: str) -> str:
    """``chat_id`` → ``CHAT_ID``; ``path`` → ``PATH_ARG`` (never a variable the shell uses)."""
    variable = upper_snake(name) or "VALUE"
    if variable[0].isdigit():
        variable = "_" + variable
    return variable + "_ARG" if variable in _SHELL_VARIABLES else variable


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


def readme_view(ctx: TargetContext) -> dict[str, object]:
    """What the README section on auth, ``api``, ``guide`` and ``doctor`` shows: the
    project's names, and examples from the API (its own showcase operations)."""
    project = ctx.project
    showcase = ctx.api.showcase
    who = ctx.operation(ctx.api.identity.current_user) or ctx.operation(showcase.read)
    examples = [who, ctx.operation(showcase.create)]
    api_examples = [line for op in examples if op and (line := api_command(ctx, op))]
    listing = ctx.operation(showcase.listing)
    if listing is not None and (line := api_command(ctx, listing)):
        api_examples.append(f"{line} --paginate -o jsonl")
    described = ctx.operation(showcase.create) or next(iter(ctx.operations.values()), None)
    workflow = ctx.api.workflows[0] if ctx.api.workflows else None
    return {
        "command": project.command,
        "token_env": project.token_env,
        "base_url_env": project.base_url_env,
        "profile_env": f"{project.env_prefix}_PROFILE",
        "config_dir_env": f"{project.env_prefix}_CONFIG_DIR",
        "default_base_url": ctx.api.base_url,
        "api_examples": api_examples,
        "ls_query": ctx.service_of(described).names.cli if described else "",
        "describe_example": (
            f"{ctx.service_of(described).names.cli} {described.names.cli}" if described else ""
        ),
        "guide_query": " ".join(shlex.quote(k) for k in workflow.keywords[:2]) if workflow else "",
    }
