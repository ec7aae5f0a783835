"""Formatting of generated text: black for Python, a single trailing newline for the rest.

black is most of a run's time, so large outputs are formatted in parallel processes; each file
is formatted on its own, so the result does not depend on how the work was split.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

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


_PARALLEL_FROM = 60  # files; below this, starting workers costs more than it saves


def format_files(files: Mapping[str, str]) -> dict[str, str]:
    """``format_file`` over many files, in worker processes when that pays off."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(files) < _PARALLEL_FROM:
        return {rel: format_file(rel, text) for rel, text in files.items()}
    paths = list(files)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = pool.map(format_file, paths, [files[p] for p in paths], chunksize=16)
        return dict(zip(paths, results, strict=True))
