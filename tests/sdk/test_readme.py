"""Every Python example in the generated SDK's README runs, against the spec's examples."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import respx

from generator.ir import Api
from generator.load import load_spec
from generator.parse import parse_spec

from .example_server import ExampleServer

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "output" / "sdk" / "README.md"
BASE = "https://api.readme.test/v1"


def python_blocks() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    blocks: list[tuple[str, str]] = []
    heading = "intro"
    for line_no, chunk in enumerate(re.split(r"(^## .*$)", text, flags=re.M)):
        if chunk.startswith("## "):
            heading = chunk[3:].strip()
            continue
        for index, code in enumerate(re.findall(r"```python\n(.*?)```", chunk, flags=re.S)):
            blocks.append((f"{heading}-{index}-{line_no}", code))
    return blocks


BLOCKS = python_blocks()


@cache
def api() -> Api:
    parsed, _ = parse_spec(load_spec(ROOT / "spec" / "pachca.yaml"))
    return parsed


def test_readme_has_the_promised_sections() -> None:
    headings = {name.split("-")[0] for name, _ in BLOCKS}
    for section in ("Quick start", "Async", "Pagination", "Errors", "Retries and timeouts",
                    "Raw responses", "File uploads", "Webhooks"):  # fmt: skip
        assert section in headings


@pytest.mark.parametrize(("name", "code"), BLOCKS, ids=[name for name, _ in BLOCKS])
def test_readme_example_runs(
    name: str, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: object
) -> None:
    server = ExampleServer(api(), BASE)
    monkeypatch.setenv("PACHCA_TOKEN", "readme-token")
    monkeypatch.setenv("PACHCA_BASE_URL", BASE)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 readme")
    with respx.mock(assert_all_called=False) as mock:
        mock.route().mock(side_effect=server)
        exec(compile(code, f"README.md:{name}", "exec"), {"__name__": "__readme__"})
    if "client" in code and "webhooks" not in code and "http_client" not in code:
        assert server.calls, "the example made no request"
    if "upload(" in code:
        assert any("storage" in url or "readme.test" not in url for _, url in server.calls)


def test_readme_installs_the_configured_distribution_and_documents_the_knobs() -> None:
    """The install line names dxgen.toml's `distribution` (an unrelated `pachca` exists on
    PyPI), the generated folder can be installed too, and the settings people ask about are
    explained."""
    import tomllib

    distribution = tomllib.loads((ROOT / "dxgen.toml").read_text(encoding="utf-8"))["distribution"]
    text = README.read_text(encoding="utf-8")
    assert f"pip install {distribution}\n" in text
    assert "pip install pachca\n" not in text
    assert "pip install ./output/sdk" in text and "pip install .  " in text
    pyproject = (ROOT / "output" / "sdk" / "pyproject.toml").read_text(encoding="utf-8")
    assert f'name = "{distribution}"' in pyproject
    webhooks = (ROOT / "output" / "sdk" / "src" / "pachca" / "webhooks.py").read_text("utf-8")
    header = re.search(r'SIGNATURE_HEADER = "([^"]+)"', webhooks)
    assert header is not None and f"`{header.group(1)}` header" in text
    for knob in ("max_retry_after", "retry_after", "extra_query", "extra_body",
                 "strict_response_validation", "with_streaming_response", "MissingFieldError",
                 "astimezone()", "await client.close()"):  # fmt: skip
        assert knob in text, knob
