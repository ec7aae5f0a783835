"""Streaming: ``with_streaming_response``, uploads streamed from paths and file objects."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import IO, Any

import httpx
import pytest
import respx

BLOB = b"".join(f"line {i}\n".encode() for i in range(2000))


def test_iter_bytes_lines_and_write_to_file(
    client: Any, router: respx.MockRouter, tmp_path: Path
) -> None:
    router.get("/exports/7/file").respond(200, content=BLOB)
    with client.exports.with_streaming_response.get_export_file(7) as response:
        assert response.status_code == 200
        assert not response.http_response.is_stream_consumed  # nothing read yet
        chunks = list(response.iter_bytes(1000))
    assert b"".join(chunks) == BLOB
    assert max(len(c) for c in chunks) <= 1000 and len(chunks) > 10
    assert response.http_response.is_closed  # released when the block ends

    with client.exports.with_streaming_response.get_export_file(7) as response:
        lines = list(response.iter_lines())
    assert lines[:2] == ["line 0", "line 1"] and len(lines) == 2000

    target = tmp_path / "export.bin"
    with client.exports.with_streaming_response.get_export_file(7) as response:
        written = response.write_to_file(target)
    assert written == len(BLOB) and target.read_bytes() == BLOB


def test_streamed_parse_gives_what_the_method_returns(
    client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    router.post("/exports").respond(201, json={"id": 3, "state": "queued"})
    with client.exports.with_streaming_response.create_export(
        start_at=__import__("datetime").datetime(2024, 1, 1, tzinfo=__import__("datetime").UTC)
    ) as response:
        export = response.parse()
    assert isinstance(export, models.Export) and export.state == "queued"


def test_streamed_error_status_raises_with_its_body(
    sdk: ModuleType, client: Any, router: respx.MockRouter, sleeps: Any
) -> None:
    router.get("/exports/7/file").mock(
        side_effect=[httpx.Response(503), httpx.Response(404, json={"errors": []})]
    )
    with (
        pytest.raises(sdk.NotFoundError) as info,
        client.exports.with_streaming_response.get_export_file(7),
    ):
        pytest.fail("the block must not run")
    assert info.value.body == {"errors": []}
    assert sleeps.delays == [0.5]  # retried while streaming, like any GET


async def test_async_streaming(aclient: Any, router: respx.MockRouter, tmp_path: Path) -> None:
    router.get("/exports/7/file").respond(200, content=BLOB)
    async with aclient.exports.with_streaming_response.get_export_file(7) as response:
        chunks = [chunk async for chunk in response.iter_bytes(4096)]
    assert b"".join(chunks) == BLOB
    assert response.http_response.is_closed
    async with aclient.exports.with_streaming_response.get_export_file(7) as response:
        lines = [line async for line in response.iter_lines()]
    assert len(lines) == 2000
    async with aclient.exports.with_streaming_response.get_export_file(7) as response:
        assert await response.write_to_file(tmp_path / "a.bin") == len(BLOB)
    async with aclient.exports.with_streaming_response.get_export_file(7) as response:
        assert await response.parse() == BLOB


async def test_async_close_is_awaitable(sdk: ModuleType) -> None:
    client = sdk.AsyncSampleClient("t")
    assert not client.is_closed
    await client.close()
    assert client.is_closed
    await client.aclose()  # idempotent


# -- uploads ----------------------------------------------------------------------------


@pytest.fixture
def opened_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[IO[bytes]]]:
    """Every file opened for reading; reading a whole path into memory fails the test."""
    opened: list[IO[bytes]] = []
    real_open = Path.open

    def spy_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, mode, *args, **kwargs)
        if mode == "rb":
            opened.append(handle)
        return handle

    def no_read_bytes(self: Path) -> bytes:
        raise AssertionError(f"{self} was read into memory")

    monkeypatch.setattr(Path, "open", spy_open)
    monkeypatch.setattr(Path, "read_bytes", no_read_bytes)
    yield opened


def test_upload_from_path_is_streamed_and_closed(
    client: Any, core: ModuleType, opened_files: list[IO[bytes]], tmp_path: Path
) -> None:
    path = tmp_path / "big.pdf"
    path.write_bytes(BLOB)
    with respx.mock() as storage:
        route = storage.post("https://storage.test/b").respond(204)
        core.presigned_form_upload(client, "https://storage.test/b", {"key": "k"}, path)
        core.presigned_form_upload(
            client, "https://storage.test/b", {"key": "k"}, ("renamed.pdf", path)
        )
    assert len(opened_files) == 2 and all(f.closed for f in opened_files)
    for call in route.calls:
        assert BLOB in call.request.content
    assert b'filename="renamed.pdf"' in route.calls.last.request.content


def test_retry_resends_a_streamed_path(
    client: Any, core: ModuleType, opened_files: list[IO[bytes]], tmp_path: Path, sleeps: Any
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"payload")
    with respx.mock() as storage:
        route = storage.post("https://storage.test/b").mock(
            side_effect=[httpx.Response(429), httpx.Response(204)]
        )
        core.presigned_form_upload(client, "https://storage.test/b", {}, path)
    assert route.call_count == 2
    assert all(b"payload" in call.request.content for call in route.calls)
    assert all(f.closed for f in opened_files)


class _Unseekable(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._data.readinto(buffer)


def test_load_file_knows_the_size_without_reading(
    core: ModuleType, tmp_path: Path, opened_files: list[IO[bytes]]
) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"x" * 1234)
    name, content, content_type, size = core.load_file(path)
    assert (name, content, content_type, size) == ("photo.png", path, "image/png", 1234)
    assert opened_files == []  # a path stays a path until the request is sent
    buffer = io.BytesIO(b"0123456789")
    buffer.seek(4)
    assert core.load_file(buffer, "b.txt") == ("b.txt", buffer, "text/plain", 6)
    assert buffer.tell() == 4
    name, content, _, size = core.load_file(("s.bin", _Unseekable(b"abc")))
    assert (content, size) == (b"abc", 3)  # cannot seek: read once to learn the size
    assert core.load_file(b"raw")[3] == 3
    with pytest.raises(core.ConfigurationError, match="cannot read"):
        core.load_file(tmp_path / "missing.txt")
