"""Shared test helpers: the fixture folder, parsing a fixture once, finding text in a fixture."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

from generator.diagnostics import Diagnostic
from generator.ir import Api

# A suite started in the background by a non-interactive shell (`make test &`, CI wrappers,
# nohup) inherits SIGINT ignored, and so would every process the tests start: the tests that
# press Ctrl-C on dxgen, the generated CLI or Node would see it ignored. Python's own handler
# here means children start with the default again (a handler, unlike "ignored", ends at exec).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
from generator.load import load_spec
from generator.parse import parse_spec
from tests.prism import mock_server, prism  # noqa: F401  (one Prism per session, for all)

FIXTURES = Path(__file__).resolve().parent / "fixtures"

Parsed = tuple[Api, tuple[Diagnostic, ...]]


@cache
def _parse(rel: str) -> Parsed:
    spec = load_spec(FIXTURES / rel, base_dir=FIXTURES)
    api, findings = parse_spec(spec)
    return api, (*spec.diagnostics, *findings)


def text_position(rel: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``occurrence``-th ``needle`` in fixture ``rel``."""
    found = 0
    for number, line in enumerate((FIXTURES / rel).read_text(encoding="utf-8").splitlines(), 1):
        start = 0
        while (column := line.find(needle, start)) >= 0:
            found += 1
            if found == occurrence:
                return number, column + 1
            start = column + 1
    raise AssertionError(f"{needle!r} occurs fewer than {occurrence} times in {rel}")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def parsed() -> Callable[[str], Parsed]:
    """``parsed("features/x.yaml")`` → (Api, diagnostics), parsed once per session."""
    return _parse


@pytest.fixture(scope="session")
def position() -> Callable[..., tuple[int, int]]:
    """``position("bad/x.yaml", "needle", occurrence=1)`` → (line, column) in the fixture."""
    return text_position


# Property tests explore new examples on every local run; CI runs a fixed, derandomized set so
# that a landing never depends on luck (a new finding locally becomes an @example).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
