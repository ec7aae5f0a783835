"""parse: the decisions recorded in the IR, fixture by fixture."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Severity, SpecError
from generator.ir import Api, Field, Operation, Parameter, Schema, TypeRef
from generator.load import load_spec
from generator.parse import parse_spec

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def prim(
    name: str, fmt: str | None = None, *, nullable: bool = False, file: bool = False
) -> TypeRef:
    return TypeRef("primitive", primitive=name, format=fmt, nullable=nullable, file=file)  # type: ignore[arg-type]


def ref(name: str, *, nullable: bool = False) -> TypeRef:
    return TypeRef("ref", ref=name, nullable=nullable)


def array(items: TypeRef, *, nullable: bool = False) -> TypeRef:
    return TypeRef("array", items=items, nullable=nullable)


def literal(value: Any) -> TypeRef:
    return TypeRef("literal", literal=value)


def operation(api: Api, operation_id: str) -> Operation:
    (found,) = [op for op in api.operations if op.id == operation_id]
    return found


def field(schema: Schema, wire: str) -> Field:
    (found,) = [f for f in schema.fields if f.names.wire == wire]
    return found


def param(op: Operation, wire: str) -> Parameter:
    (found,) = [p for p in op.parameters if p.names.wire == wire]
    return found


def names(items: Any) -> list[tuple[str, str, str]]:
    return [(i.names.wire, i.names.py, i.names.cli) for i in items]


def parse_file(path: Path, base: Path = FIXTURES) -> tuple[Api, list[Any]]:
    spec = load_spec(path, base_dir=base)
    api, findings = parse_spec(spec)
    return api, [*spec.diagnostics, *findings]


def parse_error(rel: str) -> list[str]:
    with pytest.raises(SpecError) as info:
        parse_file(FIXTURES / rel)
    return [d.render() for d in info.value.diagnostics]


# -- the API, services and operations --------------------------------------------------------


def test_api_level_facts(parsed: Any) -> None:
    api, diagnostics = parsed("features/operations.yaml")
    assert diagnostics == ()
    assert (api.title, api.version, api.openapi_version) == ("Operations API", "2.1.0", "3.0.3")
    assert api.description == "The API description."
    assert api.servers == ("https://api.example.com/v1/", "https://sandbox.example.com/v1")
    assert api.base_url == "https://api.example.com/v1"
    assert [(s.name, s.kind, s.scheme, s.location, s.parameter) for s in api.security] == [
        ("bearerAuth", "http", "bearer", None, None),
        ("oauth", "oauth2", None, None, None),
        ("key", "apiKey", None, "header", "X-Api-Key"),
    ]
    assert api.project.package == "operations"
    assert api.project.client_class == "OperationsClient"


def test_a_document_that_tags_nothing_is_grouped_by_resource(tmp_path: Path) -> None:
    def op(op_id: str) -> dict[str, Any]:
        return {"operationId": op_id, "responses": {"204": {"description": "Done."}}}

    document = {
        "openapi": "3.0.3",
        "info": {"title": "Untagged", "version": "1"},
        "paths": {
            "/v1/customers": {"get": op("GetCustomers"), "post": op("PostCustomers")},
            "/v1/customers/{customer}": {"get": op("GetCustomersCustomer")},
            "/v1/checkout/sessions": {"post": op("PostCheckoutSessions")},
            "/api/v2beta/health": {"get": op("GetHealth")},
            "/{id}": {"get": op("GetRoot")},
        },
    }
    spec = tmp_path / "untagged.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    api, _ = parse_file(spec, tmp_path)
    assert [(s.name, [o.id for o in s.operations]) for s in api.services] == [
        ("customers", ["GetCustomers", "PostCustomers", "GetCustomersCustomer"]),
        ("checkout", ["PostCheckoutSessions"]),
        ("health", ["GetHealth"]),
        ("Default", ["GetRoot"]),  # no segment past its parameters
    ]
    customers = api.services[0]
    assert (customers.names.py, customers.names.cli, customers.class_name) == (
        "customers",
        "customers",
        "CustomersService",
    )


def test_an_operation_id_with_an_empty_namespace_is_kept_whole(tmp_path: Path) -> None:
    """``/0`` has no head before its slash: no service's namespace (it once raised
    IndexError, exit 3)."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Slash", "version": "1"},
        "paths": {
            "/a": {"get": {"operationId": "/0", "responses": {"204": {"description": "Done."}}}}
        },
    }
    spec = tmp_path / "slash.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    api, _ = parse_file(spec, tmp_path)
    assert [op.names.py for op in api.operations] == ["n0"]


def test_an_operation_id_namespaced_by_its_service_drops_the_namespace(tmp_path: Path) -> None:
    def op(op_id: str, tag: str) -> dict[str, Any]:
        return {"operationId": op_id, "tags": [tag], "responses": {"204": {"description": "."}}}

    document = {
        "openapi": "3.0.3",
        "info": {"title": "Octo", "version": "1"},
        "paths": {
            "/issues": {"get": op("issues/list", "issues"), "post": op("issues/create", "issues")},
            "/issues/{n}": {"get": op("issues/get", "issues")},
            "/issues/{n}/lock": {"put": op("repos/lock", "issues")},  # another namespace
            "/pulls/{n}": {"get": op("pulls/get", "pulls"), "put": op("get", "pulls")},
        },
    }
    spec = tmp_path / "octo.yaml"
    spec.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    api, _ = parse_file(spec, tmp_path)
    methods = {
        s.name: [(o.id, o.names.py, o.names.anchor) for o in s.operations] for s in api.services
    }
    assert methods["issues"] == [
        ("issues/list", "list_", "list"),  # `list` would shadow the builtin in the class
        ("issues/create", "create", "create"),
        ("issues/get", "get", "get"),
        ("repos/lock", "repos_lock", "repos-lock"),
    ]
    # `get` is another operation's own name: the namespaced one keeps its whole name
    assert methods["pulls"] == [("pulls/get", "pulls_get", "pulls-get"), ("get", "get", "get")]


