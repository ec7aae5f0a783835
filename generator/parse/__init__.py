"""parse: the bundled document → the IR (:class:`generator.ir.Api`). All decisions live here."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .. import naming
from ..config import Config, derive_project
from ..diagnostics import Diagnostic, SpecError
from ..ir import JSON, Api, Operation, Parameter, Schema, SecurityScheme, Service, TypeRef, evolve
from ..load import LoadedSpec, join_pointer
from ..load.gcpause import collector_paused
from .context import ParseContext, as_dict, as_list, prose
from .examples import ExampleSynthesizer
from .identity import find_identity
from .memo import ParseMemory, Trace, content_digest
from .modules import cycles, module_leaders, owners
from .operations import OperationParser, split_responses
from .schemas import SchemaRegistry
from .showcase import example_of, pick_showcase
from .skills import assign_workflows, router_name, skill_groups
from .webhooks import declared_events, webhook_payload
from .workflows import load_workflows

__all__ = ["parse_spec"]

_SERVER_VARIABLE = re.compile(r"\{([^{}]+)\}")


def parse_spec(
    spec: LoadedSpec,
    config: Config | None = None,
    *,
    workflows: Path | None = None,
    use_config_names: bool = True,
    memo: ParseMemory | None = None,
) -> tuple[Api, list[Diagnostic]]:
    """Build the IR; raise :class:`SpecError` when the document cannot be modelled. A
    long-lived run passes its ``memo``: what did not change is the last run's objects."""
    with collector_paused():  # the IR is a large tree built at once, as the document was
        if memo is None:
            return _parse_spec(spec, config, workflows, use_config_names, None)
        memo.begin()
        try:
            return _parse_spec(spec, config, workflows, use_config_names, memo)
        except BaseException:
            memo.abandon()
            raise


def _parse_spec(
    spec: LoadedSpec,
    config: Config | None,
    workflows: Path | None,
    use_config_names: bool,
    memo: ParseMemory | None,
) -> tuple[Api, list[Diagnostic]]:
    ctx = ParseContext(spec)
    document = spec.document
    registry = SchemaRegistry(ctx)
    outside_paths = (
        content_digest({k: v for k, v in document.items() if k != "paths"}) if memo else None
    )
    _components(ctx, registry, memo, outside_paths)
    parser = OperationParser(ctx, registry, memo, outside_paths)
    services = parser.services()
    declared = declared_events(ctx, registry)
    ctx.reporter.raise_if_errors()

    if memo is None:
        schemas = _finalize_schemas(registry.schemas, parser.error_schema_names)
        services = _link_uploads(services, schemas)
        services = _add_examples(services, schemas)
    else:
        schemas, services = _recalled_steps(memo, registry, parser.error_schema_names, services)
    raw_info = document.get("info")
    info: dict[str, Any] = raw_info if isinstance(raw_info, dict) else {}
    servers = _server_urls(ctx, document)
    webhook, signing = webhook_payload(ctx, schemas, registry, declared.payload)
    title = prose(info.get("title")) or "API"
    project = derive_project(title, config or Config(), use_config_names=use_config_names)
    groups, grouping_problems = skill_groups(
        services, config or Config(), project.command, use_config=use_config_names
    )
    for problem in grouping_problems:
        ctx.reporter.add(problem)
    ctx.reporter.raise_if_errors()
    api = Api(
        title=title,
        version=str(info.get("version") or "0.0.0"),
        openapi_version=spec.version,
        description=prose(info.get("description")),
        base_url=servers[0].rstrip("/") if servers else "",
        servers=servers,
        project=project,
        security=_security(document),
        services=services,
        schemas=tuple(schemas[name] for name in sorted(schemas)),
        webhook_payload=webhook,
        webhook_signing=signing,
        webhooks=declared.webhooks,
        webhook_header=declared.header if webhook and webhook.ref == declared.payload else None,
        showcase=pick_showcase(tuple(op for s in services for op in s.operations)),
        identity=find_identity(tuple(op for s in services for op in s.operations), schemas),
        skill_groups=groups,
        skill_router=router_name(project.command),
    )
    diagnostics = list(ctx.reporter.diagnostics)
    if workflows is not None:
        display = _display(workflows)
        loaded, problems = load_workflows(workflows, display, api.operations)
        diagnostics.extend(problems)
        groups, problems = assign_workflows(
            api.skill_groups,
            loaded,
            api.operations,
            config or Config(),
            use_config=use_config_names,
        )
        if problems:
            raise SpecError(problems)
        api = evolve(api, workflows=loaded, skill_groups=groups)
    return api, diagnostics


