"""Base classes for generated models and enums."""

from __future__ import annotations

import threading
from enum import Enum, IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

import pydantic

from ._exceptions import MissingFieldError

__all__ = ["BaseModel", "OpenIntEnum", "OpenStrEnum"]


class BaseModel(pydantic.BaseModel):
    """Base class of every generated model.

    * unknown fields sent by the server are kept (``extra="allow"``) and readable as
      attributes or through ``model_extra``;
    * fields can be populated by their Python name or their wire alias;
    * ``model_dump()`` / ``model_dump_json()`` use the wire aliases by default;
    * a required field absent from a leniently parsed response raises
      :class:`MissingFieldError` (an ``AttributeError``) naming it when read.
    """

    model_config = pydantic.ConfigDict(
        extra="allow",
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        protected_namespaces=(),
    )

    if not TYPE_CHECKING:  # keep static attribute checking intact

        def __getattr__(self, name: str) -> Any:
            try:
                return super().__getattr__(name)
            except AttributeError:
                info = type(self).model_fields.get(name)
                if info is None:
                    raise
                wire = info.alias or name
                raise MissingFieldError(
                    f"{type(self).__name__}.{name}: the API response did not include the "
                    f"required field {wire!r} (the response was parsed leniently; pass "
                    "strict_response_validation=True to the client to reject it instead)"
                ) from None

    def to_dict(self) -> dict[str, Any]:
        """JSON-compatible dict with wire names, without fields that were never set.

        Values a leniently parsed response kept as sent are dumped as they are, without
        pydantic's serializer warnings (the mismatch was logged when it was parsed).
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True, warnings=False)

    def to_json(self) -> str:
        """JSON string with wire names, without fields that were never set."""
        return self.model_dump_json(by_alias=True, exclude_unset=True, warnings=False)


_unknown_lock = threading.Lock()
_unknown_members: dict[tuple[type[Enum], object], Enum] = {}


def _unknown_member(cls: type[Enum], value: object, base: Any) -> Any:
    key = (cls, value)
    cached = _unknown_members.get(key)
    if cached is not None:
        return cached
    with _unknown_lock:
        cached = _unknown_members.get(key)
        if cached is not None:
            return cached
        member: Any = base.__new__(cls, value)
        member._name_ = f"UNKNOWN_{value}"
        member._value_ = value
        member.__dict__["_sdk_unknown_"] = True
        _unknown_members[key] = member
        return member


class OpenStrEnum(StrEnum):
    """A string enum that also accepts values it does not know.

    ``Color("brand_new")`` returns a pseudo-member instead of raising; it is cached
    (``Color("x") is Color("x")``), has ``.value == "brand_new"``, compares equal to the
    string and reports ``.is_unknown``.  Pydantic fields typed with the enum accept
    unknown values the same way.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            return _unknown_member(cls, value, str)
        return None

    @property
    def is_unknown(self) -> bool:
        """True for values that are not declared members of the enum."""
        return bool(self.__dict__.get("_sdk_unknown_", False))


class OpenIntEnum(IntEnum):
    """An integer enum that also accepts values it does not know (see :class:`OpenStrEnum`)."""

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return _unknown_member(cls, value, int)
        return None

    @property
    def is_unknown(self) -> bool:
        """True for values that are not declared members of the enum."""
        return bool(self.__dict__.get("_sdk_unknown_", False))
