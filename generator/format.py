"""Formatting of generated text: ruff's formatter for Python, one trailing newline for the rest.

Why ruff formats and black checks: black took most of a run (about 7 s for Pachca's 286 files,
even over two processes); ``ruff format`` does the same files in a tenth of a second. The design
promises black-formatted output, and the templates emit code on which the two agree (black's
style is ruff's; where they differ, the templates avoid the construct), so the output is what
black would write: the tests run ``black --check`` on it and compare both formatters file by file
(tests/unit/test_formatters_agree.py).

One ``ruff format`` process formats a whole batch (:class:`FormatJob`, started as soon as a
target's Python is rendered, so that it works while the run renders the next targets): the files
are written under neutral names (``0.py``, ``1.py``, …, so no name can be mistaken for an option
or fall under an exclusion) into a temporary folder (RAM-backed where there is one), which is
removed afterwards. Its answers are kept by content in the cache (generator/format_cache.py).
Each file is formatted on its own, so the result does not depend on how the work was batched.
The process never outlives the run: on Linux it is killed when the run dies (parent-death
signal), and the run kills it when interrupted (Ctrl-C reaches it too, as a member of the
terminal's process group; the run decides what that means).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from functools import cache as memoize
from pathlib import Path
from typing import IO

from . import cache, format_cache
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
_CACHE_KIND = "ruff-format"

# ruff's message for a file that does not parse: "error: Failed to parse 3.py:1:7: message".
_PARSE_ERROR = re.compile(r"Failed to parse (\d+)\.pyi?:(\d+):(\d+): (.*)")


def is_python(path: str) -> bool:
    return path.endswith((".py", ".pyi"))


def format_file(path: str, text: str) -> str:
    """One file, formatted as ``format_files`` would (without the cache)."""
    if not is_python(path):
        return _one_final_newline(text)
    return FormatJob({path: text}, cached=False).result()[path].decode("utf-8")


def format_files(files: Mapping[str, str]) -> dict[str, str]:
    """Every file formatted: the formatter's earlier answers from the cache, the rest run."""
    return {rel: data.decode("utf-8") for rel, data in FormatJob(files).result().items()}


class FormatJob:
    """Files being formatted: the cache is asked and the formatter started at once, and the run
    goes on (rendering other targets) while it works; :meth:`result` waits for the answers.

    The texts are not kept: the formatter's scratch copies are all that is left of them, so a
    large SDK is not held twice. :meth:`cancel` (a run that ends early) stops the formatter.
    """

    def __init__(self, files: Mapping[str, str], *, cached: bool = True) -> None:
        self._order = list(files)
        self._done: dict[str, bytes] = {}
        self._keys: dict[str, str] = {}
        self._folder = cache.cache_dir(_CACHE_KIND) if cached else None
        python = [rel for rel in files if is_python(rel)]
        for rel in files:
            if not is_python(rel):
                self._done[rel] = _one_final_newline(files[rel]).encode("utf-8")
        if self._folder is not None and python:
            version = cache.tool_version("ruff")
            self._keys = {rel: cache.key(version, _MODE_KEY, files[rel]) for rel in python}
            hits = format_cache.lookup(self._folder, set(self._keys.values()))
            for rel, entry in self._keys.items():
                if entry in hits:
                    self._done[rel] = hits[entry]
        misses = {rel: files[rel] for rel in python if rel not in self._done}
        self._run = _RuffRun(misses) if misses else None

    def result(self) -> dict[str, bytes]:
        """Each file's formatted bytes, in the order given."""
        if self._run is not None:
            run, self._run = self._run, None
            formatted = run.finish()
            formatted.update(_black_where_lines_overflow(formatted))
            if self._folder is not None:
                format_cache.store(
                    self._folder, {self._keys[rel]: data for rel, data in formatted.items()}
                )
            self._done.update(formatted)
        return {rel: self._done[rel] for rel in self._order}

    def ready(self) -> bool:
        """Whether :meth:`result` would answer without waiting for the formatter."""
        return self._run is None or self._run.done()

    def cancel(self) -> None:
        if self._run is not None:
            run, self._run = self._run, None
            run.cancel()


def _format_all(files: Mapping[str, str]) -> dict[str, str]:
    """Without the cache (what ``format_file`` gives for each)."""
    return {
        rel: data.decode("utf-8") for rel, data in FormatJob(files, cached=False).result().items()
    }


_LINE_LENGTH = 100
# The one construct the two format differently, found on Stripe's spec (and not avoidable in a
# template: the name alone is longer than a line): black wraps the annotation of an alias.
_TOO_LONG_ALIAS = ": TypeAlias = "


def _black_where_lines_overflow(formatted: Mapping[str, bytes]) -> dict[str, bytes]:
    """black's answer for the files in which ruff left an alias's line too long to fit.

    Where a name alone passes the limit (Stripe's ``CustomerBalanceResource…TypeValue:
    TypeAlias = Literal[…]``, in 219 of its modules) black parenthesises the annotation and
    ruff does not; the output must be what black writes. Few files, if any (none of ours), so
    black is imported only then."""
    marker = _TOO_LONG_ALIAS.encode("ascii")
    overflowing = {
        rel: text
        for rel, data in formatted.items()
        if marker in data
        for text in (data.decode("utf-8"),)
        if any(_overflows(line) for line in text.splitlines())
    }
    if not overflowing:
        return {}
    import black
    import black.mode

    mode = black.mode.Mode(
        line_length=_LINE_LENGTH, target_versions={black.mode.TargetVersion.PY311}
    )

    def black_format(source: str) -> str:
        return str(black.format_str(source, mode=mode))

    return {
        rel: _with_long_aliases_formatted(text, black_format).encode("utf-8")
        for rel, text in overflowing.items()
    }


