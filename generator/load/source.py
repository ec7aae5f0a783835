"""Read one YAML or JSON file into plain data plus a table of source positions.

Positions are keyed by JSON pointer (``/paths/~1messages/post``) and give the 1-based line
and column of the node's key (or of the item, in a list), so any finding about the document
can point at the line a person would edit.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Location, SpecError, error

Positions = dict[str, tuple[int, int]]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SpecLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe YAML read as JSON would read it: ``2025-01-15`` stays the string the author wrote,
    and only ``true``/``false`` are booleans (YAML 1.2), so ``enum: [on, off, yes, no]`` keeps
    its strings."""


_BOOL = "tag:yaml.org,2002:bool"
_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_SpecLoader.yaml_implicit_resolvers = {
    first: [
        (tag, _YAML12_BOOL if tag == _BOOL else regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def escape_token(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join_pointer(base: str, *tokens: str | int) -> str:
    return base + "".join("/" + escape_token(str(t)) for t in tokens)


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [unescape_token(t) for t in pointer.lstrip("/").split("/")]


@dataclass
class SourceFile:
    path: Path
    display: str
    data: Any
    positions: Positions = field(default_factory=dict)

    def location(self, pointer: str) -> Location:
        """The closest recorded position at or above ``pointer``."""
        probe = pointer
        while True:
            if probe in self.positions:
                line, column = self.positions[probe]
                return Location(self.display, line, column, pointer)
            if not probe:
                return Location(self.display, 0, 0, pointer)
            probe = probe.rsplit("/", 1)[0]


def read_source(path: Path, display: str) -> SourceFile:
    """Read and parse ``path``; raise :class:`SpecError` with a located message on failure."""
    where = Location(display)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SpecError([error("file not found", where)]) from None
    except IsADirectoryError:
        raise SpecError([error("is a directory, expected an OpenAPI file", where)]) from None
    except OSError as exc:
        raise SpecError([error(f"cannot read file: {exc.strerror}", where)]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        message = f"not UTF-8 text (byte {exc.start})"
        raise SpecError([error(message, Location(display, line, column))]) from None
    if not text.strip():
        raise SpecError([error("file is empty", Location(display, 1, 1))])
    if path.suffix.lower() == ".json":
        return _read_json(path, display, text)
    return _read_yaml(path, display, text)


def _read_json(path: Path, display: str, text: str) -> SourceFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        loc = Location(display, exc.lineno, exc.colno)
        raise SpecError([error(f"JSON syntax error: {exc.msg}", loc)]) from None
    positions: Positions = {}
    try:
        loader = _SpecLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is not None:
            _record_positions(node, "", positions)
    except yaml.YAMLError:
        positions = {}
    return SourceFile(path, display, data, positions)


def _read_yaml(path: Path, display: str, text: str) -> SourceFile:
    loader = _SpecLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:  # only comments
            raise SpecError([error("file is empty", Location(display, 1, 1))])
        positions: Positions = {}
        data = _construct(loader, node, "", positions)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or "invalid YAML"
        context = exc.context_mark
        if exc.problem and exc.context and context is not None and context is not mark:
            # Where the unfinished construct began is usually where the mistake is.
            problem += f" ({exc.context} started at {context.line + 1}:{context.column + 1})"
        raise SpecError(
            [error(f"YAML syntax error: {problem}", Location(display, line, column))]
        ) from None
    except yaml.YAMLError as exc:
        raise SpecError([error(f"YAML error: {exc}", Location(display))]) from None
    except RecursionError:
        raise SpecError([error("YAML nesting too deep", Location(display))]) from None
    finally:
        loader.dispose()
    return SourceFile(path, display, data, positions)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _construct(loader: Any, node: yaml.Node, pointer: str, positions: Positions) -> Any:
    """Build plain data from a composed node, recording each node's position on the way."""
    positions.setdefault(pointer, _mark(node))
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            # YAML allows `200:` as an integer key; OpenAPI keys are always strings.
            key_text = _key_text(key)
            child = join_pointer(pointer, key_text)
            positions[child] = _mark(key_node)
            result[key_text] = _construct(loader, value_node, child, positions)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, join_pointer(pointer, index), positions)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)


def _key_text(key: Any) -> str:
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


def _record_positions(node: yaml.Node, pointer: str, positions: Positions) -> None:
    positions.setdefault(pointer, _mark(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = join_pointer(pointer, key)
            positions[child] = _mark(key_node)
            _record_positions(value_node, child, positions)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, join_pointer(pointer, index), positions)
