"""The intermediate representation: the contract between parsing and rendering.

Everything a target needs is decided once, in ``generator.parse``, and recorded here as plain,
frozen dataclasses. Targets never look at the raw OpenAPI dict. ``inspect`` dumps this model as
JSON, which makes it the one place to see what the parser decided.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from typing import Any, Literal, TypeAlias, TypeVar

JSON: TypeAlias = "bool | int | float | str | list[JSON] | dict[str, JSON] | None"

_T = TypeVar("_T")


def evolve(value: _T, **changes: Any) -> _T:
    """``dataclasses.replace`` for the IR's frozen dataclasses, several times faster (parsing
    a 1,000-operation spec made 8,000 copies): the fields are copied as they are, with
    ``changes``, and nothing else — not what a ``cached_property`` has cached, which belongs
    to the old value. The IR's classes have no ``__post_init__`` and no ``init=False`` fields,
    which ``replace`` would honour."""
    cls: type = type(value)
    names = _field_names(cls)
    state = value.__dict__
    new = {name: state[name] for name in names}
    for name in changes:
        if name not in new:
            raise TypeError(f"{cls.__name__} has no field {name!r}")
    new.update(changes)
    copy: _T = object.__new__(cls)
    copy.__dict__.update(new)
    return copy


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


TypeKind = Literal["primitive", "array", "map", "ref", "literal", "any"]
Primitive = Literal["string", "integer", "number", "boolean", "null"]
ParamLocation = Literal["path", "query", "header", "cookie"]
BodyKind = Literal["json", "multipart", "form", "binary", "text"]
SchemaKind = Literal["object", "enum", "union", "alias"]
# How the SDK answers an operation's documented redirect: return the target URL, or follow it.
RedirectMode = Literal["location", "follow"]
# What an operation's call gives back: a value (a model, a list, a primitive — the success body,
# unwrapped when it is `{"data": X}`), a page of items, nothing, the redirect target URL, or the
# raw bytes of a binary body.
ResultKind = Literal["value", "page", "none", "location", "bytes"]
# How an array query parameter is written: `a=1&a=2` (form, exploded), `a=1,2`, `a=1 2`, `a=1|2`.
QueryStyle = Literal["form", "comma", "space", "pipe", "deepObject"]
# Where a showcase argument goes.
ArgumentLocation = Literal["path", "query", "header", "cookie", "body"]


@dataclass(frozen=True)
class Names:
    """How one spec name is spelled in each target."""

    wire: str  # as on the wire / in the spec
    py: str  # Python identifier (attribute, argument, method), safe against keywords
    cli: str  # kebab-case, for CLI options and commands
    anchor: str  # markdown anchor / file slug


@dataclass(frozen=True)
class TypeRef:
    """A use of a type. ``ref`` names a schema in :attr:`Api.schemas`."""

    kind: TypeKind
    primitive: Primitive | None = None
    format: str | None = None  # date-time, date, uuid, binary, int64, …
    items: TypeRef | None = None  # array items, map values
    ref: str | None = None
    literal: JSON = None
    nullable: bool = False
    # A file: raw bytes, sent as a file part or as the body and returned as ``bytes``.
    # Decided by the parser (``format: binary``, or any body sent as application/octet-stream);
    # ``format: byte`` is base64 *text* and stays a string.
    file: bool = False


@dataclass(frozen=True)
class Constraints:
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False


@dataclass(frozen=True)
class Field:
    """A property of an object schema (or a flattened body argument)."""

    names: Names
    type: TypeRef
    required: bool
    description: str = ""
    has_default: bool = False
    default: JSON = None
    example: JSON = None
    constraints: Constraints = field(default_factory=Constraints)
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False


@dataclass(frozen=True)
class EnumValue:
    value: str | int | float | bool
    name: str  # UPPER_SNAKE member name, unique in its enum
    description: str = ""


@dataclass(frozen=True)
class Variant:
    """One member of a union; ``tag`` is its discriminator value when there is one."""

    type: TypeRef
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refinement:
    """A second property that tells apart variants sharing one discriminator value
    (``x-subdiscriminator``): for ``value``, read ``property`` and map it to a schema."""

    value: str
    property: str
    py_property: str
    mapping: tuple[tuple[str, str], ...]  # (value of `property`, schema name)


@dataclass(frozen=True)
class Discriminator:
    property: str  # wire name
    py_property: str
    refinements: tuple[Refinement, ...] = ()


@dataclass(frozen=True)
class Schema:
    """A named type. ``kind`` says which of the kind-specific fields are filled."""

    name: str  # PascalCase, unique
    kind: SchemaKind
    pointer: str  # where it was defined, e.g. /components/schemas/Message
    description: str = ""
    module: str = ""  # snake_case module/file stem: portable, unique ignoring case
    anchor: str = ""
    page: str = ""  # file stem of its docs page: its group's (parse/modules.py), as `module`
    #: Its section's anchor on that page; "" for the schema the page is about (the group's own).
    page_anchor: str = ""
    # object
    fields: tuple[Field, ...] = ()
    additional: TypeRef | None = None  # additionalProperties type (None: not declared)
    # enum
    enum_values: tuple[EnumValue, ...] = ()
    enum_type: Primitive | None = None
    literal_name: str = ""  # the name of the Literal alias of its values (Python), unique
    # union (oneOf / anyOf)
    variants: tuple[Variant, ...] = ()
    discriminator: Discriminator | None = None
    exclusive: bool = True  # oneOf (True) or anyOf (False)
    nullable: bool = (
        False  # one of the options is null (`type: 'null'`, `nullable`, `enum: [null]`)
    )
    # alias (a named array, map or primitive)
    target: TypeRef | None = None
    # facts
    is_error: bool = False
    recursive: bool = False  # takes part in a reference cycle
    inline: bool = False  # named by us from context, not by the spec
    deprecated: bool = False
    example: JSON = None
    depends_on: tuple[str, ...] = ()  # schema names used directly, sorted


@dataclass(frozen=True)
class Parameter:
    names: Names
    location: ParamLocation
    type: TypeRef
    required: bool
    description: str = ""
    style: str = "form"
    explode: bool = True
    query_style: QueryStyle = "form"  # how the SDK serialises it (query parameters)
    deprecated: bool = False
    has_default: bool = False
    default: JSON = None
    example: JSON = None
    constraints: Constraints = field(default_factory=Constraints)


@dataclass(frozen=True)
class Body:
    content_type: str
    kind: BodyKind
    type: TypeRef
    required: bool
    description: str = ""
    example: JSON = None
    # `{"message": {...}}`: the single key and the inner object's schema name
    wrapper_key: str | None = None
    wrapper_py: str | None = None  # the Python argument that takes the inner object as a model
    # the arguments a caller passes: inner fields of a wrapped body, or the body's own fields
    fields: tuple[Field, ...] = ()
    # top-level fields beside the wrapper key (`{"message": {...}, "link_preview": true}`)
    outer_fields: tuple[Field, ...] = ()
    flattened: bool = False  # whether `fields` are exposed as keyword arguments
    other_content_types: tuple[str, ...] = ()
    # form and multipart bodies: the fields the media type's `encoding` gives `style:
    # deepObject` (a list as `key[0]=…`, as Stripe's do), by wire name
    deep_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    status: str  # "200", "204", "default", "4XX"
    description: str = ""
    content_type: str | None = None
    type: TypeRef | None = None
    example: JSON = None
    # `{"data": X}`: the key the SDK unwraps to return X
    unwrap_key: str | None = None
    unwrapped_type: TypeRef | None = None
    is_error: bool = False
    is_redirect: bool = False
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pagination:
    cursor_param: str  # wire name of the query parameter
    limit_param: str | None
    items_path: tuple[str, ...]  # where the items are in the response body
    next_cursor_path: tuple[str, ...]
    item_type: TypeRef


@dataclass(frozen=True)
class Upload:
    """The pre-signed upload flow: an operation that posts to a URL from another response."""

    url_field: str  # field of the params response that holds the URL (x-external-url)
    params_operation: str | None  # operation id that returns the upload parameters
    file_field: str  # multipart field carrying the file
    key_field: str | None  # field with the `${filename}` key template
    # the one-call helper: its method name, and how the params response fills the form
    method_name: str = "upload"
    cli_name: str = "upload"  # the CLI's command for the helper (`files upload PATH`)
    url_argument: str = "upload_url"  # the Python argument taking the upload URL
    url_response_field: str | None = None  # wire name in the params response
    form_fields: tuple[tuple[str, str], ...] = ()  # (multipart field, params response field)
    # what the helper returns: the schema a message's `files: [...]` takes, and its fields
    attachment: str | None = None
    attachment_fields: tuple[tuple[str, str], ...] = ()  # (role: key/name/size/type, wire)
    # the other attachment schemas the helper's result fits (every field it has is theirs,
    # alike; every field they require it has): arguments of these types accept it as well
    attachment_fits: tuple[str, ...] = ()

    @property
    def url_name(self) -> str:
        """The upload URL's name as the API spells it (in the params response, if found)."""
        return self.url_response_field or self.url_field


