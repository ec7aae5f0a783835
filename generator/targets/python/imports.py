"""The import section of a generated Python module: what it needs, in the order ruff wants."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Imports:
    """What a generated module needs; rendered as sorted import lines."""

    typing: set[str] = field(default_factory=set)
    datetime: bool = False  # `import datetime as _dt` (a field called `date` can't shadow it)
    builtins: bool = False  # `import builtins`: a builtin a method of the class shadows
    collections: set[str] = field(default_factory=set)
    core: set[str] = field(default_factory=set)
    pydantic: set[str] = field(default_factory=set)
    #: ``TypeAliasType`` comes from here, not from the SDK's core: ruff reads the string value
    #: of typing(_extensions)' own as a type expression, so its names count as used (F401)
    typing_extensions: set[str] = field(default_factory=set)
    models: dict[str, set[str]] = field(default_factory=dict)  # module -> names

    def model(self, module: str, name: str) -> None:
        self.models.setdefault(module, set()).add(name)

    def block(
        self,
        *,
        core_module: str,
        model_prefix: str,
        exclude_module: str | None = None,
        defer_models: bool = False,
    ) -> str:
        """The import section, ordered as isort/ruff would order it.

        ``defer_models`` puts the model imports under ``if TYPE_CHECKING:``: a module whose
        code imports its models where it runs them (see :meth:`model_lines`) names them only
        in annotations, so importing it does not build any pydantic class.
        """
        models = self.model_lines(model_prefix, exclude_module)
        typing = set(self.typing)
        if defer_models and models:
            typing.add("TYPE_CHECKING")
        stdlib: list[str] = []
        if self.builtins:
            stdlib.append("import builtins")
        if self.datetime:
            stdlib.append("import datetime as _dt")
        if self.collections:
            stdlib.append(f"from collections.abc import {names_list(self.collections)}")
        if typing:
            stdlib.append(f"from typing import {names_list(typing)}")
        third = [f"from pydantic import {names_list(self.pydantic)}"] if self.pydantic else []
        if self.typing_extensions:
            third.append(f"from typing_extensions import {names_list(self.typing_extensions)}")
        local: list[str] = []
        if self.core:
            local.append(f"from {core_module} import {names_list(self.core)}")
        if not defer_models:
            local.extend(models)
        text = "\n\n".join("\n".join(group) for group in (stdlib, third, local) if group)
        if defer_models and models:
            text += "\n\nif TYPE_CHECKING:\n" + "\n".join(f"    {line}" for line in models)
        return text

    def model_lines(self, model_prefix: str, exclude_module: str | None = None) -> list[str]:
        """``from <prefix><module> import A, B`` for each model module, sorted."""
        return [
            f"from {model_prefix}{module} import {names_list(names)}"
            for module, names in sorted(self.models.items(), key=lambda item: module_key(item[0]))
            if module != exclude_module
        ]


_DIGITS = re.compile(r"(\d+)")

NaturalKey = tuple[tuple[int, str], ...]


def natural_key(text: str) -> NaturalKey:
    """ruff's natural order (the natord crate, after strnatcmp): ``x_2d8e`` before ``x_10``
    before ``x_21cf`` — runs of digits compare as numbers, except that a run with a leading zero
    compares digit by digit and before the others (``x_05603`` before ``x_2df1``). Long names
    are cut and end in a hash, so this decides real orders."""
    return tuple(
        ((-1, part) if not index % 2 else (0, part) if part.startswith("0") else (int(part), ""))
        for index, part in enumerate(_DIGITS.split(text))
    )


def module_key(module: str) -> tuple[NaturalKey, str]:
    """How ruff orders ``from`` imports: by module, case-insensitively, naturally."""
    return natural_key(module.lower()), module


def isort_key(name: str) -> tuple[int, NaturalKey]:
    """ruff's order-by-type: CONSTANTS, then Classes, then functions, each case-sensitively
    and naturally (``A2`` before ``A10``)."""
    if name.isupper() and len(name) > 1:
        return (0, natural_key(name))
    if name[:1].isupper():
        return (1, natural_key(name))
    return (2, natural_key(name))


def member_key(name: str) -> tuple[int, NaturalKey, str]:
    """How ruff orders the names of one ``from`` import: by type, then case-insensitively
    (``TaxId`` before ``TaxIDsOwner``, ``TransferReversals`` before ``TransferReversalSource…``:
    Stripe's SDK), naturally."""
    kind, _ = isort_key(name)
    return kind, natural_key(name.lower()), name


def names_list(names: set[str] | list[str]) -> str:
    return ", ".join(sorted(set(names), key=member_key))


def sort_all(names: list[str]) -> list[str]:
    return sorted(names, key=isort_key)
