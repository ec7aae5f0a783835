"""Paths → services and operations: parameters, bodies, responses, pagination, uploads."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from .. import naming
from ..ir import (
    JSON,
    Body,
    BodyKind,
    Field,
    Names,
    Operation,
    Pagination,
    Parameter,
    ParamLocation,
    QueryStyle,
    RedirectMode,
    Response,
    Result,
    Service,
    TypeRef,
    Upload,
    evolve,
)
from ..load import join_pointer
from .context import ParseContext, as_dict, as_list, prose
from .memo import ParseMemory, Trace, content_digest
from .nouns import noun_forms
from .paths import TemplateError, path_resource, placeholders
from .rest_names import METHOD_BUILTINS, collection_paths, ids_spell_paths, rest_names
from .schemas import SchemaRegistry, constraints_of

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
# Keyword arguments every generated method has; spec names must not take them.
RESERVED_ARGUMENTS = frozenset(
    {"self", "extra_headers", "extra_query", "extra_body", "timeout", "max_retries", "body"}
)
# What a generated service class (and its raw-response twin) has besides the operations:
# the runtime's resource base (`_resource.py`) and the generated wrappers; `close`/`aclose`
# and `with_options` are the client's, kept free so a service never looks like a client.
SERVICE_MEMBERS = frozenset(
    {"with_raw_response", "with_streaming_response", "with_options", "close", "aclose"}
)
# Public members of the generated clients (`_client.py` of the runtime): a service attribute
# of the same name would replace them.
CLIENT_MEMBERS = frozenset(
    {
        "token", "base_url", "timeout", "max_retries", "user_agent", "http_client",
        "with_options", "with_raw_response", "with_streaming_response", "is_closed", "close",
        "aclose", "request", "request_page",
    }
)  # fmt: skip
CURSOR_PARAMS = ("cursor", "page_token", "pageToken", "starting_after", "after", "next_token")
LIMIT_PARAMS = ("limit", "per_page", "page_size", "pageSize", "max_results", "maxResults")
NEXT_CURSOR_KEYS = (
    "next_page", "next_cursor", "nextCursor", "next_page_token", "nextPageToken", "cursor", "next",
)  # fmt: skip
ITEMS_KEYS = ("data", "items", "results", "entries", "records")
_TYPESPEC_ID = re.compile(r"[A-Z][A-Za-z0-9]*_([A-Za-z][A-Za-z0-9_]*)")


def _content_rank(content_type: str) -> int:
    base = content_type.split(";")[0].strip().lower()
    if base == "application/json" or base.endswith("+json"):
        return 0
    if base == "multipart/form-data":
        return 1
    if base == "application/x-www-form-urlencoded":
        return 2
    if base.startswith("text/"):
        return 4
    return 3


def _without_service_prefix(service: str, operations: list[Operation]) -> list[Operation]:
    """``issues/create`` in service ``issues`` is the method ``create``
    (``client.issues.create``), as Octokit names GitHub's: an operationId namespaced by its
    service says the service twice otherwise. A short name that another method of the
    service already has, or that two operations would share, keeps the whole name."""
    own = naming.py_identifier(service, fallback="default")
    short: dict[str, str] = {}
    for op in operations:
        head, slash, rest = op.id.partition("/")
        if slash and rest and naming.py_identifier(head, fallback="") == own:
            short[op.id] = naming.py_identifier(
                rest, fallback=op.names.py, reserved=SERVICE_MEMBERS
            )
    kept = [op.names.py for op in operations if op.id not in short]
    wanted = [*kept, *short.values()]
    usable = {op_id: name for op_id, name in short.items() if wanted.count(name) == 1}
    return [
        (
            evolve(op, names=evolve(op.names, py=name, anchor=naming.anchor(name)))
            if (name := usable.get(op.id))
            else op
        )
        for op in operations
    ]


def _deep_fields(media: dict[str, Any]) -> tuple[str, ...]:
    """The form fields whose ``encoding`` says ``style: deepObject``."""
    encoding = media.get("encoding")
    if not isinstance(encoding, dict):
        return ()
    return tuple(
        str(name)
        for name, spec in encoding.items()
        if isinstance(spec, dict) and spec.get("style") == "deepObject"
    )


def _body_kind(content_type: str) -> BodyKind:
    kinds: tuple[BodyKind, ...] = ("json", "multipart", "form", "binary", "text")
    return kinds[_content_rank(content_type)]


class OperationParser:
    def __init__(
        self,
        ctx: ParseContext,
        schemas: SchemaRegistry,
        memo: ParseMemory | None = None,
        outside_paths: str | None = None,
    ) -> None:
        """``memo``: a long-lived run's (:mod:`.memo`), with ``outside_paths`` the digest of
        the document but its ``paths``, which every operation reads (its components)."""
        self.ctx = ctx
        self.schemas = schemas
        self.error_schema_names: set[str] = set()
        self._memo = memo if outside_paths is not None else None
        self._outside_paths = outside_paths
        self._item_digests: dict[int, tuple[object, str | None]] = {}

    # -- services -----------------------------------------------------------------------

    def services(self) -> tuple[Service, ...]:
        document = self.ctx.document
        declared = [t for t in as_list(document.get("tags")) if isinstance(t, dict) and "name" in t]
        tag_pointers = {
            str(t["name"]): join_pointer("/tags", i, "name")
            for i, t in enumerate(as_list(document.get("tags")))
            if isinstance(t, dict) and "name" in t
        }
        descriptions = {str(t["name"]): prose(t.get("description")) for t in declared}
        order: list[str] = [str(t["name"]) for t in declared]
        grouped: dict[str, list[Operation]] = {}
        seen_ids: dict[str, str] = {}
        walked = list(self._iter_operations())
        collections = collection_paths(str(path) for path, *_ in walked)
        tagged = any(isinstance(op.get("tags"), list) and op["tags"] for *_, op, _ in walked)
        for path, item, method, op, pointer in walked:
            operation_id = op.get("operationId")
            if isinstance(operation_id, str) and operation_id:
                if operation_id in seen_ids:
                    other = self.ctx.locate(seen_ids[operation_id]).render()
                    self.ctx.fail(
                        f"duplicate operationId {operation_id!r} (also at {other})",
                        join_pointer(pointer, "operationId"),
                    )
                    continue
                seen_ids[operation_id] = join_pointer(pointer, "operationId")
            tags = op.get("tags")
            if isinstance(tags, list) and tags:
                service = str(tags[0])
            else:  # a document that tags nothing is grouped by resource, as Stripe's is
                service = "Default" if tagged else path_resource(str(path))
            if service not in order:
                order.append(service)
            operation = self._recalled_operation(path, item, method, op, pointer, service)
            grouped.setdefault(service, []).append(operation)
        spelled_ids = ids_spell_paths(op for ops in grouped.values() for op in ops)
        services: list[Service] = []
        taken_py: set[str] = set()
        taken_cli: set[str] = set(CLI_BUILTIN_COMMANDS)  # the CLI's own commands
        taken_classes: set[str] = set()
        taken_modules: set[str] = set()
        for name in order:
            operations = grouped.get(name)
            if not operations:
                continue
            plain = naming.py_identifier(name, fallback="default")
            py = naming.unique(
                naming.py_identifier(name, fallback="default", reserved=CLIENT_MEMBERS), taken_py
            )
            if py != plain and plain in CLIENT_MEMBERS:
                self.ctx.warn(
                    f"tag {name!r} would replace the SDK's own client attribute {plain!r}; "
                    f"the service is named {py!r}",
                    tag_pointers.get(name) or join_pointer(operations[0].pointer, "tags", 0),
                )
            cli = naming.unique(naming.cli_name(name, fallback="default"), taken_cli, separator="-")
            named = self._named(name, tuple(operations), collections, spelled_ids)
            services.append(
                Service(
                    name=name,
                    names=Names(name, py, cli, naming.anchor(name)),
                    class_name=self._service_class(name, taken_classes),
                    description=descriptions.get(name, ""),
                    operations=named,
                    module=naming.unique_file_stem(py, taken_modules),
                    shadows=tuple(sorted({op.names.py for op in named} & METHOD_BUILTINS)),
                )
            )
        return tuple(services)

    def _named(
        self,
        service: str,
        operations: tuple[Operation, ...],
        collections: frozenset[str],
        spelled_ids: bool,
    ) -> tuple[Operation, ...]:
        """The service's operations with their method and command names; in a long-lived run
        the last run's when its operations are the same objects (and it found nothing)."""

        def named() -> tuple[Operation, ...]:
            ops = rest_names(
                service, operations, collections, SERVICE_MEMBERS, spelled_ids=spelled_ids
            )
            return self._name_commands(service, ops)

        if self._memo is None:
            return named()
        found = len(self.ctx.reporter.diagnostics)
        key = ("names", service)
        result = self._memo.step(key, (operations, collections, spelled_ids), named)
        if len(self.ctx.reporter.diagnostics) != found:
            self._memo.forget(key)  # to be found again in the next run
        # named again (one of them changed): the others are the last run's objects still
        return tuple(self._memo.intern(("named", op.id), op) for op in result)

    def _service_class(self, tag: str, taken: set[str]) -> str:
        """``<Tag>Service``, unique, and with none of the four classes of its module
        (sync, async, and their raw-response twins) taking the name of a model."""
        base = naming.class_name(tag, fallback="Default") + "Service"
        models = self.schemas.taken
        candidate, n = base, 1
        while candidate in taken or not models.isdisjoint(
            {candidate, f"Async{candidate}", f"{candidate}WithRawResponse",
             f"Async{candidate}WithRawResponse"}
        ):  # fmt: skip
            n += 1
            candidate = f"{base}{n}"
        taken.add(candidate)
        return candidate

    def _iter_operations(self) -> Any:
        paths = as_dict(self.ctx.document.get("paths"))
        for path, raw_item in paths.items():
            item_pointer = join_pointer("/paths", path)
            try:
                placeholders(str(path))
            except TemplateError as exc:
                self.ctx.fail(f"malformed path template {path!r}: {exc}", item_pointer)
                continue
            item, _ = self.ctx.deref(raw_item, item_pointer)
            if not isinstance(item, dict):
                continue
            for method in HTTP_METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    yield path, item, method, op, join_pointer(item_pointer, method)

    def _name_commands(self, service: str, operations: list[Operation]) -> tuple[Operation, ...]:
        """Method names must be unique per service; CLI actions are decided here (see
        :func:`cli_actions`)."""
        operations = _without_service_prefix(service, operations)
        seen: dict[str, Operation] = {}
        for op in operations:
            if op.names.py in seen:
                other = self.ctx.locate(seen[op.names.py].pointer).render()
                self.ctx.fail(
                    f"operations {seen[op.names.py].id!r} and {op.id!r} both become method "
                    f"{op.names.py!r} in service {service!r} (other at {other})",
                    op.pointer,
                )
            seen[op.names.py] = op
        reserved = {"help"}
        if any(op.upload is not None for op in operations):
            reserved.add("upload")  # the one-call upload helper's command
        names = cli_actions(service, operations, reserved)
        return tuple(
            evolve(
                op,
                names=evolve(op.names, cli=names[op.id][0]),
                cli_aliases=names[op.id][1],
            )
            for op in operations
        )

    # -- one operation ------------------------------------------------------------------

    def _recalled_operation(
        self,
        path: str,
        item: dict[str, Any],
        method: str,
        op: dict[str, Any],
        pointer: str,
        service: str,
    ) -> Operation:
        """:meth:`_operation`, or in a long-lived run the last run's same object when its
        path item's content, the document outside ``paths`` and its service are the same
        and the names its inline schemas claimed are still the names they would claim."""
        memo = self._memo
        if memo is None:
            return self._operation(path, item, method, op, pointer, service)
        digest = self._item_digest(item)
        if digest is None:
            return self._operation(path, item, method, op, pointer, service)
        key = ("operation", pointer)
        inputs = (self._outside_paths, digest, path, method, service)
        recalled = memo.recall(key, inputs)
        if recalled is not None and self._redo(recalled[1]):
            memo.keep(key, inputs, recalled[0], recalled[1])
            return cast(Operation, recalled[0])
        trace = Trace(builds=pointer + "/")
        self.ctx.trace = self.schemas.trace = trace
        try:
            operation = self._operation(path, item, method, op, pointer, service)
        finally:
            self.ctx.trace = self.schemas.trace = None
        memo.keep(key, inputs, operation, trace)
        return operation

    def _item_digest(self, item: dict[str, Any]) -> str | None:
        found = self._item_digests.get(id(item))
        if found is None or found[0] is not item:
            found = self._item_digests[id(item)] = (item, content_digest(item))
        return found[1]

    def _redo(self, trace: Trace) -> bool:
        """Do what an operation's parse did to the shared state, if every name its inline
        schemas claimed is the one each would claim now; else do nothing."""
        registry = self.schemas
        taken = registry.taken
        claimed: set[str] = set()
        for wanted, name in trace.claims:
            candidate, n = wanted, 1
            while candidate in taken or candidate in claimed:
                n += 1
                candidate = f"{wanted}{n}"
            if candidate != name:
                return False
            claimed.add(candidate)
        if any(pointer in registry.by_pointer for pointer, _, _ in trace.schemas):
            return False
        taken |= claimed
        for pointer, name, schema in trace.schemas:
            registry.by_pointer[pointer] = name
            registry.schemas[name] = schema
        self.error_schema_names.update(trace.errors)
        for _, message, where in trace.findings:
            self.ctx.warn(message, where)
        return True

    def _operation(
        self,
        path: str,
        item: dict[str, Any],
        method: str,
        op: dict[str, Any],
        pointer: str,
        service: str,
    ) -> Operation:
        operation_id = op.get("operationId")
        derived = not (isinstance(operation_id, str) and operation_id)
        if derived:
            operation_id = _derive_operation_id(method, path)
        op_id = str(operation_id)
        match = _TYPESPEC_ID.fullmatch(op_id)
        source = match.group(1) if match else op_id
        py = naming.py_identifier(source, fallback=method, reserved=SERVICE_MEMBERS)
        plain = naming.py_identifier(source, fallback=method)
        if py != plain:
            self.ctx.warn(
                f"operationId {op_id!r} would replace the SDK's own service member {plain!r}; "
                f"the method is named {py!r}",
                join_pointer(pointer, "operationId") if not derived else pointer,
            )
        hint = naming.pascal(py)
        description = prose(op.get("description"))
        summary = prose(op.get("summary")) or description.split("\n", 1)[0].strip()
        if not op.get("summary") and description.startswith(summary):
            description = description[len(summary) :].strip()
        raw_requirements = op.get("x-requirements")
        requirements: dict[str, Any] = (
            raw_requirements if isinstance(raw_requirements, dict) else {}
        )
        scopes = _scopes(requirements, op, self.ctx.document)
        security = op.get("security", self.ctx.document.get("security"))
        auth_required = requirements.get("auth") is not False and security != []
        if security is None and not as_dict(self.ctx.document.get("components")).get(
            "securitySchemes"
        ):
            auth_required = False

        taken = set(RESERVED_ARGUMENTS)
        # every argument is a distinct option of the CLI command, none of the CLI's own
        taken_cli: set[str] = set(CLI_RESERVED_FLAGS)
        parameters = self._parameters(path, item, op, pointer, hint, taken, taken_cli)
        body = self._body(op, pointer, hint, taken, taken_cli)
        responses = self._responses(op, pointer, hint)
        success, errors = split_responses(responses)
        redirect = redirect_mode(responses, success)
        method_upper = method.upper()
        operation = Operation(
            id=op_id,
            names=Names(op_id, py, naming.kebab(py), naming.anchor(py)),
            service=service,
            method=method_upper,
            path=path,
            summary=summary,
            description=description,
            pointer=pointer,
            deprecated=bool(op.get("deprecated")),
            tags=tuple(str(t) for t in as_list(op.get("tags"))),
            scopes=scopes,
            plan=str(requirements["plan"]) if requirements.get("plan") else None,
            auth_required=auth_required,
            idempotent=bool(op.get("x-idempotent", method_upper in IDEMPOTENT)),
            parameters=parameters,
            body=body,
            responses=responses,
            success=success,
            errors=errors,
            derived_id=derived,
            redirect=redirect,
            destructive=_destructive(op, method_upper),
        )
        pagination = self._pagination(operation, op, pointer)
        upload = self._upload(operation, op)
        return evolve(
            operation,
            pagination=pagination,
            upload=upload,
            result=result_of(success, pagination, redirect),
        )

    def _parameters(
        self,
        path: str,
        item: dict[str, Any],
        op: dict[str, Any],
        pointer: str,
        hint: str,
        taken: set[str],
        taken_cli: set[str],
    ) -> tuple[Parameter, ...]:
        merged: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
        for source, source_pointer in ((item, pointer.rsplit("/", 1)[0]), (op, pointer)):
            for index, raw in enumerate(as_list(source.get("parameters"))):
                at = join_pointer(source_pointer, "parameters", index)
                param, _ = self.ctx.deref(raw, at)
                if not isinstance(param, dict) or "name" not in param or "in" not in param:
                    self.ctx.warn("parameter without `name` or `in`; skipped", at)
                    continue
                merged[(str(param["in"]), str(param["name"]))] = (param, at)
        result: list[Parameter] = []
        template = placeholders(path)
        order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
        for (location, wire), (param, at) in sorted(
            merged.items(), key=lambda kv: order.get(kv[0][0], 4)
        ):
            if location not in order:
                self.ctx.warn(f"unknown parameter location {location!r}; skipped", at)
                continue
            if location == "header" and wire.lower() in ("authorization", "content-type", "accept"):
                continue
            if location == "path" and wire not in template:
                self.ctx.warn(
                    f"path parameter {wire!r} does not appear in the path {path!r}; ignored", at
                )
                continue
            names = param.get("x-param-names")
            base_name = names[0] if isinstance(names, list) and names else wire
            py = naming.unique(naming.py_identifier(str(base_name), fallback="param"), taken)
            cli = naming.unique(naming.cli_name(str(base_name)), taken_cli, separator="-")
            schema = param.get("schema")
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                first = next(iter(param["content"].values()))
                schema = first.get("schema") if isinstance(first, dict) else None
            schema_pointer = join_pointer(at, "schema")
            typ = self.schemas.type_of(
                schema if schema is not None else {}, schema_pointer, hint + naming.pascal(wire)
            )
            resolved, _ = self.ctx.deref(schema, schema_pointer)
            resolved = resolved if isinstance(resolved, dict) else {}
            style = str(
                param.get("style") or ("simple" if location in ("path", "header") else "form")
            )
            explode = bool(param.get("explode", style == "form"))
            example = param.get("example", resolved.get("example"))
            if example is None and isinstance(param.get("examples"), dict) and param["examples"]:
                first_example = next(iter(param["examples"].values()))
                if isinstance(first_example, dict):
                    example = first_example.get("value")
            result.append(
                Parameter(
                    names=Names(wire, py, cli, naming.anchor(wire)),
                    location=cast(ParamLocation, location),
                    type=typ,
                    required=bool(param.get("required")) or location == "path",
                    description=prose(param.get("description")),
                    style=style,
                    explode=explode,
                    query_style=query_style(typ, style, explode),
                    deprecated=bool(param.get("deprecated")),
                    has_default="default" in resolved,
                    default=cast(JSON, resolved.get("default")),
                    example=cast(JSON, example),
                    constraints=constraints_of(resolved),
                )
            )
        declared = {p.names.wire for p in result if p.location == "path"}
        for name in dict.fromkeys(template):
            if name not in declared:
                result.append(
                    self._undeclared_path_parameter(path, name, pointer, taken, taken_cli)
                )
        # Path parameters follow their order in the path template.
        positions = {name: i for i, name in enumerate(template)}
        result.sort(
            key=lambda p: (
                (order[p.location], positions.get(p.names.wire, 999))
                if p.location == "path"
                else (order[p.location], 0)
            )
        )
        return tuple(result)

    def _undeclared_path_parameter(
        self, path: str, name: str, pointer: str, taken: set[str], taken_cli: set[str]
    ) -> Parameter:
        """``{name}`` in the template with no parameter for it: a required string, so that the
        method can send it (instead of requesting a literal ``%7Bname%7D``)."""
        py = naming.unique(naming.py_identifier(name, fallback="param"), taken)
        cli = naming.unique(naming.cli_name(name), taken_cli, separator="-")
        self.ctx.warn(
            f"path {path!r} has placeholder {{{name}}} but no path parameter {name!r}; "
            f"added as a required string argument {py!r}",
            pointer,
        )
        return Parameter(
            names=Names(name, py, cli, naming.anchor(name)),
            location="path",
            type=TypeRef("primitive", primitive="string"),
            required=True,
            style="simple",
            explode=False,
        )

    def _body(
        self, op: dict[str, Any], pointer: str, hint: str, taken: set[str], taken_cli: set[str]
    ) -> Body | None:
        raw = op.get("requestBody")
        if raw is None:
            return None
        at = join_pointer(pointer, "requestBody")
        request, _ = self.ctx.deref(raw, at)
        content = request.get("content") if isinstance(request, dict) else None
        if not isinstance(content, dict) or not content:
            self.ctx.warn("request body without content; ignored", at)
            return None
        content_type = min(content, key=lambda c: (_content_rank(c), list(content).index(c)))
        media = content[content_type] if isinstance(content[content_type], dict) else {}
        media_pointer = join_pointer(at, "content", content_type)
        schema = media.get("schema")
        kind = _body_kind(content_type)
        if schema is None:
            schema = {"type": "string", "format": "binary"} if kind == "binary" else {}
        schema_pointer = join_pointer(media_pointer, "schema")
        typ = self.schemas.type_of(schema, schema_pointer, hint + "Request")
        if kind == "binary":
            # An octet-stream body is the file's bytes, whatever its schema says.
            typ = (
                evolve(typ, file=True)
                if typ.kind == "primitive" and typ.primitive == "string"
                else TypeRef("primitive", primitive="string", format="binary", file=True)
            )
        wrapper_key: str | None = None
        wrapper_py: str | None = None
        fields: tuple[Field, ...] = ()
        outer: tuple[Field, ...] = ()
        object_schema = self._object_schema(typ)
        if object_schema is not None:
            fields = object_schema.fields
            wrapper = self._wrapper_field(fields) if kind == "json" else None
            if wrapper is not None:
                inner = self._object_schema(wrapper.type)
                wrapper_key = wrapper.names.wire
                # Reserved before the fields: `message=` is the natural name for the model.
                wrapper_py = naming.unique(wrapper.names.py, taken)
                outer = tuple(f for f in fields if f is not wrapper)
                fields = inner.fields
        fields = self._unique_arguments(fields, taken, taken_cli)
        outer = self._unique_arguments(outer, taken, taken_cli)
        return Body(
            content_type=content_type,
            kind=kind,
            type=typ,
            required=bool(request.get("required")),
            description=prose(request.get("description")),
            example=cast(JSON, _media_example(media)),
            wrapper_key=wrapper_key,
            wrapper_py=wrapper_py,
            fields=fields,
            outer_fields=outer,
            flattened=bool(fields),
            other_content_types=tuple(c for c in content if c != content_type),
            deep_fields=_deep_fields(media) if kind in ("form", "multipart") else (),
        )

    def _wrapper_field(self, fields: tuple[Field, ...]) -> Field | None:
        """The one required object-typed property of a ``{"message": {...}}`` body, if any.

        Optional scalar siblings (``link_preview``) are allowed; they stay top-level arguments.
        """
        objects = [f for f in fields if self._object_schema(f.type) is not None]
        if len(objects) != 1 or not objects[0].required:
            return None
        if not self._object_schema(objects[0].type).fields:
            return None
        others = [f for f in fields if f is not objects[0]]
        if any(f.required for f in others):
            return None
        return objects[0]

    @staticmethod
    def _unique_arguments(
        fields: tuple[Field, ...], taken: set[str], taken_cli: set[str]
    ) -> tuple[Field, ...]:
        result: list[Field] = []
        for item in fields:
            py = naming.unique(item.names.py, taken)
            cli = naming.unique(item.names.cli, taken_cli, separator="-")
            if (py, cli) != (item.names.py, item.names.cli):
                names = evolve(item.names, py=py, cli=cli)
                item = evolve(item, names=names)
            result.append(item)
        return tuple(result)

    def _object_schema(self, typ: TypeRef) -> Any:
        if typ.kind != "ref" or typ.ref is None:
            return None
        schema = self.schemas.schemas.get(typ.ref)
        if schema is None or schema.kind != "object":
            return None
        return schema

    def _responses(self, op: dict[str, Any], pointer: str, hint: str) -> tuple[Response, ...]:
        raw = op.get("responses")
        if not isinstance(raw, dict):
            return ()
        result: list[Response] = []
        for status in sorted(raw, key=_status_order):
            at = join_pointer(pointer, "responses", status)
            response, _ = self.ctx.deref(raw[status], at)
            if not isinstance(response, dict):
                continue
            code = str(status).upper() if str(status).lower() != "default" else "default"
            is_error = code == "default" or code[0] in "45"
            content = response.get("content") if isinstance(response.get("content"), dict) else {}
            content_type: str | None = None
            typ: TypeRef | None = None
            example: Any = None
            if content:
                content_type = min(
                    content, key=lambda c: (_content_rank(c), list(content).index(c))
                )
                media = content[content_type] if isinstance(content[content_type], dict) else {}
                schema = media.get("schema")
                suffix = "Response" if code.startswith("2") else f"Error{code}"
                if schema is not None:
                    typ = self.schemas.type_of(
                        schema, join_pointer(at, "content", content_type, "schema"), hint + suffix
                    )
                example = _media_example(media)
            if is_error and typ is not None and typ.kind == "ref" and typ.ref:
                self.error_schema_names.add(typ.ref)
                if self.schemas.trace is not None:
                    self.schemas.trace.errors.append(typ.ref)
            unwrap_key, unwrapped = self._unwrap(typ) if code.startswith("2") else (None, None)
            headers = response.get("headers")
            result.append(
                Response(
                    status=code,
                    description=prose(response.get("description")),
                    content_type=content_type,
                    type=typ,
                    example=cast(JSON, example),
                    unwrap_key=unwrap_key,
                    unwrapped_type=unwrapped,
                    is_error=is_error,
                    is_redirect=code.startswith("3"),
                    headers=tuple(sorted(headers)) if isinstance(headers, dict) else (),
                )
            )
        return tuple(result)

    def _unwrap(self, typ: TypeRef | None) -> tuple[str | None, TypeRef | None]:
        """``{"data": X}`` (one required property) is returned to callers as ``X``."""
        if typ is None:
            return None, None
        schema = self._object_schema(typ)
        if schema is None or len(schema.fields) != 1 or not schema.fields[0].required:
            return None, None
        if schema.additional is not None:
            return None, None
        only = schema.fields[0]
        return only.names.wire, only.type

    def _pagination(
        self, operation: Operation, op: dict[str, Any], pointer: str
    ) -> Pagination | None:
        flagged = op.get("x-paginated") is True
        if operation.method != "GET" and not flagged:
            return None
        query = {p.names.wire: p for p in operation.parameters if p.location == "query"}
        cursor = next((name for name in CURSOR_PARAMS if name in query), None)
        limit = next((name for name in LIMIT_PARAMS if name in query), None)
        success = operation.success
        found = self._find_page_shape(success.type if success else None)
        if cursor is None or found is None:
            if flagged:
                what = (
                    "no cursor query parameter"
                    if cursor is None
                    else "no list and next-page cursor in its response"
                )
                self.ctx.warn(f"x-paginated is set but the operation has {what}", pointer)
            return None
        items_path, next_path, item_type = found
        return Pagination(cursor, limit, items_path, next_path, item_type)

    def _find_page_shape(
        self, typ: TypeRef | None
    ) -> tuple[tuple[str, ...], tuple[str, ...], TypeRef] | None:
        schema = self._object_schema(typ) if typ else None
        if schema is None:
            return None
        fields = {f.names.wire: f for f in schema.fields}
        items_key = next(
            (k for k in ITEMS_KEYS if k in fields and fields[k].type.kind == "array"), None
        )
        if items_key is None:
            return None
        item_type = fields[items_key].type.items
        next_path = self._find_cursor_path(schema, depth=0)
        if next_path is None or item_type is None:
            return None
        return (items_key,), next_path, item_type

    def _find_cursor_path(self, schema: Any, depth: int) -> tuple[str, ...] | None:
        if depth > 3:
            return None
        for field in schema.fields:
            if field.names.wire in NEXT_CURSOR_KEYS and field.type.kind == "primitive":
                return (field.names.wire,)
        for field in schema.fields:
            inner = self._object_schema(field.type)
            if inner is not None:
                found = self._find_cursor_path(inner, depth + 1)
                if found:
                    return (field.names.wire, *found)
        return None

    def _upload(self, operation: Operation, op: dict[str, Any]) -> Upload | None:
        url_field = op.get("x-external-url")
        if not isinstance(url_field, str) or operation.body is None:
            return None
        binary = [f for f in operation.body.fields if f.type.file]
        file_field = binary[0].names.wire if binary else "file"
        key_field = next(
            (f.names.wire for f in operation.body.fields if f.names.wire == "key"), None
        )
        return Upload(
            url_field, None, file_field, key_field, url_argument=naming.py_identifier(url_field)
        )


