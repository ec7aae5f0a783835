"""Spec text in markdown: values shown as code spans, prose kept on the line it belongs to.

Markdown is not code, so nothing here has to round-trip the way Python source does; it only has
to be written (UTF-8, no lone surrogates) and to stay inside its span or line whatever it holds.
"""

from __future__ import annotations

import re

_BACKTICKS = re.compile(r"`+")


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
