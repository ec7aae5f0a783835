"""Reading the generated markdown: pages, links, headings' anchors and fenced code blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markdown.extensions.toc import slugify, unique

LINK = re.compile(r"(?<!\!)\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^(#{1,6}) (.+)$", re.M)
ATTR_ID = re.compile(r" \{#([\w-]+)\}$")
FENCE = re.compile(r"^(`{3,})([\w-]*)\n(.*?)^\1$", re.M | re.S)


@dataclass(frozen=True)
class Block:
    page: str  # relative to the markdown root
    index: int  # its position among the page's blocks of its language
    language: str
    code: str
    tab: str | None  # the `/// tab | <title>` it sits in

    @property
    def id(self) -> str:
        return f"{self.page}#{self.language}{self.index}"


def markdown_pages(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(root.rglob("*.md"))
    }


def without_code(text: str) -> str:
    """The page with its fenced blocks and code spans blanked (links there are not links)."""
    text = FENCE.sub("", text)
    return re.sub(r"(`+).+?\1", "", text)


def links(text: str) -> list[str]:
    return LINK.findall(without_code(text))


@cache
def _anchor_cache(text: str) -> frozenset[str]:
    ids: set[str] = set()
    for _, heading in HEADING.findall(without_code(text)):
        given = ATTR_ID.search(heading)  # `## Name {#id}` (attr_list): the id as given
        if given is not None:
            ids.add(given.group(1))
            continue
        plain = re.sub(r"\[((?:[^\]\\]|\\.)*)\]\([^)]*\)", r"\1", heading)  # link → its text
        plain = plain.replace("\\", "")
        ids.add(unique(slugify(plain, "-"), ids))
    return frozenset(ids)


def anchors(text: str) -> frozenset[str]:
    """The ids Python-Markdown's toc gives the page's headings (mkdocs' default slugify)."""
    return _anchor_cache(text)


def blocks(pages: dict[str, str], language: str) -> list[Block]:
    found: list[Block] = []
    for page, text in pages.items():
        index = 0
        for match in FENCE.finditer(text):
            if match.group(2) != language:
                continue
            before = text[: match.start()]
            opened = list(re.finditer(r"^/// tab \| (.+)$", before, flags=re.M))
            closed = before.rfind("\n///\n")
            tab = opened[-1].group(1) if opened and opened[-1].start() > closed else None
            found.append(Block(page, index, language, match.group(3).rstrip("\n"), tab))
            index += 1
    return found
