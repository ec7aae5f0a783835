"""The CLI README's samples: the showcase operations (decided by the parser) as command
lines from the CLI snippet renderer, with the flags the CLI adds. The tests run every one."""

from __future__ import annotations

from dataclasses import dataclass

from ...ir import Operation
from ..context import TargetContext
from ..snippets.cli import cli_command
from .actions import ServiceModuleView


@dataclass(frozen=True)
class UploadSample:
    upload: str  # `pachca files upload ./report.pdf`
    attach: str | None  # a command that takes what it prints, reading it from $ATTACHMENT


@dataclass(frozen=True)
class NamingSample:
    """How one operation is named on the command line (the README explains the rule)."""

    method: str  # its SDK method: `create_message`
    service: str  # its tag
    command: str  # `messages create`
    alias: str  # `messages create-message`


@dataclass(frozen=True)
class CliReadmeView:
    command: str
    env_prefix: str
    complete_var: str  # click's completion variable: `_PACHCA_COMPLETE`
    create: str | None
    read: str | None
    read_columns: str | None  # the read command, with --columns picking two fields
    listing: str | None
    delete: str | None
    upload: UploadSample | None
    services: tuple[ServiceModuleView, ...]
    naming: NamingSample | None


class ReadmeMaker:
    def __init__(self, ctx: TargetContext) -> None:
        self.ctx = ctx

    def view(self, services: list[ServiceModuleView]) -> CliReadmeView:
        showcase = self.ctx.api.showcase
        command = self.ctx.project.command
        read = self.ctx.operation(showcase.read)
        listing = self.ctx.operation(showcase.listing)
        create = self.ctx.operation(showcase.create)
        return CliReadmeView(
            command=command,
            env_prefix=self.ctx.project.env_prefix,
            complete_var=f"_{command.replace('-', '_').upper()}_COMPLETE",
            create=cli_command(self.ctx, create) if create else None,
            read=cli_command(self.ctx, read) if read else None,
            read_columns=self._columns(read, services) if read else None,
            listing=cli_command(self.ctx, listing) if listing else None,
            delete=self._delete(read),
            upload=self._upload(services),
            services=tuple(services),
            naming=self._naming(create),
        )

    def naming_operation(self, preferred: Operation | None) -> Operation | None:
        """The operation the naming sample shows: the first with an alias (``preferred``
        first)."""
        ops = [op for op in (preferred, *self.ctx.api.operations) if op is not None]
        return next((o for o in ops if o.cli_aliases), None)

    def delete_candidate(self, read: Operation | None) -> Operation | None:
        """The operation the delete sample shows: a destructive one, from the read command's
        service if it has one."""
        candidates = [op for op in self.ctx.api.operations if op.destructive]
        if read is not None:
            candidates.sort(key=lambda op: op.service != read.service)
        return candidates[0] if candidates else None

    def _naming(self, preferred: Operation | None) -> NamingSample | None:
        """An operation whose action differs from its whole name (the showcase's create
        first)."""
        op = self.naming_operation(preferred)
        if op is None:
            return None
        group = self.ctx.service_of(op).names.cli
        return NamingSample(
            op.names.py, op.service, f"{group} {op.names.cli}", f"{group} {op.cli_aliases[0]}"
        )

    def _columns(self, op: Operation, services: list[ServiceModuleView]) -> str | None:
        action = next(
            (a for s in services for a in s.actions if a.method_name == op.names.py), None
        )
        if action is None or len(action.columns) < 2:
            return None
        return f"{cli_command(self.ctx, op)} -o table --columns {','.join(action.columns[:2])}"

    def _delete(self, read: Operation | None) -> str | None:
        """A command that deletes, from the read command's service (else any)."""
        op = self.delete_candidate(read)
        return f"{cli_command(self.ctx, op)} --yes" if op is not None else None

    def _upload(self, services: list[ServiceModuleView]) -> UploadSample | None:
        service = next((s for s in services if s.upload is not None), None)
        if service is None or service.upload is None:
            return None
        upload = service.upload
        attach = None
        showcase = self.ctx.api.showcase
        op = self.ctx.operation(showcase.create_with_files)
        if op is not None and upload.target_flag:
            attach = f'{cli_command(self.ctx, op)} {upload.target_flag} "[$ATTACHMENT]"'
        return UploadSample(f"{upload.example}", attach)
