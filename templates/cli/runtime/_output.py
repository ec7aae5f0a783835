"""Printing results: ``table`` (rich, imported only here and only then), ``json``, ``yaml``,
``csv`` and ``jsonl``; ``--columns`` picks and orders the fields shown.

A result is plain JSON data (the SDK's models are dumped first). A list prints one row per
item; one object prints as a list of one row (``csv``, ``jsonl``) or a field/value table. A
stream (``--all``) is printed page by page as it arrives: JSON as one array written
incrementally, ``jsonl`` and ``csv`` line by line, a table per page.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._context import CliContext

MAX_CELL = 60


def emit(ctx_obj: CliContext, data: Any, columns: Sequence[str] | None = None) -> None:
    """Print ``data`` in the run's output format (``columns``: the default columns of a
    table when ``--columns`` is not given)."""
    fmt = ctx_obj.output_format
    picked = tuple(ctx_obj.columns) or None
    if picked:
        data = _pick(data, picked)
    if fmt == "json":
        _write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for item in data if isinstance(data, list) else [data]:
            _write(json.dumps(item, ensure_ascii=False) + "\n")
    elif fmt == "yaml":
        _write(to_yaml(data) + "\n")
    elif fmt == "csv":
        rows = data if isinstance(data, list) else [data]
        _write_csv(rows, picked or _columns(rows), header=True)
    elif isinstance(data, dict):
        _table(ctx_obj, data, picked)  # one object: every field, unless --columns
    else:
        _table(ctx_obj, data, picked or (tuple(columns) if columns else None))


class Stream:
    """Items printed page by page (``--all``), in the run's output format."""

    def __init__(self, ctx_obj: CliContext, columns: Sequence[str] | None = None) -> None:
        self.ctx = ctx_obj
        self.fmt = ctx_obj.output_format
        self.picked = tuple(ctx_obj.columns) or None
        self.columns = self.picked or (tuple(columns) if columns else None)
        self.count = 0

    def write(self, items: Sequence[Any]) -> None:
        if self.picked:
            items = _pick(list(items), self.picked)
        if self.fmt == "json":
            for item in items:
                text = json.dumps(item, ensure_ascii=False, indent=2)
                _write(("[\n" if self.count == 0 else ",\n") + _indent(text))
                self.count += 1
        elif self.fmt == "jsonl":
            for item in items:
                _write(json.dumps(item, ensure_ascii=False) + "\n")
                self.count += 1
        elif self.fmt == "yaml":
            if items:
                _write(to_yaml(list(items)) + "\n")
            self.count += len(items)
        elif self.fmt == "csv":
            if items:
                self.columns = self.columns or _columns(items)
                _write_csv(items, self.columns, header=self.count == 0)
            self.count += len(items)
        else:
            if items:
                _table(self.ctx, list(items), self.columns)
            self.count += len(items)
        sys.stdout.flush()

    def close(self) -> None:
        if self.fmt == "json":
            _write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt == "yaml" and self.count == 0:
            _write("[]\n")


def _write(text: str) -> None:
    sys.stdout.write(text)


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def _pick(data: Any, columns: Sequence[str]) -> Any:
    if isinstance(data, list):
        return [_pick(item, columns) for item in data]
    if isinstance(data, dict):
        return {name: _path(data, name) for name in columns}
    return data


def _path(item: dict[str, Any], name: str) -> Any:
    """A column's value: a key, or a dotted path into nested objects (``user.name``)."""
    if name in item:
        return item[name]
    value: Any = item
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _columns(rows: Iterable[Any]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for row in rows:
        if isinstance(row, dict):
            seen.update(dict.fromkeys(row))
    return tuple(seen) or ("value",)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _write_csv(rows: Sequence[Any], columns: Sequence[str], *, header: bool) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    if header:
        writer.writerow(columns)
    for row in rows:
        if isinstance(row, dict):
            writer.writerow([_cell(_path(row, c)) for c in columns])
        else:
            writer.writerow([_cell(row)])


def _table(ctx_obj: CliContext, data: Any, columns: Sequence[str] | None) -> None:
    from rich.console import Console
    from rich.table import Table

    # No colour means no escape codes at all (bold headers too): NO_COLOR, --no-color, a pipe.
    console = Console(
        color_system="auto" if ctx_obj.color else None, highlight=False, soft_wrap=False
    )
    if isinstance(data, list):
        if not data:
            if not ctx_obj.quiet:
                sys.stderr.write("(nothing found)\n")
            return
        if not all(isinstance(row, dict) for row in data):
            for row in data:
                console.print(_cell(row), markup=False)
            return
        cols = tuple(columns) if columns else _table_columns(data)
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        for col in cols:
            table.add_column(col.upper(), overflow="ellipsis", max_width=MAX_CELL)
        for row in data:
            table.add_row(*(_escape(_cell(_path(row, c))) for c in cols))
        console.print(table)
    elif isinstance(data, dict):
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="bold")
        table.add_column(overflow="fold")
        keys = tuple(columns) if columns else tuple(data)
        for key in keys:
            table.add_row(_escape(key), _escape(_cell(_path(data, key))))
        console.print(table)
    elif data is not None:
        console.print(_cell(data), markup=False)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _table_columns(rows: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """Columns of a table: the scalar fields (nested objects and lists are left to
    ``-o json``), at most eight."""
    names = _columns(rows)
    scalar = [n for n in names if not any(isinstance(r.get(n), dict | list) for r in rows)]
    return tuple((scalar or list(names))[:8])


_PLAIN = re.compile(r"^[A-Za-z_][A-Za-z0-9_ .\-/]*$")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "~", ""})


def to_yaml(data: Any, indent: int = 0) -> str:
    """``data`` as YAML (block style; strings quoted whenever plain style could misread
    them)."""
    pad = "  " * indent
    if isinstance(data, dict):
        if not data:
            return pad + "{}"
        lines = []
        for key, value in data.items():
            k = _yaml_scalar(str(key))
            if isinstance(value, dict | list) and value:
                lines.append(f"{pad}{k}:\n{to_yaml(value, indent + 1)}")
            else:
                lines.append(f"{pad}{k}: {_yaml_scalar(value)}")
        return "\n".join(lines)
    if isinstance(data, list):
        if not data:
            return pad + "[]"
        lines = []
        for value in data:
            if isinstance(value, dict | list) and value:
                inner = to_yaml(value, indent + 1).lstrip()
                lines.append(f"{pad}- {inner}")
            else:
                lines.append(f"{pad}- {_yaml_scalar(value)}")
        return "\n".join(lines)
    return pad + _yaml_scalar(data)


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:  # YAML 1.1 reads `1e-05` as text; `1.0e-05` is a float
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict | list):  # only empty ones: others are written as blocks
        return json.dumps(value) if not value else _yaml_quoted(json.dumps(value))
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    return _yaml_quoted(text)


def _yaml_quoted(text: str) -> str:
    """A double-quoted YAML string: JSON's escapes, and every character YAML does not allow
    raw (DEL, C1 controls, surrogates, …) escaped too."""
    out = []
    for char in json.dumps(text, ensure_ascii=False):
        if char.isprintable() or char == " ":
            out.append(char)
        elif ord(char) > 0xFFFF:
            out.append(f"\\U{ord(char):08x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)
