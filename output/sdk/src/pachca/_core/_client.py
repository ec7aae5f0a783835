"""HTTP clients that generated SDK clients subclass."""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import logging
import os
import random
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import GenericAlias, TracebackType
from typing import (
    Any,
    ClassVar,
    Generic,
    Literal,
    Self,
    TypedDict,
    TypeVar,
    Unpack,
    cast,
    overload,
)

import httpx
import pydantic

from ._exceptions import (
    DEFAULT_STATUS_ERRORS,
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    StatusErrorClasses,
    make_status_error,
)
from ._files import FilesInput, raw_content, to_httpx_files
from ._lazy_http import LazyHttpClient
from ._lenient import validate_leniently
from ._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage
from ._qs import FormStyle, QueryStyle, serialize_form, serialize_query
from ._response import (
    APIResponse,
    AsyncStreamedAPIResponse,
    StreamedAPIResponse,
    take_raw_response_flag,
    take_response_mode,
)
from ._retry import RetryPolicy, should_retry_exception, should_retry_status
from ._types import NOT_GIVEN, Body, Headers, NotGiven, Query, TimeoutTypes
from ._utils import (
    MISSING,
    build_path,
    decode_body,
    dig,
    dump_json,
    mask_headers,
    to_jsonable,
    validate_as,
)

__all__ = [
    "AsyncAPIClient",
    "ErrorModels",
    "RequestArgs",
    "RequestOptions",
    "SyncAPIClient",
]

_T = TypeVar("_T")
_HttpxClientT = TypeVar("_HttpxClientT", httpx.Client, httpx.AsyncClient)

DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 2

RedirectMode = Literal["location", "follow"]
"""How a documented redirect is answered: return the target URL, or follow it."""

