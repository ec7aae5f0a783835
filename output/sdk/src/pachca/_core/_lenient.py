"""Lenient response parsing: keep what validates, report what does not.

A response that does not match its schema is not thrown away (unless the client was made
with ``strict_response_validation=True``): every model is built field by field, values that
validate are converted as usual, values that do not are kept as the server sent them, and
required fields the server left out are not set at all, so reading one raises
:class:`MissingFieldError` naming it.  Every problem is reported as ``where: what``.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Annotated, Any, Union, get_args, get_origin

import pydantic

from ._utils import validate_as

__all__ = ["validate_leniently"]

_Path = tuple[str | int, ...]


_ROOT = "(response)"


def validate_leniently(tp: Any, value: object) -> tuple[Any, list[str]] | None:
    """``value`` validated as ``tp`` as far as it goes, and the problems found on the way;
    ``None`` when the value as a whole is not of the declared shape (``null`` or text where
    an object is documented), which no lenience can turn into a usable result."""
    problems: list[str] = []
    result = _lenient(tp, value, (), problems)
    if any(problem.startswith(_ROOT + ":") for problem in problems):
        return None
    return result, problems


def _where(path: _Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or _ROOT


def _first_error(exc: pydantic.ValidationError) -> str:
    errors = exc.errors(include_url=False)
    if not errors:
        return str(exc)
    first = errors[0]
    loc = ".".join(str(part) for part in first.get("loc", ()))
    return f"{first['msg']}" + (f" (at {loc})" if loc else "")


def _lenient(tp: Any, value: object, path: _Path, problems: list[str]) -> Any:
    try:
        return validate_as(tp, value)
    except pydantic.ValidationError as exc:
        error = exc
    origin = get_origin(tp)
    if origin is Annotated:
        return _lenient(get_args(tp)[0], value, path, problems)
    if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel) and isinstance(value, dict):
        return _construct(tp, value, path, problems)
    if origin is list and isinstance(value, list):
        (item_type,) = get_args(tp) or (Any,)
        return [_lenient(item_type, item, (*path, i), problems) for i, item in enumerate(value)]
    if origin in (Union, types.UnionType) and isinstance(value, dict):
        models = [arg for arg in get_args(tp) if _is_model(arg)]
        if len(models) == 1:
            return _construct(models[0], value, path, problems)
    problems.append(f"{_where(path)}: {_first_error(error)}")
    return value


def _is_model(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, pydantic.BaseModel)


def _keys(name: str, info: Any) -> Sequence[str]:
    alias = info.validation_alias if isinstance(info.validation_alias, str) else info.alias
    return (alias, name) if alias and alias != name else (name,)


def _construct(
    model: type[pydantic.BaseModel], data: dict[str, Any], path: _Path, problems: list[str]
) -> pydantic.BaseModel:
    values: dict[str, Any] = {}
    used: set[str] = set()
    for name, info in model.model_fields.items():
        keys = _keys(name, info)
        key = next((k for k in keys if k in data), None)
        if key is None:
            if info.is_required():
                problems.append(f"{_where((*path, keys[0]))}: required field missing")
            continue
        used.add(key)
        values[name] = _lenient(info.rebuild_annotation(), data[key], (*path, key), problems)
    extra = {key: item for key, item in data.items() if key not in used}
    instance = model.model_construct(_fields_set=set(values), **values)
    if extra and instance.__pydantic_extra__ is not None:
        instance.__pydantic_extra__.update(extra)
    return instance