def test_services_follow_first_tag_in_declared_order(parsed: Any) -> None:
    api, _ = parsed("features/operations.yaml")
    # Declared tags first (an unused one is dropped), then untagged operations in `Default`.
    assert [s.name for s in api.services] == ["Users", "Messages", "Default"]
    users, messages, default = api.services
    assert (users.names.py, users.names.cli, users.class_name) == ("users", "users", "UsersService")
    assert users.description == "People in the workspace."
    assert default.class_name == "DefaultService"
    assert [op.id for op in users.operations] == ["listUsers", "createUser"]
    # `listMessages` is tagged [Messages, Users]: the first tag decides, all are kept.
    assert [op.id for op in messages.operations] == [
        "listMessages",
        "deleteMessage",
        "updateMessage",
    ]
    assert operation(api, "listMessages").tags == ("Messages", "Users")
    assert [op.id for op in default.operations] == ["ping", "status"]
    assert all(op.service == s.name for s in api.services for op in s.operations)


def test_operation_facts(parsed: Any) -> None:
    api, _ = parsed("features/operations.yaml")
    listing = operation(api, "listMessages")
    assert (listing.method, listing.path) == ("GET", "/messages")
    assert (listing.summary, listing.description) == ("List messages", "Newest first.")
    assert listing.pointer == "/paths/~1messages/get"
    assert (listing.names.py, listing.names.cli, listing.names.anchor) == (
        "list_messages",
        "list",
        "list-messages",
    )
    assert listing.scopes == ("messages:read",)
    assert listing.plan == "premium"
    assert listing.auth_required and listing.idempotent and not listing.deprecated

    delete = operation(api, "deleteMessage")
    # No summary: the first line of the description becomes it.
    assert (delete.summary, delete.description) == ("Deletes a message.", "It cannot be undone.")
    assert delete.deprecated
    assert delete.scopes == ("messages:delete", "messages:write")
    assert delete.idempotent  # DELETE is idempotent by method
    assert operation(api, "updateMessage").idempotent  # PATCH, but x-idempotent: true
    assert not operation(api, "createUser").idempotent
    assert operation(api, "listUsers").scopes == ("users:read",)  # from `security`
    assert operation(api, "createUser").auth_required  # global security applies
    assert not operation(api, "ping").auth_required  # security: []
    assert not operation(api, "status").auth_required  # x-requirements: {auth: false}


def test_auth_is_not_required_without_security_schemes(parsed: Any) -> None:
    api, _ = parsed("features/pagination.yaml")
    assert api.security == ()
    assert not any(op.auth_required for op in api.operations)


def test_missing_operation_ids_are_derived_from_method_and_path(parsed: Any) -> None:
    api, diagnostics = parsed("features/no_operation_id.yaml")
    assert diagnostics == ()
    assert [(op.id, op.derived_id, op.service) for op in api.operations] == [
        ("get_users_by_user_id_posts", True, "Posts"),
        ("post_users_by_user_id_posts", True, "Posts"),
        ("get_health_check", True, "Default"),
    ]
    # a derived id is named by its path's shape, as a REST SDK names its methods
    names = [(op.names.py, op.names.cli) for op in api.operations]
    assert names == [
        ("list_posts", "list"),
        ("create_post", "create"),
        ("health_check", "health-check"),
    ]


def test_derived_operation_ids_do_not_depend_on_path_order(tmp_path: Path) -> None:
    text = (FIXTURES / "features/no_operation_id.yaml").read_text(encoding="utf-8")
    head, rest = text.split("  /users/{userId}/posts:\n")
    posts, health = rest.split("  /health-check:\n")
    (tmp_path / "api.yaml").write_text(
        head + "  /health-check:\n" + health + "  /users/{userId}/posts:\n" + posts,
        encoding="utf-8",
    )
    api, _ = parse_file(tmp_path / "api.yaml", tmp_path)
    assert sorted(op.id for op in api.operations) == [
        "get_health_check",
        "get_users_by_user_id_posts",
        "post_users_by_user_id_posts",
    ]


# -- parameters ------------------------------------------------------------------------------


def test_path_header_and_cookie_parameters(parsed: Any) -> None:
    api, _ = parsed("features/params.yaml")
    op = operation(api, "getMember")
    # Path parameters in path-template order (user_id is declared first, at path level);
    # then headers, then cookies. `Authorization` is the client's business: dropped.
    assert [(p.names.wire, p.location) for p in op.parameters] == [
        ("chat_id", "path"),
        ("user_id", "path"),
        ("X-Request-Id", "header"),
        ("session", "cookie"),
    ]
    assert all(p.required for p in op.parameters if p.location == "path")
    assert (param(op, "chat_id").style, param(op, "chat_id").explode) == ("simple", False)
    header = param(op, "X-Request-Id")
    # The operation's own declaration overrides the path-level one.
    assert header.required
    assert header.type == prim("string", "uuid")
    assert header.description == "Overrides the path-level header."
    assert (header.names.py, header.names.cli) == ("x_request_id", "x-request-id")
    cookie = param(op, "session")
    assert (cookie.style, cookie.explode, cookie.required) == ("form", True, False)


