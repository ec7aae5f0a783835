"""The contract cases cover every operation Pachca publishes.

Pachca's own description (``../shared/corpus/pachca-upstream.en.yaml``, read by path and
skipped when absent) is the list of what the API offers; each of its operations, by method
and path, must be among the operations ``cases()`` calls against Prism.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from .cases import cases

UPSTREAM = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pachca-upstream.en.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _published_operations() -> set[tuple[str, str]]:
    document = yaml.safe_load(UPSTREAM.read_text(encoding="utf-8"))
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


def test_every_published_operation_is_a_contract_case() -> None:
    if not UPSTREAM.is_file():
        pytest.skip(f"no upstream Pachca description at {UPSTREAM}")
    published = _published_operations()
    covered = {(case.op.method, case.op.path) for case in cases()}
    missing = sorted(published - covered)
    assert not missing, f"published operations without a contract case: {missing}"
