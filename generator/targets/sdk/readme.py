"""The SDK README's examples, built from the spec's examples (the tests execute them)."""

from __future__ import annotations

import pprint
from typing import Any

from ..examples import Call, CallBuilder, pick_showcase
from .context import SdkContext

# Per-call options shown in the README: a header and a query parameter the spec does not know.
EXTRAS = ("extra_headers={'X-Request-Id': 'req-42'}", "extra_query={'lang': 'en'}")


class ReadmeRenderer(SdkContext):

    def _readme_view(self) -> dict[str, Any]:
        """Examples for the README, built from the spec's examples; the tests execute them."""
        showcase = pick_showcase(self.api)
        builder = CallBuilder(self.api)
        view: dict[str, Any] = {}

        def block(call: Call, *, awaited: bool = False, target: str = "result") -> dict[str, Any]:
            return {"code": f"{target} = {call.render(awaited=awaited)}", "imports": call.imports}

        if showcase.read is not None:
            read = builder.call(showcase.read)
            view["read"] = block(read)
            view["read_raw"] = read
            view["read_variants"] = {
                "patient": f"result = {read.render('patient')}",
                "per_call": f"result = {read.render(extra=('timeout=5.0', 'max_retries=0'))}",
                "raw": f"response = {read.render(raw=True)}",
                "extras": f"result = {read.render(extra=EXTRAS)}",
                "streamed": (
                    f"client.{read.service}.with_streaming_response.{read.method}"
                    f"({', '.join(read.args)})"
                ),
            }
        if showcase.create is not None:
            view["create"] = block(builder.call(showcase.create))
            view["create_async"] = block(builder.call(showcase.create), awaited=True)
            view["create_op"] = showcase.create
        if showcase.listing is not None:
            view["listing"] = builder.call(showcase.listing)
            view["listing_op"] = showcase.listing
        if showcase.upload is not None and showcase.upload.upload is not None:
            service = next(
                s for s in self.api.services if s.name == showcase.upload.service
            ).names.py
            view["upload"] = f"client.{service}.{showcase.upload.upload.method_name}"
            if showcase.create_with_files is not None:
                files_field = next(
                    f.names.py
                    for f in showcase.create_with_files.body.fields  # type: ignore[union-attr]
                    if f.type.kind == "array"
                    and f.type.items is not None
                    and f.type.items.ref == showcase.upload.upload.attachment
                )
                view["send_file"] = builder.call(
                    showcase.create_with_files, extra={files_field: "[attachment]"}
                )
        payload = self.api.webhook_payload
        if payload is not None and payload.ref is not None:
            schema = self.schemas[payload.ref]
            sample = next(
                (
                    self.schemas[v.type.ref].example
                    for v in schema.variants
                    if v.type.ref and v.tags and isinstance(self.schemas[v.type.ref].example, dict)
                ),
                None,
            )
            if isinstance(sample, dict):
                body = {k: v for k, v in sample.items() if k != "webhook_timestamp"}
                view["webhook_body"] = pprint.pformat(body, width=88, sort_dicts=False)
        all_imports: set[str] = set()
        for key in ("read", "create"):
            if key in view:
                all_imports |= view[key]["imports"]
        for key in ("listing", "send_file", "read_raw"):
            if key in view:
                all_imports |= view[key].imports
        view["model_imports"] = sorted(all_imports)
        return view
