"""Formatting of generated text: black for Python, a single trailing newline for the rest."""

from __future__ import annotations

import black
import black.mode
import black.parsing


class GeneratedCodeError(Exception):
    """Generated Python that black cannot parse: a bug in dxgen or its templates."""


_MODE = black.mode.Mode(line_length=100, target_versions={black.mode.TargetVersion.PY311})


def format_file(path: str, text: str) -> str:
    if path.endswith(".py") or path.endswith(".pyi"):
        try:
            return black.format_str(text, mode=_MODE)
        except black.parsing.InvalidInput as exc:
            raise GeneratedCodeError(f"{path}: generated code does not parse: {exc}") from None
    return text.rstrip("\n") + "\n" if text else text
