"""llms.txt and llms-full.txt at the top of the output folder (llmstxt.org).

``llms.txt`` is the map: what the API is, how to call it, and a link line per operation page
and per guide of the docs. ``llms-full.txt`` is the same map followed by the pages themselves
(see :mod:`.full` for which pages and in what order).

In a run that also renders the docs (the pipeline: docs come before llms), llms-full.txt is put
together from the docs pages as the run will write them, as bytes, page by page: rendering the
docs again, or holding them as text beside the run's own copy, was a large kit's peak memory
(GitHub's pages are 24 MB of UTF-8, twice or four times that as text).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping

from ...ir import Api
from .. import Target
from ..context import TargetContext
from ..pages import DocsPaths
from ..render import render
from ..skills.facts import DocLinks
from .full import (
    Page,
    docs_pages,
    guide_pages,
    is_docs_page,
    operation_sections,
    reading_order,
    rebase_links,
)
from .views import LLMS_FULL, LLMS_TXT, LlmsViews


def render_llms(api: Api) -> Iterator[tuple[str, str]]:
    for rel, data in compose_llms(api, {}):
        yield rel, data if isinstance(data, str) else data.decode("utf-8")


def compose_llms(api: Api, outputs: Mapping[str, bytes]) -> Iterator[tuple[str, str | bytes]]:
    """Both files; the docs pages from ``outputs`` when the run rendered them already."""
    if DocsPaths.from_output(DocsPaths.INDEX) not in outputs:
        pages = docs_pages(api)
        if pages is None:  # no docs target: a section per operation instead of its page
            yield from _without_docs(api)
            return
        outputs = pages
    links = DocLinks(api.project)
    order = reading_order(api, [rel for rel in outputs if is_docs_page(rel)])
    guides = guide_pages(
        Page(rel, rebase_links(outputs[rel].decode("utf-8"), rel, links))
        for rel in order
        if rel.startswith(_GUIDES)
    )
    text = render("llms/llms.txt.jinja", llms=LlmsViews(TargetContext(api)).view(guides))
    yield LLMS_TXT, text
    yield LLMS_FULL, _full(text, order, outputs, links)


def _without_docs(api: Api) -> Iterator[tuple[str, str]]:
    ctx = TargetContext(api)
    text = render("llms/llms.txt.jinja", llms=LlmsViews(ctx).view(()))
    yield LLMS_TXT, text
    yield LLMS_FULL, render(
        "llms/llms-full.txt.jinja",
        map=text.rstrip("\n"),
        sections=tuple(operation_sections(ctx)),
    )


_GUIDES = DocsPaths.from_output(DocsPaths.guide("x")).rpartition("/")[0] + "/"


def _full(map_text: str, order: list[str], outputs: Mapping[str, bytes], links: DocLinks) -> bytes:
    """What llms/llms-full.txt.jinja makes of the map and the pages (``{{ map }}``, then per
    page a rule, its source and its text), with one final newline, as UTF-8."""
    buffer = io.BytesIO()
    buffer.write(map_text.rstrip("\n").encode("utf-8"))
    buffer.write(b"\n")
    for rel in order:
        buffer.write(b"\n---\nSource: " + rel.encode("utf-8") + b"\n\n")
        page = outputs[rel]
        if b"](" in page:  # a link, maybe relative: rebased (see full.rebase_links)
            page = rebase_links(page.decode("utf-8"), rel, links).encode("utf-8")
        buffer.write(page)
        buffer.write(b"\n")
    # one final newline (generator.format), without copying the whole file to strip it
    view = buffer.getbuffer()
    end = len(view)
    while end > 1 and view[end - 1] == 0x0A and view[end - 2] == 0x0A:
        end -= 1
    del view
    buffer.truncate(end)
    return buffer.getvalue()


TARGET = Target(
    name="llms",
    roots=(LLMS_TXT, LLMS_FULL),
    render=render_llms,
    description="llms.txt and llms-full.txt (llmstxt.org)",
    compose=compose_llms,
)
