"""Spec text is data, never code: hostile descriptions, names and values survive as text."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "injection.yaml"


@pytest.fixture(scope="module")
def evil_sdk(tmp_path_factory: pytest.TempPathFactory) -> object:
    out = tmp_path_factory.mktemp("evil")
    built = build_api(FIXTURE, Config(), workflows=None, strict=False, use_config_names=False)
    for rel, data in render_targets(built.api, [available_targets()["sdk"]]).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    src = out / "sdk" / "src"
    sys.path.insert(0, str(src))
    try:
        yield importlib.import_module(built.api.project.package)
    finally:
        sys.path.remove(str(src))
        for name in [m for m in sys.modules if m.split(".")[0] == built.api.project.package]:
            del sys.modules[name]


def test_docstrings_carry_the_text_verbatim(evil_sdk: Any) -> None:
    spec = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    operation = spec["paths"]["/evil"]["get"]
    client_class = evil_sdk.InjectionClient
    service = client_class("t", base_url="https://evil.test").evil
    doc = service.get_evil.__doc__ or ""
    assert operation["summary"] in doc
    for line in operation["description"].strip().splitlines():
        assert line.strip() in doc
    model = evil_sdk.Evil
    assert 'A """docstring""" breaker \\' in (model.__doc__ or "")


def test_hostile_property_names_and_values(evil_sdk: Any) -> None:
    model = evil_sdk.Evil
    evil_name = 'a"); import os; #'
    parsed = model.model_validate({evil_name: "x", "kind": '"""'})
    assert parsed.model_dump(by_alias=True, exclude_unset=True) == {evil_name: "x", "kind": '"""'}
    kind_enum = type(parsed.kind)
    assert {m.value for m in kind_enum} == {'"""', "{{ x }}", "\\"}
