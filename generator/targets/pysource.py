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


_ITEM = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)")


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
