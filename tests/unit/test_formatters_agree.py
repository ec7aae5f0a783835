"""ruff formats the generated Python, and what it writes is what black would write (issue #12).

For our spec, every feature fixture and every document of the shared corpus (skipped when
absent), each generated Python file is formatted by both: ``ruff format`` as the generator runs
it, and black (the style the design promises) from the same unformatted text. They must give the
same bytes; where they would not, the templates are to emit code on which they agree.
"""

from __future__ import annotations

from pathlib import Path

import black
import black.mode
import pytest

from generator.config import Config
from generator.diagnostics import SpecError
from generator.format import format_files
from generator.pipeline import build_api
from generator.targets import available_targets
from tests.corpus import corpus_documents

ROOT = Path(__file__).resolve().parents[2]
SPECS = [
    ROOT / "spec" / "pachca.yaml",
    *sorted((ROOT / "tests" / "fixtures" / "features").glob("*.yaml")),
    *sorted((ROOT / "tests" / "fixtures" / "swagger2").glob("*.yaml")),
    *sorted((ROOT / "tests" / "fixtures" / "names").glob("*.yaml")),
    *corpus_documents(),
]
BLACK = black.mode.Mode(line_length=100, target_versions={black.mode.TargetVersion.PY311})


@pytest.fixture(autouse=True)
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DXGEN_CACHE", "0")  # the formatter itself, not an earlier answer


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_ruff_and_black_format_the_generated_python_alike(spec: Path) -> None:
    try:
        built = build_api(spec, Config(), workflows=None, strict=False, use_config_names=False)
    except SpecError:
        pytest.skip("not a spec dxgen models (the load tests cover it)")
    rendered: dict[str, str] = {}
    for target in available_targets().values():
        rendered.update((rel, text) for rel, text in target.render(built.api))
    python = {rel: text for rel, text in rendered.items() if rel.endswith((".py", ".pyi"))}
    assert python, "no Python generated"
    by_ruff = format_files(python)
    differ = [
        rel for rel, text in python.items() if black.format_str(text, mode=BLACK) != by_ruff[rel]
    ]
    assert differ == [], f"ruff and black format these differently: {differ[:10]}"
