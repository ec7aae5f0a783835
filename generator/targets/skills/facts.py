"""What an agent must know about the whole API before its first call, gathered once from the
IR for the skills and llms.txt: base URL, authentication, pagination, errors, rate limits,
plans, install lines — and how a page of the docs is linked from a generated file."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ...ir import Operation, Project
from ..cli_contract import CONFIRM_FLAG, EXIT_CODES
from ..context import TargetContext
from ..pages import DocsPaths
from .markdown import inline


@dataclass(frozen=True)
class StatusNote:
    status: str
    description: str


@dataclass(frozen=True)
class PageCap:
    """A paginated operation's page size: the flag, its largest and default values."""

    op_id: str
    flag: str
    maximum: int | None
    default: int | None


@dataclass(frozen=True)
class ExitNote:
    code: int
    meaning: str
    statuses: str  # "401, 402, 403" or ""


@dataclass(frozen=True)
class ApiFacts:
    title: str
    base_url: str  # the spec's first server, "" when it names none
    token_env: str
    base_url_env: str
    auth_header: str  # how the token is sent, e.g. "Authorization: Bearer <token>"; "" if none
    auth_notes: tuple[str, ...]  # the security schemes' own words
    sdk_install: str
    cli_install: str
    cli_distribution: str
    errors: tuple[StatusNote, ...]  # error statuses documented anywhere, with a description
    rate_limited: bool  # some operation documents 429 Too Many Requests
    cursor_flags: tuple[str, ...]  # the cursor parameters' CLI flags
    page_caps: dict[str, PageCap]  # operation id → its page size cap (paginated ones)
    plans: tuple[str, ...]  # plans some operation requires
    exit_codes: tuple[ExitNote, ...]  # the CLI's exit codes
    confirm_flag: str  # what a deleting command needs unattended ("": no command deletes)


def api_facts(ctx: TargetContext) -> ApiFacts:
    api, project = ctx.api, ctx.project
    errors: dict[str, str] = {}
    caps: dict[str, PageCap] = {}
    cursors: dict[str, None] = {}
    for op in api.operations:
        for response in op.errors:
            if response.status not in errors or not errors[response.status]:
                errors[response.status] = inline(response.description).rstrip(".")
        if op.pagination is not None:
            caps[op.id] = _page_cap(op)
            cursor = _parameter_flag(op, op.pagination.cursor_param)
            if cursor:
                cursors[cursor] = None
    header, notes = _auth(ctx)
    return ApiFacts(
        title=inline(api.title),
        base_url=api.base_url,
        token_env=project.token_env,
        base_url_env=project.base_url_env,
        auth_header=header,
        auth_notes=notes,
        sdk_install=f"pip install {project.distribution}",
        cli_install=f"pip install {project.cli_distribution}",
        cli_distribution=project.cli_distribution,
        errors=tuple(StatusNote(s, errors[s]) for s in sorted(errors, key=_status_order)),
        rate_limited="429" in errors,
        cursor_flags=tuple(cursors),
        page_caps=caps,
        plans=tuple(sorted({op.plan for op in api.operations if op.plan})),
        exit_codes=tuple(
            ExitNote(e.code, e.meaning.split(":")[0], ", ".join(map(str, e.statuses)))
            for e in EXIT_CODES
        ),
        confirm_flag=CONFIRM_FLAG if any(op.destructive for op in api.operations) else "",
    )


def _status_order(status: str) -> tuple[int, str]:
    return (0, status) if status[:1].isdigit() else (1, status)


def _page_cap(op: Operation) -> PageCap:
    assert op.pagination is not None
    limit = op.pagination.limit_param
    for param in op.parameters:
        if limit is not None and param.names.wire == limit:
            maximum = param.constraints.maximum
            default = param.default if isinstance(param.default, int) else None
            return PageCap(
                op.id,
                f"--{param.names.cli}",
                int(maximum) if maximum is not None else None,
                default,
            )
    return PageCap(op.id, "", None, None)


def _parameter_flag(op: Operation, wire: str) -> str:
    return next((f"--{p.names.cli}" for p in op.parameters if p.names.wire == wire), "")


def _auth(ctx: TargetContext) -> tuple[str, tuple[str, ...]]:
    """How a call is authorised (nothing when the spec describes no security scheme)."""
    token = "<token>"
    header = f"Authorization: Bearer {token}" if ctx.api.security else ""
    notes: list[str] = []
    for scheme in ctx.api.security:
        if scheme.kind == "apiKey" and scheme.location == "header" and scheme.parameter:
            header = f"{inline(scheme.parameter)}: {token}"
        elif scheme.kind == "http" and scheme.scheme == "basic":
            header = "Authorization: Basic <credentials>"
        if scheme.description:
            notes.append(inline(scheme.description))
    return header, tuple(notes)


class DocLinks:
    """Links from a generated file (its path under the output folder) to a docs page."""

    def __init__(self, project: Project) -> None:
        self.base = project.docs_base_url if project.absolute_doc_links else ""

    def href(self, page: str, from_file: str) -> str:
        """``page`` (relative to :attr:`DocsPaths.ROOT`) as linked from ``from_file``."""
        if self.base:
            return f"{self.base}/{page}"
        target = DocsPaths.from_output(page)
        folder = posixpath.dirname(from_file)
        if not folder:  # from the top of the output (llms-full.txt: 60,000 links for GitHub)
            return posixpath.normpath(target)  # what relpath gives, without its getcwd()s
        return posixpath.relpath(target, folder)
