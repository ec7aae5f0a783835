"""Rendering the skills and llms targets in memory, and reading what they show."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from generator.config import Config, load_config
from generator.ir import Api
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets
from generator.targets.context import TargetContext
from generator.targets.pages import DocsPaths
from generator.targets.snippets.cli import cli_command, cli_step_command

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "tests" / "fixtures" / "features"
LINK = re.compile(r"\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)")


@cache
def pachca_api(config_text: str | None = None) -> Api:
    """Our spec with its workflows and dxgen.toml (or the given config text)."""
    if config_text is None:
        config = load_config(cwd=ROOT)
    else:
        config = Config(__import__("tomllib").loads(config_text), None, ROOT)
    return build_api(
        ROOT / "spec" / "pachca.yaml",
        config,
        workflows=ROOT / "spec" / "workflows.yaml",
        strict=True,
        use_config_names=True,
    ).api


def fixture_api(name: str) -> Api:
    return build_api(
        FEATURES / f"{name}.yaml", Config(), workflows=None, strict=False, use_config_names=False
    ).api


def render(api: Api, *targets: str) -> dict[str, str]:
    found = available_targets()
    files = render_targets(api, [found[t] for t in targets])
    return {rel: data.decode("utf-8") for rel, data in sorted(files.items())}


def renderer_commands(api: Api) -> set[str]:
    """Every command the CLI snippet renderer makes for this API: showcases and steps."""
    ctx = TargetContext(api)
    made = {cli_command(ctx, op) for op in api.operations}
    made |= {cli_step_command(ctx, step) for w in api.workflows for step in w.steps}
    return made


def docs_pages(api: Api) -> set[str]:
    """Every page of the docs that llms.txt and the skills may link (under the output folder)."""
    pages = {DocsPaths.INDEX, DocsPaths.REFERENCE, DocsPaths.MODELS, DocsPaths.WORKFLOWS}
    for service in api.services:
        pages.add(DocsPaths.service(service))
        pages.update(DocsPaths.operation(service, op) for op in service.operations)
    pages.update(DocsPaths.workflow(w) for w in api.workflows)
    found = {DocsPaths.from_output(page) for page in pages}
    docs = available_targets().get("docs")
    if docs is not None:  # its guides too, whichever it writes
        found.update(
            rel for rel, _ in docs.render(api) if rel.startswith(DocsPaths.ROOT + "/guides/")
        )
    return found


HERE = Path(__file__).resolve().parent / "fixtures"
SPECS = {
    "wrapper_body": (FEATURES / "wrapper_body.yaml", None),
    "pagination": (FEATURES / "pagination.yaml", None),
    "enums_and_uploads": (FEATURES / "enums_and_uploads.yaml", None),
    "workflows": (
        ROOT / "tests" / "fixtures" / "workflows" / "api.yaml",
        ROOT / "tests" / "fixtures" / "workflows" / "good.yaml",
    ),
    "hostile": (HERE / "hostile.yaml", HERE / "hostile_workflows.yaml"),
}


def build_fixture(name: str) -> Api:
    """A fixture spec of :data:`SPECS` (with its workflows), project names derived."""
    spec, workflows = SPECS[name]
    return build_api(spec, Config(), workflows=workflows, strict=False, use_config_names=False).api
