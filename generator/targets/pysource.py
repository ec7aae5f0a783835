"""Spec text made safe to paste into generated Python: docstrings and string literals.

A spec string is data, never code. Docstrings escape backslashes and triple quotes, so a
description containing ``\"\"\"`` or ``{{`` cannot end the docstring or reach a template
engine; everything else goes through ``repr``.
"""

from __future__ import annotations

import re
import textwrap

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def docstring(text: str, indent: int = 4) -> str:
    """A triple-quoted docstring for ``text`` at ``indent`` (first line not indented)."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    body = body.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    body = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", body)
    if body.endswith('"'):
        body = body[:-1] + '\\"'
    lines = body.split("\n")
    if len(lines) == 1:
        return f'"""{body}"""'
    pad = " " * indent
    rest = "\n".join((pad + line) if line.strip() else "" for line in lines[1:])
    return f'"""{lines[0]}\n{rest}\n{pad}"""'


def wrap(text: str, width: int = 88) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n")]
    return "\n\n".join(
        (
            "\n".join(textwrap.wrap(p, width=width, break_long_words=False, break_on_hyphens=False))
            if not _looks_preformatted(p)
            else p
        )
        for p in paragraphs
        if p
    )


def _looks_preformatted(paragraph: str) -> bool:
    return any(
        line.startswith(("-", "*", "|", "```", "    ", "1.")) for line in paragraph.splitlines()
    )