ErrorModels = Mapping[int | str, Any]
"""Error body models by status: ``{401: OAuthError, "4XX": ApiError, "default": ApiError}``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestOptions:
    """Per-call overrides every generated method accepts.

    Attributes:
        extra_headers: headers added to (and overriding) the client's headers.
        extra_query: query parameters merged into (and overriding) the operation's query.
        extra_body: top-level JSON (or form) fields merged into the request body.
        timeout: overrides the client's timeout for this call (``None``: no timeout).
        max_retries: overrides the client's ``max_retries`` for this call.
    """

    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN


_NO_OPTIONS = RequestOptions()


class RequestArgs(TypedDict, total=False):
    """Keyword arguments of :meth:`SyncAPIClient.request` besides ``cast_to``.

    Attributes:
        path_params: values for ``{name}`` placeholders of the path (URL-quoted).
        query: query parameters (see ``_qs``: NOT_GIVEN/None dropped, lists repeated).
        query_style: per-parameter list style: ``"form"`` (default, repeated keys),
            ``"comma"``, ``"space"`` or ``"pipe"`` (one joined value), ``"deepObject"``
            (indexed keys, ``key[0]=…``).
        headers: header parameters of the operation, sent as strings (NOT_GIVEN/None
            dropped); they override the client's headers, ``extra_headers`` override them.
        body: JSON body (mapping, list, pydantic model, …); omit for no body.
        content: a raw body: a file's content (``bytes``, a path, a binary file object, as
            :data:`FileInput` takes them), read and sent as it is, with ``content_type``.
        text: a text body, sent UTF-8 encoded with ``content_type``.
        content_type: the ``Content-Type`` of ``content`` or ``text``.
        multipart: the fields of a form body: urlencoded, or ``multipart/form-data`` (sent
            before the files) when there are ``files``; models are dumped first.
        form_style: ``{"expand": "deepObject"}``: fields sent ``key[0]=…`` and ``key[sub]=…``
            (see ``_qs``); other lists repeat the key.
        files: files of a multipart body (see ``FileInput``; NOT_GIVEN dropped).
        unwrap: key (or key path) of the response JSON to parse into ``cast_to``.
        error_models: models for error bodies, by status, ``"4XX"``-style range or
            ``"default"``; omitted: the client's own (see ``_error_models``).
        absolute_url: ``path`` is a full URL; the base URL is not prepended.
        auth: send the ``Authorization`` header (default ``True``).
        redirect: the operation answers with a documented redirect: ``"location"`` returns
            its target as an absolute URL string (``cast_to`` is ignored), ``"follow"``
            follows it and parses the final response (the ``Authorization`` header is not
            sent to another origin).  Omitted: a 3xx is parsed like any other response.
        options: per-call :class:`RequestOptions`.
    """

    path_params: Mapping[str, object] | None
    query: Mapping[str, object] | None
    query_style: Mapping[str, QueryStyle] | None
    form_style: Mapping[str, FormStyle] | None
    headers: Mapping[str, object] | None
    body: object
    content: object
    text: str | NotGiven
    content_type: str
    multipart: Mapping[str, object] | None
    files: FilesInput | None
    unwrap: str | Sequence[str] | None
    error_models: ErrorModels | None
    absolute_url: bool
    auth: bool
    redirect: RedirectMode | None
    options: RequestOptions | None


@dataclass(frozen=True, slots=True)
class _RequestSpec:
    method: str
    path: str
    path_params: Mapping[str, object] | None = None
    query: Mapping[str, object] | None = None
    query_style: Mapping[str, QueryStyle] | None = None
    headers: Mapping[str, str] | None = None
    body: object = NOT_GIVEN
    content: object = NOT_GIVEN
    text: str | NotGiven = NOT_GIVEN
    content_type: str | None = None
    multipart: Mapping[str, object] | None = None
    form_style: Mapping[str, FormStyle] | None = None
    files: FilesInput | None = None
    unwrap: tuple[str, ...] = ()
    error_models: ErrorModels | None = None
    absolute_url: bool = False
    auth: bool = True
    redirect: RedirectMode | None = None
    options: RequestOptions = field(default=_NO_OPTIONS)

    @classmethod
    def create(cls, method: str, path: str, args: RequestArgs) -> _RequestSpec:
        unwrap = args.get("unwrap")
        return cls(
            method=method.upper(),
            path=path,
            path_params=args.get("path_params"),
            query=args.get("query"),
            query_style=args.get("query_style"),
            headers=_given_strings(args.get("headers")),
            body=args.get("body", NOT_GIVEN),
            content=args.get("content", NOT_GIVEN),
            text=args.get("text", NOT_GIVEN),
            content_type=args.get("content_type"),
            multipart=args.get("multipart"),
            form_style=args.get("form_style"),
            files=args.get("files"),
            unwrap=(unwrap,) if isinstance(unwrap, str) else tuple(unwrap or ()),
            error_models=args.get("error_models"),
            absolute_url=args.get("absolute_url", False),
            auth=args.get("auth", True),
            redirect=args.get("redirect"),
            options=args.get("options") or _NO_OPTIONS,
        )

    def with_query_param(self, name: str, value: str) -> _RequestSpec:
        return replace(self, query={**(self.query or {}), name: value})


@dataclass(frozen=True, slots=True)
class _PageSpec(Generic[_T]):
    item_type: type[_T]
    items_path: tuple[str, ...]
    next_cursor_path: tuple[str, ...]
    cursor_param: str


def _given_strings(values: Mapping[str, object] | None) -> dict[str, str] | None:
    """Header parameters as strings, without those left out (``NOT_GIVEN`` or ``None``)."""
    if values is None:
        return None
    return {k: str(v) for k, v in values.items() if v is not None and not isinstance(v, NotGiven)}


def _merge_body(body: object, extra: Body | None) -> object:
    if not extra:
        return body
    if isinstance(body, NotGiven) or body is None:
        return dict(extra)
    if isinstance(body, pydantic.BaseModel):
        body = body.model_dump(by_alias=True, exclude_unset=True)
    if isinstance(body, Mapping):
        return {**body, **extra}
    raise ConfigurationError("extra_body can only be merged into an object body")


def _python_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


class _BaseClient(Generic[_HttpxClientT]):
    """Configuration, request building and response parsing shared by both clients."""

    # Set by the generated subclass.
    _token_env_var: ClassVar[str | None] = None
    _base_url_env_var: ClassVar[str | None] = None
    _default_base_url: ClassVar[str | None] = None
    _sdk_name: ClassVar[str] = "python-sdk"
    _sdk_version: ClassVar[str] = "0.0.0"
    _logger_name: ClassVar[str | None] = None
    _retry_policy: ClassVar[RetryPolicy] = RetryPolicy()

    token: str
    base_url: str
    timeout: TimeoutTypes
    max_retries: int
    max_retry_after: float
    strict_response_validation: bool

    _pool: LazyHttpClient[_HttpxClientT]  # shared with copies made by with_options
    _owns_http: bool
    _custom_headers: dict[str, str]
    _random: Callable[[], float]
    _log: logging.Logger

    def _configure(
        self,
        token: str | None,
        base_url: str | None,
        timeout: TimeoutTypes,
        max_retries: int,
        default_headers: Mapping[str, str] | None,
        max_retry_after: float | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        cls = type(self)
        if token is None and cls._token_env_var:
            token = os.environ.get(cls._token_env_var) or None
        if not token:
            where = (
                f" or set the {cls._token_env_var} environment variable"
                if cls._token_env_var
                else ""
            )
            raise ConfigurationError(
                f"No API token provided: pass token=... to {cls.__name__}(){where}."
            )
        if base_url is None and cls._base_url_env_var:
            base_url = os.environ.get(cls._base_url_env_var) or None
        if base_url is None:
            base_url = cls._default_base_url
        if not base_url:
            raise ConfigurationError(f"No base URL: pass base_url=... to {cls.__name__}().")
        if max_retries < 0:
            raise ConfigurationError("max_retries must be >= 0")
        if max_retry_after is None:
            max_retry_after = cls._retry_policy.max_retry_after
        if max_retry_after < 0:
            raise ConfigurationError("max_retry_after must be >= 0")
        self.max_retry_after = max_retry_after
        self.strict_response_validation = strict_response_validation
        self.token = token
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self._custom_headers = dict(default_headers or {})
        self._random = random.random
        self._log = logging.getLogger(cls._logger_name or cls.__module__.split(".")[0])

    # -- public helpers ---------------------------------------------------------------

    @property
    def user_agent(self) -> str:
        return (
            f"{self._sdk_name}/{self._sdk_version} python/{_python_version()} "
            f"httpx/{httpx.__version__}"
        )

    @property
    def http_client(self) -> _HttpxClientT:
        """The underlying httpx client (shared by copies made with ``with_options``)."""
        return self._http

    @property
    def _http(self) -> _HttpxClientT:
        """The httpx client, built on the first request rather than in the constructor."""
        return self._pool.get()

    def with_options(
        self,
        *,
        token: str | NotGiven = NOT_GIVEN,
        base_url: str | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        max_retry_after: float | NotGiven = NOT_GIVEN,
    ) -> Self:
        """A copy of this client with some settings changed, sharing the connection pool.

        The copy never closes the pool; close the original client (or the caller-supplied
        httpx client) when done.  ``default_headers`` are merged into the current ones.
        """
        new = copy.copy(self)
        for klass in type(self).__mro__:
            for name, attr in vars(klass).items():
                if isinstance(attr, functools.cached_property):
                    new.__dict__.pop(attr.attrname or name, None)
        new._owns_http = False
        if not isinstance(token, NotGiven):
            if not token:
                raise ConfigurationError("token must not be empty")
            new.token = token
        if not isinstance(base_url, NotGiven):
            new.base_url = base_url.rstrip("/")
        if not isinstance(timeout, NotGiven):
            new.timeout = timeout
        if not isinstance(max_retries, NotGiven):
            if max_retries < 0:
                raise ConfigurationError("max_retries must be >= 0")
            new.max_retries = max_retries
        if not isinstance(max_retry_after, NotGiven):
            if max_retry_after < 0:
                raise ConfigurationError("max_retry_after must be >= 0")
            new.max_retry_after = max_retry_after
        new._custom_headers = dict(self._custom_headers)
        if not isinstance(default_headers, NotGiven):
            new._custom_headers.update(default_headers)
        return new

    # -- request building -------------------------------------------------------------

    def _build_url(self, spec: _RequestSpec) -> str:
        path = build_path(spec.path, spec.path_params) if spec.path_params else spec.path
        if spec.absolute_url:
            return path
        return f"{self.base_url}/{path.lstrip('/')}"

    def _build_headers(self, spec: _RequestSpec, *, json_body: bool) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": self.user_agent}
        if spec.auth:
            headers["Authorization"] = f"Bearer {self.token}"
        if json_body:
            headers["Content-Type"] = "application/json"
        if spec.content_type and not (
            isinstance(spec.content, NotGiven) and isinstance(spec.text, NotGiven)
        ):
            headers["Content-Type"] = spec.content_type
        headers.update(self._custom_headers)
        if spec.headers:
            headers.update(spec.headers)
        if spec.options.extra_headers:
            headers.update(spec.options.extra_headers)
        return headers

    def _build_request(
        self, spec: _RequestSpec, files_stack: contextlib.ExitStack
    ) -> httpx.Request:
        """The request to send; files given as paths are opened on ``files_stack`` and
        streamed from disk."""
        options = spec.options
        params: list[tuple[str, str | int | float | bool | None]] = []
        params.extend(serialize_query(spec.query, spec.query_style))
        if options.extra_query:
            extra = serialize_query(options.extra_query, spec.query_style)
            overridden = {key for key, _ in extra}
            params = [pair for pair in params if pair[0] not in overridden]
            params.extend(extra)
        content: bytes | None = None
        json_body = False
        data: dict[str, str | list[str]] | None = None
        files = None
        if spec.files is not None or spec.multipart is not None:
            fields: dict[str, object] = dict(spec.multipart or {})
            if options.extra_body:
                fields.update(options.extra_body)
            data = serialize_form(to_jsonable(fields), spec.form_style)
            files = to_httpx_files(spec.files or {}, files_stack)
        elif not isinstance(spec.content, NotGiven):
            content = raw_content(spec.content)
        elif not isinstance(spec.text, NotGiven):
            content = spec.text.encode("utf-8")
        else:
            body = _merge_body(spec.body, options.extra_body)
            if not isinstance(body, NotGiven):
                content = dump_json(body)
                json_body = True
        timeout = self.timeout if isinstance(options.timeout, NotGiven) else options.timeout
        try:
            request = self._http.build_request(
                spec.method,
                self._build_url(spec),
                params=params,
                headers=self._build_headers(spec, json_body=json_body),
                content=content,
                data=data,
                files=files,
                timeout=timeout,
            )
        except httpx.InvalidURL as exc:
            raise ConfigurationError(f"invalid URL for {spec.method} {spec.path}: {exc}") from exc
        if not spec.auth:
            request.headers.pop("Authorization", None)
        return request

    def _max_retries(self, spec: _RequestSpec) -> int:
        value = spec.options.max_retries
        return self.max_retries if isinstance(value, NotGiven) else max(0, value)

    # -- logging ----------------------------------------------------------------------

    def _log_request(self, request: httpx.Request, retries: int) -> None:
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug(
                "HTTP request: %s %s (retry %d) headers=%s",
                request.method,
                request.url,
                retries,
                mask_headers(dict(request.headers), self.token),
            )

    def _log_response(
        self, request: httpx.Request, response: httpx.Response, elapsed: float, retries: int
    ) -> None:
        self._log.debug(
            "HTTP response: %s %s -> %d %s in %.0f ms (retry %d)",
            request.method,
            request.url,
            response.status_code,
            response.reason_phrase,
            elapsed * 1000,
            retries,
        )

    def _log_retry(self, request: httpx.Request, reason: str, delay: float, retries: int) -> None:
        self._log.debug(
            "Retrying %s %s in %.2f s after %s (retry %d)",
            request.method,
            request.url,
            delay,
            reason,
            retries + 1,
        )

    # -- response handling ------------------------------------------------------------

    def _status_error_classes(self) -> StatusErrorClasses:
        """The exception classes raised by status; a generated client returns its own
        subclasses, whose ``error`` is typed with the spec's error models."""
        return DEFAULT_STATUS_ERRORS

    def _error_models(self) -> ErrorModels:
        """Error body models by status for every operation that names none of its own; a
        generated client returns the models its API documents."""
        return {}

    def _status_error(self, response: httpx.Response, spec: _RequestSpec) -> APIStatusError:
        body = decode_body(response)
        models = self._error_models() if spec.error_models is None else spec.error_models
        error = _parse_error_model(response.status_code, body, models)
        classes = self._status_error_classes()
        return make_status_error(response, body=body, error=error, classes=classes)

    def _connection_error(self, exc: httpx.HTTPError, request: httpx.Request) -> APIConnectionError:
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(
                f"Request timed out: {request.method} {request.url}", request=request
            )
        detail = str(exc) or type(exc).__name__
        return APIConnectionError(
            f"Connection error: {request.method} {request.url}: {detail}", request=request
        )

    def _retry_after_error(
        self, spec: _RequestSpec, request: httpx.Request, exc: httpx.HTTPError, retries: int
    ) -> float | None:
        """Seconds to wait before sending again after ``exc``; ``None``: raise it now.

        Only transport errors of methods safe to repeat are retried, up to the retries left.
        """
        error = self._connection_error(exc, request)
        self._log.debug("HTTP error: %s %s: %s", request.method, request.url, error)
        retryable = isinstance(exc, httpx.TransportError) and should_retry_exception(spec.method)
        delay = self._retry_delay(retries, None)
        if not retryable or retries >= self._max_retries(spec) or delay is None:
            return None
        self._log_retry(request, type(exc).__name__, delay, retries)
        return delay

    def _retry_after_status(
        self, spec: _RequestSpec, request: httpx.Request, response: httpx.Response, retries: int
    ) -> float | None:
        """Seconds to wait before sending again after an error status; ``None``: raise it."""
        if retries >= self._max_retries(spec):
            return None
        if not should_retry_status(spec.method, response.status_code):
            return None
        delay = self._retry_delay(retries, response)
        if delay is not None:
            self._log_retry(request, f"HTTP {response.status_code}", delay, retries)
        return delay

    def _retry_delay(self, retries: int, response: httpx.Response | None) -> float | None:
        """Seconds before the next try; ``None``: the server asked for a longer wait than
        ``max_retry_after``, so the error is raised at once."""
        headers = response.headers if response is not None else None
        return self._retry_policy.delay(
            retries, headers, self._random, max_retry_after=self.max_retry_after
        )

    def _parser(self, spec: _RequestSpec, cast_to: object) -> Callable[[httpx.Response], Any]:
        if spec.redirect == "location":
            return _parse_redirect
        strict = self.strict_response_validation
        log = self._log
        unwrap = spec.unwrap
        return lambda response: _parse_success(response, cast_to, unwrap, strict, log)

    def _page_parser(
        self, page: _PageSpec[_T]
    ) -> Callable[[httpx.Response], tuple[list[_T], str | None]]:
        strict = self.strict_response_validation
        log = self._log
        return lambda response: _parse_page(response, page, strict, log)


