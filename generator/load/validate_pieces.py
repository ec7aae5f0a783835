"""The validator's verdict on a document from verdicts on its pieces, when it is clean.

After a one-operation edit of a 1,000-operation spec, openapi-spec-validator checked the whole
document again: 1.7 s of CPU beside a run of under 2 s. A document is cut into its *skeleton*
(everything but the entries of ``paths``) and groups of ``paths`` entries; a group is *clean*
when the skeleton with only that group's entries has no findings, and that is cached by the
text of the two. A document whose groups are all known clean is clean; otherwise the unknown
groups are checked together with the skeleton, and only if that finds anything is the whole
document checked — so every finding reported is the whole document's, as before. Once the
skeleton is known clean, the unknown groups are checked with only the schemas they reach
(:func:`only_reached`): the others were checked, with the same outcome, when it was.

Why the pieces' verdicts are the whole's: the validator checks the document against the
OpenAPI schema (each ``paths`` entry on its own), each operation and parameter (on its own;
the two checks that compare operations — duplicate ``operationId``s and path parameters — are
dropped from the findings, the parser reports them), and each schema reached, once (deduplicated
by identity). What a schema check finds depends on the schema alone, except one: "Required list
has not defined properties" is reported only when a schema with ``allOf`` is first reached
directly, so it depends on the order schemas are reached in. A document where that check could
find anything, or where a ``$ref`` leads into ``paths`` or is not a plain ``#/`` pointer (where a
piece would not see what the whole does), is never judged by pieces: :func:`by_pieces_ok`.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from .bundle import resolve_pointer

#: One entry in this many (by a digest of its path) ends a group: about this many entries to
#: a group, with group ends that do not move when another entry is edited.
GROUP_EVERY = 8
#: More groups than this (a spec of some 30,000 paths) would be that many files: judged whole.
MAX_GROUPS = 4096

_SCOPES = ("$id", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor")


@dataclass(frozen=True)
class Pieces:
    """A document's skeleton and groups of path entries, as text (``repr``, which tells ``200``
    from ``"200"`` as the validator does)."""

    skeleton: str
    groups: tuple[tuple[tuple[str, ...], str], ...]  # (the group's paths, its text)


#: The releases of openapi-spec-validator whose checks were read for what is said above:
#: another release's document is judged whole.
CHECKED_RELEASES = frozenset({"0.9.0"})


def cut(document: dict[str, Any], release: str) -> Pieces | None:
    """The pieces of ``document``; ``None`` if it has no ``paths`` entries to cut, or the
    validator's ``release`` is not one whose checks are known to allow it."""
    paths = document.get("paths")
    if release not in CHECKED_RELEASES or not isinstance(paths, dict) or not paths:
        return None
    skeleton = repr({**document, "paths": {}})
    groups: list[tuple[tuple[str, ...], str]] = []
    current: list[str] = []
    keys = list(paths)
    for index, path in enumerate(keys):
        current.append(path)
        last = index == len(keys) - 1
        if last or zlib.crc32(str(path).encode("utf-8", "surrogatepass")) % GROUP_EVERY == 0:
            groups.append((tuple(current), repr([(key, paths[key]) for key in current])))
            current = []
    if len(groups) > MAX_GROUPS:
        return None
    return Pieces(skeleton, tuple(groups))