def split_responses(
    responses: tuple[Response, ...],
) -> tuple[Response | None, tuple[Response, ...]]:
    """The success response (the first 2xx, in status order) and the typed error responses."""
    success = next((r for r in responses if r.status.startswith("2")), None)
    return success, tuple(r for r in responses if r.is_error)


def query_style(typ: TypeRef, style: str, explode: bool) -> QueryStyle:
    """How a query parameter is written: an array that is not exploded is joined; one in
    ``style: deepObject`` (undefined for arrays by OpenAPI; Stripe's ``expand``) is indexed,
    ``key[0]=…``, as Stripe reads it."""
    if typ.kind == "array" and style == "deepObject":
        return "deepObject"
    if typ.kind != "array" or explode:
        return "form"
    joined: dict[str, QueryStyle] = {"spaceDelimited": "space", "pipeDelimited": "pipe"}
    return joined.get(style, "comma")


def result_of(
    success: Response | None, pagination: Pagination | None, redirect: RedirectMode | None
) -> Result:
    """What a call gives back: a page of items, the redirect's URL, the bytes of a binary body,
    the (unwrapped) success body, or nothing."""
    if pagination is not None:
        return Result("page", pagination.item_type)
    if redirect == "location":
        return Result("location")
    if success is None or success.type is None:
        return Result("none")
    unwrapped = success.unwrap_key is not None and success.unwrapped_type is not None
    typ = success.unwrapped_type if unwrapped else success.type
    assert typ is not None
    if typ.file:
        return Result("bytes", typ)
    return Result("value", typ, success.unwrap_key if unwrapped else None)


