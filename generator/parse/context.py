"""Shared state of one parse: the document, where its nodes came from, and the findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from ..diagnostics import Diagnostic, Location, Reporter, error, warning
from ..load import LoadedSpec, resolve_pointer
from .memo import Trace

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_UNSEEN = object()
_NOWHERE = object()


def prose(value: Any) -> str:
    """Spec prose (a description, summary or title) as every target may use it.

    Line breaks become ``\\n``, surrounding whitespace goes, and a lone surrogate (which no
    UTF-8 file can hold) becomes U+FFFD; every other character is kept. Not text: ``""``.
    Values (examples, defaults, enum values, patterns, URLs) are never normalised.
    """
    if not isinstance(value, str):
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _LONE_SURROGATE.sub("\ufffd", text).strip()


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` when it is a mapping, else ``{}``: a malformed node reads as an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` when it is a list, else ``[]`` (the validator has reported the mistake)."""
    return value if isinstance(value, list) else []


@dataclass
class ParseContext:
    spec: LoadedSpec
    reporter: Reporter = field(default_factory=Reporter)
    #: The node each ``$ref`` target names (``_NOWHERE``: none), found once: the document is
    #: not changed while it is parsed.
    _resolved: dict[str, Any] = field(default_factory=dict, repr=False)
    #: What the step being parsed reads and finds, when a long-lived run traces it
    #: (:mod:`.memo`).
    trace: Trace | None = field(default=None, repr=False)

    @property
    def document(self) -> dict[str, Any]:
        return self.spec.document

    def locate(self, pointer: str) -> Location:
        if self.trace is not None:  # a line in a message: it moves when lines above do
            self.trace.opaque = True
        return self.spec.source_map.locate(pointer)

    def warn(self, message: str, pointer: str) -> None:
        if self.trace is not None:
            self.trace.findings.append(("warning", message, pointer))
        self.reporter.add(warning(message, self.spec.source_map.locate(pointer)))

    def fail(self, message: str, pointer: str) -> None:
        if self.trace is not None:
            self.trace.opaque = True  # the run stops: nothing to take back
        self.reporter.add(error(message, self.spec.source_map.locate(pointer)))

    def add(self, diagnostic: Diagnostic) -> None:
        if self.trace is not None:
            self.trace.opaque = True
        self.reporter.add(diagnostic)

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow ``$ref`` chains (bundled documents only have internal ones)."""
        if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
            return node, pointer  # most nodes: no chain to follow
        seen: set[str] = set()
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = node["$ref"]
            if not ref.startswith("#") or ref in seen:
                return node, pointer
            seen.add(ref)
            target = unquote(ref[1:])
            if self.trace is not None and not self.trace.covers(target):
                self.trace.opaque = True  # a part of the document its key does not cover
            found = self._resolved.get(target, _UNSEEN)
            if found is _UNSEEN:
                try:
                    found = resolve_pointer(self.document, target)
                except KeyError:
                    found = _NOWHERE
                self._resolved[target] = found
            if found is _NOWHERE:
                return {}, pointer
            node = found
            pointer = target
        return node, pointer