@dataclass(frozen=True)
class Result:
    """What calling an operation gives back, decided once for every target."""

    kind: ResultKind
    # "value": the returned type (unwrapped); "page": the item type; otherwise None
    type: TypeRef | None = None
    unwrap_key: str | None = None  # `{"data": X}`: the key whose value is returned


@dataclass(frozen=True)
class ExampleArgument:
    """One argument of an operation's showcase call: what it is and the value shown."""

    names: Names
    location: ArgumentLocation
    type: TypeRef
    value: JSON
    in_wrapper: bool = False  # a field of a wrapped body's inner object


@dataclass(frozen=True)
class Example:
    """The showcase call of an operation: its required arguments, valued from the spec's
    examples (or synthesized), in signature order. Every sample (README, docs, skills, llms,
    in Python, CLI and curl) shows these same values."""

    arguments: tuple[ExampleArgument, ...] = ()
    # A wrapped JSON body (`{"message": {...}}`): the key that arguments `in_wrapper` go under
    wrapper_key: str | None = None


@dataclass(frozen=True)
class Operation:
    id: str  # operationId as written, or derived when absent
    names: Names  # py: method name; cli: command name within the service
    service: str  # Service.name
    method: str  # upper-case HTTP method
    path: str
    summary: str
    description: str
    pointer: str
    deprecated: bool = False
    tags: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()
    plan: str | None = None
    auth_required: bool = True
    idempotent: bool = False
    parameters: tuple[Parameter, ...] = ()
    body: Body | None = None
    responses: tuple[Response, ...] = ()
    success: Response | None = None
    errors: tuple[Response, ...] = ()
    pagination: Pagination | None = None
    upload: Upload | None = None
    derived_id: bool = False
    # a documented 301/302/303/307/308: "location" when the redirect is the answer (the SDK
    # returns its target URL), "follow" when a documented 2xx body is (the SDK follows it)
    redirect: RedirectMode | None = None
    result: Result = Result("none")
    example: Example = Example()
    # CLI: hidden names of the command besides ``names.cli`` (the whole operation name), and
    # whether it deletes data (asks for confirmation): DELETE, or ``x-destructive``
    cli_aliases: tuple[str, ...] = ()
    destructive: bool = False


