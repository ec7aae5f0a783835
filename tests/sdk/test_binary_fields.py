"""What a value is (a file's bytes or base64 text) is decided once, in the parser, and every
part of the generated SDK agrees: the signature, the request and the result.

Regression (issue 8): a multipart ``format: byte`` field was typed ``str`` in the signature yet
sent through ``files=``, where the runtime reads a ``str`` as a path on disk. ``format: byte``
is base64 text: it is a plain form field, typed and sent as a string; ``format: binary`` is a
file. Fixture: tests/fixtures/features/binary_fields.yaml.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import respx

from generator.config import Config
from generator.ir import Api
from generator.pipeline import build_api
from tests.sdk.generated_sdk import imported, write_sdk

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "binary_fields.yaml"
BASE = "https://api.scans.test/v1"
THUMBNAIL = "iVBORw0KGgo="  # base64 text, which is not a path on disk


@pytest.fixture(scope="module")
def api() -> Api:
    return build_api(FIXTURE, Config(), workflows=None, strict=True, use_config_names=False).api


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("scans")
    write_sdk(FIXTURE, out)
    with imported(out / "sdk" / "src", "scans") as module:
        yield module


@pytest.fixture
def client(scans: ModuleType) -> Iterator[Any]:
    with scans.ScansClient("t0ken") as c:
        yield c


def test_the_parser_marks_binary_as_a_file_and_byte_as_text(api: Api) -> None:
    ops = {op.id: op for op in api.operations}
    body = ops["createScan"].body
    assert body is not None
    fields = {f.names.wire: f.type for f in body.fields}
    assert fields["scan"].file and not fields["thumbnail"].file and not fields["title"].file
    assert ops["getScanRaw"].result.kind == "bytes"
    assert ops["getScanChecksum"].result.kind == "value"


def test_signature_types_a_file_and_base64_text(client: Any) -> None:
    params = inspect.signature(client.scans.create_scan).parameters
    assert "FileInput" in str(params["scan"].annotation)
    assert params["thumbnail"].annotation == "str"


def test_byte_field_is_sent_as_form_text_and_binary_as_a_file(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/scans").respond(204)
        client.scans.create_scan(scan=b"%PDF-1.4 scan", thumbnail=THUMBNAIL, title="Invoice")
    request = route.calls.last.request
    body = request.content.decode("latin-1")
    assert request.headers["content-type"].startswith("multipart/form-data")
    thumbnail_part = body.split('name="thumbnail"', 1)[1].split("--", 1)[0]
    assert "filename=" not in thumbnail_part and THUMBNAIL in thumbnail_part
    scan_part = body.split('name="scan"', 1)[1].split("\r\n\r\n", 1)
    assert "filename=" in scan_part[0] and scan_part[1].startswith("%PDF-1.4 scan")


def test_results_bytes_for_binary_and_str_for_base64(client: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        mock.get("/scans/1/raw").respond(
            200, content=b"\x00\xffraw", headers={"content-type": "application/octet-stream"}
        )
        mock.get("/scans/1/checksum").respond(200, json="c2hhMjU2")
        assert client.scans.get_scan_raw(1) == b"\x00\xffraw"
        assert client.scans.get_scan_checksum(1) == "c2hhMjU2"