def _parse_error_model(status: int, body: object, models: ErrorModels | None) -> Any:
    """Parse ``body`` into the error model documented for ``status`` (the code, then its
    ``4XX``-style range, then ``default``); ``None`` when none is documented or fits, so
    ``error`` is always one of the models its exception class is typed with."""
    if not models or not isinstance(body, dict | list):
        return None
    range_key = f"{status // 100}XX"
    ordered: list[Any] = []
    for key in (status, str(status), range_key, range_key.lower(), "default"):
        model = models.get(key)
        if model is not None and model not in ordered:
            ordered.append(model)
    for model in ordered:
        try:
            return validate_as(model, body)
        except Exception:  # a broken model must never hide the HTTP error
            continue
    return None


def _parse_redirect(response: httpx.Response) -> str:
    """The absolute URL a documented redirect points to."""
    location = response.headers.get("location")
    if not response.is_redirect or not location:
        request = response.request
        raise APIResponseValidationError(
            f"Response of {request.method} {request.url} is {response.status_code}, not the "
            "documented redirect with a Location header",
            response=response,
            body=decode_body(response),
        )
    return str(response.request.url.join(location))


def _type_name(tp: Any) -> str:
    """``Message``, ``list[Chat]``: how a type reads in a message."""
    args = getattr(tp, "__args__", None)
    origin = getattr(tp, "__origin__", None)
    if isinstance(tp, type) and not args:
        return tp.__name__
    if origin is not None and args:
        return f"{_type_name(origin)}[{', '.join(_type_name(arg) for arg in args)}]"
    return repr(tp)


