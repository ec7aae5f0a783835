"""Every relative link of the generated docs resolves, to a page and to an anchor on it, and
every operation, schema and workflow of the spec has its page (counted)."""

from __future__ import annotations

import posixpath
from functools import cache

import pytest

from generator.targets.context import TargetContext
from generator.targets.pages import DocsPaths

from .conftest import PAGES, docs_api
from .pages import anchors, links, markdown_pages


@cache
def pages() -> dict[str, str]:
    return markdown_pages(PAGES)


def test_every_relative_link_and_anchor_resolves() -> None:
    all_pages = pages()
    checked = 0
    broken: list[str] = []
    for page, text in all_pages.items():
        for href in links(text):
            if "://" in href or href.startswith("mailto:"):
                continue
            path, _, anchor = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
            )
            checked += 1
            if target not in all_pages:
                broken.append(f"{page}: {href} (no page {target})")
            elif anchor and anchor not in anchors(all_pages[target]):
                broken.append(f"{page}: {href} (no heading #{anchor} on {target})")
    assert not broken, "\n".join(broken)
    assert checked > 1000, f"only {checked} links checked"


def test_every_operation_schema_and_workflow_has_its_page() -> None:
    spec = docs_api()
    ctx = TargetContext(spec)
    all_pages = pages()
    expected = {
        "operation": [DocsPaths.operation(ctx.service_of(op), op) for op in spec.operations],
        "service": [DocsPaths.service(s) for s in spec.services],
        "schema": [DocsPaths.model(s) for s in spec.schemas],  # none of ours shares a page
        "workflow": [DocsPaths.workflow(w) for w in spec.workflows],
    }
    for kind, wanted in expected.items():
        missing = [p for p in wanted if p not in all_pages]
        assert not missing, f"{kind} pages missing: {missing}"
        assert len(set(wanted)) == len(wanted), f"two {kind}s share a page"
    counts = {kind: len(wanted) for kind, wanted in expected.items()}
    assert counts == {"operation": 77, "service": 15, "schema": 207, "workflow": 26}, counts
    for op in spec.operations:
        page = all_pages[DocsPaths.operation(ctx.service_of(op), op)]
        assert f"`{op.method} {op.path}`" in page
    guides = [p for p in all_pages if p.startswith("guides/")]
    assert len(guides) == 6, guides


@pytest.mark.parametrize(
    ("page", "anchor"),
    [("reference/messages/create-message.md", "201-created"), ("models/message.md", "fields")],
)
def test_anchor_reader_knows_the_headings_it_is_asked_about(page: str, anchor: str) -> None:
    """The anchor check reads headings the way mkdocs does (a check that finds none proves
    nothing)."""
    assert anchor in anchors(pages()[page])
    assert "no-such-heading" not in anchors(pages()[page])