@dataclass(frozen=True)
class Service:
    name: str  # the tag, as written
    names: Names  # py: attribute on the client; cli: command group
    class_name: str  # e.g. MessagesService
    description: str
    operations: tuple[Operation, ...]
    module: str = ""  # file stem of the service's module: portable, unique ignoring case
    #: Builtins a method of the service is named (``list``): the service's module spells
    #: them ``builtins.list`` in its signatures, where the class body would find the method.
    shadows: tuple[str, ...] = ()


@dataclass(frozen=True)
class SecurityScheme:
    name: str
    kind: str  # http, apiKey, oauth2, openIdConnect
    scheme: str | None = None  # bearer, basic
    location: str | None = None  # header/query/cookie for apiKey
    parameter: str | None = None
    description: str = ""


@dataclass(frozen=True)
class WorkflowStep:
    id: str
    operation: str  # operation id
    service: str
    method_name: str  # python method name
    description: str
    inputs: tuple[tuple[str, JSON], ...] = ()
    outputs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Workflow:
    id: str
    title: str
    description: str
    keywords: tuple[str, ...]
    inputs: tuple[tuple[str, str], ...]
    steps: tuple[WorkflowStep, ...]


@dataclass(frozen=True)
class Project:
    """Names of the generated artifacts, from dxgen.toml or derived from ``info.title``."""

    package: str
    client_class: str
    async_client_class: str
    command: str
    env_prefix: str
    token_env: str
    base_url_env: str
    distribution: str  # the SDK's distribution on PyPI
    cli_package: str  # the CLI's import package (``pachca_cli``)
    cli_distribution: str  # the CLI's distribution (``pachca-cli``), which depends on the SDK's
    docs_base_url: str
    skill_grouping: str
    # llms.txt and the skills link docs pages under docs_base_url (True), or relative paths
    absolute_doc_links: bool = False


