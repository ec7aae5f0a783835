"""The contract tests' Prism (one process per session serving spec/pachca.yaml with request
validation), for running the skills' workflow commands against it."""

from __future__ import annotations

from tests.contract.conftest import mock_server, prism  # noqa: F401  (fixtures)
