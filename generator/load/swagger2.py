"""Convert a Swagger 2.0 document into an OpenAPI 3.0.3 document.

``convert`` never mutates its input. Besides the new document it returns:

* ``mounts`` -- ``(new pointer prefix, old pointer prefix)`` pairs. A JSON pointer into the new
  document maps back to the closest location in the Swagger source by longest-prefix match
  (on whole segments); ``Converted.source_pointer`` does exactly that.
* ``notes`` -- one ``"<JSON pointer>: <text>"`` line per lossy or corrective step. Like every
  pointer handed out here, it is in the new document's terms: mapped through ``mounts`` it gives
  the exact source location (it names the new element when one exists, otherwise the place a
  dropped element would have had).

Only a document whose ``swagger`` field is not ``"2.0"`` is refused (``ValueError``); anything
else is converted as faithfully as the source allows, and oddities are reported in ``notes``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote

__all__ = ["OPENAPI_VERSION", "Converted", "convert"]

OPENAPI_VERSION = "3.0.3"
DEFAULT_MEDIA_TYPE = "application/json"
MULTIPART = "multipart/form-data"
URLENCODED = "application/x-www-form-urlencoded"
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch"})
BODY_KINDS = frozenset({"body", "formData"})

# Keywords of a Swagger 2 non-body parameter / header / items object that describe its value.
_VALUE_KEYWORDS = (
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
    "x-nullable",
)
_QUERY_STYLES: dict[str, tuple[str, bool]] = {
    "csv": ("form", False),
    "multi": ("form", True),
    "ssv": ("spaceDelimited", False),
    "pipes": ("pipeDelimited", False),
}
_OAUTH2_FLOWS = {
    "implicit": ("implicit", ("authorizationUrl",)),
    "password": ("password", ("tokenUrl",)),
    "application": ("clientCredentials", ("tokenUrl",)),
    "accessCode": ("authorizationCode", ("authorizationUrl", "tokenUrl")),
}
_COMPONENT_NAME = re.compile(r"[A-Za-z0-9.\-_]+")
_SECTIONS = {
    "definitions": "schemas",
    "parameters": "parameters",
    "responses": "responses",
    "securityDefinitions": "securitySchemes",
}
_RENAMED_MOUNTS = {
    "definitions": ("schemas",),
    "parameters": ("parameters", "requestBodies"),
    "responses": ("responses",),
    "securityDefinitions": ("securitySchemes",),
}
_REF_SAFE = "!$&'()*+,;=:@-._~"


@dataclass(frozen=True)
class Converted:
    """The result of :func:`convert`."""

    document: dict[str, Any]
    mounts: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]

    def source_pointer(self, pointer: str) -> str:
        """Map a JSON pointer into ``document`` to the closest pointer into the source."""
        best = ("", "")
        for new, old in self.mounts:
            if _has_prefix(pointer, new) and len(new) >= len(best[0]):
                best = (new, old)
        return best[1] + pointer[len(best[0]) :]


def convert(doc: Mapping[str, Any]) -> Converted:
    """Convert the Swagger 2.0 document ``doc`` to OpenAPI 3.0.3."""
    ctx = _Context.start(doc)
    out: dict[str, Any] = {"openapi": OPENAPI_VERSION, "info": copy.deepcopy(doc.get("info", {}))}
    if "externalDocs" in doc:
        out["externalDocs"] = copy.deepcopy(doc["externalDocs"])
    out["servers"] = _servers(ctx, doc.get("schemes"), "")
    if "tags" in doc:
        out["tags"] = copy.deepcopy(doc["tags"])
    if "security" in doc:
        out["security"] = _security_requirements(ctx, doc["security"])
    out["paths"] = _paths(ctx, doc.get("paths") or {})
    components = _components(ctx)
    if components:
        out["components"] = components
    for key, value in doc.items():
        if _is_extension(key):
            out[key] = copy.deepcopy(value)
        elif key not in _KNOWN_ROOT_KEYS:
            ctx.note(_pointer(key), "unknown top-level field dropped")
    return Converted(document=out, mounts=ctx.final_mounts(), notes=ctx.final_notes(out))


_KNOWN_ROOT_KEYS = frozenset(
    {
        "swagger",
        "info",
        "host",
        "basePath",
        "schemes",
        "consumes",
        "produces",
        "paths",
        "definitions",
        "parameters",
        "responses",
        "securityDefinitions",
        "security",
        "tags",
        "externalDocs",
    }
)


# --------------------------------------------------------------------------- context


@dataclass
class _Context:
    """Conversion state: the source document, defaults, renames, mounts and notes."""

    src: Mapping[str, Any]
    consumes: list[str]
    produces: list[str]
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    body_mime: dict[str, str] = field(default_factory=dict)
    mounts: dict[str, str] = field(default_factory=dict)  # new prefix -> old prefix
    by_old: dict[str, list[str]] = field(default_factory=dict)  # old prefix -> new prefixes
    notes: list[tuple[str, str]] = field(default_factory=list)  # (source pointer, text)
    schemes_noted: bool = False  # said once per document, not once per operation

    @classmethod
    def start(cls, doc: Mapping[str, Any]) -> _Context:
        if not isinstance(doc, Mapping):
            raise ValueError("not a Swagger 2.0 document: expected a mapping at the top level")
        version = doc.get("swagger")
        if version != "2.0" and not (isinstance(version, float) and version == 2.0):
            raise ValueError(
                f"not a Swagger 2.0 document: 'swagger' is {version!r}, expected '2.0'"
                + (" (this looks like OpenAPI 3; no conversion needed)" if "openapi" in doc else "")
            )
        ctx = cls(
            src=doc,
            consumes=_media_types(doc.get("consumes")),
            produces=_media_types(doc.get("produces")),
        )
        if version != "2.0":
            ctx.note("/swagger", "version given as a number, not the string '2.0'")
        for new, old in [
            ("", ""),
            ("/components/schemas", "/definitions"),
            ("/components/parameters", "/parameters"),
            ("/components/requestBodies", "/parameters"),
            ("/components/responses", "/responses"),
            ("/components/securitySchemes", "/securityDefinitions"),
        ]:
            ctx.mount(new, old)
        for section in _SECTIONS:
            ctx.names[section] = _component_names(ctx, section)
        for name, param in _mapping(doc.get("parameters")).items():
            if isinstance(param, Mapping) and param.get("in") in BODY_KINDS:
                ctx.body_mime[name] = _body_media_type([param], ctx.consumes)
        return ctx

    def mount(self, new: str, old: str) -> None:
        if new not in self.mounts:
            self.mounts[new] = old
            self.by_old.setdefault(old, []).append(new)

    def note(self, pointer: str, text: str) -> None:
        """Record a lossy step at ``pointer`` in the *source* document."""
        self.notes.append((pointer, text))

    def note_dropped_schemes(self, pointer: str) -> None:
        """Without ``host`` every server is relative, so no ``schemes`` can be kept: said at the
        first place that gives some (Kubernetes' description gives them on all 1,067 operations)."""
        if not self.schemes_noted:
            self.schemes_noted = True
            self.note(
                pointer,
                "schemes dropped (here and wherever else given): no host, so the server is"
                " relative",
            )

    def name(self, section: str, name: str) -> str:
        return self.names.get(section, {}).get(name, name)

    def final_mounts(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.mounts.items())

    def final_notes(self, document: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(f"{self.new_pointer(old, document)}: {text}" for old, text in self.notes)

    def source_pointer(self, pointer: str) -> str:
        for prefix in _prefixes(pointer):
            if prefix in self.mounts:
                return self.mounts[prefix] + pointer[len(prefix) :]
        return pointer

    def new_pointer(self, old: str, document: Mapping[str, Any]) -> str:
        """A pointer in new-document terms that maps back (via the mounts) exactly to ``old``.

        Preferred, in order: a candidate that exists in ``document``; one from the mount with
        the longest old prefix; one whose remainder reaches deepest below its mount point (the
        place a dropped element would have had); the mount registered first.
        """
        best, best_score = old, (False, -1, -1)
        for prefix in _prefixes(old):
            for new_prefix in self.by_old.get(prefix, []):
                candidate = new_prefix + old[len(prefix) :]
                if self.source_pointer(candidate) != old:
                    continue
                depth = _existing_depth(document, candidate)
                below = depth - new_prefix.count("/")
                score = (depth == candidate.count("/"), len(prefix), below)
                if score > best_score:
                    best, best_score = candidate, score
        return best


def _component_names(ctx: _Context, section: str) -> dict[str, str]:
    """Map each name in a Swagger section to a valid, unique OpenAPI 3 component name."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for name in _mapping(ctx.src.get(section)):
        new = name if _COMPONENT_NAME.fullmatch(name) else re.sub(r"[^A-Za-z0-9.\-_]", "_", name)
        base, counter = new, 2
        while new in taken:
            new, counter = f"{base}_{counter}", counter + 1
        if new != name:
            ctx.note(_pointer(section, name), f"component name {name!r} renamed to {new!r}")
            for target in _RENAMED_MOUNTS[section]:
                ctx.mount(_pointer("components", target, new), _pointer(section, name))
        names[name] = new
        taken.add(new)
    return names


# --------------------------------------------------------------------------- small helpers


def _pointer(*segments: str) -> str:
    return "".join("/" + _escape(str(s)) for s in segments)


def _child(base: str, *segments: Any) -> str:
    return base + _pointer(*(str(s) for s in segments))


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def _prefixes(pointer: str) -> list[str]:
    """``pointer`` and each of its ancestors, longest first, ending with the root ``""``."""
    parts = pointer.split("/")
    return ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]


def _existing_depth(document: Any, pointer: str) -> int:
    """How many leading segments of ``pointer`` resolve in ``document``."""
    node, depth = document, 0
    for raw in pointer.split("/")[1:]:
        segment = _unescape(raw)
        if isinstance(node, Mapping) and segment in node:
            node = node[segment]
        elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
        else:
            break
        depth += 1
    return depth


def _has_prefix(pointer: str, prefix: str) -> bool:
    return prefix == "" or pointer == prefix or pointer.startswith(prefix + "/")


def _is_extension(key: Any) -> bool:
    return isinstance(key, str) and key.startswith("x-")


def _extensions(obj: Mapping[str, Any], *, skip: Iterable[str] = ()) -> dict[str, Any]:
    skipped = set(skip)
    return {k: copy.deepcopy(v) for k, v in obj.items() if _is_extension(k) and k not in skipped}


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _media_types(value: Any, default: list[str] | None = None) -> list[str]:
    if isinstance(value, list) and value:
        return list(dict.fromkeys(str(v) for v in value))
    return list(default) if default else [DEFAULT_MEDIA_TYPE]


def _op_media_types(op: Mapping[str, Any], key: str, inherited: list[str]) -> list[str]:
    return _media_types(op[key]) if key in op else list(inherited)


# --------------------------------------------------------------------------- $ref


def _rewrite_ref(ctx: _Context, ref: str, at: str) -> str:
    """Point a Swagger 2 reference at the matching OpenAPI 3 location."""
    if not ref.startswith("#/"):
        ctx.note(at, f"external reference {ref!r} kept as is (the target is not converted)")
        return ref
    old = [_unescape(unquote(s)) for s in ref[2:].split("/")]
    new = _ref_segments(ctx, old)
    if new == old:
        return ref
    return "#/" + "/".join(quote(_escape(s), safe=_REF_SAFE) for s in new)


def _ref_segments(ctx: _Context, segs: list[str]) -> list[str]:
    if len(segs) < 2 or segs[0] not in _SECTIONS:
        return segs
    section, name, rest = segs[0], segs[1], segs[2:]
    new_name = ctx.name(section, name)
    if section == "parameters" and name in ctx.body_mime:
        if rest[:1] == ["schema"]:
            rest = ["content", ctx.body_mime[name], "schema", *rest[1:]]
        return ["components", "requestBodies", new_name, *rest]
    if section == "parameters" and rest[:1] and rest[0] in _VALUE_KEYWORDS:
        rest = ["schema", *rest]
    if section == "responses" and rest[:1] == ["schema"]:
        rest = ["content", ctx.produces[0], "schema", *rest[1:]]
    return ["components", _SECTIONS[section], new_name, *rest]


def _resolve_parameter(
    ctx: _Context, param: Mapping[str, Any]
) -> tuple[Mapping[str, Any], str | None, str | None]:
    """Return (parameter, its source pointer if shared, its shared name) for a local $ref."""
    ref = param.get("$ref")
    prefix = "#/parameters/"
    if isinstance(ref, str) and ref.startswith(prefix) and "/" not in ref[len(prefix) :]:
        name = _unescape(unquote(ref[len(prefix) :]))
        target = _mapping(ctx.src.get("parameters")).get(name)
        if isinstance(target, Mapping):
            return target, _pointer("parameters", name), name
    return param, None, None


def _resolve_response(ctx: _Context, resp: Mapping[str, Any]) -> tuple[Mapping[str, Any], str]:
    ref = resp.get("$ref")
    prefix = "#/responses/"
    if isinstance(ref, str) and ref.startswith(prefix) and "/" not in ref[len(prefix) :]:
        name = _unescape(unquote(ref[len(prefix) :]))
        target = _mapping(ctx.src.get("responses")).get(name)
        if isinstance(target, Mapping):
            return target, _pointer("responses", name)
    return resp, ""


# --------------------------------------------------------------------------- schemas


def _schema(ctx: _Context, node: Any, at: str) -> Any:
    """Convert a Swagger 2 Schema (or Items) object; ``at`` is its source pointer."""
    if not isinstance(node, Mapping):
        return copy.deepcopy(node)
    out: dict[str, Any] = {}
    for key, value in node.items():
        here = _child(at, key)
        if key == "$ref" and isinstance(value, str):
            out[key] = _rewrite_ref(ctx, value, here)
        elif key == "properties" and isinstance(value, Mapping):
            out[key] = {k: _schema(ctx, v, _child(here, k)) for k, v in value.items()}
        elif key in ("additionalProperties", "not") and isinstance(value, Mapping):
            out[key] = _schema(ctx, value, here)
        elif key in ("allOf", "anyOf", "oneOf") and isinstance(value, list):
            out[key] = [_schema(ctx, v, _child(here, i)) for i, v in enumerate(value)]
        elif key == "items":
            out[key] = _items(ctx, value, here)
        elif key == "x-nullable":
            if value is True:
                out["nullable"] = True
        elif key == "discriminator" and isinstance(value, str):
            out[key] = {"propertyName": value}
        elif key == "collectionFormat":
            if value != "csv":
                ctx.note(here, f"nested collectionFormat {value!r} has no OpenAPI 3 equivalent")
        else:
            out[key] = copy.deepcopy(value)
    return _finish_schema(out)


def _items(ctx: _Context, value: Any, at: str) -> Any:
    if isinstance(value, list):
        ctx.note(at, "tuple-style items (a list) is not supported in OpenAPI 3; used anyOf")
        return {"anyOf": [_schema(ctx, v, _child(at, i)) for i, v in enumerate(value)]}
    return _schema(ctx, value, at)


def _finish_schema(out: dict[str, Any]) -> dict[str, Any]:
    if out.get("type") == "file":
        out["type"], out["format"] = "string", "binary"
    if out.get("nullable") is True and "$ref" in out:
        # Siblings of $ref are ignored in OpenAPI 3.0: wrap the reference so nullable counts.
        out["allOf"] = [{"$ref": out.pop("$ref")}, *out.get("allOf", [])]
    return out


def _value_schema(ctx: _Context, obj: Mapping[str, Any], at: str) -> dict[str, Any]:
    """Build a Schema from the value keywords of a parameter or header."""
    picked = {k: obj[k] for k in _VALUE_KEYWORDS if k in obj}
    result: dict[str, Any] = _schema(ctx, picked, at)
    return result


# --------------------------------------------------------------------------- parameters


def _style(ctx: _Context, param: Mapping[str, Any], at: str) -> dict[str, Any]:
    """Translate collectionFormat (csv by default) of an array parameter to style/explode."""
    if param.get("type") != "array":
        return {}
    fmt = param.get("collectionFormat", "csv")
    where = param.get("in")
    if where in ("query", "formData") and fmt in _QUERY_STYLES:
        style, explode = _QUERY_STYLES[fmt]
        return {"style": style, "explode": explode}
    if where in ("path", "header") and fmt == "csv":
        return {}  # style "simple" (the default) is comma-separated
    ctx.note(
        _child(at, "collectionFormat"),
        f"collectionFormat {fmt!r} has no OpenAPI 3 equivalent for {where} parameters; "
        + ("serialised as csv (style form, explode false)" if where == "query" else "dropped"),
    )
    return {"style": "form", "explode": False} if where == "query" else {}


def _parameter(ctx: _Context, param: Mapping[str, Any], new_at: str, old_at: str) -> dict[str, Any]:
    """Convert a query/path/header parameter (or a $ref to one)."""
    ctx.mount(new_at, old_at)
    if isinstance(param.get("$ref"), str):
        return {"$ref": _rewrite_ref(ctx, param["$ref"], _child(old_at, "$ref"))}
    out: dict[str, Any] = {k: copy.deepcopy(param[k]) for k in ("name", "in") if k in param}
    if "description" in param:
        out["description"] = param["description"]
    if param.get("in") == "path":
        if param.get("required") is not True:
            ctx.note(old_at, "path parameter made required (OpenAPI 3 requires it)")
        out["required"] = True
    elif "required" in param:
        out["required"] = param["required"]
    if "allowEmptyValue" in param:
        if param.get("in") == "query":
            out["allowEmptyValue"] = param["allowEmptyValue"]
        else:
            ctx.note(_child(old_at, "allowEmptyValue"), "allowEmptyValue only exists on query")
    if param.get("type") == "file":
        ctx.note(_child(old_at, "type"), "type 'file' outside formData; became a binary string")
    out.update(_style(ctx, param, old_at))
    out["schema"] = _value_schema(ctx, param, old_at)
    ctx.mount(_child(new_at, "schema"), old_at)
    out.update(_extensions(param, skip=("x-nullable",)))
    return out


def _header(ctx: _Context, header: Any, new_at: str, old_at: str) -> Any:
    if not isinstance(header, Mapping):
        return copy.deepcopy(header)
    out: dict[str, Any] = {}
    if "description" in header:
        out["description"] = header["description"]
    fmt = header.get("collectionFormat", "csv")
    if header.get("type") == "array" and fmt != "csv":
        ctx.note(_child(old_at, "collectionFormat"), f"header collectionFormat {fmt!r} dropped")
    out["schema"] = _value_schema(ctx, header, old_at)
    ctx.mount(_child(new_at, "schema"), old_at)
    out.update(_extensions(header, skip=("x-nullable",)))
    return out


@dataclass(frozen=True)
class _BodyParam:
    """A body or formData parameter waiting to be folded into a requestBody."""

    param: Mapping[str, Any]  # resolved (never a $ref)
    source: str  # pointer to the parameter definition (the shared one when referenced)
    site: str  # pointer to where the operation or path item lists it
    shared: str | None  # shared parameter name when listed through a $ref

    @property
    def key(self) -> tuple[Any, Any]:
        return self.param.get("name"), self.param.get("in")


def _split_parameters(
    ctx: _Context, params: Any, new_at: str, old_at: str
) -> tuple[list[dict[str, Any]], list[_BodyParam], set[tuple[Any, Any]]]:
    """Convert a parameter list: (kept parameters, body/formData parameters, all name/in keys)."""
    kept: list[dict[str, Any]] = []
    bodies: list[_BodyParam] = []
    keys: set[tuple[Any, Any]] = set()
    for index, raw in enumerate(params if isinstance(params, list) else []):
        site = _child(old_at, index)
        if not isinstance(raw, Mapping):
            ctx.note(site, "parameter is not an object; dropped")
            continue
        param, shared_at, shared = _resolve_parameter(ctx, raw)
        keys.add((param.get("name"), param.get("in")))
        if param.get("in") in BODY_KINDS:
            bodies.append(_BodyParam(param, shared_at or site, site, shared))
        else:
            kept.append(_parameter(ctx, raw, _child(new_at, len(kept)), site))
    return kept, bodies, keys


# --------------------------------------------------------------------------- request bodies


def _body_media_type(params: list[Mapping[str, Any]], consumes: list[str]) -> str:
    """The media type of a request body: the first consumes entry or the form encoding."""
    if params and params[0].get("in") == "body":
        return consumes[0]
    files = any(p.get("type") == "file" for p in params)
    return MULTIPART if files or MULTIPART in consumes else URLENCODED


def _json_body(
    ctx: _Context, param: Mapping[str, Any], consumes: list[str], new_at: str, old_at: str
) -> dict[str, Any]:
    """Convert an ``in: body`` parameter to a Request Body object."""
    out: dict[str, Any] = {}
    if "description" in param:
        out["description"] = param["description"]
    if "schema" not in param:
        ctx.note(old_at, "body parameter without a schema; used an empty schema")
    schema = _schema(ctx, param.get("schema", {}), _child(old_at, "schema"))
    out["content"] = {}
    for mime in consumes:
        out["content"][mime] = {"schema": copy.deepcopy(schema)}
        ctx.mount(_child(new_at, "content", mime, "schema"), _child(old_at, "schema"))
    if param.get("required") is True:
        out["required"] = True
    if "name" in param:
        out["x-codegen-request-body-name"] = param["name"]
    out.update(_extensions(param))
    return out


def _form_body(
    ctx: _Context, params: list[tuple[Mapping[str, Any], str]], consumes: list[str], new_at: str
) -> dict[str, Any]:
    """Fold ``in: formData`` parameters into one object-schema Request Body."""
    mime = _body_media_type([p for p, _ in params], consumes)
    properties: dict[str, Any] = {}
    required: list[str] = []
    encoding: dict[str, Any] = {}
    for param, old_at in params:
        name = str(param.get("name"))
        prop: dict[str, Any] = {}
        if "description" in param:
            prop["description"] = param["description"]
        prop.update(_value_schema(ctx, param, old_at))
        prop.update(_extensions(param, skip=("x-nullable",)))
        properties[name] = prop
        ctx.mount(_child(new_at, "content", mime, "schema", "properties", name), old_at)
        if param.get("required") is True:
            required.append(name)
        if "allowEmptyValue" in param:
            ctx.note(_child(old_at, "allowEmptyValue"), "allowEmptyValue dropped for formData")
        style = _form_style(ctx, param, mime, old_at)
        if style:
            encoding[name] = style
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    media: dict[str, Any] = {"schema": schema}
    if encoding:
        media["encoding"] = encoding
    body: dict[str, Any] = {"content": {mime: media}}
    if required:
        body["required"] = True
    return body


def _form_style(ctx: _Context, param: Mapping[str, Any], mime: str, at: str) -> dict[str, Any]:
    if param.get("type") != "array":
        return {}
    if mime == URLENCODED:
        return _style(ctx, param, at)
    fmt = param.get("collectionFormat", "csv")
    if fmt != "multi":
        ctx.note(
            _child(at, "collectionFormat"),
            f"collectionFormat {fmt!r} cannot be expressed for multipart; sent as repeated parts",
        )
    return {}


def _request_body(
    ctx: _Context, found: list[_BodyParam], consumes: list[str], new_at: str
) -> dict[str, Any] | None:
    """Build an operation's requestBody from its body or formData parameters."""
    bodies = [b for b in found if b.param.get("in") == "body"]
    forms = [b for b in found if b.param.get("in") == "formData"]
    if bodies:
        if len(bodies) > 1:
            ctx.note(bodies[0].site, "more than one body parameter; the last one is used")
        if forms:
            ctx.note(forms[0].site, "formData parameters next to a body parameter are dropped")
        body = bodies[-1]
        ctx.mount(new_at, body.site)
        if body.shared is not None and consumes == ctx.consumes:
            name = ctx.name("parameters", body.shared)
            return {"$ref": "#/components/requestBodies/" + quote(_escape(name), safe=_REF_SAFE)}
        return _json_body(ctx, body.param, consumes, new_at, body.source)
    if forms:
        ctx.mount(new_at, forms[0].site)
        return _form_body(ctx, [(b.param, b.source) for b in forms], consumes, new_at)
    return None


# --------------------------------------------------------------------------- responses


def _response(
    ctx: _Context, resp: Any, produces: list[str], new_at: str, old_at: str
) -> dict[str, Any]:
    """Convert a Response object (or a $ref to a shared one)."""
    ctx.mount(new_at, old_at)
    if not isinstance(resp, Mapping):
        ctx.note(old_at, "response is not an object; replaced by an empty response")
        return {"description": ""}
    if isinstance(resp.get("$ref"), str):
        target, target_at = _resolve_response(ctx, resp)
        carries_body = "schema" in target or "examples" in target
        if target_at and carries_body and produces != ctx.produces:
            return _response(ctx, target, produces, new_at, target_at)  # inline: own produces
        return {"$ref": _rewrite_ref(ctx, resp["$ref"], _child(old_at, "$ref"))}
    out: dict[str, Any] = {"description": resp.get("description", "")}
    if "description" not in resp:
        ctx.note(old_at, "response without a description; used an empty one")
    headers = _mapping(resp.get("headers"))
    if headers:
        out["headers"] = {
            name: _header(ctx, h, _child(new_at, "headers", name), _child(old_at, "headers", name))
            for name, h in headers.items()
        }
    content = _response_content(ctx, resp, produces, new_at, old_at)
    if content:
        out["content"] = content
    out.update(_extensions(resp))
    return out


def _response_content(
    ctx: _Context, resp: Mapping[str, Any], produces: list[str], new_at: str, old_at: str
) -> dict[str, Any]:
    content: dict[str, Any] = {}
    if "schema" in resp:
        schema = _schema(ctx, resp["schema"], _child(old_at, "schema"))
        for mime in produces:
            content[mime] = {"schema": copy.deepcopy(schema)}
            ctx.mount(_child(new_at, "content", mime, "schema"), _child(old_at, "schema"))
    for mime, example in _mapping(resp.get("examples")).items():
        here = _child(old_at, "examples", mime)
        if mime not in produces:
            ctx.note(here, f"example dropped: {mime!r} is not among produces {produces}")
            continue
        content.setdefault(mime, {})["example"] = copy.deepcopy(example)
        ctx.mount(_child(new_at, "content", mime, "example"), here)
    return content


def _responses(
    ctx: _Context, responses: Any, produces: list[str], new_at: str, old_at: str
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for code, resp in _mapping(responses).items():
        key = str(code)
        if _is_extension(key):
            out[key] = copy.deepcopy(resp)
        else:
            out[key] = _response(ctx, resp, produces, _child(new_at, key), _child(old_at, key))
    return out


# --------------------------------------------------------------------------- servers, security


def _servers(ctx: _Context, schemes: Any, at: str) -> list[dict[str, Any]]:
    """Servers from host, basePath and ``schemes`` (of the root, or of the operation ``at``)."""
    host = ctx.src.get("host")
    base = str(ctx.src.get("basePath") or "")
    if host:
        names = schemes if isinstance(schemes, list) and schemes else ["https"]
        servers = [{"url": f"{scheme}://{host}{base}"} for scheme in names]
        origin = _child(at, "schemes") if at else "/host"
    else:
        if schemes:
            ctx.note_dropped_schemes(_child(at, "schemes"))
        servers = [{"url": base or "/"}]
        origin = "/basePath" if "basePath" in ctx.src else ""
    ctx.mount(_child(at, "servers"), origin)
    for index in range(len(servers)):
        source = _child(origin, index) if at else origin
        ctx.mount(_child(at, "servers", index), source)
        ctx.mount(_child(at, "servers", index, "url"), source)
    return servers


def _security_requirements(ctx: _Context, value: Any) -> Any:
    if not isinstance(value, list):
        return copy.deepcopy(value)
    return [
        (
            {ctx.name("securityDefinitions", k): copy.deepcopy(v) for k, v in req.items()}
            if isinstance(req, Mapping)
            else copy.deepcopy(req)
        )
        for req in value
    ]


def _security_scheme(ctx: _Context, scheme: Any, at: str) -> Any:
    if not isinstance(scheme, Mapping):
        return copy.deepcopy(scheme)
    kind = scheme.get("type")
    out: dict[str, Any]
    if kind == "basic":
        out = {"type": "http", "scheme": "basic"}
    elif kind == "apiKey":
        out = {k: copy.deepcopy(scheme[k]) for k in ("type", "name", "in") if k in scheme}
    elif kind == "oauth2":
        out = {"type": "oauth2", "flows": _oauth2_flows(ctx, scheme, at)}
    else:
        ctx.note(_child(at, "type"), f"unknown security scheme type {kind!r}; copied as is")
        return copy.deepcopy(scheme)
    if "description" in scheme:
        out["description"] = scheme["description"]
    out.update(_extensions(scheme))
    return out


def _oauth2_flows(ctx: _Context, scheme: Mapping[str, Any], at: str) -> dict[str, Any]:
    flow = scheme.get("flow")
    if flow not in _OAUTH2_FLOWS:
        ctx.note(_child(at, "flow"), f"unknown oauth2 flow {flow!r}; no flows emitted")
        return {}
    name, urls = _OAUTH2_FLOWS[str(flow)]
    converted: dict[str, Any] = {k: scheme[k] for k in urls if k in scheme}
    converted["scopes"] = copy.deepcopy(scheme.get("scopes") or {})
    return {name: converted}


# --------------------------------------------------------------------------- paths


def _paths(ctx: _Context, paths: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for path, item in _mapping(paths).items():
        at = _pointer("paths", path)
        if _is_extension(path):
            out[path] = copy.deepcopy(item)
        elif isinstance(item, Mapping):
            out[path] = _path_item(ctx, item, at)
        else:
            ctx.note(at, "path item is not an object; dropped")
    return out


def _path_item(ctx: _Context, item: Mapping[str, Any], at: str) -> dict[str, Any]:
    kept, bodies, _ = _split_parameters(
        ctx, item.get("parameters"), _child(at, "parameters"), _child(at, "parameters")
    )
    out: dict[str, Any] = {}
    for key, value in item.items():
        here = _child(at, key)
        if key == "$ref" and isinstance(value, str):
            out[key] = _rewrite_ref(ctx, value, here)
        elif key == "parameters":
            if kept:
                out[key] = kept
        elif key in HTTP_METHODS and isinstance(value, Mapping):
            out[key] = _operation(ctx, value, bodies, here)
        else:
            out[key] = copy.deepcopy(value)
    if bodies and not any(k in HTTP_METHODS for k in item):
        ctx.note(bodies[0].site, "path-level body/formData parameter without operations; dropped")
    return out


def _operation(
    ctx: _Context, op: Mapping[str, Any], inherited: list[_BodyParam], at: str
) -> dict[str, Any]:
    consumes = _op_media_types(op, "consumes", ctx.consumes)
    produces = _op_media_types(op, "produces", ctx.produces)
    params_at = _child(at, "parameters")
    kept, bodies, keys = _split_parameters(ctx, op.get("parameters"), params_at, params_at)
    has_body = any(b.param.get("in") == "body" for b in bodies)
    found = [
        b for b in inherited if b.key not in keys and not (has_body and b.param.get("in") == "body")
    ] + bodies
    request_body = _request_body(ctx, found, consumes, _child(at, "requestBody"))
    out: dict[str, Any] = {}
    for key, value in op.items():
        here = _child(at, key)
        if key in ("consumes", "produces"):
            continue
        if key == "responses" and request_body is not None:
            out["requestBody"] = request_body
        if key == "parameters":
            if kept:
                out[key] = kept
        elif key == "responses":
            out[key] = _responses(ctx, value, produces, here, here)
        elif key == "schemes":
            if not ctx.src.get("host"):
                ctx.note_dropped_schemes(here)
            elif value != ctx.src.get("schemes"):
                out["servers"] = _servers(ctx, value, at)
        elif key == "security":
            out[key] = _security_requirements(ctx, value)
        else:
            out[key] = copy.deepcopy(value)
    if request_body is not None and "requestBody" not in out:
        out["requestBody"] = request_body
    return out


# --------------------------------------------------------------------------- components


def _components(ctx: _Context) -> dict[str, Any]:
    src = ctx.src
    out: dict[str, Any] = {}
    schemas = {
        ctx.name("definitions", name): _schema(ctx, schema, _pointer("definitions", name))
        for name, schema in _mapping(src.get("definitions")).items()
    }
    parameters: dict[str, Any] = {}
    bodies: dict[str, Any] = {}
    for name, param in _mapping(src.get("parameters")).items():
        _shared_parameter(ctx, name, param, parameters, bodies)
    responses = {
        ctx.name("responses", name): _response(
            ctx,
            resp,
            ctx.produces,
            _pointer("components", "responses", ctx.name("responses", name)),
            _pointer("responses", name),
        )
        for name, resp in _mapping(src.get("responses")).items()
    }
    schemes = {
        ctx.name("securityDefinitions", name): _security_scheme(
            ctx, scheme, _pointer("securityDefinitions", name)
        )
        for name, scheme in _mapping(src.get("securityDefinitions")).items()
    }
    for key, section in [
        ("schemas", schemas),
        ("parameters", parameters),
        ("requestBodies", bodies),
        ("responses", responses),
        ("securitySchemes", schemes),
    ]:
        if section:
            out[key] = section
    return out


def _shared_parameter(
    ctx: _Context, name: str, param: Any, parameters: dict[str, Any], bodies: dict[str, Any]
) -> None:
    old_at = _pointer("parameters", name)
    new_name = ctx.name("parameters", name)
    if not isinstance(param, Mapping):
        ctx.note(old_at, "parameter is not an object; dropped")
    elif param.get("in") == "body":
        new_at = _pointer("components", "requestBodies", new_name)
        bodies[new_name] = _json_body(ctx, param, ctx.consumes, new_at, old_at)
    elif param.get("in") == "formData":
        new_at = _pointer("components", "requestBodies", new_name)
        bodies[new_name] = _form_body(ctx, [(param, old_at)], ctx.consumes, new_at)
    else:
        new_at = _pointer("components", "parameters", new_name)
        parameters[new_name] = _parameter(ctx, param, new_at, old_at)