REDIRECT_STATUSES = frozenset({"301", "302", "303", "307", "308"})


def redirect_mode(responses: tuple[Response, ...], success: Response | None) -> RedirectMode | None:
    """How a documented redirect reaches the caller, so that it never comes back as ``None``.

    With a 2xx body documented beside it, that body is what the caller wants and the
    redirect only a detour: the SDK follows it.  Otherwise the redirect is the answer (a
    download link, a moved resource): the SDK returns the ``Location`` URL.
    """
    if not any(r.status in REDIRECT_STATUSES for r in responses):
        return None
    if success is not None and success.type is not None:
        return "follow"
    return "location"


def _destructive(op: dict[str, Any], method: str) -> bool:
    """Whether an operation deletes data, so that the CLI asks before running it: a DELETE,
    unless ``x-destructive: false``; any method with ``x-destructive: true``."""
    flag = op.get("x-destructive")
    if isinstance(flag, bool):
        return flag
    return method == "DELETE"


def _derive_operation_id(method: str, path: str) -> str:
    parts: list[str] = [method]
    for segment in path.strip("/").split("/"):
        if not segment:
            continue
        if segment.startswith("{") and segment.endswith("}"):
            parts.append("by_" + naming.snake(segment[1:-1]))
        else:
            parts.append(naming.snake(segment))
    return "_".join(p for p in parts if p)


