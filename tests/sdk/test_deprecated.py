"""A deprecated operation (tests/fixtures/features/operations.yaml: deleteMessage) carries
``@deprecated``: a ``DeprecationWarning`` when called, a finding from the type checker."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from .generated_sdk import generated, mypy_strict

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "operations.yaml"
BASE = "https://api.example.com/v1"

USER_SCRIPT = """\
from operations import OperationsClient

client = OperationsClient("t")
client.messages.delete_message(1)
client.messages.update_message(1)
"""


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ModuleType]]:
    with generated(tmp_path_factory, FIXTURE, strict=False) as built:
        yield built


@pytest.fixture(scope="module")
def sdk_src(sdk: tuple[Path, ModuleType]) -> Path:
    return sdk[0]


@pytest.fixture(scope="module")
def package(sdk: tuple[Path, ModuleType]) -> ModuleType:
    return sdk[1]


def test_calling_a_deprecated_operation_warns(package: ModuleType) -> None:
    client = package.OperationsClient("t", max_retries=0)
    with respx.mock(base_url=BASE) as mock:
        deleted = mock.delete("/messages/1").respond(204)
        mock.patch("/messages/1").respond(200, json={"id": 1})
        with pytest.warns(DeprecationWarning, match="delete_message"):
            assert client.messages.delete_message(1) is None
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            client.messages.update_message(1)  # not deprecated: no warning
    assert deleted.called


def test_reading_a_deprecated_field_warns_and_nothing_else_does(package: ModuleType) -> None:
    client = package.OperationsClient("t", max_retries=0)
    with respx.mock(base_url=BASE) as mock:
        mock.patch("/messages/1").respond(200, json={"id": 1, "chatId": 7, "legacy": "x"})
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            message = client.messages.update_message(1)  # parsing: no warning
            assert message.id == 1
            assert message.to_dict() == {"id": 1, "chatId": 7, "legacy": "x"}
    with pytest.warns(DeprecationWarning, match="chat_id"):
        assert message.chat_id == 7
    with pytest.warns(DeprecationWarning, match="legacy"):
        assert message.legacy == "x"


async def test_the_async_twin_warns_too(package: ModuleType) -> None:
    client = package.AsyncOperationsClient("t", max_retries=0)
    with respx.mock(base_url=BASE) as mock:
        mock.delete("/messages/1").respond(204)
        with pytest.warns(DeprecationWarning, match="delete_message"):
            await client.messages.delete_message(1)


def test_the_type_checker_reports_a_deprecated_call(sdk_src: Path, tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    script = tmp_path / "usage.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    result = mypy_strict(
        str(script), cwd=sdk_src, search_path=sdk_src, flags=("--enable-error-code", "deprecated")
    )
    # Only the user's script counts: an installed SDK's own lines are not reported to them.
    findings = [line for line in result.stdout.splitlines() if line.startswith(str(script))]
    assert len(findings) == 1, result.stdout + result.stderr
    assert "usage.py:4:" in findings[0] and "delete_message" in findings[0]
    assert "[deprecated]" in findings[0]


PARAMS_FIXTURE = FIXTURE.with_name("params.yaml")


@pytest.fixture(scope="module")
def params_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with generated(tmp_path_factory, PARAMS_FIXTURE, strict=False) as (_, module):
        yield module


def test_passing_a_deprecated_argument_warns_and_leaving_it_out_does_not(
    params_package: ModuleType,
) -> None:
    client = params_package.ParamsClient("t", base_url="https://api.example.com", max_retries=0)
    with respx.mock(base_url="https://api.example.com") as mock:
        route = mock.get("/members").respond(204)
        with pytest.warns(DeprecationWarning, match="`page_size` of `list_members`") as record:
            client.members.list_members(page_size=25)
        assert record[0].filename == __file__  # pointed at the caller's line
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            client.members.list_members(timeout_2=5)
    assert "page-size=25" in str(route.calls[0].request.url)
