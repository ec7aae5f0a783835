"""The docs: markdown pages under ``docs/docs/`` and the site's ``docs/mkdocs.yml``.

Where each page lives is decided in :class:`generator.targets.pages.DocsPaths` (the llms and
skills targets link to the same paths). Pages::

    index.md                          what the API is, base URL, auth, quick start, service map
    reference.md, reference/<service>/index.md, reference/<service>/<operation>.md
    models.md, models/<schema>.md     every schema, linked both ways with the operations
    guides/<slug>.md                  authentication, errors, pagination, retries, uploads, webhooks
    workflows.md, workflows/<id>.md   spec/workflows.yaml, step by step, with a sequence diagram

The markdown reads as plain files too (GitHub): code tabs are ``/// tab`` blocks (a headed
block without the site), diagrams are ``mermaid`` fences. The site builds with
``mkdocs build --strict`` (mkdocs-material) and with ``zensical build``; mermaid's script is
copied into ``docs/docs/javascripts/`` by ``make docs-site``, so diagrams draw offline.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...ir import Api
from .. import Target
from ..context import TargetContext
from ..pages import DocsPaths
from ..render import render, yaml_string
from .guides import GuideWriter
from .markdown import cell, forget_json_blocks, inline, prose
from .models import ModelWriter
from .operations import OperationWriter
from .views import Link
from .workflows import WorkflowWriter


def render_docs(api: Api) -> Iterator[tuple[str, str]]:
    try:
        yield from _DocsBuilder(api).files()
    finally:
        forget_json_blocks()  # this API's examples: not kept for the rest of the run


TARGET = Target(
    name="docs",
    roots=(DocsPaths.SITE,),
    render=render_docs,
    description="markdown reference and guides, with an mkdocs/zensical site",
)


class _DocsBuilder:
    def __init__(self, api: Api) -> None:
        self.ctx = TargetContext(api)
        self.api = api
        self.operations = OperationWriter(self.ctx)
        self.models = ModelWriter(self.ctx, self.operations.types, self.operations.rows)
        self.guides = GuideWriter(self.ctx, self.operations.types).guides()
        self.workflows = WorkflowWriter(self.ctx)

    def page(self, page: str, template: str, **context: object) -> tuple[str, str]:
        text = render(f"docs/{template}", api_title=inline(self.api.title), **context)
        return f"{DocsPaths.ROOT}/{page}", text

    def files(self) -> Iterator[tuple[str, str]]:
        api = self.api
        yield self.page(DocsPaths.INDEX, "index.md.jinja", index=self._index())
        yield self.page(
            DocsPaths.REFERENCE,
            "reference.md.jinja",
            services=[
                (
                    Link(inline(s.name), DocsPaths.service(s), cell(s.description)),
                    self.operations.service_view(s),
                    [
                        self.operations.operation_link(op, DocsPaths.REFERENCE)
                        for op in s.operations
                    ],
                )
                for s in api.services
            ],
        )
        for service in api.services:
            yield self.page(
                DocsPaths.service(service),
                "service.md.jinja",
                service=self.operations.service_view(service),
            )
            for op in service.operations:
                yield self.page(
                    DocsPaths.operation(service, op),
                    "operation.md.jinja",
                    op=self.operations.operation_view(op),
                )
        yield self.page(
            DocsPaths.MODELS,
            "models.md.jinja",
            models=[
                Link(inline(s.name), DocsPaths.model(s), cell(s.description)) for s in api.schemas
            ],
        )
        for schema in api.schemas:
            yield self.page(
                DocsPaths.model(schema), "model.md.jinja", model=self.models.model_view(schema)
            )
        for guide in self.guides:
            yield self.page(
                guide.page,
                f"guides/{guide.slug}.md.jinja",
                guide=guide,
                project=self.ctx.project,
                **guide.facts,
            )
        if api.workflows:
            yield self.page(
                DocsPaths.WORKFLOWS,
                "workflows.md.jinja",
                workflows=[
                    Link(inline(w.title), DocsPaths.workflow(w), cell(w.description))
                    for w in api.workflows
                ],
            )
        for workflow in api.workflows:
            yield self.page(
                DocsPaths.workflow(workflow),
                "workflow.md.jinja",
                workflow=self.workflows.workflow_view(workflow),
            )
        yield f"{DocsPaths.SITE}/mkdocs.yml", render(
            "docs/mkdocs.yml.jinja",
            site_name=yaml_string(f"{api.title} {api.version}".strip()),
            site_url=self._site_url(),
            nav=self._nav(),
            mermaid=DocsPaths.MERMAID_SCRIPT,
        )

    def _site_url(self) -> str | None:
        """dxgen.toml's docs_base_url as mkdocs' site_url, when it is an http(s) URL."""
        url = self.ctx.project.docs_base_url
        if not url.startswith(("http://", "https://")):
            return None
        return yaml_string(url.rstrip("/") + "/")

    def _index(self) -> dict[str, object]:
        api = self.api
        showcase = self.ctx.operation(api.showcase.create) or self.ctx.operation(api.showcase.read)
        if showcase is None and api.operations:
            showcase = api.operations[0]
        return {
            "description": prose(api.description),
            "version": api.version,
            "base_url": api.base_url,
            "project": self.ctx.project,
            "cli_distribution": api.project.cli_distribution,
            "quick": self.operations.samples(showcase) if showcase else None,
            "quick_op": (
                self.operations.operation_link(showcase, DocsPaths.INDEX) if showcase else None
            ),
            "services": [
                (
                    Link(inline(s.name), DocsPaths.service(s), cell(s.description)),
                    len(s.operations),
                )
                for s in api.services
            ],
            "guides": [Link(g.title, g.page) for g in self.guides],
            "workflows": [Link(inline(w.title), DocsPaths.workflow(w)) for w in api.workflows],
            "schemas": len(api.schemas),
        }

    def _nav(self) -> list[tuple[str, object]]:
        """Home, guides, workflows, the reference (services and operations), the models."""
        api = self.api

        def title(text: str) -> str:
            return yaml_string(" ".join(text.split()) or "-")

        nav: list[tuple[str, object]] = [(title("Home"), DocsPaths.INDEX)]
        nav.append((title("Guides"), [(title(g.title), g.page) for g in self.guides]))
        if api.workflows:
            nav.append(
                (
                    title("Workflows"),
                    [(title("All workflows"), DocsPaths.WORKFLOWS)]
                    + [(title(w.title), DocsPaths.workflow(w)) for w in api.workflows],
                )
            )
        reference: list[tuple[str, object]] = [(title("All services"), DocsPaths.REFERENCE)]
        for service in api.services:
            reference.append(
                (
                    title(service.name),
                    [(title("Overview"), DocsPaths.service(service))]
                    + [
                        (title(op.summary or op.id), DocsPaths.operation(service, op))
                        for op in service.operations
                    ],
                )
            )
        nav.append((title("Reference"), reference))
        nav.append(
            (
                title("Models"),
                [(title("All models"), DocsPaths.MODELS)]
                + [(title(s.name), DocsPaths.model(s)) for s in api.schemas],
            )
        )
        return nav
