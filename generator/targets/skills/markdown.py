"""Spec text placed in markdown that agents read: kept on its line, in its table cell or link
text, and inert (``<script>`` stays text). Shared by the skills and llms.txt."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import code_fence, one_line

_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")


def inline(text: str) -> str:
    """Prose on one line, with HTML tags shown as text (code spans are already text)."""
    flat = one_line(text)
    parts: list[str] = []
    position = 0
    for match in _CODE_SPAN.finditer(flat):
        parts.append(_inert(flat[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(_inert(flat[position:]))
    return "".join(parts)


def _inert(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cell(text: str) -> str:
    """Prose in a table cell: one line, no column breaks."""
    return inline(text).replace("\\", "\\\\").replace("|", "\\|")


def link_text(text: str) -> str:
    """Prose between ``[`` and ``]`` of a link."""
    return inline(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def fence(blocks: Iterable[str]) -> str:
    """A code fence longer than any run of backticks in ``blocks``."""
    return code_fence(*blocks)
