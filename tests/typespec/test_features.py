"""Each feature of a TypeSpec spec that dxgen relies on compiles, reads as dxgen reads the
same thing written in OpenAPI, and generates every target, whose SDK imports."""

from __future__ import annotations

import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from generator.config import Config
from generator.ir import Api, Operation, Schema
from generator.pipeline import BuildResult, build_api, generate
from generator.targets import available_targets

from .conftest import FEATURES, FIXTURES


@cache
def _built(feature: str) -> BuildResult:
    return build_api(
        FIXTURES / feature / "main.tsp",
        Config(),
        workflows=None,
        strict=True,  # no warning from TypeSpec, the validator or the parser
        use_config_names=False,
    )


def api(feature: str) -> Api:
    return _built(feature).api


def operation(feature: str, name: str) -> Operation:
    found = [op for s in api(feature).services for op in s.operations if op.names.py == name]
    assert len(found) == 1, [op.names.py for s in api(feature).services for op in s.operations]
    return found[0]


def schema(feature: str, name: str) -> Schema:
    return next(s for s in api(feature).schemas if s.name == name)


def test_the_features_are_all_here() -> None:
    assert FEATURES == [
        "enums", "models", "pagination", "scopes", "unions", "uploads", "wrappers",
    ]  # fmt: skip


@pytest.mark.parametrize("feature", FEATURES)
def test_generates_every_target_and_the_sdk_imports(feature: str, tmp_path: Path) -> None:
    built = _built(feature)
    assert built.diagnostics == []
    assert FIXTURES / feature / "main.tsp" in built.inputs
    targets = list(available_targets().values())
    outcome = generate(built.api, targets, tmp_path, check=False)
    assert sorted(outcome.targets) == sorted(t.name for t in targets)
    assert {"sdk", "cli", "docs", "skills", "llms.txt"} <= {p.name for p in tmp_path.iterdir()}
    project = built.api.project
    assert (tmp_path / "sdk" / "src" / project.package / "__init__.py").is_file()
    services = [s.names.py for s in built.api.services]
    probe = (
        f"from {project.package} import {project.client_class} as Client\n"
        f"client = Client('token')\n"
        f"for name in {services!r}:\n"
        f"    assert getattr(client, name) is not None, name\n"
        f"print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "sdk" / "src")},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_models() -> None:
    user = {f.names.wire: f for f in schema("models", "User").fields}
    assert user["id"].required and user["id"].type.primitive == "integer"
    assert not user["email"].required
    assert user["address"].type.ref == "Address" and user["address"].type.nullable
    assert user["nicknames"].type.kind == "array"
    assert user["created_at"].type.format == "date-time"
    # Address is declared in the second file, ./address.tsp
    assert [f.names.wire for f in schema("models", "Address").fields] == ["city", "zip", "lines"]
    get_user = operation("models", "get_user")
    assert get_user.path == "/users/{id}" and get_user.method == "GET"
    assert get_user.result.type is not None and get_user.result.type.ref == "User"
    assert [r.status for r in get_user.responses] == ["200", "404"]


def test_enums() -> None:
    assert [v.value for v in schema("enums", "Role").enum_values] == [
        "admin",
        "user",
        "multi_guest",
    ]
    assert [v.value for v in schema("enums", "SortOrder").enum_values] == ["asc", "desc"]
    assert [v.value for v in schema("enums", "Priority").enum_values] == [1, 2, 3]
    role = next(p for p in operation("enums", "list_members").parameters if p.names.wire == "role")
    assert role.location == "query" and role.type.ref == "Role"


def test_unions() -> None:
    block = schema("unions", "Block")
    assert block.kind == "union"
    assert block.discriminator is not None and block.discriminator.property == "kind"
    post = {f.names.wire: f for f in schema("unions", "Post").fields}
    assert post["parent"].type.ref == "Post" and post["parent"].type.nullable
    assert post["blocks"].type.items is not None and post["blocks"].type.items.ref == "Block"
    reference = post["reference"].type
    assert reference.ref is not None and schema("unions", reference.ref).kind == "union"


def test_pagination() -> None:
    page = operation("pagination", "list_chats").pagination
    assert page is not None
    assert (page.cursor_param, page.limit_param) == ("cursor", "limit")
    assert page.items_path == ("data",)
    assert page.next_cursor_path == ("meta", "paginate", "next_page")
    assert page.item_type.ref == "Chat"


def test_scopes_and_auth() -> None:
    assert operation("scopes", "get_profile").scopes == ("profile:read",)
    assert operation("scopes", "update_profile").scopes == ("profile:write",)
    assert operation("scopes", "get_profile").auth_required
    check = operation("scopes", "check")
    assert check.scopes == () and not check.auth_required


def test_wrapper_bodies() -> None:
    for name in ("create_message", "get_message"):
        result = operation("wrappers", name).result
        assert result.unwrap_key == "data"
        assert result.type is not None and result.type.ref == "Message"
    body = operation("wrappers", "create_message").body
    assert body is not None and body.wrapper_key == "message"
    assert [f.names.wire for f in body.fields] == ["content", "chat_id"]


def test_uploads() -> None:
    upload_file = operation("uploads", "upload_file")
    assert upload_file.body is not None and upload_file.body.kind == "multipart"
    assert [f.names.wire for f in upload_file.body.fields if f.type.file] == ["file"]
    assert not upload_file.auth_required
    upload = upload_file.upload
    assert upload is not None
    assert (upload.url_field, upload.file_field, upload.key_field) == ("direct_url", "file", "key")
    assert upload.url_response_field == "direct_url"
    assert dict(upload.form_fields) == {"key": "key", "policy": "policy"}
    assert upload.attachment == "FileAttachment"
