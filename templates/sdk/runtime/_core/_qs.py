"""Query-string (and form-field) serialization.

Rules (OpenAPI ``style: form``):

* :data:`NOT_GIVEN` and ``None`` values are dropped;
* ``bool`` becomes ``"true"`` / ``"false"``; enums become their ``.value``;
  ``datetime`` / ``date`` / ``time`` become ISO 8601 (a naive ``datetime`` is taken as
  local time and sent with its UTC offset, see :func:`aware`); other scalars use ``str()``;
* a list / tuple / set becomes repeated keys (``explode: true``, the default) or one
  joined value, chosen per key with ``styles={"chat_ids": "comma"}``:
  ``"form"`` (repeat the key), ``"comma"`` (``a,b``), ``"space"`` (``a b``) or
  ``"pipe"`` (``a|b``), or indexed keys with ``"deepObject"`` (``expand[0]=a``, as Stripe
  reads them); empty lists are dropped;
* a mapping value becomes ``deepObject`` keys: ``{"sort": {"id": "desc"}}`` →
  ``sort[id]=desc``;
* keys are passed through untouched, so pre-flattened keys such as ``"sort[id]"`` work.

Form bodies (:func:`serialize_form`, ``application/x-www-form-urlencoded`` and the fields of
``multipart/form-data``) take plain data (the client dumps models first). Mappings nest as
``key[sub]``; a list inside them, a list of mappings or lists, and any list of a field whose
``encoding`` says ``style: deepObject`` are indexed, ``key[0]=…&key[1]=…`` (as Stripe reads
them); other lists repeat the key.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Literal

from ._types import NotGiven

__all__ = [
    "FormStyle", "QueryStyle", "aware", "format_scalar", "serialize_form", "serialize_query",
]  # fmt: skip

QueryStyle = Literal["form", "comma", "space", "pipe", "deepObject"]
FormStyle = Literal["form", "deepObject"]

_SEPARATORS: dict[str, str] = {"comma": ",", "space": " ", "pipe": "|"}


def aware(value: _dt.datetime) -> _dt.datetime:
    """The one rule for naive datetimes: they are local time, sent with the local offset.

    ``datetime(2024, 5, 1, 9, 30)`` on a machine at UTC+3 is sent as
    ``2024-05-01T09:30:00+03:00`` (what ``datetime.astimezone()`` gives), because servers
    reject date-times without an offset.  Aware datetimes are sent as they are.
    """
    return value if value.tzinfo is not None else value.astimezone()


def format_scalar(value: object) -> str:
    """Format one scalar query / path / form value as a string."""
    if isinstance(value, Enum):
        return format_scalar(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _dt.datetime):
        return aware(value).isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)


def _is_sequence(value: object) -> bool:
    return isinstance(value, list | tuple | set | frozenset)


def _skip(value: object) -> bool:
    return value is None or isinstance(value, NotGiven)


def _serialize_into(out: list[tuple[str, str]], key: str, value: object, style: QueryStyle) -> None:
    if _skip(value):
        return
    if isinstance(value, Mapping):
        for sub_key, sub_value in value.items():
            _serialize_into(out, f"{key}[{sub_key}]", sub_value, style)
        return
    if _is_sequence(value):
        assert isinstance(value, Iterable)
        items = [format_scalar(item) for item in value if not _skip(item)]
        if not items:
            return
        if style == "form":
            out.extend((key, item) for item in items)
        else:
            out.append((key, _SEPARATORS[style].join(items)))
        return
    out.append((key, format_scalar(value)))


def serialize_query(
    query: Mapping[str, object] | None,
    styles: Mapping[str, QueryStyle] | None = None,
) -> list[tuple[str, str]]:
    """Serialize ``query`` into an ordered list of ``(key, value)`` pairs."""
    out: list[tuple[str, str]] = []
    if not query:
        return out
    styles = styles or {}
    for key, value in query.items():
        style = styles.get(key, "form")
        if style == "deepObject":  # a list indexed, key[0]=…, as in a form (see below)
            _form_into(out, key, value, True)
            continue
        if style != "form" and style not in _SEPARATORS:
            raise ValueError(f"unknown query style {style!r} for parameter {key!r}")
        _serialize_into(out, key, value, style)
    return out


def _form_into(out: list[tuple[str, str]], key: str, value: object, deep: bool) -> None:
    if _skip(value):
        return
    if isinstance(value, Mapping):
        for sub_key, sub_value in value.items():
            _form_into(out, f"{key}[{sub_key}]", sub_value, True)
        return
    if _is_sequence(value):
        assert isinstance(value, Iterable)
        items = [item for item in value if not _skip(item)]
        if deep or any(isinstance(item, Mapping) or _is_sequence(item) for item in items):
            for index, item in enumerate(items):
                _form_into(out, f"{key}[{index}]", item, True)
        else:
            out.extend((key, format_scalar(item)) for item in items)
        return
    out.append((key, format_scalar(value)))


def serialize_form(
    fields: Mapping[str, object] | None, styles: Mapping[str, FormStyle] | None = None
) -> dict[str, str | list[str]]:
    """Serialize multipart/urlencoded form fields (see the module's docstring); a key met
    twice gets a list of values."""
    pairs: list[tuple[str, str]] = []
    for key, value in (fields or {}).items():
        style = (styles or {}).get(key, "form")
        if style not in ("form", "deepObject"):
            raise ValueError(f"unknown form style {style!r} for field {key!r}")
        _form_into(pairs, key, value, style == "deepObject")
    result: dict[str, str | list[str]] = {}
    for key, value in pairs:
        existing = result.get(key)
        if existing is None:
            result[key] = value
        elif isinstance(existing, list):
            existing.append(value)
        else:
            result[key] = [existing, value]
    return result
