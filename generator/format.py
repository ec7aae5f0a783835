"""Formatting of generated text: ruff's formatter for Python, one trailing newline for the rest.

Why ruff formats and black checks: black took most of a run (about 7 s for Pachca's 286 files,
even over two processes); ``ruff format`` does the same files in a tenth of a second. The design
promises black-formatted output, and the templates emit code on which the two agree (black's
style is ruff's; where they differ, the templates avoid the construct), so the output is what
black would write: the tests run ``black --check`` on it and compare both formatters file by file
(tests/unit/test_formatters_agree.py).

One ``ruff format`` process formats a whole batch: the files are written under neutral names
(``0.py``, ``1.py``, …, so no name can be mistaken for an option or fall under an exclusion) into
a temporary folder, which is removed afterwards. Each file is formatted on its own, so the result
does not depend on how the work was batched. The process never outlives the run: on Linux it is
killed when the run dies (parent-death signal), and the run kills it when interrupted (Ctrl-C
reaches it too, as a member of the terminal's process group; the run decides what that means).
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from functools import cache as memoize
from pathlib import Path

from . import cache
from .background import follow_parent


class GeneratedCodeError(Exception):
    """Generated Python that the formatter cannot parse: a bug in dxgen or its templates."""


# The options black would be given (pyproject's [tool.black]): 100 columns, Python 3.11.
_OPTIONS = ("--line-length", "100", "--target-version", "py311")
_COMMAND = (
    "format",
    "--isolated",  # no configuration file of the user's or of a parent folder applies
    "--no-cache",
    "--no-respect-gitignore",
    "--no-force-exclude",
    *_OPTIONS,
)
_MODE_KEY = " ".join(_COMMAND) + " +black-for-long-aliases"  # what makes an answer

# ruff's message for a file that does not parse: "error: Failed to parse 3.py:1:7: message".
_PARSE_ERROR = re.compile(r"Failed to parse (\d+)\.pyi?:(\d+):(\d+): (.*)")


def is_python(path: str) -> bool:
    return path.endswith((".py", ".pyi"))


def format_file(path: str, text: str) -> str:
    """One file, formatted as ``format_files`` would (without the cache)."""
    return _format_all({path: text})[path]


def format_files(files: Mapping[str, str]) -> dict[str, str]:
    """Every file formatted: the formatter's earlier answers from the cache, the rest run."""
    folder = cache.cache_dir("ruff-format")
    if folder is None:
        return _format_all(files)
    done: dict[str, str] = {}
    keys: dict[str, str] = {}
    for rel, text in files.items():
        if is_python(rel):
            keys[rel] = cache.key(cache.tool_version("ruff"), _MODE_KEY, text)
            hit = cache.lookup(folder, keys[rel])
            if hit is not None:
                done[rel] = hit
    misses = {rel: files[rel] for rel in files if rel not in done}
    formatted = _format_all(misses)
    for rel, text in formatted.items():
        if rel in keys:
            cache.store(folder, keys[rel], text)
    done.update(formatted)
    return {rel: done[rel] for rel in files}


def _format_all(files: Mapping[str, str]) -> dict[str, str]:
    out = {rel: _one_final_newline(text) for rel, text in files.items() if not is_python(rel)}
    python = [rel for rel in files if is_python(rel)]
    if python:
        formatted = _ruff_format({rel: files[rel] for rel in python})
        out.update(formatted)
        out.update(_black_where_lines_overflow(formatted))
    return {rel: out[rel] for rel in files}


_LINE_LENGTH = 100
# The one construct the two format differently, found on Stripe's spec (and not avoidable in a
# template: the name alone is longer than a line): black wraps the annotation of an alias.
_TOO_LONG_ALIAS = ": TypeAlias = "


def _black_where_lines_overflow(formatted: Mapping[str, str]) -> dict[str, str]:
    """black's answer for the files in which ruff left an alias's line too long to fit.

    Where a name alone passes the limit (Stripe's ``CustomerBalanceResource…TypeValue:
    TypeAlias = Literal[…]``, 219 of its 7,653 files) black parenthesises the annotation and
    ruff does not; the output must be what black writes. Few files, if any (none of ours), so
    black is imported only then."""
    overflowing = {
        rel: text
        for rel, text in formatted.items()
        if _TOO_LONG_ALIAS in text
        and any(len(line) > _LINE_LENGTH and _TOO_LONG_ALIAS in line for line in text.splitlines())
    }
    if not overflowing:
        return {}
    import black
    import black.mode

    mode = black.mode.Mode(
        line_length=_LINE_LENGTH, target_versions={black.mode.TargetVersion.PY311}
    )
    return {rel: black.format_str(text, mode=mode) for rel, text in overflowing.items()}


def _one_final_newline(text: str) -> str:
    """``text`` ending in exactly one newline (or empty); the same object when it already does,
    not a copy (docs and llms-full.txt are most of a large kit's bytes)."""
    if not text or (text.endswith("\n") and not text.endswith("\n\n")):
        return text
    return text.rstrip("\n") + "\n"


def _ruff_format(files: Mapping[str, str]) -> dict[str, str]:
    """Python files through one ``ruff format`` process."""
    paths = list(files)
    with tempfile.TemporaryDirectory(prefix="dxgen-format-") as scratch:
        names = [f"{number}{Path(rel).suffix}" for number, rel in enumerate(paths)]
        for name, rel in zip(names, paths, strict=True):
            # newline="": the text's line endings are the generator's, kept as they are
            with open(os.path.join(scratch, name), "w", encoding="utf-8", newline="") as handle:
                handle.write(files[rel])
        result = _run([_ruff(), *_COMMAND, *names], cwd=scratch)
        if result.returncode != 0:
            raise GeneratedCodeError(_describe_failure(result.stderr, paths))
        formatted = {}
        for name, rel in zip(names, paths, strict=True):
            with open(os.path.join(scratch, name), encoding="utf-8", newline="") as handle:
                formatted[rel] = handle.read()
    return formatted


@memoize
def _ruff() -> str:
    import ruff  # type: ignore[import-untyped]  # the binary of the installed ruff distribution

    return os.fsdecode(ruff.find_ruff_bin())


def _run(command: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    """Run the formatter; stop it at once when this process is interrupted or dies."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        preexec_fn=_follow(os.getpid()) if sys.platform == "linux" else None,
    )
    try:
        stdout, stderr = process.communicate()
    except BaseException:
        process.kill()
        process.wait()
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _follow(parent: int) -> Callable[[], None]:
    """In the formatter's process, before it starts: be killed when the run dies."""
    return functools.partial(follow_parent, parent)


def _describe_failure(stderr: str, paths: list[str]) -> str:
    """The formatter's complaint, about the generated file's own path."""
    for line in stderr.splitlines():
        found = _PARSE_ERROR.search(line)
        if found and int(found[1]) < len(paths):
            number, row, column, message = found.groups()
            where = f"{paths[int(number)]}:{row}:{column}"
            return f"{where}: generated code does not parse: {message}"
    detail = stderr.strip().splitlines()[-1] if stderr.strip() else "no message"
    return f"ruff format failed on generated code: {detail}"
