"""The page of one operation, and of the service that holds it."""

from __future__ import annotations

from http import HTTPStatus

from ...ir import Operation, Response, Service
from ..context import TargetContext
from ..pages import DocsPaths
from ..snippets.cli import cli_command
from ..snippets.curl import curl_command
from ..snippets.python import python_call
from .guides import GUIDES
from .markdown import JsonBlocks, cell, inline, prose
from .rows import RowWriter
from .types import TypeWriter
from .views import (
    AuthView,
    BodyView,
    ErrorRow,
    Link,
    OperationView,
    PaginationView,
    ResponseView,
    Samples,
    ServiceView,
)


class OperationWriter:
    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx
        self.types = TypeWriter(ctx)
        self.rows = RowWriter(ctx, self.types)
        self.json_blocks = JsonBlocks()
        self._workflows: dict[str, list[Link]] = {}
        for workflow in ctx.api.workflows:
            for op_id in dict.fromkeys(step.operation for step in workflow.steps):
                self._workflows.setdefault(op_id, []).append(
                    Link(inline(workflow.title), DocsPaths.workflow(workflow))
                )

    def service_view(self, service: Service) -> ServiceView:
        page = DocsPaths.service(service)
        return ServiceView(
            title=inline(service.name),
            description=prose(service.description),
            operations=tuple(self.operation_link(op, page) for op in service.operations),
            methods=tuple((op.method, op.path) for op in service.operations),
            sdk_attribute=f"client.{service.names.py}",
            cli_group=f"{self.ctx.project.command} {service.names.cli}",
        )

    def operation_link(self, op: Operation, from_page: str) -> Link:
        target = DocsPaths.operation(self.ctx.service_of(op), op)
        return Link(self.title(op), DocsPaths.relative(from_page, target), cell(op.summary))

    @staticmethod
    def title(op: Operation) -> str:
        return inline(op.summary or op.id)

    def operation_view(self, op: Operation) -> OperationView:
        service = self.ctx.service_of(op)
        page = DocsPaths.operation(service, op)
        upload_from = self.ctx.operation(op.upload.params_operation) if op.upload else None
        return OperationView(
            title=self.title(op),
            method=op.method,
            path=op.path,
            service=Link(
                inline(service.name), DocsPaths.relative(page, DocsPaths.service(service))
            ),
            description=prose(op.description),
            deprecated=op.deprecated,
            auth=AuthView(
                op.auth_required,
                op.scopes,
                op.plan,
                DocsPaths.relative(page, DocsPaths.guide(GUIDES.authentication)),
            ),
            parameters=tuple(self.rows.parameter(p, page) for p in op.parameters),
            body=self._body(op, page),
            responses=tuple(self._response(r, page) for r in op.responses if not r.is_error),
            errors=tuple(
                ErrorRow(r.status, cell(r.description), self.types.text(r.type, page))
                for r in op.errors
            ),
            errors_guide=DocsPaths.relative(page, DocsPaths.guide(GUIDES.errors)),
            pagination=self._pagination(op, page),
            upload=self.operation_link(upload_from, page) if upload_from else None,
            upload_helper=(
                f"client.{service.names.py}.{op.upload.method_name}" if op.upload else None
            ),
            uploads_guide=DocsPaths.relative(page, DocsPaths.guide(GUIDES.uploads)),
            samples=self.samples(op),
            sdk_call=f"client.{service.names.py}.{op.names.py}",
            cli_call=f"{self.ctx.project.command} {service.names.cli} {op.names.cli}",
            destructive=op.destructive,
            workflows=tuple(
                Link(link.title, DocsPaths.relative(page, link.href))
                for link in self._workflows.get(op.id, ())
            ),
        )

    def samples(self, op: Operation) -> Samples:
        """The showcase call in curl, Python and the CLI (the shared snippet renderers)."""
        call = python_call(self.ctx, op)
        project = self.ctx.project
        names = ", ".join([project.client_class, *sorted(call.imports)])
        statement = call.render() if op.result.kind == "none" else f"result = {call.render()}"
        lines = [
            f"from {project.package} import {names}",
            "",
            f"with {project.client_class}() as client:  # token from {project.token_env}",
            f"    {statement}",
        ]
        if op.result.kind != "none":
            lines.append("    print(result)")
        return Samples(curl_command(self.ctx, op), "\n".join(lines), cli_command(self.ctx, op))

    def _body(self, op: Operation, page: str) -> BodyView | None:
        body = op.body
        if body is None:
            return None
        schema_name = self.types.referenced(body.type)
        schema = self.ctx.schemas.get(schema_name) if schema_name else None
        fields = schema.fields if schema is not None and schema.kind == "object" else ()
        return BodyView(
            content_type=body.content_type,
            required=body.required,
            description=prose(body.description),
            type=self.types.text(body.type, page),
            rows=tuple(self.rows.nested(fields, page)),
            example=(
                self.json_blocks(body.example)
                if body.example is not None and body.kind == "json"
                else None
            ),
        )

    def _response(self, response: Response, page: str) -> ResponseView:
        returns = None
        if response.unwrap_key is not None and response.unwrapped_type is not None:
            returns = self.types.text(response.unwrapped_type, page)
        return ResponseView(
            status=response.status,
            title=status_title(response.status),
            description=prose(response.description),
            content_type=response.content_type,
            type=self.types.text(response.type, page) if response.type is not None else None,
            returns=returns,
            unwrap_key=response.unwrap_key,
            example=self.json_blocks(response.example) if response.example is not None else None,
            headers=response.headers,
        )

    def _pagination(self, op: Operation, page: str) -> PaginationView | None:
        pagination = op.pagination
        if pagination is None:
            return None
        return PaginationView(
            cursor=pagination.cursor_param,
            limit=pagination.limit_param,
            items=".".join(pagination.items_path) or "(the body)",
            next_cursor=".".join(pagination.next_cursor_path),
            item_type=self.types.text(pagination.item_type, page),
            guide=DocsPaths.relative(page, DocsPaths.guide(GUIDES.pagination)),
        )


def status_title(status: str) -> str:
    """``200 OK``; ``4XX`` and ``default`` as they are."""
    if status.isdigit():
        try:
            return f"{status} {HTTPStatus(int(status)).phrase}"
        except ValueError:
            return status
    return status
