"""The pages llms-full.txt inlines after the map.

When the docs target is installed (``generator/targets/docs``), these are its own markdown
pages, rendered by it, in reading order: the front page, each service's page followed by its
operations' pages, the workflow guides, then every other page by path. Without it, each
operation gets a section rendered here from the IR: endpoint, scopes, description,
parameters, body fields and the shared snippets (CLI, curl, Python).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ...format import format_file
from ...ir import Api, Operation, TypeRef
from .. import available_targets
from ..context import TargetContext
from ..pages import DocsPaths
from ..skills.facts import DocLinks
from ..skills.markdown import cell, fence, inline
from ..snippets.cli import cli_command
from ..snippets.curl import curl_command
from ..snippets.python import python_call
from ..text import wrap


@dataclass(frozen=True)
class Page:
    path: str  # under the output folder
    text: str


def docs_pages(api: Api) -> dict[str, bytes] | None:
    """The docs target's markdown pages (path under the output folder → bytes) as a run writes
    them (one final newline), or ``None`` when there is no docs target."""
    docs = available_targets().get("docs")
    if docs is None:
        return None
    return {
        rel: format_file(rel, text).encode("utf-8")
        for rel, text in docs.render(api)
        if is_docs_page(rel)
    }


def reading_order(api: Api, pages: Iterable[str]) -> list[str]:
    """The docs pages (paths under the output folder) in the order llms-full.txt has them."""
    prefix = DocsPaths.ROOT + "/"
    order = [DocsPaths.INDEX]
    for service in api.services:
        order.append(DocsPaths.service(service))
        order.extend(DocsPaths.operation(service, op) for op in service.operations)
    order.extend(DocsPaths.workflow(w) for w in api.workflows)
    ranked = {prefix + page: rank for rank, page in enumerate(order)}
    return sorted(pages, key=lambda rel: (ranked.get(rel, len(ranked)), rel))


def is_docs_page(rel: str) -> bool:
    return rel.startswith(DocsPaths.ROOT + "/") and rel.endswith(".md")


_LINK = re.compile(r"(\]\()([^()\s]+)(\))")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.IGNORECASE)


def rebase_links(
    text: str, page: str, links: DocLinks, memo: dict[tuple[str, str], str] | None = None
) -> str:
    """A page's relative links as llms-full.txt needs them: from the output folder (or under
    the docs base URL), since the page is read there and no longer beside its neighbours.
    Links in code (fenced or inline) are left as they are. ``memo`` holds what a link from a
    folder became, for the pages of one run (a few thousand distinct links, met 60,000 times
    in GitHub's docs)."""
    folder = posixpath.dirname(page)
    seen = memo if memo is not None else {}

    def rebase(match: re.Match[str]) -> str:
        href = match.group(2)
        new = seen.get((folder, href))
        if new is None:
            new = seen[folder, href] = _rebased_href(folder, href, links)
        return f"{match.group(1)}{new}{match.group(3)}"

    result: list[str] = []
    position = 0
    for code in _CODE.finditer(text):
        result.append(_LINK.sub(rebase, text[position : code.start()]))
        result.append(code.group(0))
        position = code.end()
    result.append(_LINK.sub(rebase, text[position:]))
    return "".join(result)


def _rebased_href(folder: str, href: str, links: DocLinks) -> str:
    """``href``, in a page of ``folder``, as llms-full.txt links it (as it is when it leads
    out of the docs or off the site)."""
    if _EXTERNAL.match(href):
        return href
    path, _, fragment = href.partition("#")
    target = posixpath.normpath(posixpath.join(folder, path))
    root = DocsPaths.ROOT + "/"
    if not target.startswith(root):
        return href
    new = links.href(target[len(root) :], LLMS_FULL_FILE)
    return f"{new}#{fragment}" if fragment else new


# fenced blocks and inline code spans, where a link is text and stays as it is
_CODE = re.compile(r"(^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?^[ \t]*\2[ \t]*$|`+[^`\n]*`+)", re.S | re.M)
LLMS_FULL_FILE = "llms-full.txt"


def guide_pages(pages: Iterable[Page]) -> tuple[tuple[str, str], ...]:
    """The docs' guides (pages under ``guides/``): their page (relative to the docs root) and
    title (their first heading), in the docs' order."""
    prefix = f"{DocsPaths.ROOT}/{posixpath.dirname(DocsPaths.guide('x'))}/"
    found = []
    for page in pages:
        if page.path.startswith(prefix):
            title = next(
                (line[2:].strip() for line in page.text.splitlines() if line.startswith("# ")),
                posixpath.basename(page.path),
            )
            found.append((page.path[len(DocsPaths.ROOT) + 1 :], title))
    return tuple(found)


@dataclass(frozen=True)
class Row:
    name: str
    where: str
    type: str
    required: str
    description: str


@dataclass(frozen=True)
class OperationSection:
    page: str  # the docs page this section stands for (under the output folder)
    summary: str
    method: str
    path: str
    facts: str  # scopes, plan, pagination, deprecation
    description: str
    parameters: tuple[Row, ...]
    fields: tuple[Row, ...]
    cli: str
    curl: str
    python: str
    fence: str


@dataclass(frozen=True)
class ServiceSection:
    name: str
    description: str
    operations: tuple[OperationSection, ...]


def operation_sections(ctx: TargetContext) -> Iterator[ServiceSection]:
    for service in ctx.api.services:
        yield ServiceSection(
            inline(service.name),
            inline(service.description),
            tuple(_operation(ctx, op) for op in service.operations),
        )


def _operation(ctx: TargetContext, op: Operation) -> OperationSection:
    service = ctx.service_of(op)
    facts = []
    if op.scopes:
        facts.append("scopes: " + ", ".join(f"`{s}`" for s in op.scopes))
    elif not op.auth_required:
        facts.append("no authentication")
    if op.plan:
        facts.append(f"plan: {inline(op.plan)}")
    if op.pagination is not None:
        facts.append("paginated")
    if op.deprecated:
        facts.append("deprecated")
    cli, curl = cli_command(ctx, op), curl_command(ctx, op)
    python = python_call(ctx, op).render()
    fields: tuple[Row, ...] = ()
    if op.body is not None:
        fields = tuple(
            Row(
                cell(f.names.wire),
                "body",
                cell(type_text(f.type)),
                "yes" if f.required else "no",
                cell(f.description),
            )
            for f in (*op.body.fields, *op.body.outer_fields)
        )
    return OperationSection(
        page=DocsPaths.from_output(DocsPaths.operation(service, op)),
        summary=inline(op.summary or op.id),
        method=op.method,
        path=op.path,
        facts="; ".join(facts),
        description=wrap(inline(op.description)) if op.description else "",
        parameters=tuple(
            Row(
                cell(p.names.wire),
                p.location,
                cell(type_text(p.type)),
                "yes" if p.required else "no",
                cell(p.description),
            )
            for p in op.parameters
        ),
        fields=fields,
        cli=cli,
        curl=curl,
        python=python,
        fence=fence([cli, curl, python]),
    )


def type_text(typ: TypeRef) -> str:
    """A type in words, as the wire sees it: ``integer``, ``array of Message``, …"""
    if typ.kind == "array":
        text = f"array of {type_text(typ.items)}" if typ.items else "array"
    elif typ.kind == "map":
        text = f"map of {type_text(typ.items)}" if typ.items else "object"
    elif typ.kind == "ref":
        text = typ.ref or "object"
    elif typ.kind == "literal":
        text = repr(typ.literal)
    elif typ.kind == "primitive":
        text = typ.primitive or "any"
        if typ.format:
            text += f" ({typ.format})"
    else:
        text = "any"
    if typ.file:
        text = "file"
    return f"{text} or null" if typ.nullable else text
