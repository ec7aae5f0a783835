"""Pure parts of the CLI runtime, imported from the committed output/cli: YAML written for
any JSON data reads back equal, the output format read from argv alone, curl lines that a
shell reads back as the request, and the CLI action rule's output for hostile values."""

from __future__ import annotations

import shlex
import sys
from typing import Any

import httpx
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.cli_env import OUTPUT

CLI_SRC = str(OUTPUT / "cli" / "src")
if CLI_SRC not in sys.path:
    sys.path.insert(0, CLI_SRC)

from pachca_cli._runtime._errors import json_requested  # noqa: E402
from pachca_cli._runtime._http import curl_command, mask  # noqa: E402
from pachca_cli._runtime._output import to_yaml  # noqa: E402

json_data = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(json_data)
def test_yaml_reads_back(data: Any) -> None:
    assert yaml.safe_load(to_yaml(data)) == data


def test_output_format_from_argv() -> None:
    assert json_requested(["x", "-o", "json"], stdout_is_tty=True)
    assert json_requested(["x", "--output=jsonl"], stdout_is_tty=True)
    assert json_requested(["x", "-ojson"], stdout_is_tty=True)
    assert not json_requested(["x", "-o", "table"], stdout_is_tty=False)
    assert json_requested(["x"], stdout_is_tty=False)  # JSON is the default off a terminal
    assert not json_requested(["x"], stdout_is_tty=True)
    assert not json_requested(["x", "--", "-o", "json"], stdout_is_tty=True)


@given(st.text(min_size=1), st.text())
def test_curl_line_quotes_every_value(value: str, header: str) -> None:
    header = "".join(c for c in header if " " <= c <= "~") or "h"
    request = httpx.Request(
        "POST",
        "https://api.example/v1/items",
        params={"q": value},
        headers={"X-Note": header, "Authorization": "Bearer secret-token-value"},
        content=value.encode("utf-8", "surrogatepass"),
    )
    line = curl_command(request)
    words = shlex.split(line)
    assert words[:4] == ["curl", "-sS", "-X", "POST"]
    assert words[4] == str(request.url)
    assert "secret-token-value" not in line
    assert words[words.index("--data-binary") + 1] == request.content.decode("utf-8", "replace")


def test_mask() -> None:
    assert mask("Bearer abcdefghijklmnop", "abcdefghijklmnop") == "Bearer abcd****"
    assert mask("short", "short") == "****"
    assert mask("nothing here", "token") == "nothing here"
