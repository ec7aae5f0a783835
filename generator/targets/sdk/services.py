"""Operations → service classes: method signatures, request calls, docstrings, uploads."""

from __future__ import annotations

import functools
import textwrap
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from ...ir import Api, Body, Field, Operation, Parameter, Service, TypeRef
from ..python.imports import Imports, sort_all
from ..python.source import docstring
from ..text import one_line, wrap
from .context import SdkContext
from .models import ModelRenderer
from .views import (
    Arg,
    CallView,
    ErrorModelsView,
    MethodView,
    PageView,
    ServiceView,
    Signature,
    UploadView,
    WireArg,
    WrappedBody,
)

# Where a parameter goes; the body kinds to which `extra_body` can add fields.
_LOCATIONS = ("path", "query", "header")
_BODY_KINDS_WITH_EXTRAS = ("json", "form", "multipart")


class ServiceRenderer(SdkContext):
    def __init__(self, api: Api, models: ModelRenderer) -> None:
        super().__init__(api)
        self.models = models

    def service_view(self, service: Service) -> ServiceView:
        """What ``resource.py.jinja`` lays out for one service."""
        imports = Imports()
        methods = [self._method_view(op, imports) for op in service.operations]
        upload = self._upload_view(service, imports)
        imports.core.update(
            {
                "AsyncAPIResource",
                "SyncAPIResource",
                "async_to_raw_response_wrapper",
                "to_raw_response_wrapper",
            }
        )
        streaming = [m.name for m in methods if not m.paginated]
        if streaming:
            imports.core.update(
                {"async_to_streamed_response_wrapper", "to_streamed_response_wrapper"}
            )
        if upload is not None:
            imports.core.update(
                {"presigned_form_upload", "async_presigned_form_upload", "load_file"}
            )
        if any(m.overloads for m in methods):
            imports.typing.add("overload")
        return ServiceView(
            module=service.module,
            class_name=service.class_name,
            attr=service.names.py,
            doc=docstring(wrap(service.description or f"Operations on {service.name}.", 84), 4),
            property_doc=docstring(
                wrap(service.description or f"Operations on {service.name}.", 80), 8
            ),
            methods=methods,
            streaming_methods=streaming,
            upload=upload,
            imports=imports.block(
                core_module=".._core", model_prefix="..types.", defer_models=True
            ),
            all_names=sort_all([service.class_name, "Async" + service.class_name]),
        )

    def _method_view(self, op: Operation, imports: Imports) -> MethodView:
        path_params = [p for p in op.parameters if p.location == "path"]
        keyword_params = [p for p in op.parameters if p.location in ("query", "header")]
        signature, overloads = self._signatures(op, imports)
        # Models the call needs at run time, imported in the method body when it first runs.
        runtime = Imports()
        call = self._call_view(op, runtime)
        returns, cast_result = self._returns(op, call, imports, runtime)
        imports.core.update(
            {"NOT_GIVEN", "NotGiven", "RequestOptions", "Headers", "Query", "TimeoutTypes"}
        )
        if call.extra_body:
            imports.core.add("Body")
        if call.wrapped is not None:
            imports.core.add("wrapped_body")
        if call.page is not None:
            imports.core.update({"SyncCursorPage", "AsyncPaginator"})
        if cast_result:
            imports.typing.add("cast")
        if op.deprecated:
            imports.core.add("deprecated")
        deprecated_arguments = _deprecated_arguments(op)
        if deprecated_arguments:
            imports.core.add("warn_deprecated_arguments")
        return MethodView(
            name=op.names.py,
            doc=docstring(self._method_doc(op, path_params, keyword_params, op.body), indent=8),
            returns=returns,
            signature=signature,
            overloads=overloads,
            call=call,
            deprecated=_deprecation(op) if op.deprecated else None,
            deprecated_arguments=deprecated_arguments,
            cast_result=cast_result,
            imports=runtime.model_lines("..types."),
        )

    # -- the signature --------------------------------------------------------------------

    def _signatures(self, op: Operation, imports: Imports) -> tuple[Signature, list[Signature]]:
        """The method's signature, and its overloads when a wrapped body may be passed either
        as a model or as keywords."""
        body = op.body
        signature = Signature()
        if op.upload is not None:
            # x-external-url: the operation is sent to a URL taken from another response.
            signature.positional.append(Arg(_url_arg(op), "str"))
        for param in op.parameters:
            if param.location == "path":
                annotation = self.annotator.annotation(param.type, imports, "argument")
                signature.positional.append(Arg(param.names.py, annotation))
        query = [p for p in op.parameters if p.location in ("query", "header")]
        inner = list(body.fields) if body and body.flattened else []
        outer = list(body.outer_fields) if body else []
        extras = _extras(with_body=body is not None and body.kind in _BODY_KINDS_WITH_EXTRAS)
        if body is not None and not body.flattened:
            annotation = self.annotator.annotation(body.type, imports, "argument")
            signature.keyword.append(
                Arg("body", annotation)
                if body.required
                else Arg("body", _or_not_given(annotation), "NOT_GIVEN")
            )
        if body is None or body.wrapper_key is None:
            keywords = self._keywords(imports, (query, True), (inner, True), (outer, True))
            signature.keyword += [*keywords, *extras]
            return signature, []
        # Overload 1: the inner object as a model; overload 2: its fields as keywords.
        wrapper_type = self._wrapper_annotation(body, imports)
        model_arg = Arg(body.wrapper_py or "body", wrapper_type)
        overloads = [
            Signature(
                positional=[*signature.positional, model_arg],
                keyword=[*self._keywords(imports, (query, True), (outer, True)), *extras],
                positional_only=True,
            ),
            Signature(
                positional=list(signature.positional),
                keyword=[
                    *self._keywords(imports, (query, True), (inner, True), (outer, True)),
                    *extras,
                ],
                positional_only=True,
            ),
        ]
        # The implementation: every keyword optional but those beside the wrapper key; the
        # runtime's `wrapped_body` checks what is missing.
        signature.positional.append(Arg(model_arg.name, f"{wrapper_type} | None", "None"))
        signature.positional_only = True
        keywords = self._keywords(imports, (query, False), (inner, False), (outer, True))
        signature.keyword += [*keywords, *extras]
        return signature, overloads

    def _keywords(
        self, imports: Imports, *groups: tuple[Sequence[Parameter | Field], bool]
    ) -> list[Arg]:
        """Keyword arguments: the required ones first, then the optional ones; a group
        whose flag is ``False`` is optional throughout."""
        first: list[Arg] = []
        last: list[Arg] = []
        for group, may_require in groups:
            for item in group:
                annotation = self.annotator.annotation(item.type, imports, "argument")
                if item.required and may_require:
                    first.append(Arg(item.names.py, annotation))
                else:
                    last.append(Arg(item.names.py, _or_not_given(annotation), "NOT_GIVEN"))
        return [*first, *last]

    # -- the call -------------------------------------------------------------------------

    def _call_view(self, op: Operation, runtime: Imports) -> CallView:
        """What the method passes to the runtime; the template lays it out as one call."""
        params = {loc: [p for p in op.parameters if p.location == loc] for loc in _LOCATIONS}
        call = CallView(
            method=op.method,
            path=_url_arg(op) if op.upload is not None else op.path,
            absolute_url=op.upload is not None,
            path_params=_wire_args(params["path"]),
            query=_wire_args(params["query"]),
            query_style={
                p.names.wire: p.query_style for p in params["query"] if p.query_style != "form"
            },
            headers=_wire_args(params["header"]),
            error_models=self._error_models(op, runtime),
            auth=op.auth_required,
            redirect=op.redirect,
            extra_body=op.body is not None and op.body.kind in _BODY_KINDS_WITH_EXTRAS,
        )
        if op.body is not None:
            self._body_view(op.body, call)
        if op.result.unwrap_key:
            call.unwrap = op.result.unwrap_key
        return call

    @staticmethod
    def _body_view(body: Body, call: CallView) -> None:
        """How the body travels: a whole argument, JSON fields, a wrapped object, form
        fields or multipart fields and files."""
        if not body.flattened:
            if body.kind == "multipart":
                call.files = [WireArg("file", "body")]
            elif body.kind == "binary":
                call.content_arg, call.content_type = "body", body.content_type
            elif body.kind == "text" and body.type.primitive == "string":
                call.text_arg, call.content_type = "body", body.content_type
            else:
                call.body_arg = "body"
        elif body.kind == "multipart":
            call.multipart = _wire_args(f for f in body.fields if not f.type.file)
            call.files = _wire_args(f for f in body.fields if f.type.file)
        elif body.kind == "form":
            call.multipart = _wire_args(body.fields)
        elif body.wrapper_key is not None:
            call.wrapped = WrappedBody(
                key=body.wrapper_key,
                model_arg=body.wrapper_py or "body",
                fields=_wire_args(body.fields),
                required=tuple(f.names.wire for f in body.fields if f.required),
                outer=_wire_args(body.outer_fields),
            )
        else:
            call.json_fields = _wire_args(body.fields)
        if call.multipart and body.deep_fields:
            sent = {arg.wire for arg in call.multipart}
            call.form_style = {w: "deepObject" for w in body.deep_fields if w in sent}

    def _returns(
        self, op: Operation, call: CallView, imports: Imports, runtime: Imports
    ) -> tuple[str, bool]:
        """The result annotation (of one item, for a list) and whether the runtime's result
        needs a ``cast`` for the type checker; fills in what the call parses."""
        result = op.result
        shadowed = frozenset(self.service_of(op).shadows)
        if result.kind == "page" and op.pagination is not None and result.type is not None:
            pagination = op.pagination
            item = self.annotator.annotation(result.type, imports, "result", shadowed=shadowed)
            self.annotator.annotation(result.type, runtime, "result", shadowed=shadowed)
            call.page = PageView(
                item=item,
                items_path=pagination.items_path,
                next_cursor_path=pagination.next_cursor_path,
                cursor_param=pagination.cursor_param,
            )
            return item, False
        if result.kind == "location":
            # The redirect is the answer: the method returns the target URL.
            call.cast_to = "str"
            return "str", False
        if result.kind == "bytes":
            # A binary body is returned as it came, never decoded as text.
            call.cast_to = "bytes"
            return "bytes", False
        result_type = result.type
        if result_type is None:
            call.cast_to = "None"
            return "None", False
        returns = self.annotator.annotation(result_type, imports, "result", shadowed=shadowed)
        self.annotator.annotation(result_type, runtime, "result", shadowed=shadowed)
        call.cast_to = returns
        # A type expression (union, list, …): the runtime cannot type it as `type[T]`.
        return returns, self._needs_cast(result_type, returns)

    def _needs_cast(self, typ: TypeRef, annotation: str) -> bool:
        """Whether the runtime's ``type[T]`` overload cannot type this result: a top-level
        union, a literal, ``Any``, or the name of a union type alias."""
        depth = 0
        for index, char in enumerate(annotation):
            depth += (char == "[") - (char == "]")
            if depth == 0 and annotation.startswith(" | ", index):
                return True
        if annotation.startswith(("Literal[", "Any")):
            return True
        schema = self.schemas.get(annotation)
        if schema is None or schema.kind not in ("union", "alias"):
            return False
        if schema.kind == "union":
            rendered = self.models.union_annotation(schema, Imports())
            return rendered.startswith("Annotated[") or " | " in rendered
        return True

    def _wrapper_annotation(self, body: Body, imports: Imports) -> str:
        for item in self._object_fields(body.type):
            if item.names.wire == body.wrapper_key:
                return self.annotator.annotation(
                    TypeRef(item.type.kind, ref=item.type.ref), imports, "argument"
                )
        raise AssertionError("wrapper key without a field")

    def _object_fields(self, typ: TypeRef) -> tuple[Field, ...]:
        if typ.kind == "ref" and typ.ref in self.schemas:
            return self.schemas[typ.ref].fields
        return ()

    # -- errors -------------------------------------------------------------------------

    def _documented_errors(self, op: Operation) -> dict[int | str, TypeRef]:
        """The error models an operation documents, by status, range or ``default``."""
        return {
            int(r.status) if r.status.isdigit() else r.status: r.type
            for r in op.errors
            if r.type is not None and r.type.kind == "ref"
        }

    @functools.cached_property
    def client_errors(self) -> dict[int | str, TypeRef]:
        """The client's error models: for each status (range, ``default``) the model most
        operations document for it.  An operation names its own only where they differ."""
        votes: dict[int | str, Counter[str]] = {}
        types: dict[str, TypeRef] = {}
        for op in self.api.operations:
            for key, typ in self._documented_errors(op).items():
                votes.setdefault(key, Counter())[typ.ref or ""] += 1
                types[typ.ref or ""] = typ
        return {
            key: types[min(counts, key=lambda ref: (-counts[ref], ref))]
            for key, counts in sorted(votes.items(), key=lambda item: _status_order(item[0]))
        }

    def client_error_models(self) -> ErrorModelsView:
        """The mapping the generated clients carry (``_error_models``), imported when an
        error is first parsed."""
        runtime = Imports()
        entries = [
            (key, self._error_model_name(typ, runtime)) for key, typ in self.client_errors.items()
        ]
        return ErrorModelsView(entries=entries, imports=runtime.model_lines(".types."))

    def _error_models(self, op: Operation, runtime: Imports) -> list[tuple[int | str, str]] | None:
        """The operation's error models when they differ from the client's, else ``None``.

        They differ when some status the operation documents would be parsed into other
        models than the operation names (a status it does not document is parsed with the
        client's models)."""
        own = self._documented_errors(op)
        default = self.client_errors
        for status in _statuses_named(own):
            mine = _resolve(own, status)
            if mine and mine != _resolve(default, status):
                return [(key, self._error_model_name(typ, runtime)) for key, typ in own.items()]
        return None

    def _error_model_name(self, typ: TypeRef, imports: Imports) -> str:
        name = self.annotator.annotation(typ, imports, "result")
        return name[: -len(" | None")] if name.endswith(" | None") else name

    def _method_doc(
        self, op: Operation, path: list[Parameter], keyword: list[Parameter], body: Body | None
    ) -> str:
        parts = [op.summary or op.names.py.replace("_", " ").capitalize()]
        if op.description and op.description != op.summary:
            parts.append(wrap(op.description, 84))
        if op.upload is not None:
            source = self.operations.get(op.upload.params_operation or "")
            origin = f" returned by `{source.names.py}`" if source else ""
            url_name = op.upload.url_name
            facts = [f"`{op.method}` to the `{url_name}` URL{origin}"]
        else:
            facts = [f"`{op.method} {op.path}`"]
        if op.scopes:
            facts.append("scope " + ", ".join(f"`{s}`" for s in op.scopes))
        if op.plan:
            facts.append(f"plan `{op.plan}`")
        parts.append("; ".join(facts) + ".")
        if op.redirect == "location":
            parts.append(
                "Returns the URL the server redirects to (the `Location` of its answer), "
                "absolute; the redirect is not followed."
            )
        elif op.redirect == "follow":
            parts.append("A redirect is followed; the final response is returned.")
        args: list[str] = []
        if op.upload is not None:
            url = op.upload.url_name
            args.append(
                f"{op.upload.url_argument}: the upload URL (`{url}` of the upload parameters)."
            )
        for param in [*path, *keyword]:
            if param.description:
                args.append(f"{param.names.py}: {one_line(param.description)}")
        if body is not None:
            for item in [*body.fields, *body.outer_fields]:
                if item.description:
                    args.append(f"{item.names.py}: {one_line(item.description)}")
        if args:
            wrapped = [
                textwrap.fill(
                    a,
                    width=84,
                    initial_indent="    ",
                    subsequent_indent="        ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
                for a in args
            ]
            parts.append("Args:\n" + "\n".join(wrapped))
        if op.deprecated:
            parts.insert(1, "Deprecated.")
        return "\n\n".join(parts)

    def _upload_view(self, service: Service, imports: Imports) -> UploadView | None:
        for op in service.operations:
            upload = op.upload
            if upload is None or upload.params_operation is None or op.body is None:
                continue
            params_op = self.operations[upload.params_operation]
            params_type = params_op.result.type
            if params_type is None or params_type.ref is None:
                continue
            params_schema = self.schemas[params_type.ref]
            py_of = {f.names.wire: f.names.py for f in params_schema.fields}
            form = [(wire, py_of[source]) for wire, source in upload.form_fields if source in py_of]
            url_attr = py_of.get(upload.url_response_field or "", "")
            returns = "dict[str, object]"
            attachment_args: list[tuple[str, str]] = []
            runtime = Imports()
            if upload.attachment is not None:
                attachment = self.schemas[upload.attachment]
                returns = attachment.name
                imports.model(attachment.module, attachment.name)
                runtime.model(attachment.module, attachment.name)
                by_wire = {f.names.wire: f.names.py for f in attachment.fields}
                expressions = {
                    "key": "key",
                    "name": "name",
                    "size": "size",
                    "type": "content_type",
                    "kind": '"image" if content_type.startswith("image/") else "file"',
                }
                for role, wire in upload.attachment_fields:
                    expression = expressions[role]
                    field_type = next(f.type for f in attachment.fields if f.names.wire == wire)
                    if role == "kind" and field_type.ref:
                        enum = self.schemas[field_type.ref]
                        runtime.model(enum.module, enum.name)
                        expression = f"{enum.name}({expression})"
                    attachment_args.append((by_wire[wire], expression))
            imports.core.update({"FileInput", "fill_filename"})
            doc = (
                "Upload a file in one call and return what a message's `files` takes.\n\n"
                + wrap(
                    f"Runs `{params_op.names.py}` for a pre-signed form, posts the file to the "
                    "storage URL (no Authorization header) and fills the key's `${filename}`.",
                    84,
                )
                + "\n\nArgs:\n    file: a path, bytes, a binary file object or a (name, "
                "content[, type]) tuple.\n    filename: the name to store (default: from the "
                "path or\n        the file object)."
            )
            return UploadView(
                name=upload.method_name,
                doc=docstring(doc, indent=8),
                params_method=params_op.names.py,
                url_attr=url_attr,
                form=form,
                key_field=upload.key_field if dict(form).get(upload.key_field or "") else None,
                key_attr=dict(form).get(upload.key_field or ""),
                file_field=upload.file_field,
                returns=returns,
                attachment_args=attachment_args,
                imports=runtime.model_lines("..types."),
            )
        return None


def _wire_args(items: Iterable[Parameter | Field]) -> list[WireArg]:
    return [WireArg(item.names.wire, item.names.py) for item in items]


def _url_arg(op: Operation) -> str:
    """The argument of an operation sent to a URL from another response (x-external-url)."""
    assert op.upload is not None
    return op.upload.url_argument


def _extras(*, with_body: bool) -> list[Arg]:
    """The per-call options every method takes; ``extra_body`` where a JSON, form or
    multipart body is sent, to add fields (top-level keys, form fields) the spec lacks."""
    body = [Arg("extra_body", "Body | None", "None")] if with_body else []
    return [
        Arg("extra_headers", "Headers | None", "None"),
        Arg("extra_query", "Query | None", "None"),
        *body,
        Arg("timeout", "TimeoutTypes | NotGiven", "NOT_GIVEN"),
        Arg("max_retries", "int | NotGiven", "NOT_GIVEN"),
    ]


def _deprecation(op: Operation) -> str:
    """The message of a deprecated operation's ``@deprecated``."""
    return f"`{op.names.py}` is deprecated by the API ({op.method} {op.path})."


def _deprecated_arguments(op: Operation) -> list[str]:
    """The keyword arguments of ``op`` that the API deprecates: parameters and the fields of a
    flattened body."""
    body = op.body
    fields = [*body.fields, *body.outer_fields] if body is not None and body.flattened else []
    arguments: list[Parameter | Field] = [*op.parameters, *fields]
    return [a.names.py for a in arguments if a.deprecated]


def _status_order(key: int | str) -> tuple[int, str]:
    """Codes first, then ranges (``4XX``), then ``default``."""
    if isinstance(key, int):
        return (0, f"{key:03d}")
    return (1 if key != "default" else 2, key)


def _statuses_named(models: Mapping[int | str, TypeRef]) -> list[int]:
    """The error statuses (400 to 599) for which :func:`_resolve` can find one of ``models``: the
    codes they name, their ranges' codes, or all with ``default`` (not 200 for each of
    GitHub's 1,223 operations)."""
    if "default" in models:
        return list(range(400, 600))
    found: set[int] = set()
    for key in models:
        text = str(key).lower()
        if text.isdigit():
            found.add(int(text))
        elif len(text) == 3 and text[0].isdigit() and text[1:] == "xx":
            found.update(range(int(text[0]) * 100, int(text[0]) * 100 + 100))
    return sorted(status for status in found if 400 <= status < 600)


def _resolve(models: Mapping[int | str, TypeRef], status: int) -> list[str]:
    """The models the runtime tries for ``status`` (see ``_parse_error_model``): the code,
    its range, then ``default``."""
    range_key = f"{status // 100}XX"
    found: list[str] = []
    for key in (status, str(status), range_key, range_key.lower(), "default"):
        typ = models.get(key)
        if typ is not None and typ.ref is not None and typ.ref not in found:
            found.append(typ.ref)
    return found


def _or_not_given(annotation: str) -> str:
    """``X | NotGiven``, keeping ``None`` last as linters expect (``X | NotGiven | None``)."""
    if annotation.endswith(" | None"):
        return annotation[: -len(" | None")] + " | NotGiven | None"
    return f"{annotation} | NotGiven"