def _status_order(status: Any) -> tuple[int, str]:
    text = str(status)
    if text.lower() == "default":
        return (999, text)
    # A range sorts after the codes it covers: 404 before 4XX.
    digits = text.replace("X", "9").replace("x", "9")
    return (int(digits) if digits.isdigit() else 998, text)


def _scopes(
    requirements: dict[str, Any], op: dict[str, Any], document: dict[str, Any]
) -> tuple[str, ...]:
    scope = requirements.get("scope")
    found: list[str] = []
    if isinstance(scope, str):
        found.append(scope)
    elif isinstance(scope, list):
        found.extend(str(s) for s in scope)
    security = op.get("security", document.get("security"))
    if isinstance(security, list):
        for requirement in security:
            if isinstance(requirement, dict):
                for values in requirement.values():
                    if isinstance(values, list):
                        found.extend(str(v) for v in values if str(v) not in found)
    return tuple(dict.fromkeys(found))


def _media_example(media: dict[str, Any]) -> Any:
    if "example" in media:
        return media["example"]
    examples = media.get("examples")
    if isinstance(examples, dict):
        for value in examples.values():
            if isinstance(value, dict) and "value" in value:
                return value["value"]
    return None


# -- CLI actions ------------------------------------------------------------------------------

# Commands of the CLI's root beside the services (its built-in commands): a service may not
# take their names.
CLI_BUILTIN_COMMANDS = frozenset(
    {"auth", "config", "api", "guide", "doctor", "version", "commands", "help", "completion"}
)


