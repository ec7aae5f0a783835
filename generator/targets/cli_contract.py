"""What the generated CLI promises callers, written once for the targets that document it:
its exit codes (the docs' errors guide lists them).

The CLI's runtime (templates/cli/runtime/_errors.py, copied as is into every CLI) exits with
these; tests/docs/test_cli_contract.py holds the two together. ``statuses`` are the HTTP
statuses that end a command with the code; an error status not listed ends it with 1.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExitCode:
    code: int
    meaning: str
    statuses: tuple[int, ...] = ()  # the HTTP statuses that end the command with this code


EXIT_CODES: tuple[ExitCode, ...] = (
    ExitCode(0, "success"),
    ExitCode(1, "the API answered with any other error status, or the network failed"),
    ExitCode(2, "usage or validation: a missing or malformed flag, a bad `--json`"),
    ExitCode(
        3,
        "authentication or permission: the token is missing or invalid, or lacks the scope "
        "the operation needs (the message names it)",
        (401, 403),
    ),
    ExitCode(4, "not found: the object does not exist or is not visible to this token", (404,)),
    ExitCode(130, "interrupted (Ctrl-C)"),
)

# The flag that confirms a command which deletes data (operations with ``destructive``): the
# CLI asks on a terminal and, elsewhere, refuses to run without it (templates/cli/runtime).
CONFIRM_FLAG = "--yes"
