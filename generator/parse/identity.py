"""Which operations tell the caller who they are: their own profile, and their token's scopes.

The CLI's ``auth status`` and ``doctor`` call them. A candidate is a GET with no path
parameter, no required argument and no body, whose result is an object:

- the **token info** returns an object with a ``scopes`` (or ``scope``) field — a list, or
  OAuth's space-separated string; a path that mentions ``token`` wins a tie;
- the **current user** is found by its path's last segment (``/me``, ``/profile``, ``/user``,
  ``/whoami``, ``/userinfo``, …) or its operation name (``getMe``, ``getCurrentUser``, …);
  the shortest path wins. The fields shown for it are the first of ``id``, the name fields
  and ``email`` that its result has.
"""

from __future__ import annotations

from ..ir import Identity, Operation, Schema, TypeRef
from ..naming import snake

_USER_SEGMENTS = (
    "me",
    "profile",
    "user",
    "whoami",
    "self",
    "account",
    "myself",
    "current_user",
    "userinfo",
    "user_info",
)
_USER_OPERATIONS = (
    "me",
    "whoami",
    "get_me",
    "get_profile",
    "get_current_user",
    "get_self",
    "get_account",
    "get_authenticated_user",
    "get_user_info",
    "get_userinfo",
    "current_user",
)
_SCOPE_FIELDS = ("scopes", "scope")
_USER_FIELDS = (
    "id",
    "name",
    "full_name",
    "display_name",
    "first_name",
    "last_name",
    "nickname",
    "username",
    "login",
    "email",
)
_MAX_USER_FIELDS = 5


def find_identity(operations: tuple[Operation, ...], schemas: dict[str, Schema]) -> Identity:
    candidates = [
        (op, schema)
        for op in operations
        if _plain_get(op) and (schema := _result_object(op.result.type, schemas)) is not None
    ]
    token_info: tuple[Operation, str] | None = None
    for op, schema in sorted(candidates, key=lambda c: "token" not in c[0].path.lower()):
        field = _scopes_field(schema)
        if field is not None:
            token_info = (op, field)
            break
    users = [
        (op, schema)
        for op, schema in candidates
        if (token_info is None or op is not token_info[0]) and _names_the_caller(op)
    ]
    user = min(users, key=lambda c: (len(c[0].path), c[0].path), default=None)
    return Identity(
        current_user=user[0].id if user else None,
        user_fields=_user_fields(user[1]) if user else (),
        token_info=token_info[0].id if token_info else None,
        scopes_field=token_info[1] if token_info else None,
    )


def _plain_get(op: Operation) -> bool:
    return (
        op.method == "GET"
        and op.body is None
        and op.result.kind == "value"
        and not any(p.required or p.location == "path" for p in op.parameters)
    )


def _result_object(typ: TypeRef | None, schemas: dict[str, Schema]) -> Schema | None:
    if typ is None or typ.kind != "ref" or typ.ref is None:
        return None
    schema = schemas.get(typ.ref)
    return schema if schema is not None and schema.kind == "object" else None


def _scopes_field(schema: Schema) -> str | None:
    for field in schema.fields:
        if field.names.wire.lower() not in _SCOPE_FIELDS:
            continue
        typ = field.type
        if typ.kind == "array" or (typ.kind == "primitive" and typ.primitive == "string"):
            return field.names.wire
    return None


def _names_the_caller(op: Operation) -> bool:
    segments = [s for s in op.path.lower().split("/") if s and not s.startswith("{")]
    last = snake(segments[-1]) if segments else ""
    return last in _USER_SEGMENTS or snake(op.id) in _USER_OPERATIONS


def _user_fields(schema: Schema) -> tuple[str, ...]:
    by_key = {f.names.wire.lower(): f.names.wire for f in schema.fields}
    found = [by_key[key] for key in _USER_FIELDS if key in by_key]
    return tuple(found[:_MAX_USER_FIELDS])
