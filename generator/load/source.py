"""Read one YAML or JSON file into plain data plus a table of source positions.

Positions are keyed by JSON pointer (``/paths/~1messages/post``) and give the 1-based line
and column of the node's key (or of the item, in a list), so any finding about the document
can point at the line a person would edit.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, Location, SpecError, error
from .files import read_bounded
from .limits import DEFAULT_LIMITS, Limits
from .pieces import read_in_pieces
from .yamltree import Positions, build_data, mark_of

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SpecLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe YAML read as JSON would read it: ``2025-01-15`` stays the string the author wrote,
    and only ``true``/``false`` are booleans (YAML 1.2), so ``enum: [on, off, yes, no]`` keeps
    its strings."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a node, remembered for plain scalars: libyaml asks for every scalar, and
        a spec repeats the same few hundred (``type``, ``string``, ``description``...). A plain
        scalar's tag depends on its text alone (there are no path resolvers)."""
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_PLAIN_TAGS) < 100_000:
                    _PLAIN_TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


_PLAIN_TAGS: dict[str, str] = {}


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
    parts = [base]
    for token in tokens:
        text = str(token)
        parts.append(escape_token(text) if "~" in text or "/" in text else text)
    return "/".join(parts)


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
    #: How to find the positions when a finding first needs one, if they were not recorded
    #: as the file was read: composing GitHub's 13 MB JSON description for them took 6.8 s
    #: and 240 MB, and most runs need none (a YAML file read in cached pieces has them cached).
    find_positions: Callable[[], Positions] | None = field(default=None, repr=False)
    #: The sha256 of the bytes read (empty for a document dxgen made): what a run's stamp
    #: records, so that a file saved again while the run went on is not taken for what it read.
    digest: str = ""

    def location(self, pointer: str) -> Location:
        """The closest recorded position at or above ``pointer``."""
        if self.find_positions is not None:
            self.positions, self.find_positions = self.find_positions(), None
        probe = pointer
        while True:
            if probe in self.positions:
                line, column = self.positions[probe]
                return Location(self.display, line, column, pointer)
            if not probe:
                return Location(self.display, 0, 0, pointer)
            probe = probe.rsplit("/", 1)[0]


def read_source(path: Path, display: str, limits: Limits = DEFAULT_LIMITS) -> SourceFile:
    """Read and parse ``path``; raise :class:`SpecError` with a located message on failure."""
    raw = read_bounded(path, Location(display), limits.max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        message = f"not UTF-8 text (byte {exc.start})"
        raise SpecError([error(message, Location(display, line, column))]) from None
    if not text.strip():
        raise SpecError([error("file is empty", Location(display, 1, 1))])
    digest = hashlib.sha256(raw).hexdigest()
    if path.suffix.lower() == ".json":
        source = _read_json(path, display, text, limits)
        # the text is read again if a finding needs a position (most runs need none): not
        # held meanwhile (13 MB for GitHub's description, through rendering's peak)
        source.find_positions = functools.partial(_json_positions_again, path, digest, limits)
    else:
        source = _read_yaml(path, display, text, limits)
    source.digest = digest
    return source


def _read_json(path: Path, display: str, text: str, limits: Limits) -> SourceFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        loc = Location(display, exc.lineno, exc.colno)
        raise SpecError([error(f"JSON syntax error: {exc.msg}", loc)]) from None
    except RecursionError:
        data = None  # deeper than Python's own stack: certainly past the limit
    except ValueError as exc:  # e.g. an integer longer than Python agrees to convert
        raise SpecError([error(f"JSON value not readable: {exc}", Location(display))]) from None
    if data is None or not within_depth(data, limits.max_depth):
        line, column = json_depth_position(text, limits.max_depth)
        message = f"nesting deeper than {limits.max_depth} levels (the limit on depth)"
        raise SpecError([error(message, Location(display, line, column))])
    return SourceFile(path, display, data)


def _json_positions_again(path: Path, digest: str, limits: Limits) -> Positions:
    """:func:`_json_positions` of the file, read again; none if it is no longer what was read
    (saved meanwhile: its positions would point elsewhere)."""
    try:
        raw = read_bounded(path, Location(str(path)), limits.max_bytes)
    except SpecError:
        return {}
    if hashlib.sha256(raw).hexdigest() != digest:
        return {}
    return _json_positions(raw.decode("utf-8-sig"))


def _json_positions(text: str) -> Positions:
    """Positions in JSON text (valid JSON: it has been parsed), as YAML composes it."""
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
    return positions


def _read_yaml(path: Path, display: str, text: str, limits: Limits) -> SourceFile:
    pieces = read_in_pieces(text, display, limits, _SpecLoader)
    if pieces is not None:
        data, find_positions = pieces
        return SourceFile(path, display, data, find_positions=find_positions)
    loader = _SpecLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:  # only comments
            raise SpecError([error("file is empty", Location(display, 1, 1))])
        data, positions = build_data(loader, node, display, limits)
    except yaml.MarkedYAMLError as exc:
        raise SpecError([_yaml_syntax_error(exc, display)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        where = Location(display, line, column)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"YAML error: character U+{code:04X} is not allowed in YAML"
        raise SpecError([error(message, where)]) from None
    except yaml.YAMLError as exc:
        raise SpecError([error(f"YAML error: {exc}", Location(display))]) from None
    finally:
        loader.dispose()
    return SourceFile(path, display, data, positions)


def _yaml_syntax_error(exc: yaml.MarkedYAMLError, display: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or exc.context or "invalid YAML"
    context = exc.context_mark
    if exc.problem and exc.context and context is not None and context is not mark:
        # Where the unfinished construct began is usually where the mistake is.
        problem += f" ({exc.context} started at {context.line + 1}:{context.column + 1})"
    elif exc.problem and exc.context:
        problem = f"{exc.context}: {problem}"
    return error(f"YAML syntax error: {problem}", Location(display, line, column))


def within_depth(data: Any, max_depth: int) -> bool:
    """Whether no mapping or list in ``data`` is nested more than ``max_depth`` deep.

    Level by level: each level's containers are gathered with C-level ``extend``s, with no
    tuple or depth per value (this walk is a third of loading a 13 MB JSON description).
    """
    level = [data] if isinstance(data, (dict, list)) else []
    depth = 0
    while level:
        if depth >= max_depth:
            return False
        below: list[Any] = []
        for value in level:
            below.extend(value.values() if isinstance(value, dict) else value)
        level = [value for value in below if isinstance(value, (dict, list))]
        depth += 1
    return True


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]')


def json_depth_position(text: str, max_depth: int) -> tuple[int, int]:
    """Line and column of the first ``[`` or ``{`` that opens level ``max_depth + 1``."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        first = token.group()[0]
        if first in "[{":
            depth += 1
            if depth > max_depth:
                start = token.start()
                return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)
        elif first in "]}":
            depth -= 1
    return 1, 1


def _record_positions(node: yaml.Node, pointer: str, positions: Positions) -> None:
    positions.setdefault(pointer, mark_of(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            child = join_pointer(pointer, key)
            positions[child] = mark_of(key_node)
            _record_positions(value_node, child, positions)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_positions(item, join_pointer(pointer, index), positions)
