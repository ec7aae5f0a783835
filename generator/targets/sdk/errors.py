"""Typed exceptions: every status class's ``error`` typed with the spec's error models.

The runtime raises ``NotFoundError`` and friends with ``error: Any``.  The SDK subclasses
each of them in ``<pkg>/_exceptions.py`` and narrows ``error`` to the models the operations
document for the statuses the class stands for (the code itself, its ``4XX``-style range
and ``default``), so code in an ``except`` clause gets help from the type checker.  The
runtime parses an error body only into the models documented for its status, which keeps
those annotations true.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import Response, TypeRef
from ..python.imports import Imports, sort_all
from ..python.source import docstring
from ..text import wrap
from .context import SdkContext

# The runtime's status classes: (class name, status code; None for every 5xx).
STATUS_CLASSES: tuple[tuple[str, int | None], ...] = (
    ("BadRequestError", 400),
    ("AuthenticationError", 401),
    ("PaymentRequiredError", 402),
    ("PermissionDeniedError", 403),
    ("NotFoundError", 404),
    ("ConflictError", 409),
    ("GoneError", 410),
    ("UnprocessableEntityError", 422),
    ("RateLimitError", 429),
    ("InternalServerError", None),
)
BASE_CLASS = "APIStatusError"
ERROR_CLASS_NAMES: tuple[str, ...] = (BASE_CLASS, *(name for name, _ in STATUS_CLASSES))


@dataclass
class ErrorClassView:
    name: str
    base: str  # the generated base class ("" for the base itself)
    annotation: str  # of `error`
    doc: str
    key: str  # its key in the status → class mapping (source text)


@dataclass
class ErrorsView:
    classes: list[ErrorClassView]
    mapping: list[tuple[str, str]]  # STATUS_ERRORS: (key source, class name), default last
    imports: list[str]  # model imports, needed by the type checker only
    all_names: list[str]


def _covers(status: str, code: int | None) -> bool:
    """Whether a documented response status applies to the class of ``code``."""
    if status == "default":
        return True
    if code is None:
        return status.startswith("5")
    return status in (str(code), f"{code // 100}XX")


class ErrorRenderer(SdkContext):
    def errors_view(self) -> ErrorsView:
        imports = Imports()
        documented = [
            response
            for op in self.api.operations
            for response in op.errors
            if response.type is not None and response.type.kind == "ref"
        ]
        classes = [
            ErrorClassView(
                name=BASE_CLASS,
                base="",
                annotation=self._annotation(documented, imports),
                doc=docstring(
                    wrap(
                        "An error status. `error` is the body parsed into one of the error "
                        "models the API documents for that status, or None when it fits none "
                        "(the raw body is in `body`).",
                        92,
                    ),
                    4,
                ),
                key="'default'",
            )
        ]
        for name, code in STATUS_CLASSES:
            covered = [r for r in documented if _covers(r.status, code)]
            classes.append(
                ErrorClassView(
                    name=name,
                    base=BASE_CLASS,
                    annotation=self._annotation(covered, imports),
                    doc=docstring(f"HTTP {code if code is not None else '5xx'}.", 4),
                    key=str(code) if code is not None else "'5XX'",
                )
            )
        checking = ["from . import types as _types"] if "TYPE_CHECKING" in imports.typing else []
        imports.typing.discard("TYPE_CHECKING")
        block = imports.block(core_module="", model_prefix=".types.")
        return ErrorsView(
            classes=classes,
            mapping=[(c.key, c.name) for c in [*classes[1:], classes[0]]],
            imports=[*checking, *(block.split("\n") if block else [])],
            all_names=sort_all(["STATUS_ERRORS", *ERROR_CLASS_NAMES]),
        )

    def _annotation(self, responses: list[Response], imports: Imports) -> str:
        """``ApiError | OAuthError | None``: models are named through the ``types`` package
        (``_types.NotFoundError``), so a schema may share a name with an exception class."""
        names: set[str] = set()
        for response in responses:
            assert response.type is not None and response.type.ref is not None
            ref = TypeRef("ref", ref=response.type.ref)
            scratch = Imports()
            annotation = self.annotator.annotation(ref, scratch, "result")
            if annotation == response.type.ref:
                names.add(f"_types.{annotation}")
                imports.typing.add("TYPE_CHECKING")
                continue
            names.add(annotation)  # a plain alias spelled out, e.g. ``list[Problem]``
            for module, imported in scratch.models.items():
                for name in imported:
                    imports.model(module, name)
            imports.typing |= scratch.typing
            imports.collections |= scratch.collections
            imports.datetime |= scratch.datetime
        return " | ".join([*sorted(names), "None"])