def test_query_parameter_styles_and_names(parsed: Any) -> None:
    api, _ = parsed("features/params.yaml")
    op = operation(api, "listMembers")
    assert names(op.parameters) == [
        ("ids", "ids", "ids"),
        ("role", "role", "role"),
        ("filter", "filter", "filter"),
        ("sort[created_at]", "sort_created_at", "sort-created-at"),
        ("sort[name]", "sort_by_name", "sort-by-name"),  # x-param-names
        ("from", "from_", "from"),  # keyword
        ("type", "type", "type"),  # soft keyword: kept
        ("timeout", "timeout_2", "timeout-2"),  # taken by every SDK method and CLI command
        ("page-size", "page_size", "page-size"),
    ]
    ids = param(op, "ids")
    assert (ids.style, ids.explode, ids.type) == ("form", False, array(prim("integer")))
    role = param(op, "role")
    assert role.type == array(ref("ListMembersRoleItem"))
    assert [v.value for v in api.schema("ListMembersRoleItem").enum_values] == ["admin", "user"]
    filt = param(op, "filter")
    assert (filt.style, filt.explode, filt.type) == ("deepObject", True, ref("ListMembersFilter"))
    assert names(api.schema("ListMembersFilter").fields) == [
        ("name", "name", "name"),
        ("active", "active", "active"),
    ]
    assert param(op, "sort[created_at]").type == ref("ListMembersSortCreatedAt")
    assert param(op, "sort[name]").names.anchor == "sort-name"
    size = param(op, "page-size")
    assert size.deprecated
    assert (size.has_default, size.default, size.example) == (True, 20, 25)
    assert (size.constraints.minimum, size.constraints.maximum) == (1, 100)
    assert param(op, "from").type == prim("string", "date")


# -- request bodies --------------------------------------------------------------------------


def test_wrapper_body_with_outer_scalar(parsed: Any) -> None:
    api, _ = parsed("features/wrapper_body.yaml")
    body = operation(api, "createMessage").body
    assert body is not None
    assert (body.kind, body.content_type, body.required) == ("json", "application/json", True)
    assert body.type == ref("CreateMessageRequest")
    assert body.wrapper_key == "message"
    assert body.flattened
    assert [(f.names.wire, f.required) for f in body.fields] == [
        ("entity_id", True),
        ("content", True),
        ("files", False),
    ]
    assert body.fields[2].type == array(prim("string"))
    assert [(f.names.wire, f.required, f.description) for f in body.outer_fields] == [
        ("link_preview", False, "Show a link preview.")
    ]
    assert api.schema("CreateMessageRequestMessage").inline


def test_wrapper_body_through_refs_keeps_argument_names_unique(parsed: Any) -> None:
    api, _ = parsed("features/wrapper_body.yaml")
    body = operation(api, "updateMessage").body
    assert body is not None
    assert (body.wrapper_key, body.type) == ("message", ref("MessageUpdateRequest"))
    assert body.outer_fields == ()
    # `timeout` is an argument of every generated method: the body field gives way.
    assert names(body.fields) == [
        ("content", "content", "content"),
        ("timeout", "timeout_2", "timeout-2"),  # `--timeout` is the CLI's own
    ]


def test_bodies_that_are_not_wrappers(parsed: Any) -> None:
    api, _ = parsed("features/wrapper_body.yaml")
    # A required scalar beside the object: not a wrapper.
    reaction = operation(api, "addReaction").body
    assert reaction is not None and reaction.wrapper_key is None
    assert [f.names.wire for f in reaction.fields] == ["reaction", "code"]
    # The object property is optional: not a wrapper either.
    chat = operation(api, "createChat").body
    assert chat is not None and chat.wrapper_key is None
    assert [f.names.wire for f in chat.fields] == ["name", "settings"]
    assert chat.outer_fields == ()


def test_body_kinds(parsed: Any) -> None:
    api, _ = parsed("features/bodies.yaml")
    upload = operation(api, "uploadFile").body
    assert upload is not None
    assert (upload.kind, upload.content_type, upload.wrapper_key) == (
        "multipart",
        "multipart/form-data",
        None,
    )
    assert names(upload.fields) == [
        ("file", "file", "file"),
        ("key", "key", "key"),
        ("Content-Type", "content_type", "content-type"),
    ]
    assert upload.fields[0].type == prim("string", "binary", file=True)
    assert upload.fields[0].required
    form = operation(api, "createToken").body
    assert form is not None
    assert (form.kind, form.content_type) == ("form", "application/x-www-form-urlencoded")
    assert [f.names.wire for f in form.fields] == ["grant_type", "scope"]
    raw = operation(api, "putRaw").body
    assert raw is not None
    assert (raw.kind, raw.type, raw.flattened, raw.fields) == (
        "binary",
        prim("string", "binary", file=True),
        False,
        (),
    )
    # JSON wins over text and XML, whatever their order; the others are listed.
    note = operation(api, "createNote").body
    assert note is not None
    assert (note.kind, note.other_content_types) == ("json", ("text/plain", "application/xml"))
    tags = operation(api, "setTags").body
    assert tags is not None
    assert (tags.type, tags.flattened) == (array(prim("string")), False)


# -- responses -------------------------------------------------------------------------------


def test_success_unwrap_and_typed_errors(parsed: Any) -> None:
    api, _ = parsed("features/responses.yaml")
    op = operation(api, "getUser")
    # Specific codes sort before the range that covers them, `default` last.
    assert [r.status for r in op.responses] == ["200", "404", "4XX", "default"]
    assert op.success is not None
    assert (op.success.status, op.success.type) == ("200", ref("GetUserResponse"))
    assert (op.success.unwrap_key, op.success.unwrapped_type) == ("data", ref("User"))
    assert [(e.status, e.type) for e in op.errors] == [
        ("404", ref("NotFound")),
        ("4XX", ref("ApiError")),
        ("default", ref("ApiError")),
    ]
    assert all(e.is_error and e.unwrap_key is None for e in op.errors)
    error_schemas = {s.name for s in api.schemas if s.is_error}
    # Used as an error response, or marked with x-error.
    assert error_schemas == {"ApiError", "Marked", "NotFound", "ValidationErrors"}


