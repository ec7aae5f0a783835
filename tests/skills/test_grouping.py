"""Skill grouping from dxgen.toml, decided in the parser: tables checked for shape when the
config is read, against the spec when it is parsed; one skill per tag by default; every
workflow held by one skill."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config
from generator.diagnostics import SpecError
from generator.ir import Api
from generator.pipeline import build_api
from tests.skills.helpers import ROOT

WORKFLOWS = ROOT / "tests" / "fixtures" / "workflows"


def build(tmp_path: Path, toml: str) -> Api:
    (tmp_path / "dxgen.toml").write_text(toml, encoding="utf-8")
    config = load_config(cwd=tmp_path)
    return build_api(
        WORKFLOWS / "api.yaml",
        config,
        workflows=WORKFLOWS / "good.yaml",
        strict=False,
        use_config_names=True,
    ).api


def problems(tmp_path: Path, toml: str) -> str:
    with pytest.raises(SpecError) as caught:
        build(tmp_path, toml)
    rendered = [d.render() for d in caught.value.diagnostics]
    assert all(line.startswith(str(tmp_path / "dxgen.toml")) for line in rendered)
    return "\n".join(rendered)


def test_one_skill_per_tag_by_default(tmp_path: Path) -> None:
    api = build(tmp_path, "")
    assert [(g.name, g.services) for g in api.skill_groups] == [
        ("users", ("Users",)),
        ("messages", ("Messages",)),
    ]
    # greet-user: a read, then a write in Messages → held by the messages skill
    assert [g.workflows for g in api.skill_groups] == [(), ("greet-user",)]


def test_a_single_skill_when_asked(tmp_path: Path) -> None:
    api = build(tmp_path, 'skill_grouping = "single"\n')
    assert [(g.name, g.skill, g.services) for g in api.skill_groups] == [
        ("api", "workflow-api", ("Users", "Messages"))
    ]
    assert api.skill_groups[0].workflows == ("greet-user",)


def test_configured_groups_triggers_redirects_and_pins(tmp_path: Path) -> None:
    api = build(
        tmp_path,
        """
[skills.people]
tags = ["Users"]
triggers = ["look   someone up"]
not_for = { "writing to them" = "messages" }
workflows = ["greet-user"]
""",
    )
    people, messages = api.skill_groups
    assert (people.name, people.services, people.triggers) == (
        "people",
        ("Users",),
        ("look someone up",),
    )
    assert [(r.task, r.skill) for r in people.not_for] == [("writing to them", "messages")]
    assert (people.workflows, messages.workflows) == (("greet-user",), ())


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[skills.a]\ntags = ["Nope"]\n', "the spec has no tag 'Nope'"),
        ('[skills.a]\ntags = ["Users"]\n[skills.b]\ntags = ["Users"]\n', "is in both"),
        ('[skills.a]\ntags = ["Users"]\nnot_for = { x = "ghost" }\n', "names no other skill"),
        ('[skills.a]\ntags = ["Users"]\nworkflows = ["ghost"]\n', "there is no workflow"),
    ],
)
def test_grouping_that_does_not_fit_the_spec_is_an_error(
    tmp_path: Path, toml: str, message: str
) -> None:
    assert message in problems(tmp_path, toml)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[skills.Bad_Name]\ntags = ["Users"]\n', "lower-case words joined by hyphens"),
        ("[skills.a]\ntags = []\n", "names at least one tag"),
        ('[skills.a]\ntags = "Users"\n', "`tags` must be a list"),
        ('[skills.a]\ntags = ["Users"]\ncolour = 1\n', "unknown key(s) colour"),
        ('[skills.a]\ntags = ["Users"]\nnot_for = ["x"]\n', "`not_for` maps a task"),
        ('doc_links = "sideways"\n', '`doc_links` is "relative" or "absolute"'),
        ('doc_links = "absolute"\n', "needs `docs_base_url`"),
        ('skill_grouping = "by-mood"\n', '`skill_grouping` is "service" or "single"'),
    ],
)
def test_config_shape_is_checked_when_read(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "dxgen.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_config(cwd=tmp_path)
    assert message in str(caught.value)


def test_absolute_doc_links_are_recorded_in_the_project(tmp_path: Path) -> None:
    api = build(tmp_path, 'docs_base_url = "https://docs.example.test/"\ndoc_links = "absolute"\n')
    assert api.project.absolute_doc_links
    assert api.project.docs_base_url == "https://docs.example.test"
