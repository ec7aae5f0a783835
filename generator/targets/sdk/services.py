"""Operations → service classes: method signatures, request calls, docstrings, uploads."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from ...ir import Api, Body, Field, Operation, Parameter, Service, TypeRef
from ..python.imports import Imports, sort_all
from ..python.source import docstring
from ..text import wrap
from .context import SdkContext
from .models import ModelRenderer
from .views import Arg, MethodView, ServiceView, Signature, UploadView


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
        query_params = [p for p in op.parameters if p.location == "query"]
        header_params = [p for p in op.parameters if p.location == "header"]
        body = op.body
        signature = Signature()
        url_arg: str | None = None
        if op.upload is not None:
            # x-external-url: the operation is sent to a URL taken from another response.
            url_arg = op.upload.url_argument
            signature.positional.append(Arg(url_arg, "str"))
        for param in path_params:
            signature.positional.append(
                Arg(param.names.py, self.annotator.annotation(param.type, imports, "argument"))
            )
        keyword_params = [*query_params, *header_params]
        body_fields: list[Field] = list(body.fields) if body and body.flattened else []
        outer_fields: list[Field] = list(body.outer_fields) if body else []
        wrapper_type: str | None = None
        overloads: list[Signature] = []
        if body is not None and body.wrapper_key is not None:
            wrapper_type = self._wrapper_annotation(body, imports)

        query = [(p.names.py, p.type, p.required) for p in keyword_params]
        inner = [(f.names.py, f.type, f.required) for f in body_fields]
        outer = [(f.names.py, f.type, f.required) for f in outer_fields]

        def keywords(*groups: tuple[list[tuple[str, TypeRef, bool]], bool]) -> list[Arg]:
            """Required keywords first, then optional ones; ``False`` makes a group optional."""
            required: list[Arg] = []
            optional: list[Arg] = []
            for items, may_require in groups:
                for name, typ, is_required in items:
                    self._add_arg(
                        name, typ, is_required and may_require, imports, required, optional
                    )
            return [*required, *optional]

        if body is not None and not body.flattened:
            annotation = self.annotator.annotation(body.type, imports, "argument")
            if body.kind == "binary":
                imports.core.add("FileInput")
                annotation = "FileInput"
            signature.keyword.append(
                Arg("body", annotation)
                if body.required
                else Arg("body", _or_not_given(annotation), "NOT_GIVEN")
            )
        plain = wrapper_type is None
        implementation = keywords((query, plain), (inner, plain), (outer, True))
        extras = self._extras(
            with_body=body is not None and body.kind in ("json", "form", "multipart")
        )
        if wrapper_type is not None:
            # Overload 1: the inner object as a model; overload 2: its fields as keywords.
            model_arg = Arg(body.wrapper_py or "body", wrapper_type)  # type: ignore[union-attr]
            overloads = [
                Signature(
                    positional=[*signature.positional, model_arg],
                    keyword=[*keywords((query, True), (outer, True)), *extras],
                    positional_only=True,
                ),
                Signature(
                    positional=list(signature.positional),
                    keyword=[*keywords((query, True), (inner, True), (outer, True)), *extras],
                    positional_only=True,
                ),
            ]
            signature.positional.append(Arg(model_arg.name, f"{wrapper_type} | None", "None"))
            signature.positional_only = True
        signature.keyword.extend([*implementation, *extras])
        imports.core.update(
            {"NOT_GIVEN", "NotGiven", "RequestOptions", "Headers", "Query", "TimeoutTypes"}
        )
        if any(a.name == "extra_body" for a in extras):
            imports.core.add("Body")

        prelude: list[str] = []
        cast_to: str | None = None
        # Models the call needs at run time, imported in the method body when it first runs.
        runtime = Imports()
        call_args: list[str] = [repr(op.method), url_arg or repr(op.path)]
        if url_arg:
            call_args.append("absolute_url=True")
        if path_params:
            pairs = _wire_to_args(path_params)
            call_args.append(f"path_params={{{pairs}}}")
        if query_params:
            pairs = _wire_to_args(query_params)
            call_args.append(f"query={{{pairs}}}")
            styles = {p.names.wire: p.query_style for p in query_params if p.query_style != "form"}
            if styles:
                call_args.append(f"query_style={styles!r}")
        if body is not None:
            call_args.extend(self._body_args(op, body, wrapper_type, prelude))
        if op.result.unwrap_key:
            call_args.append(f"unwrap={op.result.unwrap_key!r}")
        errors = self._error_models(op, runtime)
        if errors:
            call_args.append(f"error_models={{{errors}}}")
        if not op.auth_required:
            call_args.append("auth=False")
        headers_expr = "extra_headers"
        if header_params:
            pairs = _wire_to_args(header_params)
            prelude.append(
                "headers = {k: str(v) for k, v in {"
                + pairs
                + "}.items() if v is not None and not isinstance(v, NotGiven)}"
            )
            headers_expr = "{**headers, **(extra_headers or {})}"
        call_args.append(
            f"options=RequestOptions(extra_headers={headers_expr}, extra_query=extra_query, "
            + ("extra_body=extra_body, " if any(a.name == "extra_body" for a in extras) else "")
            + "timeout=timeout, max_retries=max_retries)"
        )
        result = op.result
        if result.kind == "page" and op.pagination is not None:
            item_annotation = self.annotator.annotation(result.type, imports, "result")
            self.annotator.annotation(result.type, runtime, "result")
            returns = f"{{page}}[{item_annotation}]"
            call = "request_page"
            call_args.extend(
                [
                    f"item_type={item_annotation}",
                    f"items_path={op.pagination.items_path!r}",
                    f"next_cursor_path={op.pagination.next_cursor_path!r}",
                    f"cursor_param={op.pagination.cursor_param!r}",
                ]
            )
            imports.core.update({"SyncCursorPage", "AsyncPaginator"})
        elif result.kind == "location":
            # The redirect is the answer: the method returns the target URL.
            call = "request"
            returns = "str"
            call_args.insert(2, "cast_to=str")
            call_args.append("redirect='location'")
        else:
            call = "request"
            result_type = result.type
            binary = result.kind == "bytes"
            # A binary body is returned as it came, never decoded as text.
            returns = (
                "bytes" if binary else self.annotator.annotation(result_type, imports, "result")
            )
            if not binary:
                self.annotator.annotation(result_type, runtime, "result")
            call_args.insert(2, f"cast_to={returns if result_type else 'None'}")
            if op.redirect == "follow":
                call_args.append("redirect='follow'")
            if result_type is not None and self._needs_cast(result_type, returns):
                # A type expression (union, list, …): the runtime cannot type it as `type[T]`.
                imports.typing.add("cast")
                cast_to = returns
        return MethodView(
            name=op.names.py,
            doc=docstring(self._method_doc(op, path_params, keyword_params, body), indent=8),
            returns=returns,
            signature=signature,
            overloads=overloads,
            paginated=op.pagination is not None,
            call=call,
            call_args=call_args,
            prelude=prelude,
            deprecated=op.deprecated,
            cast_to=cast_to,
            imports=runtime.model_lines("..types."),
        )

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

    def _add_arg(
        self,
        name: str,
        typ: TypeRef,
        required: bool,
        imports: Imports,
        required_args: list[Arg],
        optional_args: list[Arg],
    ) -> None:
        annotation = self.annotator.annotation(typ, imports, "argument")
        if required:
            required_args.append(Arg(name, annotation))
        else:
            optional_args.append(Arg(name, _or_not_given(annotation), "NOT_GIVEN"))

    @staticmethod
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

    def _body_args(
        self, op: Operation, body: Body, wrapper_type: str | None, prelude: list[str]
    ) -> list[str]:
        if not body.flattened:
            if body.kind == "multipart":
                return ["files={'file': body}"]
            if body.kind == "binary":
                return ["content=body"] if False else ["body=body"]
            return ["body=body"]
        pairs = _wire_to_args(body.fields)
        outer = _wire_to_args(body.outer_fields)
        if body.kind == "multipart":
            binary = [f for f in body.fields if f.type.file]
            plain = [f for f in body.fields if not f.type.file]
            args = []
            if plain:
                fields = _wire_to_args(plain)
                args.append(f"multipart={{{fields}}}")
            if binary:
                files = _wire_to_args(binary)
                prelude.append(
                    "files = {k: v for k, v in {"
                    + files
                    + "}.items() if not isinstance(v, NotGiven)}"
                )
                args.append("files=files")
            return args
        if body.kind == "form":
            return [f"multipart={{{pairs}}}"]
        if wrapper_type is not None:
            key = body.wrapper_key
            model = body.wrapper_py
            prelude.append(f"inner: object = {model} if {model} is not None else {{{pairs}}}")
            everything = ", ".join(f.names.py for f in body.fields)
            both = (
                f"any(not isinstance(v, NotGiven) for v in ({everything},)):\n"
                f'    raise TypeError("pass either `{model}` or its fields as keywords, not both")'
            )
            if any(f.required for f in body.fields):
                names = ", ".join(
                    f"({f.names.py!r}, {f.names.py})" for f in body.fields if f.required
                )
                prelude.append(
                    f"if {model} is None:\n"
                    f"    missing = [n for n, v in ({names},) if isinstance(v, NotGiven)]\n"
                    "    if missing:\n"
                    "        missing_names = ', '.join(missing)\n"
                    '        raise TypeError(f"missing required argument(s): {missing_names}")\n'
                    f"elif {both}"
                )
            else:
                prelude.append(f"if {model} is not None and {both}")
            return [f"body={{{key!r}: inner{', ' + outer if outer else ''}}}"]
        return [f"body={{{pairs}}}"]

    def _error_models(self, op: Operation, imports: Imports) -> str:
        entries: list[str] = []
        for response in op.errors:
            if response.type is None or response.type.kind != "ref":
                continue
            name = self.annotator.annotation(response.type, imports, "result")
            if name.endswith(" | None"):
                name = name[: -len(" | None")]
            key = response.status
            entries.append(f"{int(key) if key.isdigit() else key!r}: {name}")
        return ", ".join(entries)

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
                args.append(f"{param.names.py}: {_one_line(param.description)}")
        if body is not None:
            for item in [*body.fields, *body.outer_fields]:
                if item.description:
                    args.append(f"{item.names.py}: {_one_line(item.description)}")
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
                upload_method=op.names.py,
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


def _wire_to_args(items: Iterable[Parameter | Field]) -> str:
    """``'wire': python_arg, …``: the inside of a dict literal sent to the runtime."""
    return ", ".join(f"{item.names.wire!r}: {item.names.py}" for item in items)


def _or_not_given(annotation: str) -> str:
    """``X | NotGiven``, keeping ``None`` last as linters expect (``X | NotGiven | None``)."""
    if annotation.endswith(" | None"):
        return annotation[: -len(" | None")] + " | NotGiven | None"
    return f"{annotation} | NotGiven"


def _one_line(text: str) -> str:
    return " ".join(text.split())
