"""`APIStatusError.error` is typed per status with the spec's error models, even when a
schema is named like one of the SDK's exception classes (tests/fixtures/features/error_names)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from tests.sdk.generated_sdk import imported, mypy_strict, write_sdk

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "error_names.yaml"
BASE = "https://api.clash.test"


@pytest.fixture(scope="module")
def sdk_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clash")
    write_sdk(FIXTURE, out)
    return out / "sdk" / "src"


@pytest.fixture(scope="module")
def clashing(sdk_src: Path) -> Iterator[ModuleType]:
    with imported(sdk_src, "clashing_errors") as module:
        yield module


def test_each_status_parses_only_its_own_models(clashing: ModuleType) -> None:
    exceptions = importlib.import_module("clashing_errors._exceptions")
    model = importlib.import_module("clashing_errors.types").NotFoundError
    client = clashing.ClashingErrorsClient("t", max_retries=0)
    with respx.mock(base_url=BASE) as mock:
        mock.get("/things/1").respond(404, json={"missing": "thing 1"})
        mock.get("/things/2").respond(409, json={"problems": ["busy"]})
        mock.get("/things/3").respond(503, json={"trace": "abc"})
        with pytest.raises(exceptions.NotFoundError) as missing:
            client.things.get_thing(1)
        with pytest.raises(exceptions.ConflictError) as conflict:
            client.things.get_thing(2)
        with pytest.raises(exceptions.InternalServerError) as server:
            client.things.get_thing(3)
    assert isinstance(missing.value.error, model)
    assert missing.value.error.missing == "thing 1"
    assert conflict.value.error.problems == ["busy"]  # the 4XX model
    assert server.value.error.trace == "abc"


def test_generated_errors_module_type_checks(sdk_src: Path) -> None:
    pytest.importorskip("mypy")
    text = (sdk_src / "clashing_errors" / "_exceptions.py").read_text(encoding="utf-8")
    assert "error: _types.NotFoundError | _types.Problems | None" in text
    assert "error: _types.APIStatusError | _types.NotFoundError | _types.Problems | None" in text
    result = mypy_strict("clashing_errors", cwd=sdk_src)
    assert result.returncode == 0, result.stdout + result.stderr
