"""What the docs templates lay out: plain rows and sections, every string ready as markdown."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """A parameter, a body field or a model field, as one table row."""

    name: str  # code span (a nested field is dotted: `message.content`)
    location: str  # "path", "query", … (parameters only)
    type: str
    required: bool
    constraints: str
    default: str
    description: str  # one table cell: prose, deprecation, enum values


@dataclass(frozen=True)
class Samples:
    """One call in three languages, from the shared snippet renderers."""

    curl: str
    python: str
    cli: str


@dataclass(frozen=True)
class ResponseView:
    status: str
    title: str  # `200 OK`
    description: str
    content_type: str | None
    type: str | None  # the body's type, linked
    returns: str | None  # what the SDK returns from it (the unwrapped key's type)
    unwrap_key: str | None
    example: str | None  # a fenced JSON block
    headers: tuple[str, ...]


@dataclass(frozen=True)
class ErrorRow:
    status: str
    description: str
    type: str


@dataclass(frozen=True)
class BodyView:
    content_type: str
    required: bool
    description: str
    type: str
    rows: tuple[Row, ...]
    example: str | None


@dataclass(frozen=True)
class PaginationView:
    cursor: str
    limit: str | None
    items: str  # dotted path
    next_cursor: str
    item_type: str
    guide: str  # link to the pagination guide


@dataclass(frozen=True)
class AuthView:
    required: bool
    scopes: tuple[str, ...]
    plan: str | None
    guide: str  # link to the authentication guide


@dataclass(frozen=True)
class Link:
    title: str
    href: str
    summary: str = ""


@dataclass(frozen=True)
class OperationView:
    title: str
    method: str
    path: str
    service: Link
    description: str
    deprecated: bool
    auth: AuthView
    parameters: tuple[Row, ...]
    body: BodyView | None
    responses: tuple[ResponseView, ...]
    errors: tuple[ErrorRow, ...]
    errors_guide: str
    pagination: PaginationView | None
    upload: Link | None  # the operation that hands out the upload parameters
    upload_helper: str | None  # the SDK's one-call upload (`client.files.upload`)
    uploads_guide: str
    samples: Samples
    sdk_call: str  # `client.messages.create_message`
    cli_call: str  # `pachca messages create`
    destructive: bool  # the CLI asks for confirmation (`--yes` skips it)
    workflows: tuple[Link, ...]


@dataclass(frozen=True)
class ServiceView:
    title: str
    description: str
    operations: tuple[Link, ...]
    methods: tuple[tuple[str, str], ...]  # (METHOD, path), beside `operations`
    sdk_attribute: str
    cli_group: str


@dataclass(frozen=True)
class EnumRow:
    value: str
    name: str
    description: str


@dataclass(frozen=True)
class VariantRow:
    tags: str
    type: str


@dataclass(frozen=True)
class ModelView:
    name: str
    heading: str  # its heading's marks: "#" for the schema the page is about, "##" for others
    anchor: str  # its section's anchor ("" for the page's own schema)
    kind: str  # a sentence: "Object", "Enum of strings", …
    description: str
    deprecated: bool
    fields: tuple[Row, ...]
    additional: str | None
    enum_values: tuple[EnumRow, ...]
    variants: tuple[VariantRow, ...]
    discriminator: str | None
    refinements: tuple[str, ...]
    exclusive: bool
    target: str | None
    example: str | None
    used_by: tuple[Link, ...]  # operations
    #: The page's own schema, when a section is used by no operation it is not used by (the
    #: list is not repeated: Stripe's account_capabilities page repeated 590 of them 150 times)
    users_as: str | None
    used_in: tuple[Link, ...]  # other models
    uses: tuple[Link, ...]  # models it refers to
