"""An operation's showcase example as a command of the generated CLI.

``<command> <service> <action> --flag value …``: the service and action are the kebab-case
names the parser chose (``Names.cli``: the action is the operation's name without the service's
own noun, ``list_chats`` in Chats → ``chats list``), and each argument of the example is a flag
``--<kebab-name>``: path and query parameters, headers and the fields of a flattened body alike.
A boolean is ``--flag`` or ``--no-flag``, a list of plain values repeats its flag, and an
object (or a list of objects) is passed as JSON. Values are shell-quoted.

A workflow step (:func:`cli_step_command`) is the same command with the step's inputs: a
``{placeholder}`` (a workflow input or an earlier step's output) becomes the shell variable
``"$PLACEHOLDER"``, so the line runs as printed once the variables are set.

An upload operation (``Operation.upload``) takes the URL to send the file to as its first flag,
``--<url_argument>``: the upload parameters' example URL in the showcase, the variable named
after the argument (``"${DIRECT_URL}"``) in a workflow step.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Sequence

from ...ir import JSON, ExampleArgument, Operation, Upload, WorkflowStep
from ...naming import upper_snake
from ..context import TargetContext

_PLACEHOLDER = re.compile(r"{([A-Za-z_][A-Za-z0-9_]*)}")
# Variables the shell or every program reads: a placeholder never overwrites one.
_SHELL_OWN = frozenset(
    {"PATH", "HOME", "USER", "SHELL", "PWD", "OLDPWD", "IFS", "LANG", "TERM", "TMPDIR", "UID",
     "HOSTNAME", "RANDOM", "SECONDS", "LINENO", "PS1", "PS2", "OPTARG", "OPTIND", "EDITOR"}
)  # fmt: skip


def cli_command(
    ctx: TargetContext, op: Operation, arguments: Sequence[ExampleArgument] | None = None
) -> str:
    """The showcase call of ``op`` (or the call with ``arguments``) as one CLI command line."""
    words = [ctx.project.command, ctx.service_of(op).names.cli, op.names.cli]
    if op.upload is not None:
        url: JSON = _Template("{" + op.upload.url_argument + "}")
        if arguments is None:
            url = _upload_url_example(ctx, op.upload)
        words.extend([f"--{op.upload.url_argument.replace('_', '-')}", _word(url)])
    for argument in op.example.arguments if arguments is None else arguments:
        words.extend(_flag(argument))
    return " ".join(words)


def _upload_url_example(ctx: TargetContext, upload: Upload) -> str:
    """The upload URL as the upload parameters' example gives it (the CLI takes it as
    ``--<url_argument>``, first); in a workflow step it is the variable of that name."""
    params = ctx.operation(upload.params_operation)
    example = params.success.example if params and params.success else None
    value = example.get(upload.url_name) if isinstance(example, dict) else None
    return value if isinstance(value, str) else "https://uploads.example.com/"


def cli_step_command(ctx: TargetContext, step: WorkflowStep) -> str:
    """A workflow step as a command: the showcase call with the step's inputs applied."""
    op = ctx.operations[step.operation]
    return cli_command(ctx, op, step_arguments(op, step))


def step_variables(ctx: TargetContext, step: WorkflowStep) -> tuple[str, ...]:
    """The shell variables a step's command reads, in order of first use."""
    found: dict[str, None] = {}
    upload = ctx.operations[step.operation].upload
    if upload is not None:
        found[shell_variable(upload.url_argument)] = None
    for _, value in step.inputs:
        for name in _PLACEHOLDER.findall(json.dumps(value, ensure_ascii=False)):
            found[shell_variable(name)] = None
    return tuple(found)


def shell_variable(placeholder: str) -> str:
    """The variable that stands for ``{placeholder}`` in commands: ``chat_id`` → ``CHAT_ID``."""
    name = upper_snake(placeholder) or "VALUE"
    return f"{name}_VALUE" if name in _SHELL_OWN or name.startswith("LC_") else name


def step_arguments(op: Operation, step: WorkflowStep) -> list[ExampleArgument]:
    """The showcase arguments with the step's values, then the step's other inputs.

    An input is matched to a parameter (by wire or Python name) or a body field (wire name);
    one the operation does not take was reported by the parser and is left out."""
    given = dict(step.inputs)
    known = {a.names.wire: a for a in op.example.arguments}
    result: list[ExampleArgument] = []
    for argument in op.example.arguments:
        key = next((k for k in (argument.names.wire, argument.names.py) if k in given), None)
        if key is None:
            result.append(argument)
        else:
            result.append(_with_value(argument, given.pop(key)))
    for key, value in given.items():
        found = _argument_for(op, key)
        if found is not None and found.names.wire not in known:
            result.append(_with_value(found, value))
    return result


class _Template(str):
    """A step's value that names placeholders: written with shell variables in their place."""


def _with_value(argument: ExampleArgument, value: JSON) -> ExampleArgument:
    return ExampleArgument(
        argument.names, argument.location, argument.type, _templated(value), argument.in_wrapper
    )


def _templated(value: JSON) -> JSON:
    """Strings (in a list too) and objects that hold a ``{placeholder}`` become templates."""
    if isinstance(value, list) and all(_plain(item) for item in value):
        return [_templated(item) for item in value]
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if isinstance(value, str | dict | list) and _PLACEHOLDER.search(text):
        return _Template(text)
    return value


def _argument_for(op: Operation, key: str) -> ExampleArgument | None:
    for param in op.parameters:
        if key in (param.names.wire, param.names.py):
            return ExampleArgument(param.names, param.location, param.type, None)
    body = op.body
    if body is not None:
        for fields, in_wrapper in (
            (body.fields, body.wrapper_key is not None),
            (body.outer_fields, False),
        ):
            for field in fields:
                if key in (field.names.wire, field.names.py):
                    return ExampleArgument(field.names, "body", field.type, None, in_wrapper)
    return None


def _flag(argument: ExampleArgument) -> list[str]:
    flag = f"--{argument.names.cli}"
    value = argument.value
    if isinstance(value, bool):
        return [flag if value else f"--no-{argument.names.cli}"]
    if isinstance(value, list) and all(_plain(item) for item in value):
        return [word for item in value for word in (flag, _word(item))]
    return [flag, _word(value)]


def _plain(value: JSON) -> bool:
    return not isinstance(value, dict | list)


def _word(value: JSON) -> str:
    if isinstance(value, _Template):
        return _with_variables(value)
    if isinstance(value, str):
        return shlex.quote(value)
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        return shlex.quote(json.dumps(value, ensure_ascii=False))
    return str(value)


def _with_variables(text: str) -> str:
    """``text`` as one double-quoted shell word whose ``{placeholders}`` are variables."""
    parts: list[str] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        parts.append(_escaped(text[position : match.start()]))
        parts.append("${" + shell_variable(match.group(1)) + "}")
        position = match.end()
    parts.append(_escaped(text[position:]))
    return '"' + "".join(parts) + '"'


def _escaped(text: str) -> str:
    """Literal text inside a double-quoted shell word."""
    return "".join("\\" + char if char in '$`"\\' else char for char in text)