def _validate(
    tp: Any, data: object, where: str, strict: bool, log: logging.Logger
) -> tuple[Any, pydantic.ValidationError | None]:
    """``data`` as ``tp``; unless ``strict``, a mismatch is logged and the value kept as far
    as it validates (see ``_lenient``).  The error is returned when nothing could be kept."""
    try:
        return validate_as(tp, data), None
    except pydantic.ValidationError as exc:
        lenient = None if strict else validate_leniently(tp, data)
        if lenient is None:
            return None, exc
        value, problems = lenient
        log.warning(
            "Response of %s does not match %s; returned as received: %s",
            where,
            _type_name(tp),
            "; ".join(problems) or str(exc),
        )
        return value, None


def _parse_success(
    response: httpx.Response,
    cast_to: object,
    unwrap: tuple[str, ...],
    strict: bool = True,
    log: logging.Logger | None = None,
) -> Any:
    if cast_to is None:
        return None
    if cast_to is httpx.Response:
        return response
    if cast_to is bytes:
        return response.content
    request = response.request
    where = f"{request.method} {request.url}"
    content = response.content
    data: object
    if not content.strip():
        data = None
    else:
        try:
            data = json.loads(content)
        except ValueError as exc:
            if cast_to is str:
                return response.text
            raise APIResponseValidationError(
                f"Response of {where} is not valid JSON",
                response=response,
                body=decode_body(response),
            ) from exc
    if unwrap:
        found = dig(data, unwrap)
        if found is MISSING:
            raise APIResponseValidationError(
                f"Response of {where} has no {'.'.join(unwrap)!r} field",
                response=response,
                body=data,
            )
        data = found
    value, error = _validate(cast_to, data, where, strict, log or logging.getLogger(__name__))
    if error is not None:
        raise APIResponseValidationError(
            f"Response of {where} does not match {_type_name(cast_to)}: {error}",
            response=response,
            body=data,
        ) from error
    return value