def test_no_content_redirects_and_no_unwrap(parsed: Any) -> None:
    api, _ = parsed("features/responses.yaml")
    delete = operation(api, "deleteUser")
    assert delete.success is not None
    assert (delete.success.status, delete.success.type, delete.success.content_type) == (
        "204",
        None,
        None,
    )
    assert [e.status for e in delete.errors] == ["403"]
    avatar = operation(api, "getAvatar")
    (redirect,) = avatar.responses
    assert (redirect.status, redirect.is_redirect, redirect.is_error) == ("302", True, False)
    assert redirect.headers == ("Cache-Control", "Location")
    assert avatar.success is None and avatar.errors == ()
    assert avatar.redirect == "location"  # the redirect is the answer
    assert delete.redirect is None
    listing = operation(api, "listUsers")
    assert listing.success is not None
    assert listing.success.unwrap_key is None  # `data` has a sibling: nothing to unwrap
    assert [(e.status, e.type) for e in listing.errors] == [("400", ref("ValidationErrors"))]
    ids = operation(api, "listUserIds").success
    assert ids is not None
    assert (ids.unwrap_key, ids.unwrapped_type) == ("data", array(prim("integer")))


def test_redirect_mode_is_decided_per_operation(parsed: Any) -> None:
    api, _ = parsed("features/redirects.yaml")
    # Only a 302: return the Location; a 200 body beside a 307: follow to that body.
    assert operation(api, "downloadExport").redirect == "location"
    assert operation(api, "getExportStatus").redirect == "follow"
    assert operation(api, "getExportFile").redirect is None
    assert operation(api, "createExport").redirect is None


# -- pagination ------------------------------------------------------------------------------


def test_cursor_pagination_is_detected(parsed: Any) -> None:
    api, _ = parsed("features/pagination.yaml")
    chats = operation(api, "listChats").pagination
    assert chats is not None
    assert (chats.cursor_param, chats.limit_param) == ("cursor", "limit")
    assert chats.items_path == ("data",)
    assert chats.next_cursor_path == ("meta", "paginate", "next_page")
    assert chats.item_type == ref("Chat")
    users = operation(api, "listUsers").pagination
    assert users is not None
    assert (users.cursor_param, users.limit_param) == ("page_token", "page_size")
    assert (users.items_path, users.next_cursor_path) == (("items",), ("next_page_token",))
    assert users.item_type == ref("User")


def test_x_paginated_post_and_missing_cursor(parsed: Any, position: Any) -> None:
    api, diagnostics = parsed("features/pagination.yaml")
    search = operation(api, "searchUsers").pagination
    assert search is not None
    assert (search.cursor_param, search.limit_param) == ("cursor", None)
    assert (search.items_path, search.next_cursor_path) == (("results",), ("next",))
    assert operation(api, "listTags").pagination is None
    rel = "features/pagination.yaml"
    line, column = position(rel, "get:", 3)
    assert [d.render() for d in diagnostics] == [
        f"{rel}:{line}:{column}: warning: x-paginated is set but the operation has no cursor "
        "query parameter (at #/paths/~1tags/get)"
    ]


# -- schemas ---------------------------------------------------------------------------------


def test_discriminated_union_with_mapping(parsed: Any) -> None:
    api, diagnostics = parsed("features/unions.yaml")
    assert diagnostics == ()
    pet = api.schema("Pet")
    assert (pet.kind, pet.exclusive) == ("union", True)
    assert pet.discriminator is not None
    assert (pet.discriminator.property, pet.discriminator.py_property) == ("pet_type", "pet_type")
    # Two mapping keys point at Cat; a bare name (`dog: Dog`) is a component name.
    assert [(v.type, v.tags) for v in pet.variants] == [
        (ref("Cat"), ("cat", "kitten")),
        (ref("Dog"), ("dog",)),
    ]
    assert pet.depends_on == ("Cat", "Dog")


def test_discriminated_union_tags_without_mapping(parsed: Any) -> None:
    api, _ = parsed("features/unions.yaml")
    event = api.schema("Event")
    assert event.discriminator is not None and event.discriminator.py_property == "type"
    # From the variant's one-value enum, else the component name (the OpenAPI default).
    assert [(v.type, v.tags) for v in event.variants] == [
        (ref("MessageEvent"), ("message",)),
        (ref("ReactionEvent"), ("reaction",)),
        (ref("PingEvent"), ("PingEvent",)),
    ]
    assert field(api.schema("MessageEvent"), "type").type == literal("message")


def test_untagged_unions(parsed: Any) -> None:
    api, _ = parsed("features/unions.yaml")
    identifier = api.schema("Identifier")
    assert (identifier.kind, identifier.exclusive, identifier.discriminator) == (
        "union",
        False,
        None,
    )
    assert [v.type for v in identifier.variants] == [prim("string"), prim("integer")]
    maybe = api.schema("MaybeCat")
    # `nullable` + a one-member oneOf is just a nullable reference.
    assert field(maybe, "cat").type == ref("Cat", nullable=True)
    either = api.schema("MaybeCatEither")
    assert either.inline and either.pointer == "/components/schemas/MaybeCat/properties/either"
    assert [v.type for v in either.variants] == [ref("Cat"), ref("MaybeCatEitherVariant2")]


def test_allof_merges_properties_and_required(parsed: Any) -> None:
    api, _ = parsed("features/allof.yaml")
    named = api.schema("Named")
    assert named.kind == "object"
    assert [(f.names.wire, f.required) for f in named.fields] == [
        ("id", True),
        ("created_at", False),
        ("name", True),
    ]
    employee = api.schema("Employee")
    assert employee.description == "A named thing with a salary."
    assert [(f.names.wire, f.type, f.required) for f in employee.fields] == [
        ("id", prim("string"), True),  # the later part overrides the type, keeps `required`
        ("created_at", prim("string", "date-time"), False),
        ("name", prim("string"), True),
        ("salary", prim("number"), False),
    ]
    assert field(employee, "id").description == "Overrides the base id."


def test_single_allof_is_a_reference(parsed: Any) -> None:
    api, _ = parsed("features/allof.yaml")
    alias = api.schema("Alias")
    assert (alias.kind, alias.target) == ("alias", ref("Base"))
    base = field(api.schema("Holder"), "base")
    assert (base.type, base.description) == (ref("Base"), "A described reference.")


