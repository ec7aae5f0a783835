"""A schema defined inside another is a section of that schema's page (generator/parse/modules.py):
the docs of tests/fixtures/features/nested.yaml link each one to its anchor, the anchors are
there, and mkdocs' strict build (which checks anchors) passes."""

from __future__ import annotations

import json
import posixpath
import subprocess
from pathlib import Path

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets
from generator.targets.pages import DocsPaths

from .conftest import QUIET, ROOT, tool
from .pages import anchors, links, markdown_pages

FIXTURES = ROOT / "tests" / "fixtures" / "features"


def _docs(dest: Path) -> dict[str, str]:
    built = build_api(
        FIXTURES / "nested.yaml", Config(), workflows=None, strict=True, use_config_names=False
    )
    for rel, data in render_targets(built.api, [available_targets()["docs"]]).items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return markdown_pages(dest / DocsPaths.ROOT)


def test_nested_schemas_are_sections_of_their_outer_page_and_every_link_lands(
    tmp_path: Path,
) -> None:
    pages = _docs(tmp_path)
    models = sorted(p for p in pages if p.startswith("models/"))
    assert models == [
        "models/create_order_request.md",
        "models/hours.md",
        "models/member.md",
        "models/order.md",
        "models/person.md",
        "models/shop.md",
        "models/team.md",
    ]
    order = pages["models/order.md"]
    assert order.startswith("# Order\n")
    assert "\n## OrderCustomerAddress {#order-customer-address}\n" in order
    assert "\n### Fields\n" in order  # a section's own headings one level down
    # the page lists the operations that use Order; a section used by the same says so
    head, _, sections = order.partition("\n## OrderCustomer {#order-customer}\n")
    assert "- [Create an order](../reference/orders/create-order.md)" in head
    assert "\n### Used by operations\n\nThe operations that use Order, above.\n" in sections
    assert "create-order.md" not in sections
    # a page lists the operations that name its schema, not those that reach it through other
    # named schemas: "Used in models" shows that way (getTeam → Team → TeamLead → Member)
    member = pages["models/member.md"]
    assert "Used by operations" not in member.partition("\n## MemberTeamsItem")[0]
    assert "- [TeamLead](team.md#team-lead)" in member
    assert "- [Get a team](../reference/teams/get-team.md)" in pages["models/team.md"]
    checked = 0
    for page, text in pages.items():
        for href in links(text):
            if "://" in href:
                continue
            path, _, anchor = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            assert target in pages, f"{page}: {href}"
            assert not anchor or anchor in anchors(pages[target]), f"{page}: {href}"
            checked += bool(anchor and target.startswith("models/"))
    assert checked >= 10
    operation = pages["reference/orders/create-order.md"]
    assert "../../models/create_order_request.md#create-order-request-lines-item)" in operation


def test_nested_pages_build_strict(tmp_path: Path) -> None:
    _docs(tmp_path)
    done = subprocess.run(
        [str(tool("python")), "-m", "tests.docs.mkdocs_many", str(tmp_path / DocsPaths.SITE)],
        cwd=ROOT, env=QUIET, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["ok"], result["output"]
    built = (tmp_path / DocsPaths.SITE / "site" / "models" / "order" / "index.html").read_text(
        encoding="utf-8"
    )
    assert 'id="order-customer-address"' in built
