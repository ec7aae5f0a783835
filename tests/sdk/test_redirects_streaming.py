"""A generated SDK (tests/fixtures/features/redirects.yaml) for real: redirects, typed
errors, streamed downloads, extra_body and naive datetimes; its usage type-checks."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import respx

from tests.sdk.generated_sdk import imported, mypy_strict, write_sdk

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "redirects.yaml"
BASE = "https://api.exports.test/v1"
SIGNED = "https://storage.exports.test/7.zip?sig=1"


@pytest.fixture(scope="module")
def sdk_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    write_sdk(FIXTURE, out)
    return out / "sdk" / "src"


@pytest.fixture(scope="module")
def exports(sdk_src: Path) -> Iterator[ModuleType]:
    with imported(sdk_src, "exports") as module:
        yield module


@pytest.fixture
def client(exports: ModuleType) -> Iterator[Any]:
    with exports.ExportsClient("t0ken") as c:
        c._sleep = lambda delay: None
        yield c


def test_a_302_returns_the_location(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/exports/7").respond(302, headers={"Location": SIGNED})
        assert client.exports.download_export(7) == SIGNED
    assert route.call_count == 1
    assert "Returns the URL the server redirects to" in (client.exports.download_export.__doc__)


def test_a_redirect_beside_a_2xx_body_is_followed(client: Any, exports: ModuleType) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/exports/7/status").respond(307, headers={"Location": "/v1/n2/exports/7"})
        mock.get("/n2/exports/7").respond(200, json={"id": 7, "state": "done"})
        status = client.exports.get_export_status(7)
    assert isinstance(status, exports.ExportStatus) and status.state == "done"


def test_errors_are_typed_sdk_classes(client: Any, exports: ModuleType) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/exports/7").respond(404, json={"message": "no export 7"})
        with pytest.raises(exports.NotFoundError) as info:
            client.exports.download_export(7)
    assert isinstance(info.value.error, exports.ApiError)
    assert info.value.error.message == "no export 7"
    assert isinstance(info.value, exports._core.NotFoundError)


def test_binary_download_streams(client: Any, tmp_path: Path) -> None:
    blob = bytes(range(256)) * 1000
    with respx.mock(base_url=BASE) as mock:
        mock.get("/exports/7/file").respond(200, content=blob)
        with client.exports.with_streaming_response.get_export_file(7) as response:
            assert response.write_to_file(tmp_path / "e.zip") == len(blob)
        assert client.exports.get_export_file(7) == blob
    assert (tmp_path / "e.zip").read_bytes() == blob


def test_naive_datetime_body_and_extra_body(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Etc/GMT+2")  # UTC-2
    time.tzset()
    try:
        with respx.mock(base_url=BASE) as mock:
            route = mock.post("/exports").respond(201, json={"id": 1, "state": "queued"})
            client.exports.create_export(
                start_at=datetime(2024, 5, 1, 9, 30), extra_body={"format": "csv"}
            )
    finally:
        monkeypatch.undo()
        time.tzset()
    assert json.loads(route.calls.last.request.content) == {
        "start_at": "2024-05-01T09:30:00-02:00",
        "format": "csv",
    }


async def test_async_client_close_and_redirect(exports: ModuleType) -> None:
    client = exports.AsyncExportsClient("t0ken")
    with respx.mock(base_url=BASE) as mock:
        mock.get("/exports/7").respond(302, headers={"Location": SIGNED})
        assert await client.exports.download_export(7) == SIGNED
    await client.close()
    assert client.is_closed


USAGE = """
from typing import assert_type
from datetime import datetime

from exports import (
    ApiError, AsyncExportsClient, AsyncStreamedAPIResponse, ExportsClient, ExportStatus,
    NotFoundError, RateLimitError, StreamedAPIResponse,
)


def sync_usage() -> None:
    with ExportsClient("t", max_retry_after=30, strict_response_validation=True) as client:
        assert_type(client.exports.download_export(7), str)
        assert_type(client.exports.get_export_status(7), ExportStatus)
        assert_type(
            client.exports.create_export(start_at=datetime.now(), extra_body={"a": 1}),
            ExportStatus,
        )
        try:
            client.exports.download_export(7)
        except NotFoundError as exc:
            assert_type(exc.error, ApiError | None)
        except RateLimitError as exc:
            assert_type(exc.retry_after, float | None)
        with client.exports.with_streaming_response.get_export_file(7) as response:
            assert_type(response, StreamedAPIResponse[bytes])
            for chunk in response.iter_bytes():
                assert_type(chunk, bytes)


async def async_usage() -> None:
    client = AsyncExportsClient("t")
    async with client.exports.with_streaming_response.get_export_file(7) as response:
        assert_type(response, AsyncStreamedAPIResponse[bytes])
    await client.close()
"""

MISTAKES = """
from exports import ExportsClient, NotFoundError

client = ExportsClient("t")
url: bytes = client.exports.download_export(7)
try:
    client.exports.download_export(7)
except NotFoundError as exc:
    print(exc.error.message)
client.exports.download_export(7, extra_body={"a": 1})
client.exports.create_export(start_at="2024-05-01")
"""


def _mypy(src: Path, script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    (tmp_path / "usage.py").write_text(script, encoding="utf-8")
    return mypy_strict("usage.py", cwd=tmp_path, search_path=src)


def test_usage_type_checks_and_mistakes_do_not(sdk_src: Path, tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    (tmp_path / "good").mkdir()
    good = _mypy(sdk_src, USAGE, tmp_path / "good")
    assert good.returncode == 0, good.stdout + good.stderr
    (tmp_path / "bad").mkdir()
    bad = _mypy(sdk_src, MISTAKES, tmp_path / "bad")
    assert bad.returncode == 1, bad.stdout
    for expected in (
        'Incompatible types in assignment (expression has type "str", variable has type "bytes")',
        'Item "None" of "ApiError | None" has no attribute "message"',
        'Unexpected keyword argument "extra_body" for "download_export"',
        'Argument "start_at" to "create_export" of "ExportsService" has incompatible type "str"',
    ):
        assert expected in bad.stdout, bad.stdout
