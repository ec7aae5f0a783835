"""A workflow step (``spec/workflows.yaml``) as a command of the generated CLI, runnable in a
POSIX shell: ``<command> <service> <action> --flag value …``. The CLI's ``guide`` prints these
(and the skills can show the same lines). The rules:

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

A step's outputs (dotted paths in the API's JSON answer) are given as jq paths in the
command's ``-o json`` output (:func:`output_path`).
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Iterator, Set
from functools import partial

from ...ir import JSON, Operation, TypeRef, Workflow, WorkflowStep
from ...naming import kebab, upper_snake
from ..context import TargetContext

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


def workflow_commands(ctx: TargetContext, workflow: Workflow) -> list[str]:
    """Each step of ``workflow`` as a command line, in order."""
    defined = {name for name, _ in workflow.inputs}
    commands: list[str] = []
    for step in workflow.steps:
        commands.append(step_command(ctx, ctx.operations[step.operation], step, defined))
        defined |= {name for name, _ in step.outputs}
    return commands


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
