"""Which schemas share a model module: a schema named by us inside another schema lives with it.

An inline object nested in a component or in an operation's body is part of that outer schema
and is read with it; openai-python keeps a request's nested parameter types in its ``*_params``
module the same way. GitHub's description has 5,856 such schemas in 6,825: one module each made
a ``types/`` package of 6,825 files, most of them a few lines long. A *group* is an outermost
schema (a component, or an inline schema that no other schema encloses) and the inline schemas
defined inside it (by their pointers). Groups whose schemas name each other in a cycle share one
module, as schemas on a reference cycle always have: generated imports stay acyclic.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..ir import Schema


def owners(schemas: Mapping[str, Schema]) -> dict[str, str]:
    """Each schema's group (the name of its outermost enclosing schema; its own if none).

    Only an inline schema joins another's group: a component is always a group of its own. A
    group's head is a schema defined at its pointer (an inline one, or one under
    ``/components/``), not one parse made up for a place (the ``WebhookEvent`` union of the
    ``/webhooks`` section: the events there are not defined inside it)."""
    by_pointer = {
        schema.pointer: name
        for name, schema in schemas.items()
        if schema.inline or schema.pointer.startswith("/components/")
    }
    found: dict[str, str] = {}
    for name, schema in schemas.items():
        found[name] = name
        if not schema.inline or not schema.pointer:
            continue
        parts = schema.pointer.split("/")
        for end in range(2, len(parts)):  # the shortest enclosing pointer first: the outermost
            outer = by_pointer.get("/".join(parts[:end]))
            if outer is not None and outer != name:
                found[name] = outer
                break
    return found


def module_leaders(graph: Mapping[str, set[str]], group_of: Mapping[str, str]) -> dict[str, str]:
    """Each schema's module leader: the least group name among the groups its group shares a
    reference cycle with (its own group's name when there is none)."""
    groups: dict[str, set[str]] = {group: set() for group in group_of.values()}
    for name, needs in graph.items():
        source = group_of[name]
        groups[source].update(group_of[need] for need in needs if group_of[need] != source)
    leader = {group: group for group in groups}
    for component in cycles(groups):
        first = min(component)
        for group in component:
            leader[group] = first
    return {name: leader[group] for name, group in group_of.items()}


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Strongly connected components that form cycles (Tarjan's algorithm, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    found.append(sorted(component))
    return found
