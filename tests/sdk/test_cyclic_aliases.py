"""Type aliases on a reference cycle (issue 12): `X: TypeAlias = list[X]` fails at import with a
NameError, so such an alias is a ``TypeAliasType`` whose value is a string. The SDK imports,
pydantic parses values of any depth, and mypy --strict checks both the SDK and its use.
Fixture: tests/fixtures/features/recursive.yaml (JsonValue, Folder, and Path ↔ Step)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import respx

from tests.sdk.generated_sdk import generated, mypy_strict

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "recursive.yaml"
DOCUMENT = {
    "id": 7,
    "data": {"a": [1.5, "x", {"b": [True, {"c": []}]}]},
    "folders": {"src": {"lib": {}}, "docs": {}},
    "route": ["start", {"branch": ["left", {"deeper": []}]}],
}


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, ModuleType]]:
    with generated(tmp_path_factory, FIXTURE) as built:
        yield built


def test_every_cyclic_alias_imports_and_parses_any_depth(sdk: tuple[Path, ModuleType]) -> None:
    _, package = sdk
    types = importlib.import_module(f"{package.__name__}.types")
    assert {types.JsonValue.__name__, types.Folder.__name__, types.Path.__name__} == {
        "JsonValue",
        "Folder",
        "Path",
    }
    with respx.mock(base_url="https://api.recursive.test") as mock:
        mock.get("/documents/7").respond(json=DOCUMENT)
        with package.RecursiveClient(token="t") as client:
            document = client.documents.get_document(7)
    assert document.model_dump(exclude_none=True) == DOCUMENT


USE = """
from recursive.types import Document, JsonValue, Path

value: JsonValue = {"a": [1.5, "x", {"b": [True]}]}
route: Path = ["start", {"branch": ["left"]}]
document = Document(id=1, data=value, route=route)
wrong: JsonValue = {"a": [None]}
"""


def test_mypy_checks_the_aliases_and_their_use(sdk: tuple[Path, ModuleType]) -> None:
    src, package = sdk
    (src / "use_aliases.py").write_text(USE)
    result = mypy_strict(package.__name__, "use_aliases.py", cwd=src)
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and "use_aliases.py:7:" in errors[0], result.stdout


def test_ruff_sees_the_names_an_alias_names_in_its_string(sdk: tuple[Path, ModuleType]) -> None:
    """``Step`` names ``Marker`` only inside its string value: ruff reads that value as a type
    expression only for typing(_extensions)' own ``TypeAliasType`` (F401 on Stripe's SDK when
    it came from the SDK's core)."""
    src, package = sdk
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run(
        [str(ruff), "check", "--select", "F,I", str(src / package.__name__ / "types")],
        cwd=src.parent,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    step = (src / package.__name__ / "types" / "path.py").read_text(encoding="utf-8")
    assert "from typing_extensions import TypeAliasType" in step
    assert 'Step = TypeAliasType("Step", "str | dict[str, Path] | Marker")' in step
