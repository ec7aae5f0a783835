"""The committed docs build as a site with no warnings under both builders the issue names:
`mkdocs build --strict` (mkdocs-material 9.8) and `zensical build --strict`."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import MERMAID_PAGE_PATH, PAGES, SITE_SRC, Build, build, prepare

WARNING = re.compile(r"^\s*(WARNING|ERROR)\b|warning:", re.M | re.I)


def test_mkdocs_strict_build_has_no_warnings(built_site: Build) -> None:
    assert not WARNING.search(built_site.output), built_site.output
    pages = list(PAGES.rglob("*.md"))
    html = list(built_site.site.rglob("index.html"))
    assert len(html) >= len(pages), (len(html), len(pages))
    assert (built_site.site / MERMAID_PAGE_PATH).exists(), "mermaid's script is not in the site"
    print(f"mkdocs: {len(pages)} pages in {built_site.seconds:.1f} s")


def test_zensical_strict_build_has_no_warnings(tmp_path: Path) -> None:
    done = build(prepare(SITE_SRC, tmp_path / "docs"), "zensical")
    assert not re.search(r"warning|error", done.output, re.I) or "No issues found" in done.output
    assert "No issues found" in done.output, done.output
    assert (done.site / "index.html").exists()
    assert (done.site / MERMAID_PAGE_PATH).exists()
    print(f"zensical: built in {done.seconds:.1f} s")


def test_a_broken_link_fails_the_strict_build(tmp_path: Path) -> None:
    """The strict build is a real check: a dangling link or anchor makes it fail."""
    import subprocess

    from .conftest import QUIET, tool

    folder = prepare(SITE_SRC, tmp_path / "docs")
    index = folder / "docs" / "index.md"
    broken = "\n[gone](nowhere.md) [no heading](models.md#no-such-heading)\n"
    index.write_text(index.read_text(encoding="utf-8") + broken, "utf-8")
    done = subprocess.run(
        [str(tool("mkdocs")), "build", "--strict"], cwd=folder, env=QUIET,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode != 0
    assert "nowhere.md" in done.stdout + done.stderr
    assert "#no-such-heading" in done.stdout + done.stderr
