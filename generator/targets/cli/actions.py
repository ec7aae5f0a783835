"""One service's commands as views: what ``commands/<service>.py`` declares for each
operation (its flags, how the body travels, what it prints, its example)."""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import Operation, Service, TypeRef
from ..context import TargetContext
from ..snippets.cli import cli_command
from ..text import one_line, wrap
from .flags import FlagMaker, FlagView

MAX_COLUMNS = 6


@dataclass(frozen=True)
class ActionView:
    name: str
    function: str  # the module's function that calls the SDK
    service_attr: str  # the client's attribute of the service
    method_name: str
    summary: str
    help: str
    http_method: str
    path: str
    aliases: tuple[str, ...]
    flags: tuple[FlagView, ...]
    body: str
    wrapper_key: str | None
    body_required: bool
    result: str
    columns: tuple[str, ...]
    scopes: tuple[str, ...]
    example: str
    deprecated: bool
    destructive: bool
    cursor_flag: str | None
    limit_flag: str | None


@dataclass(frozen=True)
class UploadCommandView:
    name: str
    function: str
    service_attr: str
    method_name: str
    summary: str
    help: str
    example: str
    target: str


@dataclass(frozen=True)
class ServiceModuleView:
    name: str  # the command group
    module: str
    attr: str
    help: str
    summary: str
    actions: tuple[ActionView, ...]
    upload: UploadCommandView | None


class ActionMaker:
    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx
        self.flags = FlagMaker(ctx)

    def service(self, service: Service) -> ServiceModuleView:
        actions = tuple(self.action(service, op) for op in service.operations)
        upload_op = next((op for op in service.operations if op.upload is not None), None)
        return ServiceModuleView(
            name=service.names.cli,
            module=service.module,
            attr=service.names.py,
            help=service.description or service.name,
            summary=_summary(service.description or service.name),
            actions=actions,
            upload=self._upload(service, upload_op) if upload_op is not None else None,
        )

    def action(self, service: Service, op: Operation) -> ActionView:
        flags: list[FlagView] = []
        if op.upload is not None:
            flags.append(
                FlagView(
                    name=op.upload.url_argument.replace("_", "-"),
                    py=op.upload.url_argument,
                    wire=op.upload.url_name,
                    location="url",
                    kind="string",
                    required=True,
                    help=f"The URL to send the file to (`{op.upload.url_name}` of the upload "
                    "parameters).",
                    multiple=False,
                    choices=(),
                    deprecated=False,
                    default=None,
                )
            )
        flags.extend(self.flags.parameter(p) for p in op.parameters if p.location == "path")
        flags.extend(self.flags.parameter(p) for p in op.parameters if p.location != "path")
        body = op.body
        mode = "none"
        if body is not None:
            if not body.flattened:
                mode = "whole"
            elif body.kind in ("multipart", "form"):
                mode = "form"
            elif body.wrapper_key is not None:
                mode = "wrapped"
            else:
                mode = "fields"
            if body.flattened:
                flags.extend(self.flags.field(f, "body") for f in body.fields)
            flags.extend(self.flags.field(f, "outer") for f in body.outer_fields)
        pagination = op.pagination
        cursor_flag = limit_flag = None
        if pagination is not None:
            by_wire = {p.names.wire: p.names.cli for p in op.parameters if p.location == "query"}
            cursor_flag = by_wire.get(pagination.cursor_param)
            limit_flag = by_wire.get(pagination.limit_param or "")
        return ActionView(
            name=op.names.cli,
            function=f"_{op.names.py.rstrip('_')}",
            service_attr=service.names.py,
            method_name=op.names.py,
            summary=_summary(op.summary or op.id),
            help=self._help(op),
            http_method=op.method,
            path=op.path,
            aliases=op.cli_aliases,
            flags=tuple(flags),
            body=mode,
            wrapper_key=body.wrapper_key if body else None,
            body_required=bool(body and body.required),
            result=op.result.kind,
            columns=self._columns(op.result.type),
            scopes=op.scopes,
            example=cli_command(self.ctx, op),
            deprecated=op.deprecated,
            destructive=op.destructive,
            cursor_flag=cursor_flag,
            limit_flag=limit_flag,
        )

    def _help(self, op: Operation) -> str:
        parts = [one_line(op.summary or op.id)]
        if op.description:
            parts.append(wrap(op.description, width=88))
        facts = [f"{op.method} {op.path}"]
        if op.scopes:
            facts.append(f"scope: {', '.join(op.scopes)}")
        if op.plan:
            facts.append(f"plan: {op.plan}")
        parts.append("; ".join(facts))
        return "\n\n".join(parts)

    def _columns(self, typ: TypeRef | None) -> tuple[str, ...]:
        """A table's default columns: the item's plain fields, at most six."""
        if typ is None or typ.kind != "ref" or typ.ref is None:
            return ()
        schema = self.ctx.schemas[typ.ref]
        plain: list[str] = []
        for item in schema.fields:
            kind = self.flags.kind(item.type)
            if kind.kind in ("string", "integer", "number", "boolean", "choice") and not (
                kind.multiple
            ):
                plain.append(item.names.wire)
        return tuple(plain[:MAX_COLUMNS])

    def _upload(self, service: Service, op: Operation) -> UploadCommandView:
        assert op.upload is not None
        upload = op.upload
        command = self.ctx.project.command
        target = ""
        showcase = self.ctx.operation(self.ctx.api.showcase.create_with_files)
        if showcase is not None:
            files = self.ctx.api.showcase.files_argument
            flag = next(
                (
                    f.names.cli
                    for f in (showcase.body.fields if showcase.body else ())
                    if f.names.py == files
                ),
                None,
            )
            if flag:
                owner = self.ctx.service_of(showcase)
                target = (
                    f"{command} {owner.names.cli} {showcase.names.cli} --{flag} '[<this JSON>]'"
                )
        name = upload.cli_name
        return UploadCommandView(
            name=name,
            function=f"_{upload.method_name}",
            service_attr=service.names.py,
            method_name=upload.method_name,
            summary="Upload a file in one call and print what a message's files take",
            help=(
                "Upload a file in one call: get the upload parameters, send the file to "
                "the storage URL and print the attachment (key, name, size, type) that "
                + (
                    f"`{target.split(' --')[0]} --{target.split(' --')[1].split()[0]}`"
                    if target
                    else "an attachment"
                )
                + " takes.\n\nPATH '-' reads the file from stdin (then give --filename)."
            ),
            example=f"{command} {service.names.cli} {name} ./report.pdf",
            target=target,
        )


def _summary(text: str) -> str:
    line = one_line(text.split("\n\n")[0])
    return line if len(line) <= 100 else line[:99].rstrip() + "…"
