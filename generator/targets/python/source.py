"""Spec text made safe to paste into generated Python: docstrings and string literals.

A spec string is data, never code. What reads back from the generated source:

- a **literal** (:func:`literal`: enum values, examples, defaults, URLs, wire names) is the
  spec's value exactly, whatever it holds (quotes, backslashes, control characters, lone
  surrogates): strings go through ``repr``, non-finite floats are spelled ``float("inf")``;
- a **docstring** (:func:`docstring`) is the text with only its whitespace changed: lines
  re-flowed, surrounding and trailing blanks stripped, indentation re-made (as PEP 257 and
  black do anyway). Every other character reads back as written, in order: backslashes are
  doubled, quotes that could end the literal and every non-printable character (control
  characters, tabs, line separators, lone surrogates) are escaped, so black finds nothing to
  pad or re-split and no text can close the docstring or reach a template engine.

The parser has already normalised prose (see :func:`generator.parse.context.prose`), so a
docstring is built from text without carriage returns or lone surrogates; the escaping here
does not rely on that.
"""

from __future__ import annotations

import math
import re

from ...ir import JSON


def docstring(text: str, indent: int = 4) -> str:
    """A triple-quoted docstring for ``text`` at ``indent`` (first line not indented)."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip(" ") for line in plain.strip(" \n").split("\n")]
    body = "\n".join(lines).strip(" \n")
    escaped = _escape_docstring_body(body)
    if "\n" not in escaped:
        return f'"""{escaped}"""'
    first, *rest = escaped.split("\n")
    pad = " " * indent
    continuation = "\n".join((pad + line) if line else "" for line in rest)
    return f'"""{first}\n{continuation}\n{pad}"""'


_QUOTE_OR_BACKSLASH = re.compile(r'["\\]')


def _escape_docstring_body(body: str) -> str:
    """The body with backslashes, risky quotes and non-printable characters escaped. Most
    text is printable (GitHub's 22,000 docstrings): then only quotes and backslashes change,
    found by a regex instead of a loop over every character."""
    if not body.replace("\n", "").isprintable():
        return _escape_every_char(body)
    if '"' not in body and "\\" not in body:
        return body
    last = len(body) - 1

    def escape(found: re.Match[str]) -> str:
        index = found.start()
        if body[index] == "\\":
            return "\\\\"
        if index == last:
            return "\\x22"
        if index == 0 or body[index + 1] == '"':
            return '\\"'
        return '"'

    return _QUOTE_OR_BACKSLASH.sub(escape, body)


def _escape_every_char(body: str) -> str:
    out: list[str] = []
    last = len(body) - 1
    for index, char in enumerate(body):
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            # A quote next to another, first or last could close the literal or make black
            # pad it with a space.
            if index == last:
                out.append("\\x22")
            elif index == 0 or body[index + 1] == '"':
                out.append('\\"')
            else:
                out.append(char)
        elif char == "\n" or char == " " or char.isprintable():
            out.append(char)
        else:
            out.append(_escape_char(char))
    return "".join(out)


def _escape_char(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def literal(value: JSON) -> str:
    """Python source that evaluates to the JSON value ``value``, exactly."""
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(value)