def _components(
    ctx: ParseContext,
    registry: SchemaRegistry,
    memo: ParseMemory | None,
    outside_paths: str | None,
) -> None:
    """The component schemas, named and built; in a long-lived run, the last run's when the
    document outside ``paths`` is the same (they read nothing else)."""
    if memo is None or outside_paths is None:
        registry.reserve_components()
        registry.build_components()
        return
    key, inputs = ("components",), (outside_paths,)
    recalled = memo.recall(key, inputs)
    if recalled is not None:
        schemas, by_pointer, taken = recalled[0]
        registry.schemas.update(schemas)
        registry.by_pointer.update(by_pointer)
        registry.taken.update(taken)
        for _, message, pointer in recalled[1].findings:
            ctx.warn(message, pointer)
        memo.keep(key, inputs, recalled[0], recalled[1])
        return
    trace = Trace(reads=("/",), builds="/")
    ctx.trace = registry.trace = trace
    try:
        registry.reserve_components()
        registry.build_components()
    finally:
        ctx.trace = registry.trace = None
    state = (dict(registry.schemas), dict(registry.by_pointer), frozenset(registry.taken))
    memo.keep(key, inputs, state, trace)


def _recalled_steps(
    memo: ParseMemory,
    registry: SchemaRegistry,
    error_names: set[str],
    services: tuple[Service, ...],
) -> tuple[dict[str, Schema], tuple[Service, ...]]:
    """The steps after the operations, each the last run's result when its inputs are the
    same objects: the schemas finalized, the upload flow linked, the examples added."""
    built = {
        name: memo.intern(("built", name), schema) for name, schema in registry.schemas.items()
    }
    # the last run's very dict when nothing changed (no step after this one changes it): the
    # steps below that read it see the same object
    schemas = memo.step(
        ("finalized",),
        (built, frozenset(error_names)),
        lambda: _finalize_schemas(built, error_names),
    )
    services = tuple(memo.intern(("service", s.name), s) for s in services)
    services = memo.step(
        ("uploads",), (services, schemas), lambda: _link_uploads(services, schemas)
    )
    return schemas, tuple(_with_examples(memo, service, schemas) for service in services)


def _with_examples(memo: ParseMemory, service: Service, schemas: dict[str, Schema]) -> Service:
    """:func:`_add_examples` of one service; its operations that did not change (in a service
    one of whose did) are the last run's objects still."""
    key = ("examples", service.name)
    done = memo.step(key, (service, schemas), lambda: _add_examples((service,), schemas)[0])
    ops = tuple(memo.intern(("example", op.id), op) for op in done.operations)
    if all(a is b for a, b in zip(ops, done.operations, strict=True)):
        return done
    return evolve(done, operations=ops)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _refs(typ: TypeRef | None) -> Iterator[str]:
    while typ is not None:
        if typ.kind == "ref" and typ.ref:
            yield typ.ref
        typ = typ.items


def _direct_dependencies(schema: Schema) -> set[str]:
    found: set[str] = set()
    for field in schema.fields:
        found.update(_refs(field.type))
    found.update(_refs(schema.additional))
    found.update(_refs(schema.target))
    for variant in schema.variants:
        found.update(_refs(variant.type))
    return found


def _server_urls(ctx: ParseContext, document: dict[str, Any]) -> tuple[str, ...]:
    """The servers' URLs, their variables filled in from their defaults."""
    urls: list[str] = []
    for index, server in enumerate(as_list(document.get("servers"))):
        if isinstance(server, dict) and isinstance(server.get("url"), str):
            pointer = join_pointer("/servers", index, "url")
            urls.append(_fill_variables(ctx, server["url"], server.get("variables"), pointer))
    return tuple(urls)


def _fill_variables(ctx: ParseContext, url: str, variables: object, pointer: str) -> str:
    """``https://{region}.example.com`` with each ``{variable}`` replaced by its default;
    one without a default stays as it is, with a warning."""
    declared = variables if isinstance(variables, dict) else {}
    filled = url
    for name in dict.fromkeys(_SERVER_VARIABLE.findall(url)):
        variable = declared.get(name)
        default = variable.get("default") if isinstance(variable, dict) else None
        if default is None:
            ctx.warn(
                f"server URL variable {{{name}}} has no default; left in the URL "
                "(pass the base URL when creating a client)",
                pointer,
            )
            continue
        filled = filled.replace(f"{{{name}}}", str(default))
    return filled


