"""CLIs generated for fixture specs, installed and run: deprecated operations say so and
warn, hostile spec text prints as text in every command's help."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets
from tests.cli.conftest import Cli
from tests.cli.local_server import local_server
from tests.cli_env import install_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "features"


def fixture_cli(factory: pytest.TempPathFactory, name: str) -> Cli:
    out = factory.mktemp(f"cli-{name}")
    built = build_api(
        FIXTURES / f"{name}.yaml", Config(), workflows=None, strict=False, use_config_names=False
    )
    targets = [available_targets()["sdk"], available_targets()["cli"]]
    for rel, data in render_targets(built.api, targets).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    exe = install_cli(out, sdk=out / "sdk", cli=out / "cli", command=built.api.project.command)
    return Cli(exe)


@pytest.fixture(scope="module")
def operations_cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return fixture_cli(tmp_path_factory, "operations")


def test_deprecated_operation_says_so_and_warns(operations_cli: Cli) -> None:
    group = operations_cli.run("messages", "--help")
    assert "(deprecated)" in group.stdout
    help_text = operations_cli.run("messages", "delete", "--help").stdout
    assert "DEPRECATED" in help_text
    with local_server() as server:
        server.route("DELETE", "/messages/3", (204, None))
        done = operations_cli.run(
            "messages", "delete", "--id", "3", "--yes", "--token", "t",
            "--base-url", server.base_url,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "deprecated" in done.stderr
        assert [s.path for s in server.seen] == ["/messages/3"]
        quiet = operations_cli.run(
            "messages", "delete", "--id", "3", "--yes", "-q", "--token", "t",
            "--base-url", server.base_url,
        )  # fmt: skip
        assert quiet.returncode == 0 and "deprecated" not in quiet.stderr


def test_hostile_text_in_every_help(tmp_path_factory: pytest.TempPathFactory) -> None:
    cli = fixture_cli(tmp_path_factory, "injection")
    done = cli.run("evil", "get", "--help")
    assert done.returncode == 0, done.stderr
    assert 'Summary with """ triple quotes' in done.stdout
    assert "{{ 7 * 7 }}" in done.stdout  # no template ran over it
    probe = subprocess.run(
        [str(cli.python), "-c", "import injection_cli.commands.evil as m; print(len(m.ACTIONS))"],
        capture_output=True,
        text=True,
    )
    assert probe.returncode == 0, probe.stderr


@pytest.fixture(scope="module")
def bodies_cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    return fixture_cli(tmp_path_factory, "bodies")


def test_whole_bodies(bodies_cli: Cli, tmp_path: Path) -> None:
    """A body that is not an object of fields: a JSON array (`--json`); form fields and a
    file part (flags)."""
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01binary")
    with local_server() as server:
        server.route("POST", "/tags", (204, None))
        server.route("POST", "/upload", (204, None))
        common = ["--token", "t", "--base-url", server.base_url]
        done = bodies_cli.run("files", "set-tags", "--json", '["a", "b"]', *common)
        assert done.returncode == 0, done.stderr
        done = bodies_cli.run(
            "files", "upload", "--file", "blob.bin", "--key", "k", *common, cwd=tmp_path
        )
        assert done.returncode == 0, done.stderr
        tags, upload = server.seen
    assert json.loads(tags.body) == ["a", "b"]
    assert upload.headers["content-type"].startswith("multipart/form-data")
    assert b"\x00\x01binary" in upload.body and b'name="key"' in upload.body


def test_binary_body_from_a_file(bodies_cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "blob.bin").write_bytes(b"\x00\x01binary")
    with local_server() as server:
        server.route("PUT", "/raw", (204, None))
        done = bodies_cli.run(
            "files", "put-raw", "--body", "blob.bin", "--token", "t", "--base-url",
            server.base_url, cwd=tmp_path,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        (raw,) = server.seen
    assert raw.body == b"\x00\x01binary"


def test_parameters(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Query styles, headers, a parameter named like a global flag (`timeout` is
    `--timeout-2`) and a deprecated one (warns), as the SDK sends them."""
    cli = fixture_cli(tmp_path_factory, "params")
    with local_server() as server:
        server.route("GET", "/members", (200, []))
        server.route("GET", "/chats/4/members/9", (200, {}))
        common = ["--token", "t", "--base-url", server.base_url, "-o", "json"]
        done = cli.run(
            "members", "list", "--ids", "1,2", "--ids", "3", "--timeout-2", "30",
            "--page-size", "5", *common,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "--page-size is deprecated" in done.stderr
        done = cli.run(
            "members", "get", "--chat-id", "4", "--user-id", "9", "--x-request-id",
            "0d9e3c2a-1b4f-4c8e-9a7d-2f6b5e8c1a3d", *common,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        listing, one = server.seen
    assert listing.query["ids"] == ["1,2,3"]  # explode: false
    assert listing.query["timeout"] == ["30"] and listing.query["page-size"] == ["5"]
    assert one.headers["x-request-id"] == "0d9e3c2a-1b4f-4c8e-9a7d-2f6b5e8c1a3d"
