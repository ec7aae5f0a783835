"""The SDK README's samples: the showcase operations (decided by the parser) rendered by the
snippets, Python and curl. The tests execute every one of them."""

from __future__ import annotations

import pprint
from dataclasses import dataclass

from ..snippets.curl import curl_command
from ..snippets.python import PythonCall, python_call
from .context import SdkContext

# Per-call options shown in the README: a header and a query parameter the spec does not know.
EXTRAS = ("extra_headers={'X-Request-Id': 'req-42'}", "extra_query={'lang': 'en'}")


@dataclass(frozen=True)
class Sample:
    """A statement of a Python sample, and the SDK names it imports (besides the client)."""

    code: str
    imports: tuple[str, ...]


@dataclass(frozen=True)
class CreateSample:
    """The quick start: a create call, sync and awaited, and the same request with curl."""

    sync: Sample
    awaited: Sample
    method: str
    wrapper_key: str | None  # the body's wrapper key: the model can be passed whole
    curl: str


@dataclass(frozen=True)
class ReadSample:
    """A read call and its variants: options, raw and streamed responses."""

    call: Sample
    patient: str
    per_call: str
    raw: str
    extras: str
    streamed: str


@dataclass(frozen=True)
class ListingSample:
    call: Sample  # the call's expression (no assignment): it is iterated
    service: str
    method: str


@dataclass(frozen=True)
class UploadSample:
    helper: str  # `client.<service>.<upload>`
    send_file: Sample | None  # a call that takes the helper's result, if the API has one


@dataclass(frozen=True)
class ReadmeView:
    create: CreateSample | None
    read: ReadSample | None
    listing: ListingSample | None
    upload: UploadSample | None
    webhook_body: str | None  # a payload example as a Python literal
    #: the headers that name its event, as a Python literal (``None``: the body does)
    webhook_headers: str | None = None


class ReadmeRenderer(SdkContext):
    """Builds :class:`ReadmeView` from the IR's showcase."""

    def readme_view(self) -> ReadmeView:
        return ReadmeView(
            create=self._create(),
            read=self._read(),
            listing=self._listing(),
            upload=self._upload(),
            webhook_body=self._webhook_body(),
            webhook_headers=repr(headers) if (headers := self.webhook_sample_headers()) else None,
        )

    def _create(self) -> CreateSample | None:
        op = self.operation(self.api.showcase.create)
        if op is None:
            return None
        call = python_call(self, op)
        return CreateSample(
            sync=_sample(f"result = {call.render()}", call),
            awaited=_sample(f"result = {call.render(awaited=True)}", call),
            method=op.names.py,
            wrapper_key=op.body.wrapper_key if op.body else None,
            curl=curl_command(self, op),
        )

    def _read(self) -> ReadSample | None:
        op = self.operation(self.api.showcase.read)
        if op is None:
            return None
        call = python_call(self, op)
        return ReadSample(
            call=_sample(f"result = {call.render()}", call),
            patient=f"result = {call.render('patient')}",
            per_call=f"result = {call.render(extra=('timeout=5.0', 'max_retries=0'))}",
            raw=f"response = {call.render(raw=True)}",
            extras=f"result = {call.render(extra=EXTRAS)}",
            streamed=call.render(streamed=True),
        )

    def _listing(self) -> ListingSample | None:
        op = self.operation(self.api.showcase.listing)
        if op is None:
            return None
        call = python_call(self, op)
        return ListingSample(_sample(call.render(), call), call.service, call.method)

    def _upload(self) -> UploadSample | None:
        showcase = self.api.showcase
        op = self.operation(showcase.upload)
        if op is None or op.upload is None:
            return None
        helper = f"client.{self.service_of(op).names.py}.{op.upload.method_name}"
        with_files = self.operation(showcase.create_with_files)
        send_file: Sample | None = None
        if with_files is not None and showcase.files_argument is not None:
            call = python_call(self, with_files, replace={showcase.files_argument: "[attachment]"})
            send_file = _sample(call.render(), call)
        return UploadSample(helper, send_file)

    def _webhook_body(self) -> str | None:
        """The webhook sample (:meth:`webhook_sample`) as a Python literal."""
        sample = self.webhook_sample()
        return pprint.pformat(sample, width=88, sort_dicts=False) if sample is not None else None


def _sample(code: str, call: PythonCall) -> Sample:
    return Sample(code, tuple(sorted(call.imports)))