# Options every CLI command has (global flags, the raw body, paging, confirmation, help), and
# the words whose boolean flag (`--x/--no-x`) would take one of them: an argument's option
# never takes these names (`output` → `--output-2`).
CLI_RESERVED_FLAGS = frozenset(
    {
        "output", "columns", "token", "profile", "base-url", "timeout", "no-retry", "retry",
        "verbose", "dry-run", "quiet", "no-color", "color", "json", "input", "all", "max-pages",
        "yes", "help",
    }
)  # fmt: skip


def cli_actions(
    service: str, operations: Sequence[Operation], reserved: set[str]
) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each operation's CLI action and its hidden aliases, by operation id.

    The one rule: the operation's name (its SDK method name) in words, kebab-cased, less

    1. the service's noun, its tag's words in the plural or the singular, wherever they
       occur (``createMessage`` in Messages → ``create``; ``searchMessages`` in Search →
       ``messages``; ``listGroupTagUsers`` in Group tags → ``list-users``), and
    2. the noun of the resource that owns the path, the path's first segment when a
       parameter follows it, in either number (``listChatMembers`` on
       ``/chats/{id}/members`` → ``list``; ``addChatGroupTags`` → ``add-group-tags``),

    each removal made only when it leaves a word, and none splitting a noun of several words
    that a segment of the path spells (``create_bank_account`` on
    ``/accounts/{account}/bank_accounts`` in Accounts is ``create-bank-account``, not
    ``create-bank``). Where two actions of a service would then
    be equal, or an action would take a reserved name (``help``, the upload helper's
    ``upload``), each of them keeps its whole name in kebab case (``upload-file``), made
    unique with a number if need be. The whole name, when it differs, is kept as a hidden
    alias; so is the operationId's own spelling in kebab case.
    """
    service_nouns = noun_forms(naming.words(service))
    proposals: dict[str, str] = {}
    for op in operations:
        words = naming.words(op.names.py)
        compounds = _compound_nouns(op.path)
        words = _without(words, service_nouns, compounds)
        owner = _owner_words(op.path)
        if owner:
            words = _without(words, noun_forms(owner), compounds)
        proposals[op.id] = "-".join(words)
    counts: dict[str, int] = {}
    for value in proposals.values():
        counts[value] = counts.get(value, 0) + 1
    taken: set[str] = set(reserved)
    chosen: dict[str, str] = {}
    for op in operations:  # the unambiguous short names first
        proposal = proposals[op.id]
        if counts[proposal] == 1 and proposal not in reserved and proposal:
            chosen[op.id] = proposal
            taken.add(proposal)
    for op in operations:
        if op.id not in chosen:
            whole = naming.kebab(op.names.py) or naming.kebab(op.method)
            chosen[op.id] = naming.unique(whole, taken, separator="-")
    result: dict[str, tuple[str, tuple[str, ...]]] = {}
    names_in_use = set(chosen.values()) | reserved
    for op in operations:
        name = chosen[op.id]
        aliases: list[str] = []
        for candidate in (naming.kebab(op.names.py), naming.kebab(op.id)):
            fresh = candidate not in names_in_use and candidate not in aliases
            if candidate and candidate != name and fresh:
                aliases.append(candidate)
        names_in_use.update(aliases)
        result[op.id] = (name, tuple(aliases))
    return result


def _without(
    words: list[str], nouns: list[tuple[str, ...]], compounds: Sequence[tuple[str, ...]] = ()
) -> list[str]:
    """``words`` less every run equal to one of ``nouns`` but those inside a longer run equal
    to one of ``compounds``; unchanged if nothing would be left."""
    whole: set[int] = set()  # the places of the words of a compound noun
    for compound in compounds:
        for start in range(len(words) - len(compound) + 1):
            if tuple(words[start : start + len(compound)]) == compound:
                whole.update(range(start, start + len(compound)))
    for noun in nouns:
        size = len(noun)
        kept: list[str] = []
        index = 0
        while index < len(words):
            run = tuple(words[index : index + size])
            inside = noun not in compounds and not whole.isdisjoint(range(index, index + size))
            if run == noun and not inside:
                index += size
                continue
            kept.append(words[index])
            index += 1
        if kept and kept != words:
            return kept
    return words


def _compound_nouns(path: str) -> list[tuple[str, ...]]:
    """The nouns of several words the path's segments spell, in either number."""
    found: list[tuple[str, ...]] = []
    for segment in path.split("/"):
        words = naming.words(segment) if not segment.startswith("{") else []
        if len(words) > 1:
            found.extend(noun_forms(words))
    return found


def _owner_words(path: str) -> list[str]:
    """The words of the path's first segment when a parameter follows it (``/chats/{id}/…``)."""
    segments = [s for s in path.strip("/").split("/") if s]
    if len(segments) >= 2 and not segments[0].startswith("{") and segments[1].startswith("{"):
        return naming.words(segments[0])
    return []
