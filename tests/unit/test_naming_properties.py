"""Property tests: whatever a spec calls something, the generated name is usable."""

from __future__ import annotations

import keyword
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import naming

CLI = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ANCHOR = CLI
ENUM_MEMBER = re.compile(r"^[A-Z][A-Z0-9_]*$")

# Any text, plus text built from the pieces that make names interesting.
_PIECES = st.sampled_from(
    [*keyword.kwlist, *keyword.softkwlist, *naming.SHADOWED_BUILTINS, *naming.PYDANTIC_RESERVED,
     *naming.RESERVED_CLASS_NAMES, "_", "__", "-", "[", "]", ".", " ", "2", "0x", "é", "Ж", "ǅ",
     "ﬁ", "½", "İ", "HTTP", "Id", "$", "\n", "\x00"]
)  # fmt: skip
NAMES = st.one_of(st.text(), st.lists(_PIECES, max_size=4).map("".join))


def _is_safe_python_name(name: str) -> bool:
    return (
        name.isidentifier()
        and name.isascii()
        and not keyword.iskeyword(name)
        and name not in naming.SHADOWED_BUILTINS
        and name not in naming.PYDANTIC_RESERVED
        and name != "_"
    )


@settings(max_examples=200)
@given(NAMES)
@example("class")
@example("2fa")
@example("_")
@example("model_dump")
@example("None")
def test_py_identifier_is_always_a_safe_identifier(text: str) -> None:
    assert _is_safe_python_name(naming.py_identifier(text))


@settings(max_examples=200)
@given(NAMES, st.sets(NAMES))
def test_py_identifier_honours_extra_reserved_names(text: str, reserved: set[str]) -> None:
    name = naming.py_identifier(text, reserved=reserved)
    assert _is_safe_python_name(name)
    assert name not in reserved or name.endswith("_")


@settings(max_examples=200)
@given(st.lists(NAMES, max_size=12))
def test_unique_names_are_distinct_and_still_safe(texts: list[str]) -> None:
    taken: set[str] = set()
    names = [naming.unique(naming.py_identifier(text), taken) for text in texts]
    assert len(set(names)) == len(names)
    assert all(_is_safe_python_name(name) for name in names)
    assert taken == set(names)


@settings(max_examples=200)
@given(st.lists(st.text(), max_size=12), st.sampled_from(["_", "-", ""]))
def test_unique_over_any_strings_is_distinct(texts: list[str], separator: str) -> None:
    taken: set[str] = set()
    names = [naming.unique(text, taken, separator=separator) for text in texts]
    assert len(set(names)) == len(names)


@settings(max_examples=200)
@given(NAMES)
@example("True")
@example("BaseModel")
@example("2fa")
def test_class_name_is_a_usable_class_name(text: str) -> None:
    name = naming.class_name(text)
    assert name.isidentifier() and name.isascii()
    assert not keyword.iskeyword(name)
    assert name not in naming.RESERVED_CLASS_NAMES
    assert name[0].isupper()


@settings(max_examples=200)
@given(st.one_of(NAMES, st.integers(), st.floats(allow_nan=False), st.booleans()))
@example("mro")
@example("")
@example(-1)
def test_enum_member_is_an_upper_case_identifier(value: object) -> None:
    name = naming.enum_member(value)
    assert ENUM_MEMBER.match(name), name
    assert name.isidentifier() and not keyword.iskeyword(name)
    assert name != "MRO"


@settings(max_examples=200)
@given(NAMES)
def test_cli_name_and_anchor_are_kebab_case(text: str) -> None:
    assert CLI.match(naming.cli_name(text))
    assert ANCHOR.match(naming.anchor(text))


@settings(max_examples=200)
@given(st.lists(NAMES, max_size=12))
def test_unique_cli_names_stay_kebab_case(texts: list[str]) -> None:
    taken: set[str] = set()
    names = [naming.unique(naming.cli_name(text), taken, separator="-") for text in texts]
    assert len(set(names)) == len(names)
    assert all(CLI.match(name) for name in names)


@given(NAMES)
def test_names_are_deterministic(text: str) -> None:
    assert naming.py_identifier(text) == naming.py_identifier(text)
    assert naming.class_name(text) == naming.class_name(text)
    assert naming.cli_name(text) == naming.cli_name(text)


@settings(max_examples=200)
@given(st.lists(st.one_of(NAMES, st.text(min_size=60, max_size=400)), max_size=12))
@example(["con", "Con", "CON", "nul", "x" * 300, "x" * 300 + "y"])
def test_module_names_are_portable_unique_identifiers(texts: list[str]) -> None:
    taken: set[str] = set()
    stems = [naming.unique_file_stem(naming.py_identifier(text), taken) for text in texts]
    assert len({s.casefold() for s in stems}) == len(stems)
    for stem in stems:
        assert _is_safe_python_name(stem), stem
        assert len(stem) <= naming.MAX_FILE_STEM
        assert stem.lower() not in naming.WINDOWS_DEVICE_NAMES


@settings(max_examples=200)
@given(NAMES)
@example("Enum")
@example("typing")
def test_package_names_shadow_nothing(text: str) -> None:
    import sys

    name = naming.package_name(text)
    assert _is_safe_python_name(name)
    assert name not in sys.stdlib_module_names
    assert name not in naming.SDK_DEPENDENCY_MODULES
    assert len(name) <= naming.MAX_FILE_STEM