def test_recursive_and_mutually_recursive_schemas(parsed: Any) -> None:
    api, _ = parsed("features/recursive.yaml")
    recursive = {s.name: s.recursive for s in api.schemas}
    assert recursive == {
        "Author": True,
        "Book": True,
        "Comment": True,
        "CommentReplies": True,  # an inline object on the cycle
        "Library": False,  # uses cyclic schemas, is not on a cycle
        "TreeNode": True,
        "JsonValue": True,  # a union that names itself
        "Folder": True,  # a map of itself
        "Path": True,  # two aliases naming each other
        "Step": True,
        "Marker": False,  # named by Step, on no cycle
        "Document": False,
    }
    assert api.schema("TreeNode").depends_on == ("TreeNode",)
    assert field(api.schema("TreeNode"), "children").type == array(ref("TreeNode"))
    assert api.schema("Library").depends_on == ("Book", "TreeNode")
    # Examples of recursive schemas terminate.
    assert json.dumps(api.schema("TreeNode").example)


def mapping(values: TypeRef) -> TypeRef:
    return TypeRef("map", items=values)


def test_maps_and_nested_arrays(parsed: Any) -> None:
    api, _ = parsed("features/maps.yaml")
    labels = api.schema("Labels")
    assert (labels.kind, labels.target, labels.description) == (
        "alias",
        mapping(prim("string")),
        "Free-form labels.",
    )
    assert api.schema("Anything").target == mapping(TypeRef("any"))
    counters = api.schema("Counters")
    # Properties and additionalProperties together: an object that also takes extra keys.
    assert counters.kind == "object"
    assert [f.names.wire for f in counters.fields] == ["total"]
    assert counters.additional == prim("integer")
    settings = api.schema("Settings")
    assert settings.additional is None
    assert [(f.names.wire, f.type) for f in settings.fields] == [
        ("labels", mapping(prim("string"))),  # a named map is used as what it stands for
        ("extra", mapping(TypeRef("any"))),
        ("nested", mapping(ref("SettingsNestedValue"))),
        ("matrix", array(array(prim("number")))),
    ]
    assert api.schema("SettingsNestedValue").inline
    assert settings.depends_on == ("SettingsNestedValue",)


def test_openapi_31_type_lists_and_const(parsed: Any) -> None:
    api, diagnostics = parsed("features/nullable_31.yaml")
    assert diagnostics == ()
    assert api.openapi_version == "3.1.0"
    profile = api.schema("Profile")
    types = {f.names.wire: (f.type, f.required) for f in profile.fields}
    assert types == {
        "kind": (literal("profile"), True),
        "name": (prim("string", nullable=True), True),
        "age": (prim("integer", nullable=True), False),
        "key": (ref("ProfileKey"), False),
        "manager": (ref("Manager", nullable=True), False),
        "tags": (array(prim("string"), nullable=True), False),
        "version": (literal(2), False),
        "mode": (ref("ProfileMode", nullable=True), False),
    }
    assert field(profile, "age").constraints.minimum == 0
    key = api.schema("ProfileKey")
    assert (key.kind, key.exclusive) == ("union", False)
    assert [v.type for v in key.variants] == [prim("string"), prim("integer")]
    mode = api.schema("ProfileMode")
    assert [v.value for v in mode.enum_values] == ["fast", "slow"]  # null makes it nullable
    reviewer = api.schema("Reviewer")  # oneOf: [Profile, null, {…}]
    assert reviewer.nullable
    assert [v.type.ref for v in reviewer.variants] == ["Profile", "ReviewerVariant3"]
    assert not api.schema("ProfileKey").nullable


def test_openapi_30_nullable_and_enums(parsed: Any) -> None:
    api, _ = parsed("features/nullable_30.yaml")
    account = api.schema("Account")
    assert field(account, "nickname").type == prim("string", nullable=True)
    assert field(account, "owner").type == ref("Owner", nullable=True)
    assert field(account, "plain_owner").type == ref("Owner")
    assert field(account, "status").type == ref("Status")
    status = api.schema("Status")
    assert (status.kind, status.enum_type, status.description) == (
        "enum",
        "string",
        "Where an account is.",
    )
    assert [(v.value, v.name, v.description) for v in status.enum_values] == [
        ("active", "ACTIVE", "Can log in."),
        ("in-progress", "IN_PROGRESS", "Being set up."),
        ("2fa", "N2FA", ""),
        ("", "EMPTY", ""),
    ]
    level = api.schema("Level")
    assert level.enum_type == "integer"
    assert [(v.value, v.name) for v in level.enum_values] == [(1, "N1"), (2, "N2"), (-1, "MINUS_1")]


def test_yaml_11_booleans_stay_strings(parsed: Any) -> None:
    api, _ = parsed("features/inline_names.yaml")
    status = api.schema("UserStatus")
    assert [(v.value, v.name) for v in status.enum_values] == [("on", "ON"), ("off", "OFF")]
    assert status.enum_type == "string"


def test_inline_objects_get_stable_collision_free_names(parsed: Any) -> None:
    api, _ = parsed("features/inline_names.yaml")
    body = operation(api, "createUser").body
    assert body is not None
    # `CreateUserRequest` is a component: the inline body takes the next free name.
    assert body.type == ref("CreateUserRequest2")
    assert api.schema("CreateUserRequest").description == "Takes the name an inline body would get."
    assert field(api.schema("CreateUserRequest2"), "address").type == ref(
        "CreateUserRequest2Address"
    )
    response = operation(api, "createUser").success
    assert response is not None and response.type == ref("CreateUserResponse")
    user = api.schema("User")
    # `UserAddress` is a component too.
    assert field(user, "address").type == ref("UserAddress2")
    assert field(user, "address_").type == ref("UserAddress3")
    inline = {s.name: s.pointer for s in api.schemas if s.inline}
    assert inline == {
        "CreateUserRequest2": "/paths/~1users/post/requestBody/content/application~1json/schema",
        "CreateUserRequest2Address": (
            "/paths/~1users/post/requestBody/content/application~1json/schema/properties/address"
        ),
        "CreateUserResponse": "/paths/~1users/post/responses/201/content/application~1json/schema",
        "UserAddress2": "/components/schemas/User/properties/address",
        "UserAddress3": "/components/schemas/User/properties/address_",
        "UserStatus": "/components/schemas/User/properties/status",
    }


