"""One service's commands as views: what ``commands/<service>.py`` declares for each
operation (its flags, how the body travels, what it prints, its example)."""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import Body, Operation, Service, TypeRef
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
    target: str  # the command that takes the attachment, with its flag
    target_flag: str
    # the storage request (what --dry-run describes after the first): the parameters' URL
    # field, the file's multipart field, the form copied from the parameters, the key field
    url_field: str
    file_field: str
    form: tuple[tuple[str, str], ...]
    key_field: str | None


@dataclass(frozen=True)
class ServiceModuleView:
    name: str  # the command group
    module: str
    attr: str
    help: str
    summary: str
    actions: tuple[ActionView, ...]
    upload: UploadCommandView | None
    spec_imports: tuple[str, ...]  # what the module imports from the runtime's `_spec`


class ActionMaker:
    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx
        self.flags = FlagMaker(ctx)

    def service(self, service: Service) -> ServiceModuleView:
        actions = tuple(self.action(service, op) for op in service.operations)
        upload_op = next((op for op in service.operations if op.upload is not None), None)
        imports = ["Action"]
        if any(a.flags for a in actions):
            imports.append("Flag")
        if upload_op is not None:
            imports.append("Upload")
        return ServiceModuleView(
            name=service.names.cli,
            module=service.module,
            attr=service.names.py,
            help=service.description or service.name,
            summary=_summary(service.description or service.name),
            actions=actions,
            upload=self._upload(service, upload_op) if upload_op is not None else None,
            spec_imports=tuple(imports),
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
        # Cookies are the client's business (the SDK takes none as an argument).
        flags.extend(
            self.flags.parameter(p) for p in op.parameters if p.location in ("query", "header")
        )
        body = op.body
        mode = "none"
        if body is not None:
            if not body.flattened and (body.type.file or body.kind in ("binary", "multipart")):
                mode = "flag"  # the body is a file: one flag takes its path
                flags.append(_whole_body_flag(body, "file"))
            elif not body.flattened and body.kind == "text":
                mode = "flag"  # a text: one flag (`@path` and `-` read it)
                flags.append(_whole_body_flag(body, "string"))
            elif not body.flattened:
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
        """``<service> upload PATH``: the SDK's one-call helper, and the command and flag
        that take what it prints (the showcase's call with files)."""
        assert op.upload is not None
        upload = op.upload
        command = self.ctx.project.command
        showcase = self.ctx.api.showcase
        target = target_flag = ""
        taker = self.ctx.operation(showcase.create_with_files)
        if taker is not None and taker.body is not None:
            flag = next(
                (f.names.cli for f in taker.body.fields if f.names.py == showcase.files_argument),
                None,
            )
            if flag:
                target_flag = f"--{flag}"
                owner = self.ctx.service_of(taker).names.cli
                target = f"{command} {owner} {taker.names.cli} {target_flag}"
        takes = f"`{target}` takes (as an item of its list)" if target else "an attachment"
        return UploadCommandView(
            name=upload.cli_name,
            function=f"_{upload.method_name}",
            service_attr=service.names.py,
            method_name=upload.method_name,
            summary="Upload a file in one call and print the attachment",
            help=(
                "Upload a file in one call: get the upload parameters, send the file to the "
                f"storage URL and print the attachment (its key, name, size and type), which "
                f"{takes}.\n\nPATH '-' reads the file from stdin; give --filename then."
            ),
            example=f"{command} {service.names.cli} {upload.cli_name} ./report.pdf",
            target=target,
            target_flag=target_flag,
            url_field=upload.url_name,
            file_field=upload.file_field,
            form=upload.form_fields,
            key_field=upload.key_field,
        )


def _whole_body_flag(body: Body, kind: str) -> FlagView:
    """``--body``: the request body as one value (the SDK's ``body`` argument)."""
    what = "a file ('-': stdin)" if kind == "file" else "text ('@path': a file, '-': stdin)"
    text = f"The request body ({body.content_type}): {what}. {one_line(body.description)}"
    return FlagView(
        name="body",
        py="body",
        wire="",
        location="whole",
        kind=kind,
        required=body.required,
        help=text.strip(),
        multiple=False,
        choices=(),
        deprecated=False,
        default=None,
    )


def _summary(text: str) -> str:
    line = one_line(text.split("\n\n")[0])
    return line if len(line) <= 100 else line[:99].rstrip() + "…"
