"""The guides: authentication, errors, pagination, retries, uploads and webhooks, each built
from what the IR records (scopes, plans, error responses, pagination, the upload flow, the
webhook payload), with samples from the shared snippet renderers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from ...ir import JSON, Operation, Schema, SecurityScheme
from ..cli_contract import EXIT_CODES
from ..context import TargetContext
from ..pages import DocsPaths
from ..python.source import literal
from ..snippets.curl import curl_command
from ..snippets.python import python_call
from ..text import code_span
from .markdown import cell, inline, prose, value_cell
from .types import TypeWriter
from .views import Link


@dataclass(frozen=True)
class _Guides:
    authentication: str = "authentication"
    errors: str = "errors"
    pagination: str = "pagination"
    retries: str = "retries"
    uploads: str = "uploads"
    webhooks: str = "webhooks"


GUIDES = _Guides()

TITLES = {
    GUIDES.authentication: "Authentication and scopes",
    GUIDES.errors: "Errors and exit codes",
    GUIDES.pagination: "Pagination",
    GUIDES.retries: "Retries and rate limits",
    GUIDES.uploads: "File uploads",
    GUIDES.webhooks: "Webhooks",
}


@dataclass(frozen=True)
class Grouped:
    """A key (a scope, a plan, a status) and the operations it concerns."""

    key: str
    description: str
    operations: tuple[Link, ...]


@dataclass(frozen=True)
class Call:
    """One showcase operation: its link and its call as curl, Python statement and imports."""

    link: Link
    curl: str
    python: str
    imports: str  # `PachcaClient, Foo`


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    page: str
    #: What its page shows, made when the page is (the list of guides is needed by every
    #: run's plan; a guide's facts read every operation, only when its page is made again).
    build: Callable[[str], dict[str, object]] = field(repr=False, compare=False)

    @cached_property
    def facts(self) -> dict[str, object]:
        return self.build(self.page)


class GuideWriter:
    def __init__(self, ctx: TargetContext, types: TypeWriter) -> None:
        self.ctx = ctx
        self.types = types

    def guides(self) -> list[Guide]:
        """The guides this API has: uploads and webhooks only when it describes them."""
        found = [
            self._guide(GUIDES.authentication, self._authentication),
            self._guide(GUIDES.errors, self._errors),
        ]
        if any(op.pagination for op in self.ctx.api.operations):
            found.append(self._guide(GUIDES.pagination, self._pagination))
        found.append(self._guide(GUIDES.retries, self._retries))
        if any(op.upload for op in self.ctx.api.operations):
            found.append(self._guide(GUIDES.uploads, self._uploads))
        if self._webhook_schema() is not None:
            found.append(self._guide(GUIDES.webhooks, self._webhooks))
        return found

    def _guide(self, slug: str, build: Callable[[str], dict[str, object]]) -> Guide:
        return Guide(slug, TITLES[slug], DocsPaths.guide(slug), build)

    # -- shared pieces ---------------------------------------------------------------

    def link(self, op: Operation, page: str) -> Link:
        target = DocsPaths.operation(self.ctx.service_of(op), op)
        return Link(inline(op.summary or op.id), DocsPaths.relative(page, target), op.id)

    def call(self, op_id: str | None, page: str) -> Call | None:
        op = self.ctx.operation(op_id)
        if op is None:
            return None
        python = python_call(self.ctx, op)
        imports = ", ".join([self.ctx.project.client_class, *sorted(python.imports)])
        return Call(self.link(op, page), curl_command(self.ctx, op), python.render(), imports)

    def _grouped(self, page: str, keys: dict[str, list[Operation]], about: dict[str, str]) -> list[
        Grouped
    ]:  # fmt: skip
        return [
            Grouped(key, cell(about.get(key, "")), tuple(self.link(op, page) for op in ops))
            for key, ops in sorted(keys.items())
        ]

    # -- the guides ------------------------------------------------------------------

    def _authentication(self, page: str) -> dict[str, object]:
        api = self.ctx.api
        scopes: dict[str, list[Operation]] = {}
        plans: dict[str, list[Operation]] = {}
        for op in api.operations:
            for scope in op.scopes:
                scopes.setdefault(scope, []).append(op)
            if op.plan:
                plans.setdefault(op.plan, []).append(op)
        return {
            "schemes": [
                (inline(s.name), _scheme_kind(s), prose(s.description)) for s in api.security
            ],
            "header": _credential_header(api.security),
            "scopes": self._grouped(page, scopes, {}),
            "plans": self._grouped(page, plans, {}),
            "public": [self.link(op, page) for op in api.operations if not op.auth_required],
            "read": self.call(api.showcase.read, page),
        }

    def _errors(self, page: str) -> dict[str, object]:
        statuses: dict[str, list[Operation]] = {}
        about: dict[str, str] = {}
        models: dict[str, set[str]] = {}
        for op in self.ctx.api.operations:
            for response in op.errors:
                statuses.setdefault(response.status, []).append(op)
                about.setdefault(response.status, response.description)
                name = self.types.referenced(response.type)
                if name:
                    models.setdefault(response.status, set()).add(name)
        rows = [
            (status, cell(about[status]),
             ", ".join(self.types.link(n, page) for n in sorted(models.get(status, ()))) or "—",
             len(statuses[status]))
            for status in sorted(statuses)
        ]  # fmt: skip
        error_models = [s for s in self.ctx.api.schemas if s.is_error]
        return {
            "statuses": rows,
            "models": [self.types.link(s.name, page) for s in error_models],
            "exit_codes": EXIT_CODES,
            "read": self.call(self.ctx.api.showcase.read, page),
        }

    def _pagination(self, page: str) -> dict[str, object]:
        paginated = [op for op in self.ctx.api.operations if op.pagination]
        first = paginated[0].pagination
        assert first is not None
        return {
            "operations": [
                (
                    self.link(op, page),
                    op.pagination.cursor_param,
                    op.pagination.limit_param or "—",
                    ".".join(op.pagination.next_cursor_path),
                )
                for op in paginated
                if op.pagination
            ],
            "cursor": first.cursor_param,
            "limit": first.limit_param,
            "next_cursor": ".".join(first.next_cursor_path),
            "items": ".".join(first.items_path),
            "listing": self.call(self.ctx.api.showcase.listing or paginated[0].id, page),
        }

    def _retries(self, page: str) -> dict[str, object]:
        limited = [
            op for op in self.ctx.api.operations if any(r.status == "429" for r in op.errors)
        ]
        about = next((r.description for op in limited for r in op.errors if r.status == "429"), "")
        return {
            "rate_limit": prose(about),
            "limited": len(limited),
            "total": len(self.ctx.api.operations),
            "idempotent": [self.link(op, page) for op in self.ctx.api.operations if op.idempotent],
            "not_idempotent": [
                self.link(op, page) for op in self.ctx.api.operations if not op.idempotent
            ],
            "read": self.call(self.ctx.api.showcase.read, page),
        }

    def _uploads(self, page: str) -> dict[str, object]:
        op = self.ctx.operation(self.ctx.api.showcase.upload) or next(
            o for o in self.ctx.api.operations if o.upload
        )
        upload = op.upload
        assert upload is not None
        params = self.ctx.operation(upload.params_operation)
        showcase = self.ctx.api.showcase
        with_files = self.ctx.operation(showcase.create_with_files)
        send = None
        if with_files is not None and showcase.files_argument is not None:
            call = python_call(
                self.ctx, with_files, replace={showcase.files_argument: "[attachment]"}
            )
            names = ", ".join([self.ctx.project.client_class, *sorted(call.imports)])
            send = (self.link(with_files, page), call.render(), names)
        return {
            "upload": self.link(op, page),
            "params": self.link(params, page) if params else None,
            "url_field": upload.url_name,
            "file_field": upload.file_field,
            "form_fields": upload.form_fields,
            "key_field": upload.key_field,
            "helper": f"client.{self.ctx.service_of(op).names.py}.{upload.method_name}",
            "attachment": self.types.link(upload.attachment, page) if upload.attachment else None,
            "send": send,
        }

    def _webhook_schema(self) -> str | None:
        payload = self.ctx.api.webhook_payload
        return self.types.referenced(payload)

    def _webhooks(self, page: str) -> dict[str, object]:
        name = self._webhook_schema()
        assert name is not None
        schema = self.ctx.schemas[name]
        header = self.ctx.api.webhook_header
        groups = (
            {value: self.ctx.schemas.get(name) for value, name in header.types} if header else {}
        )
        tags_of = {v.type.ref: v.tags for v in schema.variants if v.type.ref}
        events = [(_tags_cell(v.tags), self.types.text(v.type, page)) for v in schema.variants]
        webhooks = [
            (
                value_cell(webhook.name),
                (
                    _header_cell(webhook.header_value, groups, webhook.event.ref)
                    if header is not None
                    else _tags_cell(tags_of.get(webhook.event.ref or "", ()))
                ),
                self.types.text(webhook.event, page),
                cell(webhook.summary) or "—",
            )
            for webhook in self.ctx.api.webhooks
        ]
        sample = self.ctx.webhook_sample()
        headers = self.ctx.webhook_sample_headers()
        if header is not None:
            told_by, column = f"the request's {code_span(header.name)} header", header.name
        elif schema.discriminator is not None:
            column = schema.discriminator.property
            told_by = f"its {code_span(column)}"
        else:
            told_by, column = "", ""
        return {
            "payload": self.types.link(name, page),
            "told_by": told_by,
            "tag_column": code_span(column) if column else "Tag",
            "events": events,
            "webhooks": webhooks,
            "signing": self.ctx.api.webhook_signing,
            "sample": _dict_source(sample) if sample else None,
            "headers": literal(dict[str, JSON](headers)) if headers else None,
        }


def _header_cell(value: str | None, groups: dict[str, Schema | None], event: str | None) -> str:
    """The event header's value a webhook is sent with, and the body property's value that
    tells it from the others sent with it (``groups``: each value's type): ``issues``,
    ``action`` ``opened``."""
    if value is None:
        return "—"
    group = groups.get(value)
    if group is None or group.discriminator is None:
        return value_cell(value)
    tags = next((v.tags for v in group.variants if v.type.ref == event), ())
    return f"{value_cell(value)}, {code_span(group.discriminator.property)} {_tags_cell(tags)}"


def _tags_cell(tags: tuple[str, ...]) -> str:
    """A variant's discriminator values for a table cell (``—``: matched by shape)."""
    return ", ".join(value_cell(tag) for tag in tags) or "—"


def _dict_source(value: dict[str, JSON]) -> str:
    """A dict as Python source, one key per line."""
    lines = [f"    {literal(key)}: {literal(item)}," for key, item in value.items()]
    return "{\n" + "\n".join(lines) + "\n}"


def _scheme_kind(scheme: SecurityScheme) -> str:
    if scheme.kind == "http":
        return f"HTTP {scheme.scheme or ''} authentication".replace("  ", " ")
    if scheme.kind == "apiKey":
        return f"API key in the {scheme.location} `{scheme.parameter}`"
    return scheme.kind


def _credential_header(schemes: tuple[SecurityScheme, ...]) -> str:
    for scheme in schemes:
        if scheme.kind == "apiKey" and scheme.location == "header" and scheme.parameter:
            return f"{scheme.parameter}: <token>"
    return "Authorization: Bearer <token>"