def _overflows(line: str) -> bool:
    return len(line.rstrip("\n")) > _LINE_LENGTH and _TOO_LONG_ALIAS in line


def _with_long_aliases_formatted(text: str, black_format: Callable[[str], str]) -> str:
    """``text`` with each module-level alias that has a line too long replaced by black's
    formatting of that statement alone: black writes a top-level statement the same wherever
    it stands, and a grouped model module (Stripe's largest holds 298 models) took seconds to
    format whole. The whole file goes to black if such a line is anywhere else."""
    import ast

    lines = text.splitlines(keepends=True)
    spans: list[tuple[int, int]] = []
    for node in ast.parse(text).body:
        end = node.end_lineno or node.lineno
        if isinstance(node, ast.AnnAssign) and any(
            _overflows(line) for line in lines[node.lineno - 1 : end]
        ):
            spans.append((node.lineno - 1, end))
    covered = {index for start, end in spans for index in range(start, end)}
    if any(_overflows(line) for i, line in enumerate(lines) if i not in covered):
        return black_format(text)
    for start, end in reversed(spans):
        lines[start:end] = [black_format("".join(lines[start:end]))]
    return "".join(lines)


def _one_final_newline(text: str) -> str:
    """``text`` ending in exactly one newline (or empty); the same object when it already does,
    not a copy (docs and llms-full.txt are most of a large kit's bytes)."""
    if not text or (text.endswith("\n") and not text.endswith("\n\n")):
        return text
    return text.rstrip("\n") + "\n"


def _ruff_format(files: Mapping[str, str]) -> dict[str, str]:
    """Python files through one ``ruff format`` process, waited for."""
    return {rel: data.decode("utf-8") for rel, data in _RuffRun(files).finish().items()}


class _RuffRun:
    """One ``ruff format`` process over a batch, started at once; :meth:`finish` waits."""

    def __init__(self, files: Mapping[str, str]) -> None:
        self._paths = list(files)
        self._names = [f"{number}{Path(rel).suffix}" for number, rel in enumerate(self._paths)]
        self._scratch = tempfile.mkdtemp(prefix="dxgen-format-", dir=_scratch_root())
        self._process: subprocess.Popen[bytes] | None = None
        try:
            for name, rel in zip(self._names, self._paths, strict=True):
                # bytes: the text's line endings are the generator's, kept as they are
                with open(os.path.join(self._scratch, name), "wb") as handle:
                    handle.write(files[rel].encode("utf-8"))
            self._errors = open(os.path.join(self._scratch, "errors"), "w+b")  # noqa: SIM115
            # a few files are done in milliseconds: no need to follow this process, whose
            # following (a preexec function) costs a full fork of it (tens of ms, late in a run)
            follow = len(self._names) > _FOLLOW_FROM
            command = [_ruff(), *_COMMAND, *self._names]
            self._process = _spawn(command, self._scratch, self._errors, follow=follow)
        except BaseException:
            self._clean_up()
            raise

    def finish(self) -> dict[str, bytes]:
        try:
            assert self._process is not None
            if _wait(self._process) != 0:
                self._errors.seek(0)
                stderr = self._errors.read().decode("utf-8", "replace")
                raise GeneratedCodeError(_describe_failure(stderr, self._paths))
            formatted = {}
            for name, rel in zip(self._names, self._paths, strict=True):
                with open(os.path.join(self._scratch, name), "rb") as handle:
                    formatted[rel] = handle.read()
            return formatted
        finally:
            self._clean_up()

    def done(self) -> bool:
        return self._process is None or self._process.poll() is not None

    def cancel(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.kill()
            self._process.wait()
        self._clean_up()

    def _clean_up(self) -> None:
        errors = getattr(self, "_errors", None)
        if errors is not None:
            errors.close()
        shutil.rmtree(self._scratch, ignore_errors=True)


#: A formatter given at most this many files is not made to follow the run (see _RuffRun).
_FOLLOW_FROM = 16


def _scratch_root() -> str | None:
    """Where the formatter's scratch copies go: a RAM-backed folder (``/dev/shm``) when there is
    one and ``TMPDIR`` does not name another place, else the usual temporary folder. Creating a
    file on a disk costs a few hundred microseconds on some machines (GitHub's SDK is 6,900
    files: two seconds), on tmpfs a few; the copies live for the formatter's second."""
    if os.environ.get("TMPDIR"):
        return None
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


@memoize
def _ruff() -> str:
    import ruff  # type: ignore[import-untyped]  # the binary of the installed ruff distribution

    return os.fsdecode(ruff.find_ruff_bin())


def _run(command: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    """Run the formatter; stop it at once when this process is interrupted or dies."""
    process = _spawn(command, cwd, subprocess.PIPE)
    try:
        stdout, stderr = process.communicate()
    except BaseException:
        process.kill()
        process.wait()
        raise
    decode = functools.partial(bytes.decode, encoding="utf-8", errors="replace")
    return subprocess.CompletedProcess(command, process.returncode, decode(stdout), decode(stderr))


def _spawn(
    command: list[str], cwd: str, stderr: IO[bytes] | int, *, follow: bool = True
) -> subprocess.Popen[bytes]:
    """The formatter's process, killed with this one (on Linux) if it is to ``follow`` it."""
    return subprocess.Popen(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE if stderr == subprocess.PIPE else subprocess.DEVNULL,
        stderr=stderr,
        preexec_fn=_follow(os.getpid()) if follow and sys.platform == "linux" else None,
    )


def _wait(process: subprocess.Popen[bytes]) -> int:
    """The formatter's exit code; it is killed if this process is interrupted meanwhile."""
    try:
        return process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise


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
