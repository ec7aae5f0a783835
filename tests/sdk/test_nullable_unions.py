"""A union with ``null`` among its options (GitHub's requested reviewers: ``oneOf: [User,
null, Team]``) takes ``None``: the null option was dropped, so a field of that type refused
the null the server sends (tests/fixtures/features/nullable_31.yaml, ``Reviewer``)."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

from tests.sdk.generated_sdk import generated

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "nullable_31.yaml"


def test_the_null_option_is_kept_and_written_last(tmp_path_factory: pytest.TempPathFactory) -> None:
    with generated(tmp_path_factory, FIXTURE) as (src, package):
        reviewer = package.Reviewer
        adapter = pydantic.TypeAdapter(reviewer)
        assert adapter.validate_python(None) is None
        team = adapter.validate_python({"slug": "core"})
        assert team.slug == "core"
        source = next(src.rglob("types/reviewer.py")).read_text(encoding="utf-8")
        assert "Reviewer: TypeAlias = Profile | ReviewerVariant3 | None" in source
