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
        payload = self.api.webhook_payload
        if payload is None or payload.ref not in self.schemas:
            return None
        signing = self.api.webhook_signing
        fresh = signing.timestamp if signing is not None else None
        for variant in self.schemas[payload.ref].variants:
            event = self.schemas.get(variant.type.ref or "")
            if variant.tags and event is not None and isinstance(event.example, dict):
                return {k: v for k, v in event.example.items() if k != fresh}
        return None