def test_property_names_that_collide_are_told_apart(parsed: Any, position: Any) -> None:
    api, diagnostics = parsed("features/inline_names.yaml")
    assert names(api.schema("User").fields) == [
        ("address", "address", "address"),
        ("address_", "address_2", "address-2"),
        ("class", "class_", "class"),
        ("class_", "class__2", "class-2"),
        ("status", "status", "status"),
    ]
    rel = "features/inline_names.yaml"
    assert [d.render() for d in diagnostics] == [
        "{}:{}:{}: warning: property 'address_' collides with another after normalisation; "
        "named 'address_2' in Python (at #/components/schemas/User/properties/address_)".format(
            rel, *position(rel, "address_:")
        ),
        "{}:{}:{}: warning: property 'class_' collides with another after normalisation; "
        "named 'class__2' in Python (at #/components/schemas/User/properties/class_)".format(
            rel, *position(rel, "class_:")
        ),
    ]


def test_reserved_words_in_spec_names(parsed: Any) -> None:
    api, _ = parsed("features/keywords.yaml")
    assert sorted(s.name for s in api.schemas) == ["BaseModelModel", "Class", "N2fa", "TrueModel"]
    assert api.schema("Class").module == "class_"
    assert api.schema("Class").pointer == "/components/schemas/class"
    assert names(api.schema("Class").fields) == [
        ("class", "class_", "class"),
        ("from", "from_", "from"),
        ("model_dump", "model_dump_", "model-dump"),
        ("json", "json_", "json"),
        ("2fa", "n2fa", "2fa"),
        ("_", "field", "value"),
        ("type", "type", "type"),
        ("match", "match", "match"),
        ("str", "str_", "str"),
        ("list", "list_", "list"),
        ("None", "none", "none"),
        ("async", "async_", "async"),
        ("model_config", "model_config_", "model-config"),
        ("copy", "copy_", "copy"),
    ]
    assert [(v.value, v.name) for v in api.schema("TrueModel").enum_values] == [
        ("mro", "MRO_"),
        ("True", "TRUE"),
        ("None", "NONE"),
        ("1", "N1"),
    ]
    (service,) = api.services
    assert (service.name, service.names.py, service.class_name) == (
        "class",
        "class_",
        "ClassService",
    )
    op = operation(api, "import")
    assert (op.names.py, op.names.cli) == ("import_", "import")
    assert names(op.parameters) == [
        ("class", "class_", "class"),
        ("self", "self_2", "self"),
        ("model_dump", "model_dump_", "model-dump"),
    ]


def test_spec_text_is_kept_verbatim(parsed: Any) -> None:
    """Escaping is the targets' job: the IR holds exactly what the spec says."""
    api, _ = parsed("features/injection.yaml")
    assert api.description == (
        "Ends a docstring: \"\"\" and ''' and a backslash \\ and \\n and {{ config }} {% raw %}."
    )
    op = operation(api, "getEvil")
    assert op.summary == 'Summary with """ triple quotes'
    assert op.description == (
        "Jinja {{ 7 * 7 }} and {% if true %}block{% endif %}.\nBackslash at the end \\"
    )
    q = param(op, "q")
    assert (q.description, q.default) == ("Quote \" and '''", '"""; import os; """')
    evil = api.schema("Evil")
    assert evil.description == 'A """docstring""" breaker \\'
    sneaky = evil.fields[0]
    assert sneaky.names.wire == 'a"); import os; #'
    assert (sneaky.names.py, sneaky.names.cli, sneaky.names.anchor) == (
        "a_import_os",
        "a-import-os",
        "a-import-os",
    )
    assert (sneaky.description, sneaky.example) == ("{{ self.__init__.__globals__ }}", '"""')
    kinds = api.schema("EvilKind").enum_values
    assert [(v.value, v.name) for v in kinds] == [
        ('"""', "VALUE"),
        ("{{ x }}", "X"),
        ("\\", "VALUE_2"),
    ]


# -- examples --------------------------------------------------------------------------------


def test_examples_from_the_spec_win(parsed: Any) -> None:
    api, _ = parsed("features/examples.yaml")
    op = operation(api, "createItem")
    assert param(op, "trace").example == "abc-123"  # from `examples`
    assert param(op, "dry_run").example is True  # synthesized
    assert op.body is not None and op.body.example == {"name": "From the spec"}
    assert api.schema("Documented").example == {"given": True}
    assert field(api.schema("Item"), "name").example == "Widget"


def test_examples_are_synthesized_from_types(parsed: Any) -> None:
    api, _ = parsed("features/examples.yaml")
    example = api.schema("Item").example
    assert isinstance(example, dict)
    top = {key: value for key, value in example.items() if key != "parent"}
    assert top == {
        "name": "Widget",  # the property's example
        "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "price": 1.5,
        "count": 3,  # the default
        "created": "2025-01-15T10:30:00Z",
        "kind": "small",  # the first enum value
        "tags": ["string"],
        "attrs": {"key": 1},
    }
    # The recursive reference is expanded once, then stops.
    assert example["parent"]["parent"] == {}
    success = operation(api, "createItem").success
    assert success is not None and success.example == example


def test_parameter_examples_prefer_the_default(parsed: Any) -> None:
    api, _ = parsed("features/pagination.yaml")
    op = operation(api, "listChats")
    assert (param(op, "limit").example, param(op, "cursor").example) == (50, "string")


