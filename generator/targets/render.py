"""The jinja environment shared by all targets, and where templates are found."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from .. import cache as dxgen_cache
from . import templates_dir
from .python.source import docstring, literal
from .text import code_span, one_line, wrap


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,  # templates do not change during a run: no stat per get_template
        bytecode_cache=_CompiledTemplates(),
    )
    env.filters["pyrepr"] = python_literal
    env.filters["toml_string"] = toml_string
    env.filters["yaml_string"] = yaml_string
    env.filters["code_span"] = code_span
    env.filters["one_line"] = one_line
    env.filters["doc"] = doc_filter
    env.filters["parameter"] = parameter
    return env


SHIPPED = Path(__file__).resolve().parent.parent / "_jinja"  # see generator/targets/precompile.py


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates: those shipped with dxgen (compiled when it was built or set up,
    :mod:`.precompile`), else those in dxgen's cache (generator/cache.py), else compiled now
    and cached. Compiling them all was a quarter of a second of a run with an empty cache, as
    every CI run is. An entry is keyed by the template's name alone, so that one compiled
    elsewhere serves here; jinja checks its source checksum and its own and Python's versions
    before using it, and compiles afresh on any difference."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        folder = dxgen_cache.cache_dir("jinja")
        for data in (
            _read(SHIPPED / bucket.key),
            dxgen_cache.lookup_bytes(folder, bucket.key) if folder else None,
        ):
            if data is not None:
                bucket.bytecode_from_string(data)
                if bucket.code is not None:
                    return

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        folder = dxgen_cache.cache_dir("jinja")
        if folder is not None:
            dxgen_cache.store_bytes(folder, bucket.key, bucket.bytecode_to_string())


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def python_literal(value: Any) -> str:
    """A spec value as Python source: strings are always ``repr``'d, never pasted as code."""
    return literal(value)


def doc_filter(text: str, indent: int = 0) -> str:
    """A safe, wrapped docstring literal for text at ``indent`` spaces."""
    return docstring(wrap(text, width=max(40, 96 - indent)), indent=indent)


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's); lone surrogates become ``?``."""
    return json.dumps(text.encode("utf-8", "replace").decode("utf-8"), ensure_ascii=False)


def toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that TOML also forbids raw DEL."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


_LINE_LENGTH = 100  # the formatter's (generator/format.py)


def parameter(arg: Any, indent: int) -> str:
    """``name: annotation = default,`` for a parameter on a line of its own at ``indent``.

    A union annotation too long for the line is parenthesised here, as black would: ruff's
    formatter (which formats the output) keeps parentheses it is given but does not add them
    there, and black removes them when the line fits, so only the too-long ones get them.
    """
    default = f" = {arg.default}" if arg.default else ""
    line = f"{arg.name}: {arg.annotation}{default},"
    if indent + _width(line) > _LINE_LENGTH and _is_union(arg.annotation):
        return f"{arg.name}: ({arg.annotation}){default},"
    return line


def _width(text: str) -> int:
    """Columns, as the formatters count them: wide East Asian characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_union(annotation: str) -> bool:
    """Whether ``|`` joins the annotation's outermost parts (not inside brackets or strings)."""
    depth, quote, escaped = 0, "", False
    for position, char in enumerate(annotation):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "|" and depth == 0 and annotation[position - 1 : position + 2] == " | ":
            return True
    return False
