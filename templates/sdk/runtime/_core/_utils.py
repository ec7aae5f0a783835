"""Internal helpers: JSON bodies, URL paths, response decoding and validation."""

from __future__ import annotations

import datetime as _dt
import functools
import json
import re
import warnings
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx
import pydantic
import pydantic_core

from ._exceptions import ConfigurationError
from ._qs import aware, format_scalar
from ._types import NotGiven

__all__ = [
    "MISSING",
    "build_path",
    "decode_body",
    "dig",
    "dump_json",
    "mask_headers",
    "mask_token",
    "to_jsonable",
    "validate_as",
    "warn_deprecated_arguments",
    "wrapped_body",
]

_PLACEHOLDER_RE = re.compile(r"\{([^{}]+)\}")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def to_jsonable(value: object) -> Any:
    """Convert a request body into plain JSON data.

    Pydantic models are dumped with ``by_alias=True, exclude_unset=True``;
    :data:`NOT_GIVEN` entries of mappings are dropped (``None`` is kept); enums become their
    value; dates/times become ISO 8601, a naive datetime as local time with its offset
    (:func:`aware`), in models too.
    """
    if value is None or isinstance(value, str | int | float):
        if isinstance(value, Enum):
            return to_jsonable(value.value)
        return value
    if isinstance(value, pydantic.BaseModel):
        return to_jsonable(value.model_dump(by_alias=True, exclude_unset=True))
    if isinstance(value, Enum):
        return to_jsonable(value.value)
    if isinstance(value, Mapping):
        return {
            str(to_jsonable(key)) if not isinstance(key, str) else key: to_jsonable(item)
            for key, item in value.items()
            if not isinstance(item, NotGiven)
        }
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(item) for item in value if not isinstance(item, NotGiven)]
    if isinstance(value, _dt.datetime):
        return aware(value).isoformat()
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, NotGiven):
        return None
    return pydantic_core.to_jsonable_python(value, by_alias=True)


def dump_json(value: object) -> bytes:
    """Serialize a request body to compact UTF-8 JSON."""
    return json.dumps(
        to_jsonable(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _quote_segment(value: object) -> str:
    text = format_scalar(value)
    if text == "":
        raise ConfigurationError("path parameters must not be empty")
    quoted = quote(text, safe="")
    if quoted in (".", ".."):
        quoted = quoted.replace(".", "%2E")
    return quoted


def build_path(template: str, params: Mapping[str, object] | None) -> str:
    """Substitute ``{name}`` placeholders with URL-quoted parameter values."""
    params = params or {}

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params or params[name] is None or isinstance(params[name], NotGiven):
            raise ConfigurationError(f"missing path parameter {name!r}")
        return _quote_segment(params[name])

    return _PLACEHOLDER_RE.sub(replace, template)


def dig(data: object, path: Sequence[str]) -> Any:
    """Follow ``path`` through nested dicts; :data:`MISSING` when any step is absent."""
    current: object = data
    for key in path:
        if not isinstance(current, Mapping) or key not in current:
            return MISSING
        current = current[key]
    return current


def decode_body(response: httpx.Response) -> object:
    """Decoded JSON, else the body's text; ``None`` for an empty body.  Never raises."""
    content = response.content
    if not content.strip():
        return None
    try:
        return json.loads(content)
    except ValueError:
        pass
    try:
        return response.text
    except (LookupError, ValueError):
        return content.decode("utf-8", errors="replace")


@functools.lru_cache(maxsize=512)
def _cached_adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    return pydantic.TypeAdapter(tp)


def _adapter(tp: Any) -> pydantic.TypeAdapter[Any]:
    try:
        return _cached_adapter(tp)
    except TypeError:  # unhashable type expression
        return pydantic.TypeAdapter(tp)


def validate_as(tp: Any, value: object) -> Any:
    """Validate ``value`` (plain JSON data) as ``tp`` (a model class or any type expression)."""
    if tp is object or tp is Any:
        return value
    if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
        return tp.model_validate(value)
    return _adapter(tp).validate_python(value)


def mask_token(token: str | None) -> str:
    """A loggable stand-in for a secret: at most its last 4 characters are kept."""
    if not token:
        return "<none>"
    if len(token) >= 16:
        return "****" + token[-4:]
    return "****"


def mask_headers(headers: Mapping[str, str], token: str | None) -> dict[str, str]:
    """Copy of ``headers`` safe for logs (authorization values masked)."""
    masked: dict[str, str] = {}
    for key, value in headers.items():
        if key.lower() in ("authorization", "proxy-authorization", "cookie", "x-api-key"):
            scheme, _, secret = value.partition(" ")
            masked[key] = f"{scheme} {mask_token(secret)}" if secret else mask_token(value)
        elif token and token in value:
            masked[key] = value.replace(token, mask_token(token))
        else:
            masked[key] = value
    return masked


def wrapped_body(
    name: str, model: object | None, fields: Mapping[str, object], required: Sequence[str] = ()
) -> object:
    """The object a request body wraps under one key: ``model`` when the caller passed it,
    else its fields given as keywords (keyed by wire name, ``NOT_GIVEN`` for those left out).

    Raises ``TypeError`` when both are given, or when a field named in ``required`` is
    missing from the keywords.
    """
    if model is None:
        missing = [key for key in required if isinstance(fields.get(key), NotGiven)]
        if missing:
            raise TypeError(f"missing required argument(s): {', '.join(missing)}")
        return fields
    if any(not isinstance(value, NotGiven) for value in fields.values()):
        raise TypeError(f"pass either `{name}` or its fields as keywords, not both")
    return model


def warn_deprecated_arguments(method: str, given: Mapping[str, object]) -> None:
    """A ``DeprecationWarning`` for each argument the API deprecates that the caller passed
    (``given``: such arguments by name, ``NOT_GIVEN`` for those left out)."""
    for name, value in given.items():
        if not isinstance(value, NotGiven):
            warnings.warn(
                f"argument `{name}` of `{method}` is deprecated by the API",
                DeprecationWarning,
                stacklevel=3,
            )
