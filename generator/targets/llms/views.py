"""What llms.txt and llms-full.txt show, prepared from the IR.

llms.txt follows llmstxt.org: an H1, a one-line blockquote summary, a short body, then H2
sections whose every line is a link ``- [title](url): notes`` (what the reference parser,
``llms_txt.parse_llms_file``, accepts). Link titles and notes are spec text made safe for that
one line: no ``]`` in a title, no line breaks anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import Operation, Service
from ..context import TargetContext
from ..pages import DocsPaths
from ..skills.describe import sentence, sentences
from ..skills.facts import ApiFacts, DocLinks, api_facts
from ..skills.markdown import inline

LLMS_TXT = "llms.txt"
LLMS_FULL = "llms-full.txt"


@dataclass(frozen=True)
class Link:
    title: str
    href: str
    notes: str


@dataclass(frozen=True)
class Section:
    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class LlmsView:
    title: str
    summary: str
    facts: ApiFacts
    command: str
    skills_index: str  # the skills' discovery index, from llms.txt
    services: tuple[Section, ...]
    guides: tuple[Link, ...]
    optional: tuple[Link, ...]


def link_title(text: str) -> str:
    """Spec text as a link title the parser reads back whole: no ``]``, one line."""
    return inline(text).replace("]", ")").replace("[", "(") or "untitled"


class LlmsViews:
    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx
        self.links = DocLinks(ctx.project)

    def href(self, page: str) -> str:
        return self.links.href(page, LLMS_TXT)

    def view(self, guide_pages: tuple[tuple[str, str], ...] = ()) -> LlmsView:
        """The map; ``guide_pages`` are the docs' guides (page, title), listed before the
        workflows under Guides."""
        api = self.ctx.api
        summary = sentences(api.description, 440).rstrip(".") or f"The {api.title} reference"
        services = tuple(
            Section(
                link_title(service.name),
                tuple(self._operation(service, op) for op in service.operations),
            )
            for service in api.services
            if service.operations
        )
        guides = tuple(
            Link(link_title(title), self.href(page), "") for page, title in guide_pages
        ) + tuple(
            Link(link_title(w.title), self.href(DocsPaths.workflow(w)), inline(w.description))
            for w in api.workflows
        )
        optional = (
            Link("Documentation home", self.href(DocsPaths.INDEX), "the reference's front page"),
            Link("Models", self.href(DocsPaths.MODELS), "every schema, with its fields"),
            *(
                Link(
                    f"{link_title(service.name)} overview",
                    self.href(DocsPaths.service(service)),
                    inline(sentence(service.description)),
                )
                for service in api.services
            ),
        )
        return LlmsView(
            title=inline(api.title),
            summary=inline(summary) + ".",
            facts=api_facts(self.ctx),
            command=self.ctx.project.command,
            skills_index="skills/index.json",
            services=services,
            guides=guides,
            optional=optional,
        )

    def _operation(self, service: Service, op: Operation) -> Link:
        notes = [f"`{op.method} {op.path}`"]
        if op.scopes:
            notes.append("scope " + ", ".join(f"`{s}`" for s in op.scopes))
        if op.pagination is not None:
            notes.append("paginated")
        if op.plan:
            notes.append(f"{inline(op.plan)} plan")
        if op.deprecated:
            notes.append("deprecated")
        description = sentence(op.description)
        if description and description.lower() != op.summary.lower().rstrip("."):
            notes.append(inline(description))
        return Link(
            link_title(op.summary or op.id),
            self.href(DocsPaths.operation(service, op)),
            "; ".join(notes),
        )
