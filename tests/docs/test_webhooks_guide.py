"""The docs' webhooks guide says what the spec says: the webhooks it lists, how (and whether)
their requests are signed."""

from __future__ import annotations

from pathlib import Path

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"
GUIDE = "docs/docs/guides/webhooks.md"


def _guide(name: str) -> str:
    built = build_api(
        FIXTURES / name, Config(), workflows=None, strict=False, use_config_names=False
    )
    files = render_targets(built.api, [available_targets()["docs"]])
    return files[GUIDE].decode("utf-8")


def _table(text: str, heading: str) -> list[list[str]]:
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def test_listed_webhooks_are_a_table_of_name_tag_payload_and_summary() -> None:
    guide = _guide("webhooks_31.yaml")
    assert _table(guide, "Event types") == [
        ["`batchCompleted`", "`batch.completed`", "[BatchCompleted](../models/batch_completed.md)",
         "A batch finished"],
        ["`batchFailed`", "`batch.failed`", "[BatchFailed](../models/batch_failed.md)",
         "A batch failed"],
        ["`fileUploaded`", "`file.uploaded`",
         "[FileUploadedEvent](../models/file_uploaded_event.md)", "A file arrived"],
    ]  # fmt: skip
    assert "the `Events-Signature` header" in guide
    assert "whose `created_at` is more than a minute old" in guide


def test_unsigned_webhooks_are_parsed_and_the_guide_says_why_not_verified() -> None:
    guide = _guide("webhooks.yaml")
    assert "## Verifying the signature" not in guide
    assert "does not say how webhook requests are signed" in guide
    assert "webhooks.parse_event(raw_body)" in guide
    assert _table(guide, "Event types") == [
        ["`paid`", "[OrderPaid](../models/order_paid.md)"],
        ["`refunded`", "[OrderRefunded](../models/order_refunded.md)"],
    ]
