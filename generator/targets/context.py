"""What every target looks up in the IR, indexed once: schemas, operations and services."""

from __future__ import annotations

from ..ir import JSON, Api, Operation, Project, Schema, Service


class TargetContext:
    """The IR with constant-time lookups; every target (and each of its parts) reads this."""

    def __init__(self, api: Api) -> None:
        self.api = api
        self.project: Project = api.project
        self.schemas: dict[str, Schema] = {s.name: s for s in api.schemas}
        self.operations: dict[str, Operation] = {op.id: op for op in api.operations}
        self.services: dict[str, Service] = {s.name: s for s in api.services}

    def service_of(self, op: Operation) -> Service:
        """The service an operation belongs to."""
        return self.services[op.service]

    def operation(self, op_id: str | None) -> Operation | None:
        """The operation with id ``op_id`` (``None`` when there is no such id, or none given)."""
        return self.operations.get(op_id) if op_id is not None else None

    def webhook_sample(self) -> dict[str, JSON] | None:
        """The example of the first webhook event with a tag, without its send time (samples
        set a fresh one): what the SDK README and the docs' webhooks guide show."""
        found = self._sample_event()
        if found is None:
            return None
        signing = self.api.webhook_signing
        fresh = signing.timestamp if signing is not None else None
        example = found[1].example
        assert isinstance(example, dict)
        return {k: v for k, v in example.items() if k != fresh}

    def webhook_sample_headers(self) -> dict[str, str]:
        """The headers :meth:`webhook_sample` is sent with that tell its event: the API's
        event header (:class:`generator.ir.WebhookHeader`), if it has one; else none."""
        found = self._sample_event()
        header = self.api.webhook_header
        if found is None or header is None or found[0] is None:
            return {}
        return {header.name: found[0]}

    def _sample_event(self) -> tuple[str | None, Schema] | None:
        """The first event with a tag and an example, with the event header's value it is
        sent with (``None``: the body alone tells events apart). Of a header value with
        several events, its first event with a tag and an example."""
        payload = self.api.webhook_payload
        if payload is None or payload.ref not in self.schemas:
            return None
        by_header = self.api.webhook_header is not None
        for variant in self.schemas[payload.ref].variants:
            event = self.schemas.get(variant.type.ref or "")
            if not variant.tags or event is None:
                continue
            if by_header and event.kind == "union":
                event = next(
                    (
                        found
                        for inner in event.variants
                        if inner.tags
                        and (found := self.schemas.get(inner.type.ref or "")) is not None
                        and isinstance(found.example, dict)
                    ),
                    None,
                )
            if event is not None and isinstance(event.example, dict):
                return (variant.tags[0] if by_header else None), event
        return None
