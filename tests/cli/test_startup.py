"""Starting fast: `pachca --help` imports no service module, no SDK, httpx or pydantic; a
service's help imports its own module only."""

from __future__ import annotations

import json

from tests.cli.conftest import Cli

PROBE = """
import json, sys
from pachca_cli._runtime._root import main
sys.argv = ["pachca", *{args!r}]
try:
    main()
except SystemExit:
    pass
sys.stdout = sys.__stdout__
print("\\n" + json.dumps(sorted(sys.modules)))
"""

HEAVY = ("httpx", "pydantic", "pachca", "rich", "keyring", "platformdirs")


def _modules(cli: Cli, *args: str) -> set[str]:
    result = cli.run_python(PROBE.format(args=list(args)))
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_root_help_imports_nothing_heavy(cli: Cli) -> None:
    modules = _modules(cli, "--help")
    assert not {m for m in modules if m.split(".")[0] in HEAVY}
    assert not {m for m in modules if m.startswith("pachca_cli.commands.")}
    # the built-in commands are listed from BUILTIN_HELP, not imported
    assert not {m for m in modules if m.startswith("pachca_cli._runtime.builtin.")}


def test_command_help_imports_its_service_only(cli: Cli) -> None:
    modules = _modules(cli, "messages", "create", "--help")
    assert "pachca_cli.commands.messages" in modules
    assert "pachca_cli.commands.chats" not in modules
    assert not {m for m in modules if m.split(".")[0] in HEAVY}


def test_rich_only_for_tables(cli: Cli) -> None:
    """A JSON result imports the SDK but not rich; a table imports rich."""
    from tests.cli.local_server import local_server

    with local_server() as server:
        server.route("GET", "/chats/5", (200, {"data": {"id": 5, "name": "x"}}))
        common = ["chats", "get", "--id", "5", "--token", "t", "--base-url", server.base_url]
        as_json = _modules(cli, *common, "-o", "json")
        as_table = _modules(cli, *common, "-o", "table")
    assert "httpx" in as_json and "pachca" in as_json
    assert "rich" not in as_json
    assert "rich" in as_table