def only(document: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """The skeleton of ``document`` with only the entries ``paths`` (in the document's order)."""
    entries = document["paths"]
    return {**document, "paths": {path: entries[path] for path in paths}}


def only_reached(document: dict[str, Any], paths: list[str]) -> dict[str, Any] | None:
    """:func:`only`, and of ``components/schemas`` only those the entries ``paths`` reach
    (through ``$ref``s, however many); ``None`` if a ``$ref`` does not lead anywhere.

    When the skeleton is known clean, this answers for the skeleton with those entries: the
    validator checks the entries and what they reach as it would with every schema there, and
    the other schemas as it did when the skeleton was found clean. It is most of checking an
    edit of a large spec: GitHub's 900 schemas took 8 s beside the one edited operation.
    """
    entries = document["paths"]
    components = document.get("components")
    if not isinstance(components, dict) or not isinstance(components.get("schemas"), dict):
        return only(document, paths)
    schemas: dict[str, Any] = components["schemas"]
    reached: set[str] = set()
    seen: set[str] = set()
    stack: list[Any] = [entries[path] for path in paths]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref not in seen:
                seen.add(ref)
                pointer = unquote(ref[1:])
                try:
                    stack.append(resolve_pointer(document, pointer))
                except KeyError:
                    return None
                parts = pointer.split("/")
                if parts[1:2] == ["components"] and len(parts) < 4:
                    return None  # all the components, or all of a kind: keep them whole
                if len(parts) >= 4 and parts[1:3] == ["components", "schemas"]:
                    reached.add(parts[3].replace("~1", "/").replace("~0", "~"))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    kept = {name: schema for name, schema in schemas.items() if name in reached}
    return {
        **document,
        "paths": {path: entries[path] for path in paths},
        "components": {**components, "schemas": kept},
    }


def by_pieces_ok(document: dict[str, Any]) -> bool:
    """Whether the verdicts of pieces are the whole's (see the module's docstring)."""
    stack: list[Any] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if ref is not None and (
                not isinstance(ref, str)
                or not ref.startswith("#/")
                or ref == "#/paths"
                or ref.startswith("#/paths/")
            ):
                return False
            if any(scope in value for scope in _SCOPES):
                return False
            if "allOf" in value and "required" in value and _may_miss_required(document, value):
                return False
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    try:
        return deepest_descent(document) <= MAX_DESCENT
    except (KeyError, TypeError, RecursionError):
        return False


#: How deep a walk through schemas may go for pieces to be judged: far below the validator's
#: own limit (Python's recursion limit, 1,000 frames, about one a schema level), where it gives
#: up — which a piece might reach and the whole not, or the other way round.
MAX_DESCENT = 300
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")
_SUBSCHEMAS = ("items", "not")
_KEYWORDS = frozenset((*_SUBSCHEMA_LISTS, *_SUBSCHEMAS, "properties"))


def deepest_descent(document: dict[str, Any]) -> int:
    """An upper bound on how many schemas deep the validator's walk can go: the longest chain
    of schemas each a subschema (through a ``$ref`` or not) of the one before, where schemas
    that lead to each other (recursive types) count as many as they are.

    Tarjan's strongly connected components, without recursion; a component is finished only
    after every component it leads to, so its height is known when it is.
    """
    nodes: dict[int, dict[str, Any]] = {}
    stack: list[Any] = [document]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            nodes[id(value)] = value
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    children_of: dict[int, list[int]] = {}

    def children(node: int) -> list[int]:
        """Its subschemas, found once (most mappings have none: a key-set test says so)."""
        found = children_of.get(node)
        if found is None:
            value = nodes[node]
            found = [] if value.keys().isdisjoint(_KEYWORDS) else _subschemas(document, value)
            children_of[node] = found
        return found

    index: dict[int, int] = {}
    low: dict[int, int] = {}
    component_of: dict[int, int] = {}
    height: list[int] = []
    on_stack: list[int] = []
    deepest = 1 if nodes else 0
    for root, root_value in nodes.items():
        if root in index or root_value.keys().isdisjoint(_KEYWORDS):
            continue  # done, or a schema with none below it: a chain of one
        work: list[tuple[int, list[int], int]] = [(root, children(root), 0)]
        index[root] = low[root] = len(index)
        on_stack.append(root)
        while work:
            node, below_node, position = work[-1]
            if position < len(below_node):
                work[-1] = (node, below_node, position + 1)
                child = below_node[position]
                if child not in index:
                    index[child] = low[child] = len(index)
                    on_stack.append(child)
                    work.append((child, children(child), 0))
                elif child not in component_of:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] != index[node]:
                continue
            members: list[int] = []
            while True:
                member = on_stack.pop()
                members.append(member)
                component_of[member] = len(height)
                if member == node:
                    break
            below = 0
            for member in members:
                for child in children(member):
                    if component_of[child] != len(height):
                        below = max(below, height[component_of[child]])
            height.append(len(members) + below)
            deepest = max(deepest, height[-1])
    return deepest


def _subschemas(document: dict[str, Any], schema: dict[str, Any]) -> list[int]:
    """The schemas the validator descends to from ``schema`` (``$ref``s followed), by id."""
    found: list[Any] = []
    for keyword in _SUBSCHEMA_LISTS:
        items = schema.get(keyword)
        if isinstance(items, list):
            found.extend(items)
    for keyword in _SUBSCHEMAS:
        if keyword in schema:
            found.append(schema[keyword])
    properties = schema.get("properties")
    if isinstance(properties, dict):
        found.extend(properties.values())
    resolved = (_resolved(document, item) for item in found)
    return [id(item) for item in resolved if isinstance(item, dict)]


def _may_miss_required(document: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Whether ``required`` names a property that neither ``schema`` nor what its ``allOf``
    reaches defines (as openapi-spec-validator 0.9 collects them, following ``$ref``s)."""
    required = schema["required"]
    if not isinstance(required, list) or not all(isinstance(n, str) for n in required):
        return True
    properties = schema.get("properties")
    defined = set(properties) if isinstance(properties, dict) else set()
    inner = schema["allOf"]
    if not isinstance(inner, list):
        return True
    try:
        for item in inner:
            defined |= _properties(document, item, set())
    except (KeyError, RecursionError, TypeError):
        return True
    return not set(required) <= defined


def _properties(document: dict[str, Any], schema: Any, seen: set[int]) -> set[str]:
    """Every property name reachable from ``schema`` through allOf/anyOf/oneOf/items/not.

    A schema met again on the way is a cycle, on which the validator's own walk would fail:
    it is raised as :class:`RecursionError`, so the document is judged whole.
    """
    schema = _resolved(document, schema)
    if not isinstance(schema, dict):
        return set()
    if id(schema) in seen:
        raise RecursionError("a cycle of schemas")
    seen = seen | {id(schema)}
    found: set[str] = set()
    properties = schema.get("properties")
    if isinstance(properties, dict):
        found |= set(properties)
    for keyword in ("allOf", "anyOf", "oneOf"):
        items = schema.get(keyword)
        if isinstance(items, list):
            for item in items:
                found |= _properties(document, item, seen)
        elif items is not None:
            raise TypeError(keyword)
    for keyword in ("items", "not"):
        if keyword in schema:
            found |= _properties(document, schema[keyword], seen)
    return found


def _resolved(document: dict[str, Any], schema: Any) -> Any:
    hops = 0
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        hops += 1
        if hops > 100:
            raise RecursionError("a cycle of $refs")
        schema = resolve_pointer(document, unquote(schema["$ref"][1:]))
    return schema
