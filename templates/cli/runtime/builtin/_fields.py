"""``api`` request fields: ``-f key=value`` (text) and ``-F key=value`` (typed), with nested
keys as in ``message[content]=hi`` and ``ids[]=1`` (appends to a list).

``-F`` turns ``true``, ``false``, ``null`` and numbers into JSON values, and reads ``@path``
(a file's text) and ``@-`` (stdin); ``-f`` keeps every value a string.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .._errors import USAGE, CliError

_KEY = re.compile(r"([^\[\]]+)((?:\[[^\[\]]*\])*)")
_PART = re.compile(r"\[([^\[\]]*)\]")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def split_key(key: str) -> list[str]:
    """``message[content]`` → ``["message", "content"]``; ``ids[]`` → ``["ids", ""]``."""
    match = _KEY.fullmatch(key)
    if match is None:
        raise CliError(f"bad field name {key!r}", USAGE, "write it as name, name[sub] or name[]")
    return [match.group(1), *_PART.findall(match.group(2))]


def typed_value(text: str) -> Any:
    """A ``-F`` value: JSON literals and numbers typed, ``@path``/``@-`` read."""
    if text in ("true", "false"):
        return text == "true"
    if text == "null":
        return None
    if _INTEGER.fullmatch(text):
        return int(text)
    if _NUMBER.fullmatch(text):
        return float(text)
    if text == "@-":
        return sys.stdin.read()
    if text.startswith("@") and len(text) > 1:
        path = Path(text[1:]).expanduser()
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot read {path}: {exc.strerror}", USAGE) from exc
    return text


def parse_fields(raw: Iterable[str], typed: Iterable[str]) -> list[tuple[list[str], Any]]:
    """``(key path, value)`` pairs of the ``-f`` and ``-F`` flags, in the order given."""
    pairs: list[tuple[list[str], Any]] = []
    for text, convert in [*((t, False) for t in raw), *((t, True) for t in typed)]:
        key, sep, value = text.partition("=")
        if not sep:
            raise CliError(f"field {text!r} has no '='", USAGE, "write it as key=value")
        pairs.append((split_key(key), typed_value(value) if convert else value))
    return pairs


def build_object(pairs: Iterable[tuple[list[str], Any]], into: Any = None) -> dict[str, Any]:
    """The JSON object the fields describe, merged into ``into`` (a copy) when given."""
    root: dict[str, Any] = json.loads(json.dumps(into)) if isinstance(into, dict) else {}
    for keys, value in pairs:
        _assign(root, keys, value)
    return root


def _assign(root: dict[str, Any], keys: list[str], value: Any) -> None:
    node: Any = root
    where = keys[0]
    for key, following in itertools.pairwise(keys):
        fresh: Any = [] if following == "" else {}
        if key == "":
            node.append(fresh)
            node = fresh
            continue
        if not isinstance(node, dict):
            raise CliError(f"field {where}: a list item cannot have a named key", USAGE)
        current = node.setdefault(key, fresh)
        if type(current) is not type(fresh):
            raise CliError(f"field {where} is given both as a value and as a container", USAGE)
        node = current
        where += f"[{following}]"
    last = keys[-1]
    if last == "":
        if not isinstance(node, list):
            raise CliError(f"field {where} is not a list", USAGE)
        node.append(value)
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise CliError(f"field {where}: a list item cannot have a named key", USAGE)


def query_items(data: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """A nested object as query parameters: ``sort[name]=asc``, a list as repeated keys."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from query_items(value, f"{prefix}[{key}]" if prefix else str(key))
    elif isinstance(data, list):
        for item in data:
            yield from query_items(item, prefix)
    elif isinstance(data, bool):
        yield prefix, "true" if data else "false"
    elif data is not None:
        yield prefix, str(data)
