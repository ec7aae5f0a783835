"""A skill's ``description``: what it does, when to use it, when not — within the Agent
Skills limit of 1,024 characters, whatever the size of the API (items that do not fit are
left out, marked with an ellipsis)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import one_line

LIMIT = 1024
LEAD_LIMIT = 360
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True)
class DescriptionParts:
    lead: str  # what it does
    uses: list[str] = field(default_factory=list)  # tasks it is for
    not_for: list[tuple[str, str]] = field(default_factory=list)  # (task, other skill)
    router: str = ""  # the skill to start from for anything else
    uses_label: str = "Use it to"
    tail: str = ""  # a closing sentence instead of the pointer to ``router``


def sentence(text: str) -> str:
    """The first sentence of ``text``, on one line, without its final stop."""
    flat = one_line(text)
    return _SENTENCE_END.split(flat, maxsplit=1)[0].rstrip(".") if flat else ""


def sentences(text: str, limit: int) -> str:
    """As many whole sentences of ``text`` as fit in ``limit`` characters (at least one)."""
    parts = _SENTENCE_END.split(one_line(text))
    taken = parts[:1]
    for part in parts[1:]:
        if len(" ".join([*taken, part])) > limit:
            break
        taken.append(part)
    return " ".join(taken)


def fit_description(parts: DescriptionParts) -> str:
    lead = _clip(one_line(parts.lead).rstrip("."), LEAD_LIMIT) + "."
    tail = f" Anything else: start from `{parts.router}`." if parts.router else ""
    if parts.tail:
        tail = f" {one_line(parts.tail)}"
    room = LIMIT - len(lead) - len(tail)
    not_for = _listing(
        " Not for: ", [f"{task} → {skill}" for task, skill in parts.not_for], room // 2
    )
    uses = _listing(f" {parts.uses_label}: ", _unique(parts.uses), room - len(not_for))
    return _clip(lead + uses + not_for + tail, LIMIT)


def _listing(prefix: str, items: list[str], room: int) -> str:
    """``prefix`` and as many ``items`` as fit in ``room`` characters (``…`` for the rest)."""
    if not items:
        return ""
    taken: list[str] = []
    for number, item in enumerate(items):
        more = "; …" if number < len(items) - 1 else ""
        candidate = "; ".join([*taken, item])
        if len(prefix) + len(candidate) + len(more) + 1 > room:
            return prefix + "; ".join(taken) + "; …." if taken else ""
        taken.append(item)
    return prefix + "; ".join(taken) + "."


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(one_line(item) for item in items if one_line(item)))


def _clip(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"
