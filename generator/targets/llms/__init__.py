"""llms.txt and llms-full.txt at the top of the output folder (llmstxt.org).

``llms.txt`` is the map: what the API is, how to call it, and a link line per operation page
and per guide of the docs. ``llms-full.txt`` is the same map followed by the pages themselves
(see :mod:`.full` for which pages and in what order).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...ir import Api
from .. import Target
from ..context import TargetContext
from ..render import render
from .full import docs_pages, guide_pages, operation_sections
from .views import LLMS_FULL, LLMS_TXT, LlmsViews


def render_llms(api: Api) -> Iterator[tuple[str, str]]:
    ctx = TargetContext(api)
    pages = docs_pages(api)
    text = render("llms/llms.txt.jinja", llms=LlmsViews(ctx).view(guide_pages(pages or ())))
    yield LLMS_TXT, text
    yield LLMS_FULL, render(
        "llms/llms-full.txt.jinja",
        map=text.rstrip("\n"),
        pages=pages,
        sections=() if pages is not None else tuple(operation_sections(ctx)),
    )


TARGET = Target(
    name="llms",
    roots=(LLMS_TXT, LLMS_FULL),
    render=render_llms,
    description="llms.txt and llms-full.txt (llmstxt.org)",
)
