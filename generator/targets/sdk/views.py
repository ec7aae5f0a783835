"""What the SDK templates lay out: plain view objects prepared in Python."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Arg:
    name: str
    annotation: str
    default: str | None = None  # source of the default, None when required


@dataclass
class Signature:
    positional: list[Arg] = field(default_factory=list)
    keyword: list[Arg] = field(default_factory=list)
    positional_only: bool = False


@dataclass
class WireArg:
    """One entry of a mapping the call sends: the wire name and the Python argument."""

    wire: str
    name: str


@dataclass
class WrappedBody:
    """``{"message": {...}, "link_preview": …}``: the inner object, passed as a model or as
    its fields, checked by the runtime's ``wrapped_body``."""

    key: str  # the wire key of the inner object
    model_arg: str  # the argument taking the inner object as a model
    fields: list[WireArg]
    required: tuple[str, ...]  # wire names of the fields required when no model is passed
    outer: list[WireArg]  # top-level fields beside the key


@dataclass
class PageView:
    item: str  # annotation of one item
    items_path: tuple[str, ...]
    next_cursor_path: tuple[str, ...]
    cursor_param: str


@dataclass
class CallView:
    """The keyword arguments of the one runtime call a method makes."""

    method: str
    path: str  # the path template, or the argument holding an absolute URL
    absolute_url: bool = False
    cast_to: str | None = None  # the result type (``None``: nothing); unset for lists
    path_params: list[WireArg] = field(default_factory=list)
    query: list[WireArg] = field(default_factory=list)
    query_style: dict[str, str] = field(default_factory=dict)
    headers: list[WireArg] = field(default_factory=list)
    body_arg: str | None = None  # an argument sent whole as the body
    content_arg: str | None = None  # an argument holding a raw body: a file's content
    text_arg: str | None = None  # an argument holding a text body
    content_type: str | None = None  # the media type of a raw or text body
    json_fields: list[WireArg] | None = None  # keyword arguments sent as a JSON object
    wrapped: WrappedBody | None = None
    multipart: list[WireArg] = field(default_factory=list)
    form_style: dict[str, str] = field(default_factory=dict)  # wire name → "deepObject"
    files: list[WireArg] = field(default_factory=list)
    unwrap: str | None = None
    error_models: list[tuple[int | str, str]] | None = None  # only when not the client's
    auth: bool = True
    redirect: str | None = None
    extra_body: bool = False
    page: PageView | None = None


@dataclass
class ErrorModelsView:
    """The error models a generated client maps statuses to (``_error_models``)."""

    entries: list[tuple[int | str, str]]  # (status, range or "default"; model name)
    imports: list[str]  # run in the method body, when an error is first parsed


@dataclass
class MethodView:
    name: str
    doc: str
    returns: str  # the result annotation (for lists: of one item; the template names the page)
    signature: Signature
    overloads: list[Signature]
    call: CallView
    deprecated: str | None = None  # the message of ``@deprecated``
    # arguments the API deprecates (Python names): passing one warns at call time
    deprecated_arguments: list[str] = field(default_factory=list)
    cast_result: bool = False  # the result type is an expression the runtime cannot type
    imports: list[str] = field(default_factory=list)  # model imports run in the body

    @property
    def paginated(self) -> bool:
        return self.call.page is not None


@dataclass
class UploadView:
    name: str
    doc: str
    params_method: str
    url_attr: str
    form: list[tuple[str, str]]  # (multipart field, python attribute of the params model)
    key_field: str | None
    key_attr: str | None  # attribute of the params model holding the key template
    file_field: str
    returns: str
    attachment_args: list[tuple[str, str]]  # (python field name, expression)
    imports: list[str] = field(default_factory=list)  # model imports run in the body


@dataclass
class ServiceView:
    module: str
    class_name: str
    attr: str
    doc: str
    methods: list[MethodView]
    streaming_methods: list[str]  # methods offered under `with_streaming_response` (not lists)
    upload: UploadView | None
    imports: str
    all_names: list[str]
    property_doc: str = ""


# -- the target ---------------------------------------------------------------------------
