"""Multipart file inputs and pre-signed uploads."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import respx

from .helpers import TOKEN

STORAGE_URL = "https://storage.example.test/bucket"

UPLOAD_PARAMS = {
    "Content-Disposition": "attachment",
    "acl": "private",
    "policy": "eyJwb2xpY3kiOiJ4In0=",
    "x-amz-credential": "AKIA/20240101/us-east-1/s3/aws4_request",
    "x-amz-algorithm": "AWS4-HMAC-SHA256",
    "x-amz-date": "20240101T000000Z",
    "x-amz-signature": "deadbeef",
    "key": "attaches/files/93746/${filename}",
    "direct_url": STORAGE_URL,
}


def _parts(request: httpx.Request) -> list[dict[str, Any]]:
    """Parse a multipart body into a list of {name, filename, content_type, data}."""
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    boundary = content_type.split("boundary=", 1)[1].encode()
    body = request.content
    parts = []
    for chunk in body.split(b"--" + boundary)[1:-1]:
        head, _, data = chunk.strip(b"\r\n").partition(b"\r\n\r\n")
        headers = head.decode()
        name = re.search(r'name="([^"]*)"', headers)
        filename = re.search(r'filename="([^"]*)"', headers)
        ctype = re.search(r"Content-Type: (.*)", headers)
        parts.append(
            {
                "name": name.group(1) if name else None,
                "filename": filename.group(1) if filename else None,
                "content_type": ctype.group(1).strip() if ctype else None,
                "data": data,
            }
        )
    return parts


def _file_part(request: httpx.Request) -> dict[str, Any]:
    [part] = [p for p in _parts(request) if p["filename"] is not None]
    return part


@pytest.fixture
def storage() -> Any:
    with respx.mock(assert_all_called=False) as mock:
        yield mock


def _upload(client: Any, storage: Any, file: Any) -> httpx.Request:
    route = storage.post(STORAGE_URL).respond(204)
    client.uploads.upload_file(
        STORAGE_URL,
        file=file,
        content_disposition="attachment",
        acl="private",
        policy="p",
        x_amz_credential="c",
        x_amz_algorithm="a",
        x_amz_date="d",
        x_amz_signature="s",
        key="k/${filename}",
    )
    return route.calls.last.request


def test_file_from_path(client: Any, storage: Any, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 data")
    part = _file_part(_upload(client, storage, path))
    assert part == {
        "name": "file",
        "filename": "report.pdf",
        "content_type": "application/pdf",
        "data": b"%PDF-1.4 data",
    }
    part = _file_part(_upload(client, storage, str(path)))
    assert part["filename"] == "report.pdf" and part["data"] == b"%PDF-1.4 data"


def test_file_from_bytes(client: Any, storage: Any) -> None:
    part = _file_part(_upload(client, storage, b"\x00raw\xff"))
    assert part["filename"] == "upload"
    assert part["content_type"] == "application/octet-stream"
    assert part["data"] == b"\x00raw\xff"


def test_file_from_file_object(client: Any, storage: Any, tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG...")
    with path.open("rb") as fh:
        part = _file_part(_upload(client, storage, fh))
    assert part["filename"] == "photo.png"
    assert part["content_type"] == "image/png"
    assert part["data"] == b"\x89PNG..."

    anonymous = io.BytesIO(b"in memory")
    part = _file_part(_upload(client, storage, anonymous))
    assert part["filename"] == "upload" and part["data"] == b"in memory"


def test_file_from_tuples(client: Any, storage: Any) -> None:
    part = _file_part(_upload(client, storage, ("notes.txt", b"hello")))
    assert part["filename"] == "notes.txt"
    assert part["content_type"] == "text/plain"
    assert part["data"] == b"hello"
    part = _file_part(
        _upload(client, storage, ("data.bin", io.BytesIO(b"xyz"), "application/x-custom"))
    )
    assert part["filename"] == "data.bin"
    assert part["content_type"] == "application/x-custom"
    assert part["data"] == b"xyz"


def test_text_mode_file_rejected(
    client: Any, storage: Any, tmp_path: Path, sdk: ModuleType
) -> None:
    path = tmp_path / "a.txt"
    path.write_text("x")
    with path.open("r") as fh, pytest.raises(sdk.ConfigurationError):
        _upload(client, storage, fh)
    with pytest.raises(sdk.ConfigurationError):
        _upload(client, storage, tmp_path / "missing.txt")


def test_multipart_fields_before_file_and_no_auth(client: Any, storage: Any) -> None:
    request = _upload(client, storage, b"x")
    assert "Authorization" not in request.headers
    parts = _parts(request)
    assert [p["name"] for p in parts] == [
        "Content-Disposition",
        "acl",
        "policy",
        "x-amz-credential",
        "x-amz-algorithm",
        "x-amz-date",
        "x-amz-signature",
        "key",
        "file",
    ]
    assert parts[-1]["filename"] == "upload"
    assert parts[7]["data"] == b"k/${filename}"


def test_file_helpers(core: ModuleType, tmp_path: Path) -> None:
    assert core.file_name(tmp_path / "a.jpeg") == "a.jpeg"
    assert core.file_name(b"x") == "upload"
    assert core.file_name(("given.txt", b"x")) == "given.txt"
    assert core.to_httpx_file(("x.json", b"{}")) == ("x.json", b"{}", "application/json")
    assert core.fill_filename("a/${filename}", "b c.png") == "a/b c.png"
    assert core.fill_filename("a/${filename}/${filename}", "f") == "a/f/f"
    assert core.fill_filename("no-placeholder", "f") == "no-placeholder"


def test_presigned_upload_flow(client: Any, router: respx.MockRouter, tmp_path: Path) -> None:
    params_route = router.post("/uploads").respond(200, json=UPLOAD_PARAMS)
    storage_route = router.post(STORAGE_URL).respond(201, text="<PostResponse/>")
    path = tmp_path / "cat.gif"
    path.write_bytes(b"GIF89a")
    key = client.uploads.upload(path)
    assert key == "attaches/files/93746/cat.gif"
    assert params_route.calls.last.request.headers["Authorization"] == f"Bearer {TOKEN}"
    request = storage_route.calls.last.request
    assert "Authorization" not in request.headers
    assert str(request.url) == STORAGE_URL
    parts = {p["name"]: p for p in _parts(request)}
    assert parts["policy"]["data"] == b"eyJwb2xpY3kiOiJ4In0="
    assert parts["key"]["data"] == b"attaches/files/93746/${filename}"
    assert parts["file"]["filename"] == "cat.gif"
    assert parts["file"]["content_type"] == "image/gif"
    assert list(parts)[-1] == "file"


def test_presigned_upload_no_auth_even_with_caller_client_auth(
    sdk: ModuleType, router: respx.MockRouter, core: ModuleType
) -> None:
    route = router.post(STORAGE_URL).respond(204)
    own = httpx.Client(headers={"Authorization": "Bearer from-caller-client"})
    with sdk.SampleClient(TOKEN, http_client=own, default_headers={"Authorization": "x"}) as c:
        core.presigned_form_upload(c, STORAGE_URL, {"key": "k"}, b"data", file_field="upload")
    request = route.calls.last.request
    assert "Authorization" not in request.headers
    assert [p["name"] for p in _parts(request)] == ["key", "upload"]
    own.close()


@pytest.mark.parametrize(
    ("status", "class_name"),
    [(403, "PermissionDeniedError"), (400, "BadRequestError"), (500, "InternalServerError")],
)
def test_storage_errors_map_to_sdk_exceptions(
    client: Any,
    router: respx.MockRouter,
    core: ModuleType,
    sdk: ModuleType,
    status: int,
    class_name: str,
) -> None:
    xml = "<Error><Code>AccessDenied</Code><Message>Policy expired</Message></Error>"
    route = router.post(STORAGE_URL).respond(
        status, text=xml, headers={"Content-Type": "application/xml"}
    )
    with pytest.raises(getattr(sdk, class_name)) as info:
        core.presigned_form_upload(client, STORAGE_URL, {"key": "k"}, b"data")
    assert info.value.body == xml
    assert route.call_count == 1  # POST: never retried on 4xx/5xx


def test_presigned_upload_retried_on_429_resends_file(
    client: Any, router: respx.MockRouter, core: ModuleType, sleeps: Any
) -> None:
    route = router.post(STORAGE_URL).mock(side_effect=[httpx.Response(429), httpx.Response(204)])
    core.presigned_form_upload(client, STORAGE_URL, {"key": "k"}, io.BytesIO(b"stream body"))
    assert route.call_count == 2
    for call in route.calls:
        assert _file_part(call.request)["data"] == b"stream body"


@pytest.mark.asyncio
async def test_async_presigned_upload(
    aclient: Any, router: respx.MockRouter, tmp_path: Path
) -> None:
    router.post("/uploads").respond(200, json=UPLOAD_PARAMS)
    route = router.post(STORAGE_URL).respond(204)
    key = await aclient.uploads.upload(("doc.txt", b"text"))
    assert key == "attaches/files/93746/doc.txt"
    request = route.calls.last.request
    assert "Authorization" not in request.headers
    assert _file_part(request)["data"] == b"text"
