"""Composed YAML nodes → plain data and a table of positions, within :class:`Limits`.

libyaml composes a document into nodes in which every alias is the *same* node object as its
anchor, so composing costs memory in proportion to the text. The expansion happens here, when
plain data is built: each node reached again through an alias is counted, and the build stops
at ``max_alias_nodes``. The walk uses an explicit stack, so a deep document cannot overflow
Python's, and it stops at ``max_depth``. Merge keys (``<<: *base``) are resolved here too,
with each key kept once, because PyYAML's own merging copies key lists without bound.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..diagnostics import Location, SpecError, error
from .limits import Limits

Positions = dict[str, tuple[int, int]]

_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"
_PLAIN_TYPES = (str, int, float, bool, type(None))


def build_data(loader: Any, root: yaml.Node, display: str, limits: Limits) -> tuple[Any, Positions]:
    """Plain data (dicts, lists, str, int, float, bool, None) for ``root``, with positions."""
    data, positions, _ = build_counted(loader, root, display, limits)
    return data, positions


def build_counted(
    loader: Any, root: yaml.Node, display: str, limits: Limits
) -> tuple[Any, Positions, int]:
    """:func:`build_data`, and how many nodes aliases expanded to (counted against the limit).

    The stack holds one tuple per value still to build: its node, JSON pointer and depth, the
    container and key it goes to, and its *site* — the place in the text it is written at (a
    node reached through an alias has only its anchor's position, so it inherits the place of
    the alias's container). Tuples, not objects, and strings taken as they are: this walk is
    most of reading a large YAML spec.
    """
    positions: Positions = {}
    seen: set[int] = set()
    expanded = 0
    max_aliases = limits.max_alias_nodes
    max_depth = limits.max_depth
    top: list[Any] = [None]
    merges = _Merges(loader, display, limits)
    stack: list[tuple[yaml.Node, str, int, Any, Any, tuple[int, int]]] = [
        (root, "", 0, top, 0, mark_of(root))
    ]
    pop, push = stack.pop, stack.append
    setdefault = positions.setdefault
    mapping_node, sequence_node = yaml.MappingNode, yaml.SequenceNode
    while stack:
        node, pointer, depth, container, slot_key, site = pop()
        mark = node.start_mark
        setdefault(pointer, (mark.line + 1, mark.column + 1))
        aliased = id(node) in seen
        if aliased:
            expanded += 1
            if expanded > max_aliases:
                raise _error(
                    f"YAML aliases expand to more than {max_aliases} nodes "
                    "(the limit on alias expansions)",
                    display,
                    site,
                )
        else:
            seen.add(id(node))
        cls = type(node)
        if cls is mapping_node:
            if depth >= max_depth:
                raise _too_deep(limits, display, node)
            mapping: dict[str, Any] = {}
            container[slot_key] = mapping
            children = []
            for key_node, value_node in merges.pairs(node):  # type: ignore[arg-type]
                key = _key_text(loader, key_node, display)
                child = pointer + "/" + key.replace("~", "~0").replace("/", "~1")
                key_mark = key_node.start_mark
                key_at = (key_mark.line + 1, key_mark.column + 1)
                positions[child] = key_at
                mapping[key] = None  # keeps the written order; a repeated key keeps its first place
                children.append(
                    (value_node, child, depth + 1, mapping, key, site if aliased else key_at)
                )
            stack.extend(reversed(children))  # in order, so a repeated key's last value wins
        elif cls is sequence_node:
            if depth >= max_depth:
                raise _too_deep(limits, display, node)
            values = node.value
            items: list[Any] = [None] * len(values)
            container[slot_key] = items
            for index in range(len(values) - 1, -1, -1):
                push((values[index], f"{pointer}/{index}", depth + 1, items, index, site))
        else:
            container[slot_key] = _scalar(loader, node, display)
    return top[0], positions, expanded


def mark_of(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _scalar(loader: Any, node: yaml.Node, display: str) -> Any:
    """The scalar as JSON would hold it: a tag that builds anything else (``!!binary``,
    ``!!timestamp``) keeps the text as written."""
    if node.tag == _STR:  # most scalars: what the constructor would return, without its walk
        return node.value
    try:
        value = loader.construct_object(node, deep=False)
    except ValueError:  # e.g. an integer longer than Python agrees to convert
        raise _error("number too long to read", display, mark_of(node)) from None
    return value if isinstance(value, _PLAIN_TYPES) else str(node.value)


def _key_text(loader: Any, key_node: yaml.Node, display: str) -> str:
    """OpenAPI keys are strings; YAML allows ``200:`` (an int) and ``true:``."""
    if not isinstance(key_node, yaml.ScalarNode):
        raise _error("a mapping key must be a plain value", display, mark_of(key_node))
    key = _scalar(loader, key_node, display)
    if isinstance(key, bool):
        return "true" if key else "false"
    if key is None:
        return "null"
    return str(key)


class _Merges:
    """Resolves ``<<`` merge keys: a mapping's own pairs plus those of its merge sources, each
    key once. Own keys win over merged ones, and an earlier source over a later one. Each
    mapping is resolved once (memoized), so chains of merges cost their length, not the
    product of their widths."""

    def __init__(self, loader: Any, display: str, limits: Limits) -> None:
        self.loader = loader
        self.display = display
        self.limits = limits
        self.done: dict[int, list[tuple[yaml.Node, yaml.Node]]] = {}

    def pairs(self, node: yaml.MappingNode, depth: int = 0) -> list[tuple[yaml.Node, yaml.Node]]:
        if not any(key.tag == _MERGE for key, _ in node.value):
            return list(node.value)
        if id(node) in self.done:
            return self.done[id(node)]
        if depth >= self.limits.max_depth:  # also what ends a merge that includes itself
            raise _error("YAML merges (`<<`) nest too deeply", self.display, mark_of(node))
        # As PyYAML merges: later sources first, then own pairs; the last value of a key wins
        # and the key keeps the place where it first appeared.
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for source in reversed(self._sources(node)):
            merged.extend(self.pairs(source, depth + 1))
        merged.extend((k, v) for k, v in node.value if k.tag != _MERGE)
        result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in merged:
            result[_key_text(self.loader, key_node, self.display)] = (key_node, value_node)
        self.done[id(node)] = list(result.values())
        return self.done[id(node)]

    def _sources(self, node: yaml.MappingNode) -> list[yaml.MappingNode]:
        sources: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                is_list = isinstance(value_node, yaml.SequenceNode)
                sources.extend(value_node.value if is_list else [value_node])
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise _error(
                    "a YAML merge (`<<`) takes a mapping or a list of mappings",
                    self.display,
                    mark_of(source),
                )
        return [s for s in sources if isinstance(s, yaml.MappingNode)]


def _too_deep(limits: Limits, display: str, node: yaml.Node) -> SpecError:
    return _error(
        f"nesting deeper than {limits.max_depth} levels (the limit on depth)",
        display,
        mark_of(node),
    )


def _error(message: str, display: str, where: tuple[int, int]) -> SpecError:
    return SpecError([error(message, Location(display, *where))])
