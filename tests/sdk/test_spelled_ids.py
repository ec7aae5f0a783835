"""The SDK of a spec whose ids spell their paths (tests/fixtures/features/spelled_ids.yaml)
calls its REST-named methods on the right paths, and type-checks where a user calls them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from .generated_sdk import generated, mypy_strict

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "spelled_ids.yaml"
BASE = "https://api.ledger.test"

USER_SCRIPT = """\
from ledger import LedgerClient

client = LedgerClient("t")
account = client.accounts.retrieve("acct_1")
print(account.email)
for item in client.accounts.list().data or []:
    print(item.id)
for capability in client.accounts.list_capabilities("acct_1"):
    print(capability.email)
client.charges.close_dispute("ch_1")
client.test_helpers.fail_inbound_transfer("it_1")
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ModuleType]]:
    with generated(tmp_path_factory, FIXTURE) as built:
        yield built


def test_rest_named_methods_call_their_paths(sdk: tuple[Path, ModuleType]) -> None:
    client = sdk[1].LedgerClient("t", max_retries=0)
    with respx.mock(base_url=BASE) as mock:
        one = mock.get("/v1/accounts/acct_1").respond(200, json={"id": "acct_1", "email": "a@b"})
        listed = mock.get("/v1/accounts").respond(200, json={"data": [{"id": "acct_1"}]})
        created = mock.post("/v1/accounts").respond(200, json={"id": "acct_2"})
        removed = mock.delete("/v1/accounts/acct_1").respond(200)
        closed = mock.post("/v1/charges/ch_1/dispute/close").respond(200)
        assert client.accounts.retrieve("acct_1").email == "a@b"
        assert [a.id for a in client.accounts.list().data] == ["acct_1"]
        mock.get("/v1/accounts/acct_1/capabilities").respond(200, json=[{"id": "c"}])
        assert [c.id for c in client.accounts.list_capabilities("acct_1")] == ["c"]
        assert client.accounts.create(email="c@d").id == "acct_2"
        client.accounts.delete("acct_1")
        client.charges.close_dispute("ch_1")
    assert created.calls.last.request.content == b"email=c%40d"
    assert all(route.call_count == 1 for route in (one, listed, created, removed, closed))


def test_a_users_calls_type_check(sdk: tuple[Path, ModuleType], tmp_path: Path) -> None:
    (tmp_path / "use.py").write_text(USER_SCRIPT, encoding="utf-8")
    result = mypy_strict("use.py", cwd=tmp_path, search_path=sdk[0])
    assert result.returncode == 0, result.stdout + result.stderr
