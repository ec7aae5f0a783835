"""llms.txt and llms-full.txt for our spec: the llmstxt.org reference parser reads the map
whole, every link lands on a docs page, and the full file holds every operation."""

from __future__ import annotations

import posixpath
import re

import pytest
from llms_txt import parse_llms_file

from generator.pipeline import render_targets
from generator.targets import available_targets
from tests.skills.helpers import ROOT, docs_pages, pachca_api, render


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return render(pachca_api(), "llms")


def test_the_reference_parser_reads_title_summary_and_sections(files: dict[str, str]) -> None:
    api = pachca_api()
    parsed = parse_llms_file(files["llms.txt"])
    assert parsed.title == api.title
    assert parsed.summary and parsed.summary in api.description
    assert "Base URL" in parsed.info and api.base_url in parsed.info
    assert "pip install" in parsed.info and api.project.token_env in parsed.info
    services = [s.name for s in api.services]
    assert list(parsed.sections) == [*services, "Guides", "Optional"]
    for service in api.services:
        links = parsed.sections[service.name]
        assert [link.title for link in links] == [op.summary for op in service.operations]
        for link, op in zip(links, service.operations, strict=True):
            assert f"`{op.method} {op.path}`" in link.desc
    guides = [link.url for link in parsed.sections["Guides"]]
    workflows = [u for u in guides if "/workflows/" in u]
    assert len(workflows) == len(api.workflows)
    if "docs" in available_targets():  # the docs' own guides come first
        assert guides[0].endswith("guides/authentication.md")


def test_every_link_lands_on_a_docs_page(files: dict[str, str]) -> None:
    parsed = parse_llms_file(files["llms.txt"])
    pages = docs_pages(pachca_api())
    docs_built = (ROOT / "output" / "docs" / "docs").is_dir()
    links = [link for section in parsed.sections.values() for link in section]
    assert len(links) > len(pachca_api().operations)
    for link in links:
        target = posixpath.normpath(link.url)
        assert target in pages, link.url
        if docs_built:
            assert (ROOT / "output" / target).is_file(), link.url


def test_absolute_links_when_configured() -> None:
    config = 'doc_links = "absolute"\n' + (ROOT / "dxgen.toml").read_text(encoding="utf-8")
    api = pachca_api(config)
    parsed = parse_llms_file(render(api, "llms")["llms.txt"])
    urls = [link.url for section in parsed.sections.values() for link in section]
    base = api.project.docs_base_url + "/"
    assert urls and all(url.startswith(base) for url in urls)
    relative = {posixpath.normpath(u) for u in (u.removeprefix(base) for u in urls)}
    assert {f"docs/docs/{r}" for r in relative} <= docs_pages(api)


def test_the_full_file_is_the_map_then_every_operation(files: dict[str, str]) -> None:
    full = files["llms-full.txt"]
    assert full.startswith(files["llms.txt"].rstrip("\n"))
    rest = full[len(files["llms.txt"]) :]
    for op in pachca_api().operations:
        assert re.search(rf"`{op.method} {re.escape(op.path)}`", rest), op.id


def test_the_committed_output_is_what_the_generator_makes(files: dict[str, str]) -> None:
    for rel, text in files.items():
        assert (ROOT / "output" / rel).read_text(encoding="utf-8") == text, rel


def test_links_of_the_inlined_pages_resolve_from_the_output_folder(files: dict[str, str]) -> None:
    """The docs' pages link their neighbours relatively; inlined, they link from output/."""
    if "docs" not in available_targets():
        pytest.skip("no docs target: llms-full.txt holds sections rendered from the IR")
    written = set(render(pachca_api(), "docs"))
    full = files["llms-full.txt"]
    body = re.sub(r"^```.*?^```", "", full, flags=re.S | re.M)
    body = re.sub(r"`[^`\n]*`", "", body)
    hrefs = re.findall(r"\]\(([^()\s]+)\)", body)
    local = [h for h in hrefs if not re.match(r"^(?:[a-z][a-z0-9+.-]*:|#)", h)]
    assert len(local) > 100
    for href in local:
        assert href.split("#")[0] in written, href


def test_the_docs_pages_are_rendered_once_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """In a run with the docs, llms-full.txt is made of the docs pages as the run writes them:
    the docs are rendered once, and each page is inlined (its links rebased)."""
    import generator.targets.docs as docs_target

    api = pachca_api()
    made: list[object] = []
    plan = docs_target._DocsBuilder.plan

    def counted(self: object, units: object) -> object:
        made.append(self)
        return plan(self, units)  # type: ignore[arg-type]

    monkeypatch.setattr(docs_target._DocsBuilder, "plan", counted)
    targets = available_targets()
    run = render_targets(api, [targets["docs"], targets["llms"]])
    assert len(made) == 1
    full = run["llms-full.txt"]
    index = run["docs/docs/index.md"]
    assert b"\nSource: docs/docs/index.md\n\n" + index.split(b"\n")[0] + b"\n" in full
    # the same file as a run of the llms target alone makes (it renders the docs itself)
    alone = render_targets(api, [targets["llms"]])
    assert len(made) == 2
    assert alone["llms-full.txt"] == full and alone["llms.txt"] == run["llms.txt"]
