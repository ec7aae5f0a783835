"""Located, one-line findings about the input, in compiler style.

Every problem the tool reports about a spec is a :class:`Diagnostic`. Its text is
``FILE:LINE:COL: error: MESSAGE (at #/json/pointer)`` so editors and CI logs can jump to it.
Errors stop a run (exit 2, nothing written); warnings are printed and the run goes on,
unless ``--strict`` turns them into errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Location:
    """Where a node came from: file, 1-based line and column, and its JSON pointer."""

    file: str
    line: int = 0
    column: int = 0
    pointer: str | None = None

    def render(self) -> str:
        place = one_line(self.file)
        if self.line:
            place += f":{self.line}:{self.column or 1}"
        return place


@dataclass(frozen=True)
class Diagnostic:
    severity: Severity
    message: str
    location: Location

    def render(self) -> str:
        text = f"{self.location.render()}: {self.severity.value}: {one_line(self.message)}"
        if self.location.pointer is not None:
            text += f" (at #{one_line(self.location.pointer)})"
        return text


_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]\s*|\t")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def one_line(text: str) -> str:
    """``text`` as part of a one-line finding: line breaks become spaces, other control
    characters and lone surrogates (which stderr could not encode) are escaped."""
    text = _LINE_BREAK.sub(" ", text)
    text = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class SpecError(Exception):
    """One or more errors that stop the run; the CLI prints them and exits 2."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


def error(message: str, location: Location) -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, location)


def warning(message: str, location: Location) -> Diagnostic:
    return Diagnostic(Severity.WARNING, message, location)


class Reporter:
    """Collects diagnostics during a run; raises once errors are known to be fatal."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.diagnostics:
            self.diagnostics.append(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise SpecError(self.errors)
