"""Skills and llms.txt for every real-world document in ../shared/corpus (skipped when the
corpus is absent): each SKILL.md passes the Agent Skills reference validator, stays under 500
lines, and llms.txt parses with the llmstxt.org reference parser."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
from llms_txt import parse_llms_file
from skills_ref.validator import validate

from generator.config import Config
from generator.diagnostics import SpecError
from generator.pipeline import build_api
from tests.corpus import CORPUS, corpus_documents
from tests.skills.helpers import render

DOCUMENTS = [p.relative_to(CORPUS).as_posix() for p in corpus_documents()]


@pytest.mark.skipif(not DOCUMENTS, reason=f"no corpus at {CORPUS}")
@pytest.mark.parametrize("document", DOCUMENTS)
def test_corpus_skills_validate_and_llms_parses(document: str, tmp_path: Path) -> None:
    try:
        api = build_api(
            CORPUS / document, Config(), workflows=None, strict=False, use_config_names=False
        ).api
    except SpecError as exc:
        pytest.skip(f"the parser refuses it (its own tests cover why): {exc.diagnostics[0]}")
    files = render(api, "skills", "llms")
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    skills = sorted(posixpath.dirname(rel) for rel in files if rel.endswith("/SKILL.md"))
    assert len(skills) == len(api.skill_groups) + 1
    for folder in skills:
        assert validate(tmp_path / folder) == [], folder
        assert len(files[f"{folder}/SKILL.md"].splitlines()) < 500, folder
    parsed = parse_llms_file(files["llms.txt"])
    links = sum(len(section) for section in parsed.sections.values())
    assert parsed.title and links >= len(api.operations)
