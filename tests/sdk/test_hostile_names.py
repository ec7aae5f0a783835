"""Names that break elsewhere (issue 6.7, 6.8): an SDK generated from a fixture full of them
installs as portable files, imports without shadowing anything, and sends what it should."""

from __future__ import annotations

import ast
import importlib
import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import naming
from generator.config import Config
from generator.diagnostics import SpecError
from generator.pipeline import build_api
from generator.targets.sdk import render_sdk
from tests.sdk.generated_sdk import imported, write_sdk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FIXTURE = FIXTURES / "names" / "hostile_names.yaml"
BASE = "https://api.test/v1"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    write_sdk(FIXTURE, out, strict=False)
    return out


@pytest.fixture(scope="module")
def sdk(generated: Path) -> Iterator[Any]:
    with imported(generated / "sdk" / "src", "enum_api") as module:
        yield module


def test_every_file_name_is_portable(generated: Path) -> None:
    folders: dict[Path, list[str]] = {}
    for path in generated.rglob("*"):
        folders.setdefault(path.parent, []).append(path.name)
        stem = path.name.split(".", 1)[0]
        assert stem.lower() not in naming.WINDOWS_DEVICE_NAMES, path
        assert len(stem) <= naming.MAX_FILE_STEM, path
    for folder, names in folders.items():
        assert len({n.casefold() for n in names}) == len(names), folder
    types = generated / "sdk" / "src" / "enum_api" / "types"
    modules = sorted(p.stem for p in types.glob("*.py"))
    assert {"con_", "nul_", "aux_", "com1_", "item", "item_2"} <= set(modules)
    (long_module,) = [m for m in modules if m.startswith("very_long")]
    assert len(long_module) <= naming.MAX_FILE_STEM
    assert re.fullmatch(r"very_long(_very_long)*(_very)?_[0-9a-f]{8}", long_module)
    resources = sorted(p.stem for p in (types.parent / "resources").glob("*.py"))
    assert resources == ["__init__", "close_", "con_"]


