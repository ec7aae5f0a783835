"""A query parameter's example value as ``(key, value)`` pairs, in the parameter's style: what
the curl snippet and the CLI's ``api`` line both write."""

from __future__ import annotations

from collections.abc import Callable

from ...ir import JSON, Parameter

_JOINERS = {"comma": ",", "space": " ", "pipe": "|"}


def query_pairs(
    param: Parameter, value: JSON, text: Callable[[JSON], str]
) -> list[tuple[str, JSON]]:
    """A list repeats the key (``form``), is indexed (``deepObject``: ``key[0]``) or is one
    value joined with ``text`` of each item; other values are one pair, as they are."""
    wire = param.names.wire
    if not isinstance(value, list):
        return [(wire, value)]
    if param.query_style == "deepObject":
        return [(f"{wire}[{index}]", item) for index, item in enumerate(value)]
    if param.query_style == "form":
        return [(wire, item) for item in value]
    return [(wire, _JOINERS[param.query_style].join(text(item) for item in value))]