def test_union_examples_carry_their_tag(parsed: Any) -> None:
    api, _ = parsed("features/unions.yaml")
    assert api.schema("Pet").example == {"pet_type": "cat", "lives": 1}
    assert api.schema("Event").example == {"type": "message", "text": "string"}


def test_examples_are_deterministic() -> None:
    path = FIXTURES / "features/examples.yaml"
    first, _ = parse_file(path)
    second, _ = parse_file(path)
    assert first == second
    assert json.dumps(dataclasses.asdict(first), sort_keys=True) == json.dumps(
        dataclasses.asdict(second), sort_keys=True
    )


def test_examples_do_not_depend_on_other_schema_names(tmp_path: Path) -> None:
    """Renaming `Chat` (which sorts before `ChatList`) must not change ChatList's example."""
    text = (FIXTURES / "features/pagination.yaml").read_text(encoding="utf-8")
    renamed = text.replace('schemas/Chat"', 'schemas/ZChat"').replace("    Chat:\n", "    ZChat:\n")
    assert renamed != text
    (tmp_path / "api.yaml").write_text(renamed, encoding="utf-8")
    before, _ = parse_file(FIXTURES / "features/pagination.yaml")
    after, _ = parse_file(tmp_path / "api.yaml", tmp_path)
    assert after.schema("ZChat").example == before.schema("Chat").example
    assert after.schema("ChatList").example == before.schema("ChatList").example


# -- errors ----------------------------------------------------------------------------------


def test_duplicate_operation_id_names_both_places(position: Any) -> None:
    rel = "bad/duplicate_operation_id.yaml"
    first = "{}:{}".format(*position(rel, "operationId", 1))
    line, column = position(rel, "operationId", 2)
    assert parse_error(rel) == [
        f"{rel}:{line}:{column}: error: duplicate operationId 'listThings' (also at {rel}:{first})"
        " (at #/paths/~1teams/get/operationId)"
    ]


def test_schemas_that_become_one_class(position: Any) -> None:
    rel = "bad/colliding_schemas.yaml"
    first = "{}:{}".format(*position(rel, "user_profile:"))
    line, column = position(rel, "UserProfile:")
    assert parse_error(rel) == [
        f"{rel}:{line}:{column}: error: schema names 'UserProfile' and 'user_profile' both become "
        f"class 'UserProfile' (other at {rel}:{first}) (at #/components/schemas/UserProfile)"
    ]


def test_operations_that_become_one_method(position: Any) -> None:
    rel = "bad/colliding_methods.yaml"
    first = "{}:{}".format(*position(rel, "get:", 1))
    line, column = position(rel, "get:", 2)
    assert parse_error(rel) == [
        f"{rel}:{line}:{column}: error: operations 'listUsers' and 'list_users' both become "
        f"method 'list_users' in service 'Users' (other at {rel}:{first}) "
        "(at #/paths/~1users~1all/get)"
    ]


def test_same_method_name_in_different_services_is_fine(tmp_path: Path) -> None:
    text = (FIXTURES / "bad/colliding_methods.yaml").read_text(encoding="utf-8")
    (tmp_path / "api.yaml").write_text(text.replace("tags: [Users]", "tags: [Teams]", 1))
    api, _ = parse_file(tmp_path / "api.yaml", tmp_path)
    assert [(op.service, op.names.py) for op in api.operations] == [
        ("Teams", "list_users"),
        ("Users", "list_users"),
    ]


def test_multifile_spec_parses(parsed: Any) -> None:
    api, diagnostics = parsed("multifile/root.yaml")
    assert diagnostics == ()
    assert [op.id for op in api.operations] == ["listUsers", "createUser", "getUser"]
    assert sorted(s.name for s in api.schemas) == ["Address", "Status", "Team", "Timestamp", "User"]
    timestamp = api.schema("Timestamp")
    assert (timestamp.kind, timestamp.target) == ("alias", prim("string", "date-time"))
    assert timestamp.description == "When it happened."
    user = api.schema("User")
    # A named primitive is used as what it stands for.
    assert field(user, "created_at").type == prim("string", "date-time")
    assert field(user, "address").type == ref("Address")
    assert field(user, "status").type == ref("Status")
    assert field(api.schema("Team"), "address").type == ref("Address")
    listing = operation(api, "listUsers")
    assert listing.success is not None and listing.success.type == array(ref("User"))
    assert param(listing, "limit").constraints.maximum == 100
    body = operation(api, "createUser").body
    assert body is not None and body.type == ref("User")


def test_json_spec_parses(parsed: Any) -> None:
    api, diagnostics = parsed("features/small.json")
    assert diagnostics == ()
    success = operation(api, "listPets").success
    assert success is not None and success.type == array(ref("Pet"))
    assert field(api.schema("Pet"), "born").type == prim("string", "date")


def test_every_feature_fixture_parses_cleanly(parsed: Any) -> None:
    expected_warnings = {
        "features/pagination.yaml": 1,
        "features/inline_names.yaml": 2,
        "features/webhooks_31.yaml": 1,  # a webhook whose body is not JSON
    }
    for path in sorted((FIXTURES / "features").iterdir()):
        rel = str(path.relative_to(FIXTURES))
        _, diagnostics = parsed(rel)
        assert all(d.severity is Severity.WARNING for d in diagnostics)
        assert len(diagnostics) == expected_warnings.get(rel, 0), rel


# -- robustness ------------------------------------------------------------------------------

