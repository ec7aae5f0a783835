"""Path templates: the ``{name}`` placeholders of ``/chats/{id}/members``, or why there are none.

OpenAPI leaves a placeholder's name free except for braces; an empty ``{}``, an unclosed ``{``,
a stray ``}`` or a ``{`` inside a placeholder leaves a template nobody can fill, so it is an
error (exit 2) rather than a method that requests a literal ``%7B…``.
"""

from __future__ import annotations

import re


class TemplateError(ValueError):
    """A path template that cannot be filled; the message says what and where (1-based)."""


def placeholders(path: str) -> tuple[str, ...]:
    """The placeholder names of ``path``, in order; raise :class:`TemplateError` if malformed."""
    names: list[str] = []
    start: int | None = None
    for index, char in enumerate(path):
        if char == "{":
            if start is not None:
                raise TemplateError(f"`{{` inside a placeholder at character {index + 1}")
            start = index
        elif char == "}":
            if start is None:
                raise TemplateError(f"`}}` without an opening `{{` at character {index + 1}")
            name = path[start + 1 : index]
            if not name.strip():
                raise TemplateError(f"empty placeholder `{{}}` at character {start + 1}")
            names.append(name)
            start = None
    if start is not None:
        raise TemplateError(f"unclosed `{{` at character {start + 1}")
    return tuple(names)


VERSION_PREFIX = re.compile(r"v\d+(?:\.\d+)*(?:alpha\d*|beta\d*)?|api|rest", re.IGNORECASE)


def path_resource(path: str) -> str:
    """The service of an operation in a document that tags none: its path's first segment
    past version and API prefixes (``/v1/checkout/sessions`` → ``checkout``); ``Default`` for
    a path of none."""
    for segment in path.split("/"):
        if segment and not segment.startswith("{") and not VERSION_PREFIX.fullmatch(segment):
            return segment
    return "Default"
