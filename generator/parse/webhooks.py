"""Incoming webhooks: which schema is the payload of every event, and how requests are signed.

No version of OpenAPI says how a webhook request is signed, so a generated verifier would
otherwise have to guess the header, the algorithm and the replay check. The payload schema
declares them with ``x-webhook-signature``::

    WebhookPayload:
      x-webhook-payload: true
      x-webhook-signature:
        header: Pachca-Signature    # carries the hex HMAC-SHA256 of the raw body
        algorithm: hmac-sha256      # the one supported (the default)
        timestamp: webhook_timestamp  # optional: the payload's send time, for replay checks

Without it the SDK parses events but offers no verifier; with a malformed one, a warning.

Which schema is the payload: the one marked ``x-webhook-payload: true``; else the events the
document lists under ``webhooks`` (OpenAPI 3.1; ``x-webhooks`` in 3.0), each its request body's
JSON schema — one event is the payload; several make a union named ``WebhookEvent``, told apart
by a property each declares with its own constant (``type``, ``event``, …), and no payload when
there is none (shape alone cannot tell them apart);
else a union component named ``WebhookPayload`` or ``WebhookEvent``. ``x-webhook-signature``
may also stand at the document's top (where a made union has no schema of its own to hold it);
the payload schema's own comes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import naming
from ..ir import (
    Discriminator,
    Schema,
    TypeRef,
    Variant,
    Webhook,
    WebhookHeader,
    WebhookSigning,
    evolve,
)
from ..load import join_pointer
from .context import ParseContext, as_dict, as_list, prose
from .schemas import SchemaRegistry

_FALLBACK_NAMES = ("WebhookPayload", "WebhookEvent")
_ALGORITHMS = ("hmac-sha256",)
_KEYS = ("header", "algorithm", "timestamp")
_METHODS = ("post", "put", "patch", "get", "delete")
_TAG_PROPERTIES = ("type", "event", "event_type", "kind")  # preferred, in this order


@dataclass(frozen=True)
class DeclaredEvents:
    """What the ``webhooks`` section (``x-webhooks``) declares."""

    payload: str | None  # the schema every event parses into (None: none can be made)
    webhooks: tuple[Webhook, ...]  # as listed
    header: WebhookHeader | None = None  # the header that tells events apart, if one must


def declared_events(ctx: ParseContext, registry: SchemaRegistry) -> DeclaredEvents:
    """The webhooks the ``webhooks`` section (``x-webhooks``) lists, and the payload they make,
    built into the registry: one event's schema, or a union of several, told apart by a body
    property, else by a header first (:func:`_header_dispatch`); no payload when the document
    marks one itself, lists no webhook with a JSON body, or nothing tells the events apart."""
    key = "webhooks" if isinstance(ctx.document.get("webhooks"), dict) else "x-webhooks"
    section = as_dict(ctx.document.get(key))
    webhooks: list[Webhook] = []
    headers: list[dict[str, tuple[str, str]]] = []  # each webhook's header constants
    for name, item in section.items():
        item_pointer = join_pointer(f"/{key}", name)
        item, item_pointer = ctx.deref(item, item_pointer)
        for method in _METHODS:
            operation = as_dict(as_dict(item).get(method))
            if not operation:
                continue
            pointer = join_pointer(item_pointer, method)
            found = _event_type(ctx, registry, operation, pointer, name)
            if found is not None:
                summary = prose(operation.get("summary")) or prose(operation.get("description"))
                webhooks.append(Webhook(str(name), summary, TypeRef("ref", ref=found)))
                headers.append(_header_constants(ctx, as_dict(item), operation, pointer))
    if any(_marked_payloads(ctx)):
        return DeclaredEvents(None, tuple(webhooks))
    events = list(dict.fromkeys(w.event.ref for w in webhooks if w.event.ref))
    if not events:
        return DeclaredEvents(None, ())
    if len(events) == 1:
        return DeclaredEvents(events[0], tuple(webhooks))
    tags, prop = _shared_tags(ctx, registry, events)
    if prop is not None:
        return DeclaredEvents(_union_of(registry, events, tags, prop, f"/{key}"), tuple(webhooks))
    dispatch = _header_dispatch(ctx, registry, webhooks, headers, f"/{key}")
    if dispatch is None:
        # Told apart by shape only, one body would parse as whichever event it happens to
        # fit: no union.
        return DeclaredEvents(None, tuple(webhooks))
    payload, header, lower = dispatch
    listed = tuple(
        evolve(webhook, header_value=constants[lower][1])
        for webhook, constants in zip(webhooks, headers, strict=True)
    )
    return DeclaredEvents(payload, listed, header)


def _header_constants(
    ctx: ParseContext, item: dict[str, Any], operation: dict[str, Any], pointer: str
) -> dict[str, tuple[str, str]]:
    """The value each header parameter of a webhook is sent with, by its lowercased name:
    (the name as spelled, the value). The value is the schema's ``const`` or one-value
    ``enum``, else the parameter's (or its schema's) ``example``: where GitHub states its
    ``X-GitHub-Event`` value, the one place it does."""
    found: dict[str, tuple[str, str]] = {}
    declared = [*as_list(item.get("parameters")), *as_list(operation.get("parameters"))]
    for index, raw in enumerate(declared):
        parameter, _ = ctx.deref(raw, join_pointer(pointer, "parameters", index))
        parameter = as_dict(parameter)
        name = parameter.get("name")
        if parameter.get("in") != "header" or not isinstance(name, str) or not name:
            continue
        schema = as_dict(ctx.deref(parameter.get("schema"), "")[0])
        enum = schema.get("enum")
        candidates = (
            schema.get("const"),
            enum[0] if isinstance(enum, list) and len(enum) == 1 else None,
            parameter.get("example"),
            schema.get("example"),
        )
        value = next((c for c in candidates if isinstance(c, str) and c), None)
        if value is not None:
            found[name.lower()] = (name, value)
    return found


def _header_dispatch(
    ctx: ParseContext,
    registry: SchemaRegistry,
    webhooks: list[Webhook],
    headers: list[dict[str, tuple[str, str]]],
    pointer: str,
) -> tuple[str, WebhookHeader, str] | None:
    """A payload for events a header tells apart before their body: a header every webhook
    is sent with a value of, such that the events sharing a value are told apart by a body
    property (GitHub's ``X-GitHub-Event``, then ``action``). Of several such headers, the one
    with the most values (a name with ``event`` in it first). Returns the payload union, the
    header, and its lowercased name; ``None`` when no header will do."""
    common = set.intersection(*(set(constants) for constants in headers))
    best: tuple[str, dict[str, list[str]], dict[str, tuple[dict[str, str], str]]] | None = None
    for lower in sorted(common, key=lambda name: ("event" not in name, name)):
        groups: dict[str, list[str]] = {}  # value → the distinct events sent with it, in order
        for webhook, constants in zip(webhooks, headers, strict=True):
            sent = groups.setdefault(constants[lower][1], [])
            if webhook.event.ref and webhook.event.ref not in sent:
                sent.append(webhook.event.ref)
        if len(groups) < 2 or (best is not None and len(groups) <= len(best[1])):
            continue
        tagged: dict[str, tuple[dict[str, str], str]] = {}
        for value, events in groups.items():
            if len(events) > 1:
                tags, prop = _shared_tags(ctx, registry, events)
                if prop is None:
                    break
                tagged[value] = (tags, prop)
        else:
            best = (lower, groups, tagged)
    if best is None:
        return None
    lower, groups, tagged = best
    spelled = headers[0][lower][0]
    types: list[tuple[str, str]] = []
    for value, events in groups.items():
        if value in tagged:
            tags, prop = tagged[value]
            hint = naming.class_name(f"{value} webhook event", fallback="WebhookEvent")
            description = f"The events sent with `{spelled}: {value}`, told apart by `{prop}`."
            types.append(
                (value, _union_of(registry, events, tags, prop, pointer, hint, description))
            )
        else:
            types.append((value, events[0]))
    name = _register_union(
        registry,
        "WebhookEvent",
        pointer,
        f"Any event the API posts to a webhook; its `{spelled}` header says which.",
        tuple(Variant(TypeRef("ref", ref=typ), (value,)) for value, typ in types),
    )
    return name, WebhookHeader(spelled, tuple(types)), lower


def _event_type(
    ctx: ParseContext,
    registry: SchemaRegistry,
    operation: dict[str, Any],
    pointer: str,
    webhook: str,
) -> str | None:
    body, body_pointer = ctx.deref(
        operation.get("requestBody"), join_pointer(pointer, "requestBody")
    )
    content = as_dict(as_dict(body).get("content"))
    media = next((m for m in content if _is_json(m)), None)
    schema = as_dict(content.get(media)).get("schema") if media is not None else None
    if media is None or schema is None:
        ctx.warn(
            f"webhook {webhook!r} has no JSON request body schema: its events are not typed",
            pointer,
        )
        return None
    schema_pointer = join_pointer(body_pointer, "content", media, "schema")
    hint = naming.class_name(f"{webhook} event", fallback="WebhookEvent")
    typ = registry.type_of(schema, schema_pointer, hint)
    if typ.kind != "ref" or typ.ref is None:
        ctx.warn(
            f"webhook {webhook!r}: its body is not an object schema, so its events are not typed",
            schema_pointer,
        )
        return None
    return typ.ref


def _is_json(media: str) -> bool:
    base = media.partition(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _union_of(
    registry: SchemaRegistry,
    names: list[str],
    tags: dict[str, str],
    prop: str,
    pointer: str,
    hint: str = "WebhookEvent",
    description: str = "Any event the API posts to a webhook.",
) -> str:
    """A union of the events, tagged by ``prop``, registered as ``hint`` (or a free variant of
    it)."""
    return _register_union(
        registry,
        hint,
        pointer,
        description,
        tuple(Variant(TypeRef("ref", ref=n), (tags[n],)) for n in names),
        Discriminator(prop, naming.py_identifier(prop)),
    )


def _register_union(
    registry: SchemaRegistry,
    hint: str,
    pointer: str,
    description: str,
    variants: tuple[Variant, ...],
    discriminator: Discriminator | None = None,
) -> str:
    """A union schema made here (no component holds it), registered under ``hint`` or a free
    variant of it; its name."""
    name = registry.inline_name(hint)
    registry.taken.add(name)
    registry.schemas[name] = Schema(
        name=name,
        kind="union",
        pointer=pointer,
        description=description,
        variants=variants,
        discriminator=discriminator,
        exclusive=True,
    )
    return name


def _shared_tags(
    ctx: ParseContext, registry: SchemaRegistry, names: list[str]
) -> tuple[dict[str, str], str | None]:
    """A property every event declares with a constant of its own (``const`` or a one-value
    ``enum``), and each event's value of it: what tells the events apart."""
    declared: list[dict[str, str]] = []
    for name in names:
        schema = registry.schemas.get(name)
        raw = ctx.deref({"$ref": "#" + schema.pointer}, "")[0] if schema is not None else {}
        declared.append(_constants(ctx, as_dict(raw)))
    common = set(declared[0]).intersection(*declared[1:])
    usable = [p for p in common if len({values[p] for values in declared}) == len(names)]
    if not usable:
        return {}, None
    prop = min(usable, key=lambda p: (_TAG_PROPERTIES.index(p) if p in _TAG_PROPERTIES else 9, p))
    return {name: values[prop] for name, values in zip(names, declared, strict=True)}, prop


def _constants(ctx: ParseContext, node: dict[str, Any], depth: int = 0) -> dict[str, str]:
    """The properties ``node`` declares with a constant (``const`` or a one-value ``enum``),
    with their values. An event of several shapes (``oneOf``/``anyOf``: GitHub's
    ``pull_request`` ``review_requested``, for a reviewer or a team) declares those its every
    shape declares alike."""
    values: dict[str, str] = {}
    for prop, spec in as_dict(node.get("properties")).items():
        spec = as_dict(ctx.deref(spec, "")[0])
        enum = spec.get("enum")
        if "const" in spec:
            values[prop] = str(spec["const"])
        elif isinstance(enum, list) and len(enum) == 1:
            values[prop] = str(enum[0])
    for keyword in ("oneOf", "anyOf"):
        shapes = node.get(keyword)
        if values or not isinstance(shapes, list) or not shapes or depth > _MAX_DEPTH:
            continue
        each = [_constants(ctx, as_dict(ctx.deref(shape, "")[0]), depth + 1) for shape in shapes]
        values = {
            prop: value
            for prop, value in each[0].items()
            if all(other.get(prop) == value for other in each[1:])
        }
    return values


_MAX_DEPTH = 8  # shapes within shapes looked into for an event's constants


def webhook_payload(
    ctx: ParseContext,
    schemas: dict[str, Schema],
    registry: SchemaRegistry,
    events: str | None = None,
) -> tuple[TypeRef | None, WebhookSigning | None]:
    """The payload (a schema marked ``x-webhook-payload``, else ``events``: what
    :func:`declared_events` found, else a union named as one) and its signing, when the
    payload schema (or, for ``events``, the document) declares it."""
    for pointer, raw in _marked_payloads(ctx):
        name = registry.by_pointer.get(pointer)
        if name:
            return TypeRef("ref", ref=name), _signing_of(ctx, raw, pointer)
    components = as_dict(as_dict(ctx.document.get("components")).get("schemas"))
    if events is not None and events in schemas:
        pointer = schemas[events].pointer
        raw, _ = ctx.deref({"$ref": "#" + pointer}, pointer)
        return TypeRef("ref", ref=events), _signing_of(ctx, as_dict(raw), pointer)
    for name in _FALLBACK_NAMES:
        schema = schemas.get(name)
        if schema is not None and schema.kind == "union":
            pointer = f"/components/schemas/{name}"
            return TypeRef("ref", ref=name), _signing_of(
                ctx, as_dict(components.get(name)), pointer
            )
    return None, None


def _marked_payloads(ctx: ParseContext) -> Iterator[tuple[str, dict[str, Any]]]:
    """The pointer and node of each component schema marked ``x-webhook-payload: true``."""
    components = as_dict(as_dict(ctx.document.get("components")).get("schemas"))
    for key, raw in components.items():
        if isinstance(raw, dict) and raw.get("x-webhook-payload") is True:
            yield f"/components/schemas/{key}", raw


def _signing_of(ctx: ParseContext, payload: dict[str, Any], pointer: str) -> WebhookSigning | None:
    """The payload schema's ``x-webhook-signature``, else the document's."""
    if "x-webhook-signature" in payload:
        return _signing(ctx, payload, pointer)
    return _signing(ctx, ctx.document, "")


def _signing(ctx: ParseContext, raw: dict[str, Any], pointer: str) -> WebhookSigning | None:
    if "x-webhook-signature" not in raw:
        return None
    where = f"{pointer}/x-webhook-signature"
    declared = raw["x-webhook-signature"]
    if not isinstance(declared, dict):
        ctx.warn("x-webhook-signature must be a mapping (header, algorithm, timestamp)", where)
        return None
    for key in declared:
        if key not in _KEYS:
            ctx.warn(f"x-webhook-signature: unknown key {key!r} ignored", f"{where}/{key}")
    header = declared.get("header")
    if not isinstance(header, str) or not _is_header_name(header):
        ctx.warn(
            "x-webhook-signature needs `header`, an HTTP header name: no verifier is generated",
            f"{where}/header" if "header" in declared else where,
        )
        return None
    algorithm = declared.get("algorithm", "hmac-sha256")
    if algorithm not in _ALGORITHMS:
        ctx.warn(
            f"x-webhook-signature: algorithm {algorithm!r} is not supported (only"
            f" {', '.join(_ALGORITHMS)}): no verifier is generated",
            f"{where}/algorithm",
        )
        return None
    timestamp = declared.get("timestamp")
    if timestamp is not None and (not isinstance(timestamp, str) or not timestamp):
        ctx.warn(
            "x-webhook-signature: `timestamp` must name a payload property: no replay check",
            f"{where}/timestamp",
        )
        timestamp = None
    return WebhookSigning(header=header, timestamp=timestamp)


def _is_header_name(text: str) -> bool:
    """An RFC 9110 field name (a token): what may go into a header line unquoted."""
    allowed = "!#$%&'*+-.^_`|~"
    return bool(text) and all(c.isascii() and (c.isalnum() or c in allowed) for c in text)