def _parse_page(
    response: httpx.Response,
    page: _PageSpec[_T],
    strict: bool = True,
    log: logging.Logger | None = None,
) -> tuple[list[_T], str | None]:
    request = response.request
    where = f"{request.method} {request.url}"
    body = decode_body(response)
    items = dig(body, page.items_path)
    if items is MISSING:
        raise APIResponseValidationError(
            f"Response of {where} has no {'.'.join(page.items_path)!r} list",
            response=response,
            body=body,
        )
    item_list = GenericAlias(list, (page.item_type,))
    data, error = _validate(
        item_list, items or [], where, strict, log or logging.getLogger(__name__)
    )
    if error is not None:
        raise APIResponseValidationError(
            f"Items of {where} do not match {page.item_type!r}: {error}",
            response=response,
            body=body,
        ) from error
    cursor = dig(body, page.next_cursor_path)
    next_cursor = str(cursor) if isinstance(cursor, str | int) and cursor != "" else None
    return data, next_cursor


def _initial_seen(spec: _RequestSpec, cursor_param: str) -> frozenset[str]:
    cursor = (spec.query or {}).get(cursor_param)
    return frozenset({cursor}) if isinstance(cursor, str) and cursor else frozenset()


class SyncAPIClient(_BaseClient[httpx.Client]):
    """Base class of generated synchronous clients.

    ``Client(token=None, *, base_url=None, timeout=60.0, max_retries=2, http_client=None,
    default_headers=None, max_retry_after=60.0, strict_response_validation=False)``; the
    token falls back to the ``_token_env_var`` environment variable.  A ``Retry-After``
    longer than ``max_retry_after`` seconds is not waited for: the error (``RateLimitError``
    for 429) is raised at once, with ``retry_after``.  A response that does not match its
    schema is returned anyway, with a logged warning, unless
    ``strict_response_validation=True``.  Use as a context manager, or call :meth:`close`,
    to release the connection pool the client created (a caller-supplied ``http_client`` is
    never closed).
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_retry_after: float | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        self._configure(
            token,
            base_url,
            timeout,
            max_retries,
            default_headers,
            max_retry_after,
            strict_response_validation,
        )
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise ConfigurationError(
                f"http_client must be an httpx.Client, got {type(http_client).__name__}"
            )
        self._owns_http = http_client is None
        self._pool = LazyHttpClient(http_client, lambda: httpx.Client(timeout=timeout))
        self._sleep: Callable[[float], None] = time.sleep

    # -- lifecycle --------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self._pool.is_closed

    def close(self) -> None:
        """Close the connection pool if this client created it."""
        if self._owns_http:
            created = self._pool.closing()
            if created is not None:
                created.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- requests ---------------------------------------------------------------------

    def _send(self, spec: _RequestSpec, *, stream: bool = False) -> tuple[httpx.Response, int]:
        """Send with retries; a returned streamed response still has its body unread."""
        with contextlib.ExitStack() as files_stack:
            return self._send_with_files(spec, stream, files_stack)

    def _send_with_files(
        self, spec: _RequestSpec, stream: bool, files_stack: contextlib.ExitStack
    ) -> tuple[httpx.Response, int]:
        retries = 0
        while True:
            request = self._build_request(spec, files_stack)
            self._log_request(request, retries)
            start = time.monotonic()
            try:
                if spec.redirect is None:
                    response = self._http.send(request, stream=stream)
                else:
                    follow = spec.redirect == "follow"
                    response = self._http.send(request, stream=stream, follow_redirects=follow)
            except httpx.HTTPError as exc:
                delay = self._retry_after_error(spec, request, exc, retries)
                if delay is None:
                    raise self._connection_error(exc, request) from exc
                self._sleep(delay)
                retries += 1
                continue
            self._log_response(request, response, time.monotonic() - start, retries)
            if response.status_code < 400:
                return response, retries
            delay = self._retry_after_status(spec, request, response, retries)
            if delay is None:
                response.read()
                raise self._status_error(response, spec)
            response.close()
            self._sleep(delay)
            retries += 1

    @overload
    def request(
        self, method: str, path: str, *, cast_to: type[_T], **kwargs: Unpack[RequestArgs]
    ) -> _T: ...

    @overload
    def request(
        self, method: str, path: str, *, cast_to: None, **kwargs: Unpack[RequestArgs]
    ) -> None: ...

    @overload
    def request(
        self, method: str, path: str, *, cast_to: object, **kwargs: Unpack[RequestArgs]
    ) -> Any: ...

    def request(
        self, method: str, path: str, *, cast_to: object, **kwargs: Unpack[RequestArgs]
    ) -> Any:
        """Send a request and parse the response into ``cast_to``.

        ``cast_to``: a model class or any type expression pydantic can validate (``None``
        ignores the body, ``bytes``/``str``/``httpx.Response`` return it raw).  See
        :class:`RequestArgs` for the keyword arguments.  Under a raw-response wrapper the
        :class:`APIResponse` is returned instead.
        """
        spec = _RequestSpec.create(method, path, kwargs)
        mode = take_response_mode()
        response, retries = self._send(spec, stream=mode == "stream")
        parser = self._parser(spec, cast_to)
        if mode == "stream":
            return StreamedAPIResponse(response, parser, retries_taken=retries)
        result = APIResponse(response, parser, retries_taken=retries)
        return result if mode == "raw" else result.parse()

    def request_page(
        self,
        method: str,
        path: str,
        *,
        item_type: type[_T],
        items_path: Sequence[str] = ("data",),
        next_cursor_path: Sequence[str],
        cursor_param: str = "cursor",
        **kwargs: Unpack[RequestArgs],
    ) -> SyncCursorPage[_T]:
        """Fetch the first page of a cursor-paginated list.

        Items are read from ``items_path`` and parsed into ``item_type``; the next cursor
        from ``next_cursor_path`` and sent back as the ``cursor_param`` query parameter.
        """
        spec = _RequestSpec.create(method, path, kwargs)
        page_spec = _PageSpec(item_type, tuple(items_path), tuple(next_cursor_path), cursor_param)
        parse_page = self._page_parser(page_spec)
        raw = take_raw_response_flag()

        def fetch(current: _RequestSpec, seen: frozenset[str]) -> APIResponse[SyncCursorPage[_T]]:
            response, retries = self._send(current)

            def parse(resp: httpx.Response) -> SyncCursorPage[_T]:
                data, next_cursor = parse_page(resp)
                return SyncCursorPage(
                    data=data,
                    next_cursor=next_cursor,
                    fetch=lambda cursor, seen_next: fetch(
                        spec.with_query_param(cursor_param, cursor), seen_next
                    ).parse(),
                    seen_cursors=seen,
                    http_response=resp,
                )

            return APIResponse(response, parse, retries_taken=retries)

        first = fetch(spec, _initial_seen(spec, cursor_param))
        return cast(SyncCursorPage[_T], first) if raw else first.parse()


class AsyncAPIClient(_BaseClient[httpx.AsyncClient]):
    """Base class of generated asynchronous clients; mirrors :class:`SyncAPIClient`.

    Use ``async with``, or ``await client.close()`` (also ``aclose()``).  List methods return an
    :class:`AsyncPaginator` (``await`` it for the first page, ``async for`` for all items).
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_retry_after: float | None = None,
        strict_response_validation: bool = False,
    ) -> None:
        self._configure(
            token,
            base_url,
            timeout,
            max_retries,
            default_headers,
            max_retry_after,
            strict_response_validation,
        )
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise ConfigurationError(
                f"http_client must be an httpx.AsyncClient, got {type(http_client).__name__}"
            )
        self._owns_http = http_client is None
        self._pool = LazyHttpClient(http_client, lambda: httpx.AsyncClient(timeout=timeout))
        import asyncio  # here, not at the top: only async clients need it

        self._asleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    # -- lifecycle --------------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        return self._pool.is_closed

    async def aclose(self) -> None:
        """Close the connection pool if this client created it."""
        if self._owns_http:
            created = self._pool.closing()
            if created is not None:
                await created.aclose()

    async def close(self) -> None:
        """Same as :meth:`aclose`: ``await client.close()``."""
        await self.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- requests ---------------------------------------------------------------------

    async def _send(
        self, spec: _RequestSpec, *, stream: bool = False
    ) -> tuple[httpx.Response, int]:
        """Send with retries; a returned streamed response still has its body unread."""
        with contextlib.ExitStack() as files_stack:
            return await self._send_with_files(spec, stream, files_stack)

    async def _send_with_files(
        self, spec: _RequestSpec, stream: bool, files_stack: contextlib.ExitStack
    ) -> tuple[httpx.Response, int]:
        retries = 0
        while True:
            request = self._build_request(spec, files_stack)
            self._log_request(request, retries)
            start = time.monotonic()
            try:
                if spec.redirect is None:
                    response = await self._http.send(request, stream=stream)
                else:
                    follow = spec.redirect == "follow"
                    response = await self._http.send(
                        request, stream=stream, follow_redirects=follow
                    )
            except httpx.HTTPError as exc:
                delay = self._retry_after_error(spec, request, exc, retries)
                if delay is None:
                    raise self._connection_error(exc, request) from exc
                await self._asleep(delay)
                retries += 1
                continue
            self._log_response(request, response, time.monotonic() - start, retries)
            if response.status_code < 400:
                return response, retries
            delay = self._retry_after_status(spec, request, response, retries)
            if delay is None:
                await response.aread()
                raise self._status_error(response, spec)
            await response.aclose()
            await self._asleep(delay)
            retries += 1

    @overload
    async def request(
        self, method: str, path: str, *, cast_to: type[_T], **kwargs: Unpack[RequestArgs]
    ) -> _T: ...

    @overload
    async def request(
        self, method: str, path: str, *, cast_to: None, **kwargs: Unpack[RequestArgs]
    ) -> None: ...

    @overload
    async def request(
        self, method: str, path: str, *, cast_to: object, **kwargs: Unpack[RequestArgs]
    ) -> Any: ...

    async def request(
        self, method: str, path: str, *, cast_to: object, **kwargs: Unpack[RequestArgs]
    ) -> Any:
        """Async twin of :meth:`SyncAPIClient.request`."""
        spec = _RequestSpec.create(method, path, kwargs)
        mode = take_response_mode()
        response, retries = await self._send(spec, stream=mode == "stream")
        parser = self._parser(spec, cast_to)
        if mode == "stream":
            return AsyncStreamedAPIResponse(response, parser, retries_taken=retries)
        result = APIResponse(response, parser, retries_taken=retries)
        return result if mode == "raw" else result.parse()

    def request_page(
        self,
        method: str,
        path: str,
        *,
        item_type: type[_T],
        items_path: Sequence[str] = ("data",),
        next_cursor_path: Sequence[str],
        cursor_param: str = "cursor",
        **kwargs: Unpack[RequestArgs],
    ) -> AsyncPaginator[_T]:
        """Async twin of :meth:`SyncAPIClient.request_page`; nothing is sent until the
        returned :class:`AsyncPaginator` is awaited or iterated."""
        spec = _RequestSpec.create(method, path, kwargs)
        page_spec = _PageSpec(item_type, tuple(items_path), tuple(next_cursor_path), cursor_param)
        parse_page = self._page_parser(page_spec)

        async def fetch(
            current: _RequestSpec, seen: frozenset[str]
        ) -> APIResponse[AsyncCursorPage[_T]]:
            response, retries = await self._send(current)

            async def fetch_next(cursor: str, seen_next: frozenset[str]) -> AsyncCursorPage[_T]:
                result = await fetch(spec.with_query_param(cursor_param, cursor), seen_next)
                return result.parse()

            def parse(resp: httpx.Response) -> AsyncCursorPage[_T]:
                data, next_cursor = parse_page(resp)
                return AsyncCursorPage(
                    data=data,
                    next_cursor=next_cursor,
                    fetch=fetch_next,
                    seen_cursors=seen,
                    http_response=resp,
                )

            return APIResponse(response, parse, retries_taken=retries)

        async def fetch_first() -> AsyncCursorPage[_T]:
            raw = take_raw_response_flag()
            first = await fetch(spec, _initial_seen(spec, cursor_param))
            return cast(AsyncCursorPage[_T], first) if raw else first.parse()

        return AsyncPaginator(fetch_first)