def test_the_package_shadows_no_module_and_imports_in_a_fresh_interpreter(generated: Path) -> None:
    """`Enum API` would be package `enum`, which hides the standard library's at import."""
    code = (
        "import enum, enum_api, httpx\n"
        "assert enum.__file__ != enum_api.__file__\n"
        "c = enum_api.EnumClient('t', base_url='https://api.test')\n"
        "print(type(c.con).__name__, type(c.close_).__name__, enum_api.VeryLong"
        + "VeryLong" * 37
        + ".__name__[:16])\n"
        "c.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=generated / "sdk" / "src",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    # The model `ConService` keeps its name; the service class of tag `Con` steps aside.
    assert result.stdout.split() == ["ConService2", "CloseService", "VeryLongVeryLong"]


def test_operation_ids_do_not_replace_sdk_members(sdk: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        raw = mock.post("/things/a%2Fb/raw").respond(json={"size": 3})
        door = mock.delete("/doors/7").respond(json={"closed": True})
        listing = mock.get("/doors").respond(json=[{"port": 1}])
        client = sdk.EnumClient("t", base_url=BASE)
        assert client.con.with_raw_response_("a/b").size == 3
        response = client.con.with_raw_response.with_raw_response_("a/b")
        assert response.status_code == 200
        assert client.close_.close_(7).closed is True
        assert client.close_.with_options_()[0].port == 1
        client.close()  # still the client's own
        assert client.is_closed
    assert (raw.call_count, door.call_count, listing.call_count) == (2, 1, 1)


def test_models_named_like_runtime_or_service_classes(sdk: Any) -> None:
    assert sdk.HeadersModel.model_validate({"accept": "a"}).accept == "a"
    assert sdk.ConService.model_validate({"service": "s"}).service == "s"
    resource = importlib.import_module("enum_api.resources.close_")
    assert resource.Headers is not sdk.HeadersModel  # the runtime's Headers type is intact


def test_undeclared_path_placeholder_is_a_required_argument(sdk: Any) -> None:
    with respx.mock(base_url=BASE) as mock:
        route = mock.get("/things/x%20y").respond(json={"id": "x y"})
        with sdk.EnumClient("t", base_url=BASE) as client:
            assert client.con.get_thing("x y").id == "x y"
            with pytest.raises(TypeError):
                client.con.get_thing()
    assert route.call_count == 1
    assert isinstance(route.calls[0].request, httpx.Request)


def test_generate_exits_2_on_a_malformed_path_template(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "-o", str(out), "-t", "sdk",
         str(FIXTURES / "bad" / "path_templates.yaml")],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [e.split(": error: ")[1].split(":")[0] for e in errors] == [
        "malformed path template '/a/{}/b'",
        "malformed path template '/a/{id'",
    ]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_member_lists_cover_the_runtime(sdk: Any) -> None:
    """The reserved names are the runtime's real public members (kept in step with it)."""
    from generator.parse.operations import CLIENT_MEMBERS, SERVICE_MEMBERS

    core = importlib.import_module("enum_api._core")
    for cls in (core.SyncAPIClient, core.AsyncAPIClient):
        public = {n for n in dir(cls) if not n.startswith("_")}
        public |= {n for n in cls.__annotations__ if not n.startswith("_")}
        assert public <= CLIENT_MEMBERS, public - CLIENT_MEMBERS
    service = importlib.import_module("enum_api.resources.con_").ConService2
    generated_members = {n for n in dir(service) if not n.startswith("_")}
    methods = {"get_thing", "with_raw_response_"}
    assert generated_members - methods <= SERVICE_MEMBERS


# -- any names: the SDK is generated with portable files, or the spec is refused (exit 2) -----

_NAME_PIECES = st.sampled_from(
    ["con", "NUL", "aux", "com1", "LPT9", "enum", "typing", "httpx", "close", "with_options",
     "with_raw_response", "Headers", "Item", "ITEM", "class", "_", "-", ".", " ", "{", "}", "/",
     "~", "%", "Ж", "é", "2", "x" * 70, "\x00", "\ud800"]
)  # fmt: skip
NAMES = st.one_of(st.text(max_size=30), st.lists(_NAME_PIECES, min_size=1, max_size=4).map("".join))


def _named_spec(schema: str, tag: str, operation_id: str, prop: str, title: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "paths": {
            "/items/{id}": {
                "get": {
                    "operationId": operation_id,
                    "tags": [tag],
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": {"description": "OK."}},
                }
            }
        },
        "components": {
            "schemas": {
                schema: {"type": "object", "properties": {prop: {"type": "string"}}},
                f"{schema}-copy": {"type": "object", "properties": {prop: {"type": "integer"}}},
            }
        },
    }


@settings(max_examples=30, deadline=None)
@given(NAMES, NAMES, NAMES, NAMES, NAMES)
@example("con", "close", "with_options", "model_dump", "Enum API")
@example("x" * 300, "NUL", "close", "class", "typing")
@example("Item", "Item", "aclose", "", "con")
def test_any_names_give_portable_files_or_a_located_refusal(
    schema: str, tag: str, operation_id: str, prop: str, title: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        spec_path = Path(folder) / "names.json"
        spec_path.write_text(
            json.dumps(_named_spec(schema, tag, operation_id, prop, title)), encoding="utf-8"
        )
        try:
            built = build_api(
                spec_path, Config(), workflows=None, strict=False, use_config_names=False
            )
        except SpecError as exc:  # names that collide: refused, each problem located
            assert all(d.location.line > 0 for d in exc.diagnostics), exc.diagnostics
            return
        files = dict(render_sdk(built.api))
    siblings: dict[str, set[str]] = {}
    for rel, source in files.items():
        parts = rel.split("/")
        for depth, part in enumerate(parts):
            stem = part.split(".", 1)[0]
            assert stem.lower() not in naming.WINDOWS_DEVICE_NAMES, rel
            assert len(stem) <= naming.MAX_FILE_STEM, rel
            folder_key = "/".join(parts[:depth])
            seen = siblings.setdefault(folder_key, set())
            if part.casefold() in seen and depth == len(parts) - 1:
                raise AssertionError(f"two files differ only in case: {rel}")
            seen.add(part.casefold())
        if rel.endswith(".py"):
            ast.parse(source, rel)
    assert not naming.shadows_a_module(built.api.project.package)