def _finalize_schemas(built: dict[str, Schema], error_names: set[str]) -> dict[str, Schema]:
    graph = {name: _direct_dependencies(schema) & built.keys() for name, schema in built.items()}
    cyclic = {name for component in cycles(graph) for name in component}
    # An inline schema lives with the schema it is defined in; groups on a reference cycle
    # share a module, so generated imports stay acyclic (.modules).
    group_of = owners(built)
    leader = module_leaders(graph, group_of)
    modules: set[str] = set()
    module_of: dict[str, str] = {}
    for name in sorted(built):
        if leader[name] == name:
            stem = naming.py_identifier(name, fallback="model")
            module_of[name] = naming.unique_file_stem(stem, modules)
    # A group shares a docs page too (one section a schema), cycle or not.
    pages: set[str] = set()
    page_of = {
        name: naming.unique_file_stem(naming.py_identifier(name, fallback="model"), pages)
        for name in sorted(built)
        if group_of[name] == name
    }
    anchors: dict[str, set[str]] = {page: set() for page in page_of.values()}
    page_anchor: dict[str, str] = {}
    for name in sorted(built):
        group = group_of[name]
        if group != name:
            taken = anchors[page_of[group]]
            page_anchor[name] = naming.unique(naming.anchor(name), taken, separator="-")
    result: dict[str, Schema] = {}
    names = set(built)
    for name in sorted(built):
        schema = built[name]
        module = module_of[leader[name]]
        result[name] = evolve(
            schema,
            module=module,
            page=page_of[group_of[name]],
            page_anchor=page_anchor.get(name, ""),
            literal_name=(
                naming.unique(f"{name}Value", names, separator="") if schema.kind == "enum" else ""
            ),
            anchor=naming.anchor(name),
            recursive=name in cyclic,
            is_error=schema.is_error or name in error_names,
            depends_on=tuple(sorted(graph[name])),
        )
    # A snapshot: one schema's example must not depend on which others were done before it.
    synthesizer = ExampleSynthesizer(dict(result))
    for name, schema in result.items():
        if schema.example is None:
            result[name] = evolve(schema, example=synthesizer.for_schema(schema))
    return result


def _link_uploads(services: tuple[Service, ...], schemas: dict[str, Schema]) -> tuple[Service, ...]:
    """Complete the pre-signed upload flow named by ``x-external-url``.

    Finds the operation whose response carries the upload URL, how its fields fill the upload
    form, and the schema a message attachment takes (an object with ``key`` and ``name`` used
    as an array item in a request body), so the SDK can offer one ``upload(file)`` call.
    """
    operations = [op for service in services for op in service.operations]

    def response_schema(op: Operation) -> Schema | None:
        if op.upload is not None or op.success is None:
            return None
        for typ in (op.success.unwrapped_type, op.success.type):
            if typ is not None and typ.ref in schemas and schemas[typ.ref].kind == "object":
                return schemas[typ.ref]
        return None

    def field_named(schema: Schema, wanted: str) -> str | None:
        key = naming.snake(wanted)
        return next(
            (f.names.wire for f in schema.fields if naming.snake(f.names.wire) == key), None
        )

    attachment, fits = _attachment_schema(operations, schemas)
    result: list[Service] = []
    for service in services:
        ops: list[Operation] = []
        taken = {op.names.py for op in service.operations}
        for op in service.operations:
            if op.upload is not None and op.body is not None:
                upload = op.upload
                provider = next(
                    (
                        (o, schema)
                        for o in operations
                        if (schema := response_schema(o)) is not None
                        and field_named(schema, upload.url_field)
                    ),
                    None,
                )
                form: list[tuple[str, str]] = []
                url_wire: str | None = None
                if provider is not None:
                    url_wire = field_named(provider[1], upload.url_field)
                    for body_field in op.body.fields:
                        if body_field.names.wire == upload.file_field:
                            continue
                        source = field_named(provider[1], body_field.names.wire)
                        if source is not None:
                            form.append((body_field.names.wire, source))
                roles: list[tuple[str, str]] = []
                if attachment is not None:
                    for role, candidates in _ATTACHMENT_ROLES.items():
                        wire = next((c for c in candidates if field_named(attachment, c)), None)
                        if wire is None:
                            continue
                        actual = str(field_named(attachment, wire))
                        if role == "type":
                            type_role = _type_role(attachment, actual, schemas)
                            if type_role is None:
                                continue
                            role = type_role
                        roles.append((role, actual))
                upload = evolve(
                    upload,
                    params_operation=provider[0].id if provider else None,
                    method_name=(method_name := naming.unique("upload", taken)),
                    cli_name=naming.unique(
                        naming.kebab(method_name),
                        {o.names.cli for o in service.operations}
                        | {a for o in service.operations for a in o.cli_aliases},
                        separator="-",
                    ),
                    url_argument=naming.py_identifier(url_wire or upload.url_field),
                    url_response_field=url_wire,
                    form_fields=tuple(form),
                    attachment=attachment.name if attachment else None,
                    attachment_fields=tuple(roles),
                    attachment_fits=fits,
                )
                op = evolve(op, upload=upload)
            ops.append(op)
        result.append(evolve(service, operations=tuple(ops)))
    return tuple(result)


