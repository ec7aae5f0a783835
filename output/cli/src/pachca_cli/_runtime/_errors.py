"""The exit-code contract and how errors are shown.

=====  =================================================================
code   meaning
=====  =================================================================
0      success
1      the API answered with an error, or the network failed
2      usage or validation: a missing or malformed flag, a bad ``--json``
3      authentication or permission: 401 or 403 (naming the scope needed)
4      not found: 404
130    interrupted (Ctrl-C)
=====  =================================================================

Errors go to stderr: one line (and a hint) for people, one JSON object when the output is
JSON (``{"error": {"message", "exit_code", "status", "hint"}}``), so agents can read them.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

OK = 0
API_ERROR = 1
USAGE = 2
AUTH = 3
NOT_FOUND = 4
INTERRUPTED = 130


class CliError(Exception):
    """An error the CLI reports and exits with: a message, an exit code, a hint to fix it."""

    def __init__(
        self,
        message: str,
        exit_code: int = API_ERROR,
        hint: str | None = None,
        *,
        status: int | None = None,
        details: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.hint = hint
        self.status = status
        self.details = details

    def as_json(self) -> dict[str, Any]:
        error: dict[str, Any] = {"message": self.message, "exit_code": self.exit_code}
        if self.status is not None:
            error["status"] = self.status
        if self.hint:
            error["hint"] = self.hint
        if self.details is not None:
            error["details"] = self.details
        return {"error": error}


def exit_code_for_status(status: int) -> int:
    """The exit code of an API error answered with ``status``."""
    if status in (401, 403):
        return AUTH
    if status == 404:
        return NOT_FOUND
    return API_ERROR


def from_sdk_error(exc: BaseException, scopes: Sequence[str] = ()) -> CliError | None:
    """The :class:`CliError` for an exception the SDK raised (``None``: not the SDK's).

    Matched by class name and attributes, so that this module imports nothing of the SDK.
    """
    names = {cls.__name__ for cls in type(exc).__mro__}
    status = getattr(exc, "status_code", None)
    if "APIStatusError" in names and isinstance(status, int):
        code = exit_code_for_status(status)
        body = getattr(exc, "body", None)
        message = f"HTTP {status}: {_api_message(exc, body)}"
        hint = None
        if code == AUTH:
            needed = ", ".join(scopes)
            if status == 403 and needed:
                hint = f"this command needs the scope {needed}; use a token that has it"
            elif status == 403:
                hint = "the token is not allowed to do this"
            else:
                hint = "the token is missing, wrong or expired; check `--token` or log in again"
            if needed and status == 401:
                hint += f" (this command needs the scope {needed})"
        elif code == NOT_FOUND:
            hint = "check the id: nothing was found with it"
        return CliError(message, code, hint, status=status, details=_jsonable(body))
    if "APITimeoutError" in names:
        return CliError(f"timed out: {exc}", API_ERROR, "raise --timeout, or retry later")
    if "APIConnectionError" in names:
        return CliError(f"network error: {exc}", API_ERROR, "check the network and --base-url")
    if "ConfigurationError" in names:
        return CliError(str(exc), USAGE)
    return None


def _api_message(exc: BaseException, body: Any) -> str:
    if isinstance(body, dict):
        for key in ("message", "error_description", "error", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
        errors = body.get("errors")
        if isinstance(errors, list) and errors:
            parts: list[str] = []
            for item in errors[:5]:
                if isinstance(item, dict):
                    name = item.get("key")
                    detail = item.get("value") or item.get("message") or item.get("code")
                    parts.append(f"{name}: {detail}" if name else str(detail))
                else:
                    parts.append(str(item))
            return "; ".join(parts)
    reason = getattr(getattr(exc, "response", None), "reason_phrase", "")
    return str(reason or exc)


def _jsonable(value: Any) -> Any:
    import json

    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return str(value)
    return value


def report(error: CliError, *, as_json: bool) -> None:
    """Write ``error`` to stderr, as JSON or as text with its hint."""
    if as_json:
        import json

        sys.stderr.write(json.dumps(error.as_json(), ensure_ascii=False) + "\n")
        return
    sys.stderr.write(f"Error: {error.message}\n")
    if error.hint:
        sys.stderr.write(f"Hint: {error.hint}\n")


def json_requested(argv: Sequence[str], *, stdout_is_tty: bool) -> bool:
    """Whether the output is JSON, read from the command line alone (for errors raised before
    the options are parsed): ``-o json``/``--output=json``/``-ojson``/``jsonl``, or no
    ``--output`` and stdout not a terminal (JSON is the default there)."""
    value: str | None = None
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg in ("-o", "--output") and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--output="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-o") and len(arg) > 2 and not arg.startswith("--"):
            value = arg[2:]
    if value is None:
        return not stdout_is_tty
    return value in ("json", "jsonl")
