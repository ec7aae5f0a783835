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
class MethodView:
    name: str
    doc: str
    returns: str
    signature: Signature
    overloads: list[Signature]
    paginated: bool
    call: str  # `request` or `request_page`
    call_args: list[str]
    prelude: list[str]  # statements before the call
    deprecated: bool
    cast_to: str | None = None  # wrap the result in cast() for the type checker
    imports: list[str] = field(default_factory=list)  # model imports run in the body


@dataclass
class UploadView:
    name: str
    doc: str
    params_method: str
    upload_method: str
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
