"""Turning flag text into the values the SDK takes.

* ``-`` reads the value from stdin; ``@path`` reads it from a file (for a text flag only when
  that file exists, so a leading ``@nickname`` stays text; ``@@text`` is the text ``@text``).
* A list flag may be repeated or take comma-separated values (or one JSON array).
* A JSON flag (objects, lists of objects) takes JSON text.
* A file flag takes a path (``-``: stdin).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ._errors import USAGE, CliError
from ._spec import Flag


def read_text(value: str, *, strict: bool) -> str:
    """``value``, or the text of ``-`` (stdin) or ``@path``."""
    if value == "-":
        return sys.stdin.read()
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@") and len(value) > 1:
        path = Path(value[1:]).expanduser()
        if path.is_file():
            return path.read_text(encoding="utf-8")
        if strict:
            raise CliError(f"file not found: {value[1:]}", USAGE)
    return value


def parse_json(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise CliError(f"{what}: not valid JSON ({exc})", USAGE) from exc


def convert(flag: Flag, raw: Any) -> Any:
    """The SDK value of ``flag`` given ``raw`` (click's parsed value)."""
    if flag.kind == "boolean":
        return bool(raw)
    if flag.kind == "file":
        return _file(flag, str(raw))
    if flag.multiple:
        items: list[Any] = []
        for chunk in raw:
            text = read_text(str(chunk), strict=False)
            if text.lstrip().startswith("["):
                parsed = parse_json(text, f"--{flag.name}")
                items.extend(parsed if isinstance(parsed, list) else [parsed])
            else:
                items.extend(part.strip() for part in text.split(",") if part.strip())
        return [_scalar(flag, item) for item in items]
    if flag.kind == "json":
        return parse_json(read_text(str(raw), strict=True), f"--{flag.name}")
    if flag.kind in ("integer", "number", "choice"):
        return _scalar(flag, raw)
    return read_text(str(raw), strict=False)


def _scalar(flag: Flag, value: Any) -> Any:
    if flag.kind == "json" and isinstance(value, str):
        return parse_json(value, f"--{flag.name}")
    if not isinstance(value, str):
        return value
    if flag.kind == "integer":
        try:
            return int(value)
        except ValueError:
            raise CliError(f"--{flag.name}: {value!r} is not an integer", USAGE) from None
    if flag.kind == "number":
        try:
            return float(value)
        except ValueError:
            raise CliError(f"--{flag.name}: {value!r} is not a number", USAGE) from None
    if flag.kind == "choice" and flag.choices:
        allowed = [c for c, _ in flag.choices]
        if value not in allowed:
            raise CliError(f"--{flag.name}: {value!r} is not one of {', '.join(allowed)}", USAGE)
    return value


def _file(flag: Flag, value: str) -> Any:
    if value == "-":
        return ("stdin", sys.stdin.buffer.read())
    path = Path(value[1:] if value.startswith("@") else value).expanduser()
    if not path.is_file():
        raise CliError(f"--{flag.name}: file not found: {path}", USAGE)
    return path
