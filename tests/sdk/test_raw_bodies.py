"""A body that is not JSON travels as it is (tests/fixtures/features/bodies.yaml).

Regression: an ``application/octet-stream`` body went through the JSON encoder, so a path
arrived as a JSON string and bytes failed. Now a file's content (bytes, a path, a binary file
object, a ``(name, content)`` tuple) is sent raw with the operation's media type, and a
``text/plain`` body is sent as UTF-8 text — by the sync and the async client alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from tests.sdk.generated_sdk import generated

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "bodies.yaml"
BASE = "https://api.bodies.test"
BLOB = b"\x00\x01binary\xff"


@pytest.fixture(scope="module")
def bodies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with generated(tmp_path_factory, FIXTURE) as (_, package):
        yield package


@pytest.fixture
def blob(tmp_path: Path) -> Path:
    path = tmp_path / "blob.bin"
    path.write_bytes(BLOB)
    return path


def file_forms(path: Path) -> list[object]:
    return [BLOB, path, str(path), path.open("rb"), ("blob.bin", BLOB)]


def test_a_file_body_is_sent_raw(bodies: ModuleType, blob: Path) -> None:
    client = bodies.BodiesClient(base_url=BASE, token="t")
    with respx.mock(base_url=BASE) as mock:
        route = mock.put("/raw").respond(204)
        for form in file_forms(blob):
            client.files.put_raw(body=form)
            request = route.calls.last.request
            assert request.content == BLOB, form
            assert request.headers["content-type"] == "application/octet-stream"


async def test_the_async_client_sends_it_the_same(bodies: ModuleType, blob: Path) -> None:
    client = bodies.AsyncBodiesClient(base_url=BASE, token="t")
    with respx.mock(base_url=BASE) as mock:
        route = mock.put("/raw").respond(204)
        for form in file_forms(blob):
            await client.files.put_raw(body=form)
            assert route.calls.last.request.content == BLOB, form


def test_a_text_body_is_sent_as_text(bodies: ModuleType) -> None:
    client = bodies.BodiesClient(base_url=BASE, token="t")
    with respx.mock(base_url=BASE) as mock:
        route = mock.put("/memo").respond(204)
        client.files.put_memo(body='Plain "text", not JSON — ünïcode')
    request = route.calls.last.request
    assert request.content == 'Plain "text", not JSON — ünïcode'.encode()
    assert request.headers["content-type"] == "text/plain"


def test_a_missing_file_is_a_configuration_error(bodies: ModuleType, tmp_path: Path) -> None:
    client = bodies.BodiesClient(base_url=BASE, token="t")
    with respx.mock(base_url=BASE), pytest.raises(bodies.ConfigurationError, match="cannot read"):
        client.files.put_raw(body=tmp_path / "absent.bin")


def test_an_optional_text_body_is_sent_when_given_and_omitted_when_not(
    bodies: ModuleType,
) -> None:
    """GitHub's ``POST /markdown/raw``: the body may be left out (it failed mypy --strict
    before: ``text=`` took only ``str``)."""
    client = bodies.BodiesClient(base_url=BASE, token="t")
    with respx.mock(base_url=BASE) as mock:
        route = mock.post("/drafts").respond(204)
        client.files.save_draft(body="# Draft")
        assert route.calls.last.request.content == b"# Draft"
        assert route.calls.last.request.headers["content-type"] == "text/plain"
        client.files.save_draft()
        assert route.calls.last.request.content == b""
