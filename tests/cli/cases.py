"""The operations of spec/pachca.yaml and each one's example command line (from the CLI
snippet renderer), shared by the tests that run the installed CLI."""

from __future__ import annotations

import shlex
from functools import cache
from pathlib import Path

from generator.ir import Api, Operation
from generator.load import load_spec
from generator.parse import parse_spec
from generator.targets.context import TargetContext
from generator.targets.snippets.cli import cli_command
from tests.cli_env import ROOT


@cache
def api() -> Api:
    parsed, _ = parse_spec(load_spec(ROOT / "spec" / "pachca.yaml"))
    return parsed


@cache
def context() -> TargetContext:
    return TargetContext(api())


def operations() -> list[Operation]:
    """Every operation but the upload to a pre-signed URL (no path of the API: its command
    is `files upload`, tested against a local storage server)."""
    return [op for op in api().operations if op.upload is None]


OPERATIONS = operations()


def example_argv(op: Operation) -> list[str]:
    """The operation's example command, split as a shell would (``--yes`` added where it
    deletes)."""
    argv = shlex.split(cli_command(context(), op))
    return [*argv, "--yes"] if op.destructive else argv


def files_of(op: Operation, workdir: Path) -> None:
    """The local files an example sends (a file argument's example is a file name)."""
    for argument in op.example.arguments:
        if argument.type.file and isinstance(argument.value, str):
            (workdir / argument.value).write_bytes(b"\x89PNG\r\n\x1a\n example")


def _shape(op: Operation) -> tuple[object, ...]:
    """What makes one request unlike another: method, body kind, wrapper, the kinds of its
    example's arguments."""
    body = op.body
    kinds = sorted({(a.location, a.type.kind, a.type.file) for a in op.example.arguments})
    return (
        op.method,
        body.kind if body else None,
        body.wrapper_key is not None if body else None,
        tuple(kinds),
    )


def distinct_shapes() -> list[Operation]:
    """The first operation of each request shape (the `--dry-run` curl lines are checked on
    these: the printer depends on the shape, not on the operation)."""
    seen: dict[tuple[object, ...], Operation] = {}
    for op in OPERATIONS:
        seen.setdefault(_shape(op), op)
    return list(seen.values())


SHAPES = distinct_shapes()