_DOCUMENTS = {
    path.name: load_spec(path, base_dir=FIXTURES, validate=False).document
    for path in sorted((FIXTURES / "features").glob("*.yaml"))
}
_ODD_VALUES = st.sampled_from(
    [None, [], {}, "x", 3, -1.5, True, [1, "a"], [None], {"$ref": "#/nowhere"}, {"$ref": 3},
     {"type": ["string", 3]}, {"type": "weird"}, {"enum": [[1], {"a": 1}, None]},
     {"oneOf": [None, 3]}, {"allOf": [{"$ref": "#/components"}]}, {"properties": {"a": 3}},
     {"type": "array", "items": 3}, {"type": "object", "additionalProperties": 3},
     {"discriminator": {"propertyName": 3}, "oneOf": [{"$ref": "#/components/schemas"}]}]
)  # fmt: skip


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_malformed_documents_give_spec_errors_not_crashes(data: Any) -> None:
    """Validation only warns, so the parser meets malformed nodes: it must never crash."""
    name = data.draw(st.sampled_from(sorted(_DOCUMENTS)))
    document = copy.deepcopy(_DOCUMENTS[name])
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(document)))
        node = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = copy.deepcopy(data.draw(_ODD_VALUES))
    spec = load_spec(FIXTURES / "features" / name, base_dir=FIXTURES, validate=False)
    spec.document = document
    try:
        parse_spec(spec)
    except SpecError as exc:
        assert all(d.severity is Severity.ERROR for d in exc.diagnostics)


def test_wrapper_argument_never_collides_with_path_or_inner_names(parsed: Any) -> None:
    """`PUT /notes/{note}` with `{"note": {"note": ...}}`: three different Python names."""
    api, _ = parsed("features/wrapper_collision.yaml")
    (op,) = api.operations
    assert op.body is not None and op.body.wrapper_key == "note"
    names = [op.parameters[0].names.py, op.body.wrapper_py, *(f.names.py for f in op.body.fields)]
    assert len(set(names)) == len(names)
    assert [f.names.wire for f in op.body.fields] == ["note", "pinned"]


# -- path templates (issue 6.8) --------------------------------------------------------------


def test_malformed_path_templates_are_located_errors(position: Any) -> None:
    rel = "bad/path_templates.yaml"
    empty = "{}:{}".format(*position(rel, "/a/{}/b:"))
    unclosed = "{}:{}".format(*position(rel, "/a/{id:"))
    assert parse_error(rel) == [
        f"{rel}:{empty}: error: malformed path template '/a/{{}}/b': empty placeholder `{{}}` "
        "at character 4 (at #/paths/~1a~1{}~1b)",
        f"{rel}:{unclosed}: error: malformed path template '/a/{{id': unclosed `{{` "
        "at character 4 (at #/paths/~1a~1{id)",
    ]


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("/a/}", "`}` without an opening `{` at character 4"),
        ("/a/{b{c}}", "`{` inside a placeholder at character 6"),
        ("/a/{ }", "empty placeholder `{}` at character 4"),
    ],
)
def test_other_malformed_templates(template: str, problem: str) -> None:
    from generator.parse.paths import TemplateError, placeholders

    with pytest.raises(TemplateError) as info:
        placeholders(template)
    assert str(info.value) == problem


def test_placeholders_in_order_with_any_name() -> None:
    from generator.parse.paths import placeholders

    assert placeholders("/a/{x}/b/{user-id}.{fmt}") == ("x", "user-id", "fmt")
    assert placeholders("/plain") == ()


def test_undeclared_path_placeholder_becomes_a_required_string(parsed: Any, position: Any) -> None:
    rel = "names/undeclared_path_params.yaml"
    api, diagnostics = parsed(rel)
    member = operation(api, "getMember")
    assert [(p.names.wire, p.names.py, p.location, p.required) for p in member.parameters] == [
        ("chat_id", "chat_id", "path", True),  # synthesized, in template order
        ("user-id", "user_id", "path", True),
        ("limit", "limit", "query", False),
    ]
    assert param(member, "chat_id").type == prim("string")
    assert param(member, "user-id").type == prim("integer")
    ours = [d.render() for d in diagnostics if "added as a required" in d.message]
    line, column = position(rel, "get:")
    assert ours[0] == (
        f"{rel}:{line}:{column}: warning: path '/chats/{{chat_id}}/members/{{user-id}}' has "
        "placeholder {chat_id} but no path parameter 'chat_id'; added as a required string "
        "argument 'chat_id' (at #/paths/~1chats~1{chat_id}~1members~1{user-id}/get)"
    )
    assert [p.names.wire for p in operation(api, "deleteChat").parameters] == ["id"]
    assert len(ours) == 2
    # said once: the validator's "Path parameter … was not resolved" is not repeated beside it
    assert [d for d in diagnostics if "{chat_id}" in (d.location.pointer or "")] == [
        d for d in diagnostics if "added as a required" in d.message and "chat_id" in d.message
    ]


# -- servers, stray path parameters, enums a Literal cannot hold ------------------------------

STRAYS = """\
openapi: 3.0.3
info: {title: Strays, version: "1"}
servers:
  - url: "https://{region}.example.com/{version}"
    variables:
      region: {default: eu}
      version: {default: v2}
  - url: "https://{tenant}.example.org"
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: other, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok}
components:
  schemas:
    Rate: {type: number, enum: [0.5, 1, 1.5]}
"""


def test_server_variables_take_their_defaults(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(STRAYS, encoding="utf-8")
    api, findings = parse_file(tmp_path / "api.yaml", tmp_path)
    assert api.servers == ("https://eu.example.com/v2", "https://{tenant}.example.org")
    assert api.base_url == "https://eu.example.com/v2"
    (warning,) = [f.render() for f in findings if "{tenant}" in f.message]
    assert "no default" in warning and "#/servers/1/url" in warning


def test_a_path_parameter_missing_from_the_path_is_dropped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(STRAYS, encoding="utf-8")
    api, findings = parse_file(tmp_path / "api.yaml", tmp_path)
    assert [p.names.wire for p in operation(api, "getUser").parameters] == ["id"]
    (warning,) = [f.render() for f in findings if "'other'" in f.message]
    assert "does not appear in the path" in warning and "api.yaml:15:" in warning
