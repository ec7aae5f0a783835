"""Spec text made safe for the docs' markdown, YAML and mermaid.

Spec prose is markdown already (backticks, lists, links), so it is kept, but nothing in it can
open raw HTML (``<`` outside code spans becomes ``&lt;``), break a table row (``|`` is escaped,
line breaks become ``<br>``) or turn a heading into something else. Values (examples,
defaults, enum values) are shown as code spans or JSON blocks, never as prose.
"""

from __future__ import annotations

import functools
import json
import re

from ...ir import JSON
from ..text import code_fence, code_span

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# A markdown link in spec prose: `[text](target)`.
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)*)\]\(([^()]*)\)")


@functools.lru_cache(maxsize=4096)  # the same descriptions recur across models and fields
def prose(text: str) -> str:
    """Spec prose as markdown: ``<`` and ``>`` outside code spans are entities, and a link
    that is not an absolute URL (``#operation/X``, ``../guide.md``: a page of the spec
    author's own site, not of these docs) keeps its text only."""
    text = _LINK.sub(_absolute_link_only, text)
    out: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escape_html(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_escape_html(text[last:]))
    return "".join(out).strip()


def _absolute_link_only(match: re.Match[str]) -> str:
    target = match.group(2).strip()
    if target.startswith(("http://", "https://", "mailto:")) and not re.search(r"\s", target):
        return match.group(0)
    return match.group(1)


def cell(text: str) -> str:
    """Prose inside a table cell: one line, pipes escaped (also inside code spans: both
    GitHub and Python-Markdown read ``\\|`` there as a pipe)."""
    flat = prose(text).replace("\r\n", "\n")
    paragraphs = [" ".join(p.split()) for p in flat.split("\n\n") if p.strip()]
    return "<br>".join(paragraphs).replace("|", "\\|")


def inline(text: str) -> str:
    """Prose for a heading, a link text or a list item: one line, no leading markdown
    syntax (``#``, ``>``, list markers, ``=``) and brackets escaped."""
    flat = " ".join(prose(text).split())
    flat = flat.replace("[", "\\[").replace("]", "\\]")
    if flat[:1] in "#>-+*=|" or re.match(r"\d+[.)]", flat):
        flat = "\\" + flat
    return flat


def value_span(value: JSON) -> str:
    """A spec value (default, enum value, example) as a code span of its JSON spelling."""
    if isinstance(value, str):
        return code_span(value)
    return code_span(json.dumps(value, ensure_ascii=False))


def value_cell(value: JSON) -> str:
    return value_span(value).replace("|", "\\|")


def json_block(value: JSON) -> str:
    """A JSON document for a fenced block: a fence longer than any backtick run inside."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    fence = code_fence(text)
    return f"{fence}json\n{text}\n{fence}"


class JsonBlocks:
    """:func:`json_block`, made once per distinct value for one run's pages: json's indented
    form is spelled in Python, its compact one in C, so the compact spelling is the key
    (GitHub's docs show 8,100 examples, 2,200 of them distinct). Owned by the docs' writers,
    so it goes with them once the pages are made (11 MB of text for GitHub's)."""

    def __init__(self) -> None:
        self._blocks: dict[str, str] = {}

    def __call__(self, value: JSON) -> str:
        key = json.dumps(value, ensure_ascii=False)
        block = self._blocks.get(key)
        if block is None:
            block = self._blocks[key] = json_block(value)
        return block


def code_block(language: str, code: str) -> str:
    """Code in a fenced block whose fence no line of the code can close."""
    fence = code_fence(code)
    return f"{fence}{language}\n{code}\n{fence}"


def mermaid_label(text: str) -> str:
    """Text for a mermaid message or participant label: only characters mermaid never reads
    as syntax (letters, digits, spaces and ``/ _ . , ( ) { } -``)."""
    kept = re.sub(r"[^\w\s/.,(){}-]", " ", text)
    return " ".join(kept.split()) or "-"


def _escape_html(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")
