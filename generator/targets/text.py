"""Prose for every target: re-flowing, one-line summaries, values as markdown code spans.

Markdown is not code, so nothing here has to round-trip the way Python source does; it only has
to be written (UTF-8, no lone surrogates) and to stay inside its span or line whatever it holds.
"""

from __future__ import annotations

import functools
import re
import textwrap

_BACKTICKS = re.compile(r"`+")


def code_fence(*texts: str) -> str:
    """The fence of a code block holding ``texts``: longer than any backtick run in them, so
    no line of theirs can close it."""
    longest = max((len(run) for text in texts for run in _BACKTICKS.findall(text)), default=0)
    return "`" * max(3, longest + 1)


def code_span(value: str) -> str:
    """``value`` as an inline code span: as written when it is plain, else as its Python literal.

    A value that is empty, has surrounding blanks, control characters, line breaks or lone
    surrogates is shown as ``repr`` would write it, so the reader sees exactly what the SDK
    sends; backticks lengthen the fence.
    """
    plain = bool(value) and value.isprintable() and value.strip() == value
    shown = value if plain else repr(value)
    longest = max((len(run) for run in _BACKTICKS.findall(shown)), default=0)
    fence = "`" * (longest + 1)
    if shown.startswith("`") or shown.endswith("`"):
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


def one_line(text: str) -> str:
    """Prose for a heading or a sentence: runs of whitespace (line breaks too) become a space."""
    return " ".join(text.split())


_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)")


@functools.lru_cache(maxsize=4096)  # the same descriptions recur across models and fields
def wrap(text: str, width: int = 88) -> str:
    """Re-flow prose to ``width``; list items keep a hanging indent; code and tables stay."""
    result: list[str] = []
    for paragraph in (p.strip("\n") for p in text.replace("\r\n", "\n").split("\n\n")):
        if not paragraph.strip():
            continue
        lines = paragraph.split("\n")
        if any(line.lstrip().startswith(("```", "|")) or line.startswith("    ") for line in lines):
            result.append(paragraph)
        elif any(_ITEM.match(line) for line in lines):
            result.append("\n".join(_wrap_items(lines, width)))
        else:
            result.append(_fill(" ".join(line.strip() for line in lines), width))
    return "\n\n".join(result)


def _fill(text: str, width: int, first: str = "", rest: str = "") -> str:
    return textwrap.fill(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _wrap_items(lines: list[str], width: int) -> list[str]:
    """Join each list item with its continuation lines, then fill it with a hanging indent."""
    items: list[tuple[str, str]] = []  # (marker, text)
    for line in lines:
        match = _ITEM.match(line)
        if match:
            items.append((match.group(1), line[match.end() :].strip()))
        elif items:
            marker, body = items[-1]
            items[-1] = (marker, f"{body} {line.strip()}")
        else:
            items.append(("", line.strip()))
    wrapped: list[str] = []
    for marker, body in items:
        hang = " " * len(marker)
        wrapped.append(_fill(body, width, marker, hang) if body else marker.rstrip())
    return wrapped