@dataclass(frozen=True)
class SkillRedirect:
    """A task a skill is not for, and the skill (its short name) that does it."""

    task: str
    skill: str


@dataclass(frozen=True)
class SkillGroup:
    """One agent skill: the services it covers, and when an agent should (not) pick it.

    ``name`` is the skill's short name (``messages``; the skill is ``<command>-messages``),
    decided once in the parser from dxgen.toml's ``[skills.<name>]`` tables, else one per tag.
    A ``not_for`` redirect names another group by its short name.
    """

    name: str
    skill: str  # the skill's full name and folder: `<command>-<name>`, at most 64 characters
    services: tuple[str, ...]  # Service.name, in the API's order
    triggers: tuple[str, ...] = ()  # phrases of tasks it is for
    not_for: tuple[SkillRedirect, ...] = ()
    workflows: tuple[str, ...] = ()  # ids of the workflows it holds; each in exactly one


@dataclass(frozen=True)
class WebhookSigning:
    """How the API signs a webhook request (``x-webhook-signature``, see parse/webhooks.py):
    ``header`` carries the hex HMAC-SHA256 of the raw body, keyed with the webhook secret;
    ``timestamp`` names the payload's send time (unix seconds) for the replay check, if any."""

    header: str
    timestamp: str | None = None


@dataclass(frozen=True)
class Webhook:
    """A webhook the document lists (OpenAPI 3.1's ``webhooks``, ``x-webhooks`` in 3.0): its
    name there, what it says of itself, and the event it posts."""

    name: str
    summary: str
    event: TypeRef
    #: The value of the API's event header (:class:`WebhookHeader`) this webhook is sent with.
    header_value: str | None = None


@dataclass(frozen=True)
class WebhookHeader:
    """Events told apart by a request header before their body, as GitHub's are
    (``X-GitHub-Event: pull_request``); where one value has several events, a body property
    tells those apart (``action``). The payload is then a union of one type per value."""

    name: str  # the header, as the document spells it
    #: header value → the schema its events parse into: the one event sent with that value,
    #: or the union of those sent with it, tagged by a body property
    types: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Showcase:
    """The operations the samples demonstrate (operation ids); any may be missing."""

    read: str | None = None  # a GET of one thing by its path parameters
    create: str | None = None  # a POST with a body (a wrapped one preferred)
    listing: str | None = None  # a paginated list
    upload: str | None = None  # the pre-signed upload flow
    create_with_files: str | None = None  # a call taking the upload's attachments
    files_argument: str | None = None  # its Python argument that takes them


@dataclass(frozen=True)
class Identity:
    """The operations that tell who the caller is (the CLI's ``auth status`` and ``doctor``);
    each is a GET that takes no required argument and returns an object. Either may be None."""

    current_user: str | None = None  # operation id: the caller's own profile (`GET /me`, …)
    # wire names of the fields of its result that say who the caller is, most telling first
    user_fields: tuple[str, ...] = ()
    token_info: str | None = None  # operation id: facts about the token, with its scopes
    scopes_field: str | None = None  # wire name of the token's scopes (a list or a spaced string)


@dataclass(frozen=True)
class Api:
    title: str
    version: str
    openapi_version: str
    description: str
    base_url: str
    servers: tuple[str, ...]
    project: Project
    security: tuple[SecurityScheme, ...]
    services: tuple[Service, ...]
    schemas: tuple[Schema, ...]
    workflows: tuple[Workflow, ...] = ()
    webhook_payload: TypeRef | None = None
    webhook_signing: WebhookSigning | None = None  # None: events are parsed, not verified
    webhooks: tuple[Webhook, ...] = ()  # as the document lists them, in order
    webhook_header: WebhookHeader | None = None  # None: the body alone tells events apart
    showcase: Showcase = Showcase()
    identity: Identity = Identity()
    skill_groups: tuple[SkillGroup, ...] = ()  # every service in exactly one
    skill_router: str = ""  # the router skill's name (the command, as a valid skill name)

    def schema(self, name: str) -> Schema:
        """The schema named ``name``, in constant time."""
        return self._schemas_by_name[name]

    @cached_property
    def _schemas_by_name(self) -> dict[str, Schema]:
        return {schema.name: schema for schema in self.schemas}

    @cached_property
    def operations(self) -> tuple[Operation, ...]:
        """Every service's operations, in order (made once: targets ask often)."""
        return tuple(op for service in self.services for op in service.operations)
