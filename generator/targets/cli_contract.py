"""What the generated CLI promises callers, written once: its exit codes.

The CLI target exits with these; the docs (errors guide) and the skills list them. ``statuses``
are the HTTP statuses that end a command with the code (an error status not listed is 1).
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
    ExitCode(
        1,
        "any other failure: an error status not listed below, a server error, a network "
        "problem or a response that could not be read",
    ),
    ExitCode(2, "usage error: an unknown command, a missing or invalid option or argument"),
    ExitCode(
        3,
        "authentication or permission: the token is missing, invalid, or lacks the scope or "
        "plan the operation needs",
        (401, 402, 403),
    ),
    ExitCode(4, "not found: the object does not exist or is not visible to this token", (404,)),
    ExitCode(5, "the request was rejected as invalid", (400, 409, 410, 422)),
    ExitCode(6, "rate limited: too many requests, after the retries", (429,)),
)

# The flag that confirms a command which deletes data (operations with ``destructive``): the
# CLI asks on a terminal and, elsewhere, refuses to run without it (templates/cli/runtime).
CONFIRM_FLAG = "--yes"
