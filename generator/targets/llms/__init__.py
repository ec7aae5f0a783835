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

import functools
import io
from collections.abc import Callable, Iterator, Mapping

from ...ir import Api
from ...render_cache import Fragments, Planned, Units, digest_of, key_of
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


def compose_llms(
    api: Api,
    outputs: Mapping[str, bytes],
    rebased: Rebase | None = None,
    spans: dict[str, tuple[int, int]] | None = None,
) -> Iterator[tuple[str, str | bytes]]:
    """Both files; the docs pages from ``outputs`` when the run rendered them already.
    ``rebased`` gives a page's text with its links rebased (:func:`.full.rebase_links`), or
    a kept copy of what that gave; ``spans`` is told where in llms-full.txt each page went."""
    if DocsPaths.from_output(DocsPaths.INDEX) not in outputs:
        pages = docs_pages(api)
        if pages is None:  # no docs target: a section per operation instead of its page
            yield from _without_docs(api)
            return
        outputs = pages
    links = DocLinks(api.project)
    rebase = rebased or functools.partial(_rebased, links, {})
    order = reading_order(api, [rel for rel in outputs if is_docs_page(rel)])
    guides = guide_pages(
        Page(rel, rebase(rel, outputs[rel]).decode("utf-8"))
        for rel in order
        if rel.startswith(_GUIDES)
    )
    text = render("llms/llms.txt.jinja", llms=LlmsViews(TargetContext(api)).view(guides))
    yield LLMS_TXT, text
    yield LLMS_FULL, _full(text, order, outputs, rebase, {} if spans is None else spans)


#: A docs page (its path under the output folder, its bytes) → its bytes in llms-full.txt.
Rebase = Callable[[str, bytes], bytes]


def _rebased(links: DocLinks, memo: dict[tuple[str, str], str], rel: str, page: bytes) -> bytes:
    if b"](" not in page:  # no link: as it is
        return page
    return rebase_links(page.decode("utf-8"), rel, links, memo).encode("utf-8")


def _page_key(units: Units, project: str, rel: str, page: bytes) -> str:
    """A docs page's rebased text is kept by the page's digest (and the project's names:
    where links lead)."""
    return key_of(units.salt, "llms page", project, rel, units.bytes_digest(page))


def plan_llms(api: Api, units: Units, outputs: Mapping[str, bytes]) -> Iterator[Planned]:
    """Both files, made again after any edit (they cover everything); a page's rebased
    links are kept by the page's digest (render_cache.Fragments), so only the pages that
    changed are rebased again."""
    fragments = Fragments(units)
    links = DocLinks(api.project)
    memo: dict[tuple[str, str], str] = {}
    project = digest_of(api.project) if units.enabled else ""
    keys: dict[str, str | None] = {}
    if units.enabled and DocsPaths.from_output(DocsPaths.INDEX) in outputs:
        keys = {
            rel: units.later(functools.partial(_page_key, units, project, rel, page))
            for rel, page in outputs.items()
            if is_docs_page(rel) and b"](" in page
        }
        fragments.ask(keys.values())

    def rebased(rel: str, page: bytes) -> bytes:
        make = functools.partial(_rebased, links, memo, rel, page)
        return fragments.get(keys.get(rel), make, hold=False)  # kept as views of the file

    made: dict[str, str | bytes] = {}

    def produce(rel: str) -> str | bytes:
        if not made:
            spans: dict[str, tuple[int, int]] = {}
            made.update(compose_llms(api, outputs, rebased, spans))
            full = made[LLMS_FULL]
            assert isinstance(full, bytes)
            fragments.keep_views(
                full, {key: spans[rel] for rel, key in keys.items() if key and rel in spans}
            )
        return made.pop(rel)

    yield Planned(LLMS_TXT, None, functools.partial(produce, LLMS_TXT))
    yield Planned(LLMS_FULL, None, functools.partial(produce, LLMS_FULL))


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


def _full(
    map_text: str,
    order: list[str],
    outputs: Mapping[str, bytes],
    rebase: Rebase,
    spans: dict[str, tuple[int, int]],
) -> bytes:
    """What llms/llms-full.txt.jinja makes of the map and the pages (``{{ map }}``, then per
    page a rule, its source and its text), with one final newline, as UTF-8; ``spans`` is
    told where each page's (rebased) text is."""
    buffer = io.BytesIO()
    buffer.write(map_text.rstrip("\n").encode("utf-8"))
    buffer.write(b"\n")
    for rel in order:
        buffer.write(b"\n---\nSource: " + rel.encode("utf-8") + b"\n\n")
        start = buffer.tell()
        buffer.write(rebase(rel, outputs[rel]))  # links, maybe relative: rebased
        spans[rel] = (start, buffer.tell())
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
    plan=plan_llms,
)
