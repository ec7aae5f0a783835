"""Proofs, by jsonschema-rs, that the validator's two meta-schema passes find nothing.

openapi-spec-validator checks a document against the OpenAPI schema, then each schema in it
against the schema dialect's meta-schema, both with the pure-Python ``jsonschema``: about
4 s and 2 s of CPU on GitHub's description, most of the validator's time. jsonschema-rs does
either check in milliseconds. Its "valid" is taken as proof that the Python check has nothing
to say; anything else — invalid, or a schema it cannot load — is left to the Python check,
so every finding a run reports is still the Python validator's own, worded as it words it.

This is sound only where the two agree on "valid", so each proof is asked narrowly: without
format checks where the Python pass has none, and with the Python pass's own format check
run here where it has one (``regex``, on a schema's ``pattern``). ``tests/unit/
test_meta_proof.py`` compares the two on the corpus and on mutated documents. Without
jsonschema-rs (a platform it has no wheel for), nothing is proven and the Python checks run
as before.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any

_Proof = Callable[[Any], bool]


def available() -> bool:
    try:
        import jsonschema_rs  # noqa: F401
    except ImportError:
        return False
    return True


def document_valid(document: Mapping[str, Any], meta_schema: Mapping[str, Any]) -> bool:
    """Whether ``document`` is proven to meet ``meta_schema`` (the OpenAPI schema, which has no
    format the Python pass checks: it runs without a format checker)."""
    key = id(meta_schema)  # the library's own schema objects, which live as long as it does
    if key not in _document_proofs:
        _document_proofs[key] = _compiled(dict(meta_schema), formats=False)
    proof = _document_proofs[key]
    return proof is not None and _ask(proof, document)


_document_proofs: dict[int, _Proof | None] = {}


def schema_valid(schema: Any, dialect: str, format_checker: Any) -> bool:
    """Whether a schema is proven to meet the meta-schema ``check_schema`` checks it against:
    ``dialect`` is "3.0" (draft 4's meta-schema) or "3.1" (OpenAPI 3.1's base dialect, which
    builds on 2020-12's); the one format of theirs that ``format_checker`` checks, ``regex``,
    is asked of it on every ``pattern`` string in the schema."""
    proof = _schema_proof(dialect)
    return (
        proof is not None
        and _ask(proof, schema)
        and _patterns_conform(schema, format_checker)
        and _checks_only_regex(dialect, format_checker)
    )


OAS31_DIALECT = "https://spec.openapis.org/oas/3.1/dialect/base"


@cache
def _schema_proof(dialect: str) -> _Proof | None:
    from openapi_schema_validator import OAS30Validator, OAS31Validator
    from openapi_schema_validator._specifications import REGISTRY

    if dialect == "3.0":
        return _compiled(dict(OAS30Validator.META_SCHEMA), formats=False)
    if dialect == "3.1":
        if OAS31Validator.META_SCHEMA.get("$id") != OAS31_DIALECT:
            return None
        resources = [
            (uri, REGISTRY[uri].contents)
            for uri in REGISTRY
            if uri.startswith("https://spec.openapis.org/oas/3.1/")
        ]
        return _compiled(dict(OAS31Validator.META_SCHEMA), formats=False, resources=resources)
    return None


def _checks_only_regex(dialect: str, format_checker: Any) -> bool:
    """Whether ``regex`` is the only format both in the meta-schemas involved and checked by
    ``format_checker`` (a later release may check more: then nothing is proven)."""
    return not (_meta_formats(dialect) & set(getattr(format_checker, "checkers", ()))) - {"regex"}


@cache
def _meta_formats(dialect: str) -> frozenset[str]:
    from openapi_schema_validator import OAS30Validator
    from openapi_schema_validator._specifications import REGISTRY

    if dialect == "3.0":
        return frozenset(_formats_in(OAS30Validator.META_SCHEMA))
    return frozenset().union(*(_formats_in(REGISTRY[uri].contents) for uri in REGISTRY))


def _compiled(
    meta_schema: dict[str, Any],
    formats: bool,
    resources: list[tuple[str, Any]] | None = None,
) -> _Proof | None:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        registry = jsonschema_rs.Registry(resources) if resources else None
        validator = jsonschema_rs.validator_for(
            meta_schema, validate_formats=formats, registry=registry
        )
    except Exception:
        return None
    is_valid: _Proof = validator.is_valid
    return is_valid


def _ask(proof: _Proof, instance: Any) -> bool:
    try:
        return proof(instance)
    except Exception:
        return False


def _patterns_conform(schema: Any, format_checker: Any) -> bool:
    """Every string under a ``pattern`` key, anywhere in ``schema``, is a regex as the Python
    check's format checker judges it. Anywhere, not only where a schema is: more strings
    checked can only leave more to the Python check, never less."""
    conforms = format_checker.conforms
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # `re`'s FutureWarnings: the Python check drops them too
        return all(conforms(pattern, "regex") for pattern in _patterns(schema))


def _patterns(value: Any) -> Iterator[Any]:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                if key == "pattern" and isinstance(item, str):
                    yield item
                else:
                    stack.append(item)
        elif isinstance(node, list):
            stack.extend(node)


def _formats_in(meta_schema: Any) -> set[str]:
    found: set[str] = set()
    stack = [meta_schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("format"), str):
                found.add(node["format"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found