_ATTACHMENT_ROLES = {
    "key": ("key",),
    "name": ("name", "filename", "file_name"),
    "size": ("size", "file_size"),
    "type": ("file_type", "content_type", "mime_type"),
}


def _type_role(attachment: Schema, wire: str, schemas: dict[str, Schema]) -> str | None:
    """``type`` (a MIME type string) or ``kind`` (an enum of ``file``/``image``), else None."""
    typ = next(f.type for f in attachment.fields if f.names.wire == wire)
    if typ.kind == "primitive" and typ.primitive == "string":
        return "type"
    if typ.kind == "ref" and typ.ref in schemas:
        values = {str(v.value) for v in schemas[typ.ref].enum_values}
        if {"file", "image"} <= values:
            return "kind"
    return None


def _attachment_schema(
    operations: list[Operation], schemas: dict[str, Schema]
) -> tuple[Schema | None, tuple[str, ...]]:
    """The schema the upload helper returns, and the other attachment schemas it fits.

    An attachment schema is an object with ``key`` and ``name`` used as the items of an array
    in a request body (a message's ``files`` on create, on update, …). The helper returns the
    one that fits the most others (the first found on a tie), so that its result can be passed
    to every such field whose schema it fits.
    """
    candidates: list[Schema] = []
    for op in operations:
        if op.body is None:
            continue
        for body_field in op.body.fields:
            typ = body_field.type
            if typ.kind == "array" and typ.items is not None and typ.items.kind == "ref":
                schema = schemas.get(typ.items.ref or "")
                if schema is not None and schema.kind == "object" and schema not in candidates:
                    wires = {naming.snake(f.names.wire) for f in schema.fields}
                    if {"key", "name"} <= wires:
                        candidates.append(schema)
    if not candidates:
        return None, ()
    fitted = [
        tuple(other.name for other in candidates if other is not c and _fits(c, other))
        for c in candidates
    ]
    best = max(range(len(candidates)), key=lambda i: (len(fitted[i]), -i))
    return candidates[best], fitted[best]


def _fits(value: Schema, target: Schema) -> bool:
    """Whether a complete ``value`` object is also a valid ``target``: each of its fields is
    a field of ``target`` of the same type, and each field ``target`` requires it requires."""
    fields = {f.names.wire: f for f in target.fields}
    for item in value.fields:
        other = fields.get(item.names.wire)
        if other is None or other.type != item.type:
            return False
    required = {f.names.wire for f in value.fields if f.required}
    return all(f.names.wire in required for f in target.fields if f.required)


def _add_examples(services: tuple[Service, ...], schemas: dict[str, Schema]) -> tuple[Service, ...]:
    synthesizer = ExampleSynthesizer(schemas)
    result: list[Service] = []
    for service in services:
        ops: list[Operation] = []
        for op in service.operations:
            params = tuple(
                (p if p.example is not None else evolve(p, example=_param_example(p, synthesizer)))
                for p in op.parameters
            )
            body = op.body
            if body is not None and body.example is None:
                body = evolve(body, example=synthesizer.for_type(body.type))
            responses = tuple(
                r if r.example is not None or r.type is None
                else evolve(r, example=synthesizer.for_type(r.type))
                for r in op.responses
            )  # fmt: skip
            success, errors = split_responses(responses)
            op = evolve(
                op,
                parameters=params,
                body=body,
                responses=responses,
                success=success,
                errors=errors,
            )
            ops.append(evolve(op, example=example_of(op, synthesizer)))
        result.append(evolve(service, operations=tuple(ops)))
    return tuple(result)


def _param_example(param: Parameter, syn: ExampleSynthesizer) -> JSON:
    """The spec's default is the best example a parameter without one can have."""
    if param.has_default and param.default is not None:
        return param.default
    return syn.for_type(param.type)


def _security(document: dict[str, Any]) -> tuple[SecurityScheme, ...]:
    schemes = as_dict(as_dict(document.get("components")).get("securitySchemes"))
    result: list[SecurityScheme] = []
    if isinstance(schemes, dict):
        for name, raw in schemes.items():
            if not isinstance(raw, dict):
                continue
            result.append(
                SecurityScheme(
                    name=str(name),
                    kind=str(raw.get("type") or ""),
                    scheme=str(raw["scheme"]).lower() if raw.get("scheme") else None,
                    location=str(raw["in"]) if raw.get("in") else None,
                    parameter=str(raw["name"]) if raw.get("name") else None,
                    description=prose(raw.get("description")),
                )
            )
    return tuple(result)
