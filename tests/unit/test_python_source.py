"""Spec text pasted into generated source: docstrings, literals, markdown code spans, TOML."""

from __future__ import annotations

import ast
import math
import random
import tomllib

import pytest

from generator.format import format_file
from generator.targets.python import source
from generator.targets.python.source import docstring, literal
from generator.targets.render import toml_string
from generator.targets.text import code_span, one_line

HOSTILE = [
    'a"""',  # issue 6.4
    'a\\"',  # issue 6.4
    "a\\",
    '"',
    '""',
    '"lead',
    "'''",
    "{{ x }} {% if y %}",
    "tab\there",
    "nul\x00 esc\x1b del\x7f",
    "sep\u2028next\x85",
    "lone \ud800 surrogate",
    "\\N{BULLET} \\x41 \\u0041",
    "two\n\nparagraphs\n    indented",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_docstring_reads_back_the_text_and_black_leaves_it_alone(text: str) -> None:
    source = f"def f() -> None:\n    {docstring(text, indent=4)}\n"
    for version in (source, format_file("m.py", source)):
        function = ast.parse(version).body[0]
        assert isinstance(function, ast.FunctionDef)
        read = ast.get_docstring(function, clean=False) or ""
        assert read.split() == text.split()
        # Only whitespace may differ: every other character is kept, in order.
        assert "".join(read.split()) == "".join(text.split())
    assert format_file("m.py", source) == source


def test_docstring_keeps_quotes_readable_where_they_are_harmless() -> None:
    assert docstring('say "hi" now') == '"""say "hi" now"""'
    assert docstring('end"') == '"""end\\x22"""'


def test_the_fast_escape_of_printable_text_agrees_with_the_escape_of_every_character() -> None:
    """Printable text takes a regex, the rest a loop over every character: one answer."""
    chars = ['"', "\\", "\n", " ", "a", "é", "\t", "\x00", "\u2028", "\ud800", "😀"]
    chance = random.Random(12)
    bodies = [*HOSTILE, ""] + [
        "".join(chance.choice(chars) for _ in range(chance.randrange(1, 9))) for _ in range(20000)
    ]
    for body in bodies:
        assert source._escape_docstring_body(body) == source._escape_every_char(body), body


@pytest.mark.parametrize(
    "value",
    [*HOSTILE, 1, -2.5, True, None, [1, "a\\"], {"k\x00": ["\ud800", 1.5]}, 10**30],
)
def test_literal_evaluates_to_the_value_exactly(value: object) -> None:
    assert ast.literal_eval(literal(value)) == value  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [math.inf, -math.inf])
def test_non_finite_floats_are_spelled_as_calls(value: float) -> None:
    assert eval(literal(value)) == value


def test_nan_is_a_float_call() -> None:
    assert math.isnan(eval(literal(math.nan)))


@pytest.mark.parametrize("text", ["plain", 'quo"te', "back\\slash", "ctl\x00\x1f\x7f", "ü ✓"])
def test_toml_string_round_trips(text: str) -> None:
    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text


@pytest.mark.parametrize(
    ("value", "span"),
    [
        ("https://api.test/v1", "`https://api.test/v1`"),
        ("", "`''`"),
        (" padded", "`' padded'`"),
        ("two\nlines", "`'two\\nlines'`"),
        ("`tick`", "`` `tick` ``"),
        ("a``b", "```a``b```"),
        ("\ud800", "`'\\ud800'`"),
    ],
)
def test_code_span(value: str, span: str) -> None:
    assert code_span(value) == span
    span.encode("utf-8")


def test_one_line() -> None:
    assert one_line("Title\n  on\ttwo lines ") == "Title on two lines"
