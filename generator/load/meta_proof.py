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


def schema_valid(schema: Any) -> bool:
    """Whether an OpenAPI 3.0 schema is proven to meet the meta-schema that
    ``OAS30Validator.check_schema`` checks it against (draft 4's), with that check's one
    format, ``regex``, judged by its own format checker on every ``pattern`` string in it."""
    proof = _schema_proof()
    return proof is not None and _ask(proof, schema) and _patterns_conform(schema)


@cache
def _schema_proof() -> _Proof | None:
    from openapi_schema_validator import OAS30Validator

    meta = OAS30Validator.META_SCHEMA
    if _formats_in(meta) - {"regex"}:  # a later release checks more: leave it to Python
        return None
    return _compiled(dict(meta), formats=False)


def _compiled(meta_schema: dict[str, Any], formats: bool) -> _Proof | None:
    try:
        import jsonschema_rs
    except ImportError:
        return None
    try:
        validator = jsonschema_rs.validator_for(meta_schema, validate_formats=formats)
    except Exception:
        return None
    is_valid: _Proof = validator.is_valid
    return is_valid


def _ask(proof: _Proof, instance: Any) -> bool:
    try:
        return proof(instance)
    except Exception:
        return False


def _patterns_conform(schema: Any) -> bool:
    """Every string under a ``pattern`` key, anywhere in ``schema``, is a regex as the Python
    check's format checker judges it. Anywhere, not only where a schema is: more strings
    checked can only leave more to the Python check, never less."""
    from openapi_schema_validator import OAS30Validator

    conforms = OAS30Validator.FORMAT_CHECKER.conforms
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
