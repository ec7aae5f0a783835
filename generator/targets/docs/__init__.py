"""The docs: markdown pages under ``docs/docs/`` and the site's ``docs/mkdocs.yml``.

Where each page lives is decided in :class:`generator.targets.pages.DocsPaths` (the llms and
skills targets link to the same paths). Pages::

    index.md                          what the API is, base URL, auth, quick start, service map
    reference.md, reference/<service>/index.md, reference/<service>/<operation>.md
    models.md, models/<group>.md      every schema (a group to a page), linked to the operations
    guides/<slug>.md                  authentication, errors, pagination, retries, uploads, webhooks
    workflows.md, workflows/<id>.md   spec/workflows.yaml, step by step, with a sequence diagram

The markdown reads as plain files too (GitHub): code tabs are ``/// tab`` blocks (a headed
block without the site), diagrams are ``mermaid`` fences. The site builds with
``mkdocs build --strict`` (mkdocs-material) and with ``zensical build``; mermaid's script is
copied into ``docs/docs/javascripts/`` by ``make docs-site``, so diagrams draw offline.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from ...ir import Api, Operation, Schema, Service, Workflow
from ...render_cache import Planned, Units
from .. import Target
from ..context import TargetContext
from ..pages import DocsPaths
from ..render import render, yaml_string
from .guides import Guide, GuideWriter
from .markdown import cell, inline, prose
from .models import ModelWriter
from .operations import OperationWriter
from .views import Link
from .workflows import WorkflowWriter


def render_docs(api: Api) -> Iterator[tuple[str, str]]:
    for planned in plan_docs(api, Units(api, enabled=False), {}):
        text = planned.produce()
        yield planned.rel, text if isinstance(text, str) else text.decode("utf-8")


def plan_docs(api: Api, units: Units, outputs: Mapping[str, bytes]) -> Iterator[Planned]:
    """Every page, keyed by what it reads (see generator/render_cache.py)."""
    yield from _DocsBuilder(api).plan(units)


TARGET = Target(
    name="docs",
    roots=(DocsPaths.SITE,),
    render=render_docs,
    description="markdown reference and guides, with an mkdocs/zensical site",
    plan=plan_docs,
)


def _planned(page: str, key: str | None, produce: Callable[[], str]) -> Planned:
    """A docs page (its path under the docs' root) as the plan lists it."""
    return Planned(f"{DocsPaths.ROOT}/{page}", key, produce)


class _DocsBuilder:
    """The pages; what they share (the writers, the guides) is made when first needed."""

    def __init__(self, api: Api) -> None:
        self.ctx = TargetContext(api)
        self.api = api

    @cached_property
    def operations(self) -> OperationWriter:
        return OperationWriter(self.ctx)

    @cached_property
    def models(self) -> ModelWriter:
        operations = self.operations
        return ModelWriter(self.ctx, operations.types, operations.rows, operations.json_blocks)

    @cached_property
    def guides(self) -> list[Guide]:
        return list(GuideWriter(self.ctx, self.operations.types).guides())

    @cached_property
    def workflows(self) -> WorkflowWriter:
        return WorkflowWriter(self.ctx)

    def page(self, page: str, template: str, **context: object) -> tuple[str, str]:
        text = render(f"docs/{template}", api_title=inline(self.api.title), **context)
        return f"{DocsPaths.ROOT}/{page}", text

    def plan(self, units: Units) -> Iterator[Planned]:
        api = self.api

        def whole(page: str, produce: Callable[[], str]) -> Planned:
            """A page that reads anything of the API (rendered again after any edit)."""
            return _planned(page, units.all_key("docs", page), produce)

        yield whole(
            DocsPaths.INDEX,
            lambda: self.page(DocsPaths.INDEX, "index.md.jinja", index=self._index())[1],
        )
        yield whole(DocsPaths.REFERENCE, self._reference)
        for service in api.services:
            ids = [op.id for op in service.operations]
            yield from units.section(
                ("docs", "service", service.name),
                (service,),
                functools.partial(self._service_files, units, service, ids),
                ops=ids,
            )
        yield whole(DocsPaths.MODELS, self._models)
        # not a section: a model page lists the operations that use its schemas, and an edit
        # of one changes the pages of all the schemas it reaches
        yield from self._model_files(units)
        for guide in self._guide_pages():
            yield whole(guide.page, functools.partial(self._guide, guide))
        if api.workflows:
            yield whole(DocsPaths.WORKFLOWS, self._workflow_list)
        for workflow in api.workflows:
            page = DocsPaths.workflow(workflow)
            yield whole(page, functools.partial(self._workflow, workflow))
        rel = f"{DocsPaths.SITE}/mkdocs.yml"
        yield Planned(rel, units.all_key("docs", rel), self._mkdocs)

    def _service_files(self, units: Units, service: Service, ids: list[str]) -> Iterator[Planned]:
        """A service's page and its operations' pages."""
        page = DocsPaths.service(service)
        yield _planned(
            page,
            units.operations_key("docs", page, service, ids),
            functools.partial(self._service, service),
        )
        for op in service.operations:
            page = DocsPaths.operation(service, op)
            yield _planned(
                page,
                units.operations_key("docs", page, service, [op.id]),
                functools.partial(self._operation, op),
            )

    def _model_files(self, units: Units) -> Iterator[Planned]:
        """The model pages, each with the schemas it shows."""
        for page, schemas in self._model_pages().items():
            yield _planned(
                page,
                units.schemas_key("docs", page, [s.name for s in schemas], users=True),
                functools.partial(self._model, page, schemas),
            )

    def _guide_pages(self) -> list[Guide]:
        return self.guides

    def _reference(self) -> str:
        api = self.api
        return self.page(
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
        )[1]

    def _service(self, service: Service) -> str:
        return self.page(
            DocsPaths.service(service),
            "service.md.jinja",
            service=self.operations.service_view(service),
        )[1]

    def _operation(self, op: Operation) -> str:
        service = self.ctx.service_of(op)
        return self.page(
            DocsPaths.operation(service, op),
            "operation.md.jinja",
            op=self.operations.operation_view(op),
        )[1]

    def _models(self) -> str:
        return self.page(
            DocsPaths.MODELS,
            "models.md.jinja",
            models=[
                Link(inline(s.name), DocsPaths.model(s), cell(s.description))
                for s in self.api.schemas
            ],
        )[1]

    def _model_pages(self) -> dict[str, list[Schema]]:
        """Each model page and its schemas: the one it is about first, then the sections."""
        pages: dict[str, list[Schema]] = {}
        for schema in sorted(self.api.schemas, key=lambda s: bool(s.page_anchor)):
            pages.setdefault(DocsPaths.model_page(schema), []).append(schema)
        return pages

    def _model(self, page: str, schemas: list[Schema]) -> str:
        return self.page(page, "model.md.jinja", models=self.models.page_views(schemas))[1]

    def _guide(self, guide: Guide) -> str:
        return self.page(
            guide.page,
            f"guides/{guide.slug}.md.jinja",
            guide=guide,
            project=self.ctx.project,
            **guide.facts,
        )[1]

    def _workflow_list(self) -> str:
        return self.page(
            DocsPaths.WORKFLOWS,
            "workflows.md.jinja",
            workflows=[
                Link(inline(w.title), DocsPaths.workflow(w), cell(w.description))
                for w in self.api.workflows
            ],
        )[1]

    def _workflow(self, workflow: Workflow) -> str:
        return self.page(
            DocsPaths.workflow(workflow),
            "workflow.md.jinja",
            workflow=self.workflows.workflow_view(workflow),
        )[1]

    def _mkdocs(self) -> str:
        api = self.api
        return render(
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
                + [(title(s.name), DocsPaths.model(s)) for s in api.schemas if not s.page_anchor],
            )
        )
        return nav
