"""Runtime shared by generated SDKs (copied verbatim into ``<package>/_core/``).

Depends only on ``httpx``, ``pydantic>=2.11`` and the standard library; it never names the
package it lives in.  Generated code imports everything from here.

Clients
-------
``SyncAPIClient`` / ``AsyncAPIClient`` — a generated client subclasses one of them and sets
class attributes::

    class ExampleClient(SyncAPIClient):
        _token_env_var = "EXAMPLE_TOKEN"        # token fallback (required unless passed)
        _base_url_env_var = "EXAMPLE_BASE_URL"  # optional base URL fallback
        _default_base_url = "https://api.example.com/v1"
        _sdk_name = "example-python"; _sdk_version = "1.0.0"   # User-Agent
        _logger_name = "example"                # logging.getLogger(...) used for DEBUG lines
        _retry_policy = RetryPolicy()           # optional: backoff parameters

        @cached_property
        def messages(self) -> MessagesService: ...

    ExampleClient(token=None, *, base_url=None, timeout=60.0, max_retries=2,
                  http_client=None, default_headers=None, max_retry_after=60.0,
                  strict_response_validation=False)

* the token falls back to the ``_token_env_var`` environment variable; with neither,
  ``ConfigurationError`` is raised;
* one connection pool per client: an owned ``httpx.Client`` / ``httpx.AsyncClient`` built
  on the first request (not in the constructor), or the caller's ``http_client`` (whose
  own ``base_url`` is ignored: URLs are always built from the SDK's base URL).
  ``with``/``close()`` (``async with``/``aclose()``) close the pool only when the client
  created it (``await client.close()`` is the same as ``aclose()`` on the async client);
* responses that do not match their schema are returned anyway and a warning naming the
  fields is logged; a required field the server left out raises ``MissingFieldError`` (an
  ``AttributeError``) when read.  ``strict_response_validation=True`` raises
  ``APIResponseValidationError`` instead;
* ``client.with_options(token=, base_url=, timeout=, max_retries=, default_headers=,
  max_retry_after=)``
  returns a copy sharing the pool (the copy never closes it; cached services are rebuilt);
* every request sends ``Authorization: Bearer <token>`` (unless ``auth=False``),
  ``User-Agent: <sdk_name>/<version> python/<x.y> httpx/<v>``, ``Accept: application/json``;
  ``default_headers`` and then per-call ``extra_headers`` override them;
* tests replace ``client._sleep`` (``client._asleep`` for async) and ``client._random``
  to record retry delays instead of sleeping.

``client.request(method, path, *, cast_to, **RequestArgs) -> cast_to``::

    request(method: str, path: str, *,
            cast_to: type[T] | None | <type expression>,
            path_params: Mapping[str, object] | None = None,   # "{id}" → URL-quoted value
            query: Mapping[str, object] | None = None,
            query_style: Mapping[str, QueryStyle] | None = None,   # see "Query strings"
            headers: Mapping[str, object] | None = None,   # header parameters (as str)
            body: object = NOT_GIVEN,                  # JSON body (omitted when NOT_GIVEN)
            multipart: Mapping[str, object] | None = None,   # form fields (see "Forms")
            form_style: Mapping[str, FormStyle] | None = None,   # {"expand": "deepObject"}
            files: FilesInput | None = None,           # multipart files
            unwrap: str | Sequence[str] | None = None, # parse body["data"] instead of body
            error_models: ErrorModels | None = None,   # {401: OAuthErr, "4XX": ..., "default": ...}
                                                       # omitted: the client's _error_models()
            absolute_url: bool = False,                # path is a full URL (no base URL)
            auth: bool = True,                         # False: no Authorization header
            redirect: RedirectMode | None = None,      # "location": return the 3xx target URL;
                                                       # "follow": follow it, parse the end
            options: RequestOptions | None = None)

``cast_to=None`` ignores the body (204); ``bytes``/``str``/``httpx.Response`` return it raw;
anything else is validated with pydantic (model classes, ``list[Model]``, unions, …).
``AsyncAPIClient.request`` is the same coroutine.

``client.request_page(method, path, *, item_type: type[T], items_path=("data",),
next_cursor_path: Sequence[str], cursor_param="cursor", **RequestArgs)`` returns
``SyncCursorPage[T]`` (first page fetched) or, on the async client, an ``AsyncPaginator[T]``
(nothing sent until awaited / iterated).

``wrapped_body(name, model, fields, required=())`` builds the inner object of a body wrapped
under one key (``{"message": {...}}``): the model when given, else the keyword fields; it
raises ``TypeError`` when both are given or a required field is missing.

``RequestOptions(*, extra_headers=None, extra_query=None, extra_body=None,
timeout=NOT_GIVEN, max_retries=NOT_GIVEN)`` — per-call overrides; every generated method
takes ``extra_headers``, ``extra_query``, ``timeout``, ``max_retries`` (and ``extra_body``
when it sends a body) and passes them here.

Services
--------
``SyncAPIResource(client)`` / ``AsyncAPIResource(client)`` keep the client as ``self._client``.

Raw responses: ``to_raw_response_wrapper(method)`` (``async_to_raw_response_wrapper`` for
async methods, including list methods returning ``AsyncPaginator``) returns a callable with
the same parameters that returns ``APIResponse[R]`` — ``status_code``, ``headers``,
``http_response``, ``url``, ``method``, ``retries_taken``, ``json()`` and ``parse() -> R``
(cached; ``APIResponseValidationError`` when the body does not match).

Streamed responses: ``to_streamed_response_wrapper(method)`` (``async_to_streamed_response_
wrapper``) returns a callable with the same parameters that returns a context manager;
``with wrapped(...) as response`` sends the request and yields a ``StreamedAPIResponse[R]``
whose body is unread: ``iter_bytes(chunk_size)``, ``iter_text()``, ``iter_lines()``,
``write_to_file(path)``, ``read()``, ``parse()``; the connection is released on exit.

Values
------
* ``NOT_GIVEN`` (the only ``NotGiven``; falsy, ``repr`` ``NOT_GIVEN``) marks omitted
  arguments; ``strip_not_given(mapping)`` drops them; ``None`` is sent as JSON ``null``.
  JSON bodies may contain pydantic models (dumped with ``by_alias=True,
  exclude_unset=True``), enums, dates/datetimes, nested lists/dicts.
* a naive ``datetime`` is local time: in paths, queries, forms and bodies it is sent with
  the local UTC offset (``dt.astimezone().isoformat()``); aware datetimes are sent as is.
* ``BaseModel``: ``extra="allow"`` (unknown fields kept), populate by name or alias, dumps
  by alias; ``to_dict()`` / ``to_json()``.
* ``OpenStrEnum`` / ``OpenIntEnum``: ``Enum("new")`` returns a cached pseudo-member with
  ``.is_unknown == True`` instead of raising; model fields accept unknown values.

Query strings
-------------
``query`` values: ``NOT_GIVEN``/``None`` dropped, bools ``true``/``false``, enums by value,
dates ISO 8601, keys such as ``"sort[id]"`` passed as is, mappings as ``key[sub]=``.
Lists repeat the key (``style: form, explode: true``) unless the generated call says
otherwise per parameter: ``query_style={"chat_ids": "comma"}`` (``explode: false``, also
``"space"``, ``"pipe"``), or ``{"expand": "deepObject"}``: ``expand[0]=…``.

Forms
-----
``multipart`` fields are urlencoded (``multipart/form-data`` with ``files``): models dumped
by alias, mappings as ``key[sub]=``; a list nested in them, a list of mappings or lists and
any list of a ``form_style={"expand": "deepObject"}`` field as ``key[0]=…``; other lists
repeat the key.

Errors
------
``APIError`` ⊃ ``ConfigurationError``, ``APIConnectionError`` ⊃ ``APITimeoutError``,
``APIResponseValidationError`` (2xx body that does not parse), ``WebhookVerificationError``
⊃ ``WebhookParseError``, and ``APIStatusError`` (``status_code``, ``response``,
``request``, ``body``: JSON / text / None, ``error``: body parsed into the operation's error
model or ``None``, ``retry_after``: seconds asked for by ``Retry-After`` or ``None``)
⊃ ``BadRequestError`` 400, ``AuthenticationError`` 401,
``PaymentRequiredError`` 402, ``PermissionDeniedError`` 403, ``NotFoundError`` 404,
``ConflictError`` 409, ``GoneError`` 410, ``UnprocessableEntityError`` 422,
``RateLimitError`` 429, ``InternalServerError`` 5xx.  The error body is parsed only into the
models documented for its status (code, ``4XX`` range, ``default``).  A generated client
overrides ``_status_error_classes()`` to raise its own subclasses (a ``StatusErrorClasses``
mapping: code → class, ``"5XX"``, ``"default"``) whose ``error`` is typed with those models.

Retries: 429 for every method; 408, 5xx, connection errors and timeouts only for GET, HEAD,
OPTIONS, PUT and DELETE.  ``retry-after-ms`` / ``Retry-After`` (seconds or HTTP date) up to
the client's ``max_retry_after`` (60 s) are honoured; a longer one is not retried: the
error is raised at once with ``retry_after`` set.  Without the header: exponential backoff
(0.5 s * 2**n, max 8 s, ±25 % jitter).

Pagination
----------
``SyncCursorPage[T]``: ``data``, ``next_cursor``, ``has_next_page()``, ``get_next_page()``
(``None`` when there is none), ``iter_pages()``, and ``for item in page`` over every item of
every following page.  Iteration stops when the cursor is missing/empty, a page is empty, or a
cursor repeats.  ``AsyncCursorPage[T]`` has the same API with ``await``/``async for``;
``AsyncPaginator[T]`` is awaitable (first page) and async-iterable (all items).

Files and uploads
-----------------
``FileInput = str | os.PathLike[str] | bytes | IO[bytes] | tuple[str, FileContent] |
tuple[str, FileContent, str]`` (``FileContent = bytes | IO[bytes] | os.PathLike[str]``);
the filename comes from the path, the file object's ``name`` or ``"upload"``, the content
type from ``mimetypes``.  ``file_name(file)``.  Paths and file objects are streamed, never
read into memory whole; ``load_file(file, filename)`` gives ``(name, content,
content_type, size)`` without reading.
``presigned_form_upload(client, url, fields, file, *, file_field="file", options=None)``
(``async_presigned_form_upload`` for async clients) POSTs the form to an absolute URL without
the ``Authorization`` header; ``fill_filename(key_template, filename)`` fills ``${filename}``.

Webhooks
--------
``verify_signature(raw_body, signature, secret, *, tolerance=60, now=None) -> None``
(hex HMAC-SHA256 of the raw body, then ``webhook_timestamp`` freshness) raises
``WebhookVerificationError``; ``compute_signature(raw_body, secret)``;
``parse_webhook(raw_body, type_) -> T`` validates with pydantic (e.g. a discriminated union).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._attach import load_file
from ._client import (
    AsyncAPIClient,
    ErrorModels,
    RedirectMode,
    RequestArgs,
    RequestOptions,
    SyncAPIClient,
)
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    ConflictError,
    GoneError,
    InternalServerError,
    MissingFieldError,
    NotFoundError,
    PaymentRequiredError,
    PermissionDeniedError,
    RateLimitError,
    StatusErrorClasses,
    UnprocessableEntityError,
    WebhookParseError,
    WebhookVerificationError,
)
from ._files import FileContent, FileInput, FilesInput, file_name, to_httpx_file
from ._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage
from ._qs import FormStyle, QueryStyle, serialize_query
from ._resource import AsyncAPIResource, SyncAPIResource
from ._response import (
    APIResponse,
    AsyncResponseContextManager,
    AsyncStreamedAPIResponse,
    ResponseContextManager,
    StreamedAPIResponse,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ._retry import RetryPolicy
from ._types import (
    NOT_GIVEN,
    Body,
    Headers,
    NotGiven,
    Query,
    TimeoutTypes,
    is_given,
    strip_not_given,
)
from ._uploads import async_presigned_form_upload, fill_filename, presigned_form_upload
from ._utils import warn_deprecated_arguments, wrapped_body

if TYPE_CHECKING:
    from typing_extensions import TypeAliasType, deprecated

    from ._models import BaseModel, OpenIntEnum, OpenStrEnum
    from ._unions import UnknownVariant, tagged_union
    from ._webhooks import compute_signature, header_value, parse_webhook, verify_signature

# Names whose modules build pydantic classes when imported: loaded on first use, so that
# creating a client and reaching a service does not pay for pydantic's model machinery.
_ON_FIRST_USE = {
    "BaseModel": "._models",
    "OpenIntEnum": "._models",
    "OpenStrEnum": "._models",
    "UnknownVariant": "._unions",
    "tagged_union": "._unions",
    "compute_signature": "._webhooks",
    "header_value": "._webhooks",
    "parse_webhook": "._webhooks",
    "verify_signature": "._webhooks",
    # PEP 702, for deprecated operations: a warning from type checkers and at call time.
    "deprecated": "typing_extensions",
    # A type alias on a reference cycle, which a plain `X: TypeAlias = …` cannot spell.
    "TypeAliasType": "typing_extensions",
}

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncAPIClient",
    "AsyncAPIResource",
    "AsyncCursorPage",
    "AsyncPaginator",
    "AsyncResponseContextManager",
    "AsyncStreamedAPIResponse",
    "AuthenticationError",
    "BadRequestError",
    "BaseModel",
    "Body",
    "ConfigurationError",
    "ConflictError",
    "ErrorModels",
    "FileContent",
    "FileInput",
    "FilesInput",
    "FormStyle",
    "GoneError",
    "Headers",
    "InternalServerError",
    "MissingFieldError",
    "NotFoundError",
    "NotGiven",
    "OpenIntEnum",
    "OpenStrEnum",
    "PaymentRequiredError",
    "PermissionDeniedError",
    "Query",
    "QueryStyle",
    "RateLimitError",
    "RedirectMode",
    "RequestArgs",
    "RequestOptions",
    "ResponseContextManager",
    "RetryPolicy",
    "StatusErrorClasses",
    "StreamedAPIResponse",
    "SyncAPIClient",
    "SyncAPIResource",
    "SyncCursorPage",
    "TimeoutTypes",
    "TypeAliasType",
    "UnknownVariant",
    "UnprocessableEntityError",
    "WebhookParseError",
    "WebhookVerificationError",
    "async_presigned_form_upload",
    "async_to_raw_response_wrapper",
    "async_to_streamed_response_wrapper",
    "compute_signature",
    "deprecated",
    "file_name",
    "fill_filename",
    "header_value",
    "is_given",
    "load_file",
    "parse_webhook",
    "presigned_form_upload",
    "serialize_query",
    "strip_not_given",
    "tagged_union",
    "to_httpx_file",
    "to_raw_response_wrapper",
    "to_streamed_response_wrapper",
    "verify_signature",
    "warn_deprecated_arguments",
    "wrapped_body",
]


def __getattr__(name: str) -> Any:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value
