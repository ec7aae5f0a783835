"""Spelling one spec name in every target: Python identifiers, classes, CLI and doc slugs.

A Python name is *safe* when generated code that uses it is correct whatever the spec says:
keywords and ``_`` get a trailing underscore, and so do the builtins that generated code
itself relies on (``str``, ``list``, ``dict``, …) and the attributes pydantic reserves on
models (``model_dump``, ``json``, ``copy``, …). Soft keywords ``type``, ``match`` and ``case``
are ordinary identifiers everywhere a generated name appears, so they are kept: ``event.type``
reads better than ``event.type_``. The wire name is always kept beside it (aliases), so the
renaming never changes what goes over the network.

A file name is *portable* when every OS can hold it (:func:`portable_stem`): not a Windows
device name, not longer than :data:`MAX_FILE_STEM`, and unique among its siblings however case
is folded (:func:`unique_file_stem`), as on macOS and Windows.
"""

from __future__ import annotations

import hashlib
import keyword
import re
import sys
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Builtins that generated code refers to in annotations or bodies; shadowing them would break it.
SHADOWED_BUILTINS = frozenset(
    {
        "bool", "bytes", "dict", "float", "int", "list", "object", "set", "str", "tuple",
        "frozenset", "isinstance", "len", "super", "property", "classmethod", "staticmethod",
        "print", "range", "iter", "next", "getattr", "setattr", "callable",
    }
)  # fmt: skip

# Attributes of pydantic.BaseModel (v2 and the deprecated v1 aliases it still carries).
PYDANTIC_RESERVED = frozenset(
    {
        "construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw",
        "schema", "schema_json", "update_forward_refs", "validate", "model_computed_fields",
        "model_config", "model_construct", "model_copy", "model_dump", "model_dump_json",
        "model_extra", "model_fields", "model_fields_set", "model_json_schema",
        "model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
        "model_validate_json", "model_validate_strings", "fields",
    }
)  # fmt: skip

# Names a generated module imports or defines itself; a schema may not take them.
RESERVED_CLASS_NAMES = frozenset(
    {
        "Any", "Annotated", "BaseModel", "Field", "Literal", "Optional", "Union", "List", "Dict",
        "TypeAdapter", "ConfigDict", "Enum", "OpenStrEnum", "OpenIntEnum", "NotGiven",
        "NOT_GIVEN", "datetime", "date", "time", "timedelta", "UUID", "Decimal", "TYPE_CHECKING",
        # what service modules import from the runtime, typing and pydantic
        "SyncAPIResource", "AsyncAPIResource", "RequestOptions", "Headers", "Query",
        "TimeoutTypes", "FileInput", "SyncCursorPage", "AsyncPaginator", "UnknownVariant", "Tag",
        "TypeAlias", "Sequence", "Mapping",
    }
)  # fmt: skip

# Windows refuses these as file or folder names, in any case and with any extension.
WINDOWS_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
# Longest file-name stem we write: far below every file system's 255, so a folder path of a
# few levels stays under Windows' 260 too. Longer names keep a prefix and a stable hash.
MAX_FILE_STEM = 64
_HASH_LENGTH = 8

# Top-level modules a generated SDK imports (httpx, pydantic and what they import, on every
# Python we support): a package of the same name would shadow them.
SDK_DEPENDENCY_MODULES = frozenset(
    {
        "httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi", "exceptiongroup",
        "pydantic", "pydantic_core", "annotated_types", "typing_extensions", "typing_inspection",
    }
)  # fmt: skip

_SPLIT = re.compile(r"[^0-9A-Za-z]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])")


#: Words of an API's title that say nothing of which API it is: ``Stripe API``, ``GitHub's
#: official OpenAPI spec``, ``Swagger Petstore - OpenAPI 3.0``, ``Union without a discriminator``.
_TITLE_NOISE = frozenset(
    {
        "api", "apis", "openapi", "rest", "restful", "http", "swagger", "service", "official",
        "spec", "specs", "specification", "description", "definition", "definitions",
        "extension", "extensions", "the", "a", "an", "and", "by", "for", "of", "on", "to",
        "with", "in",
    }
)  # fmt: skip
_VERSION_WORD = re.compile(r"v?[0-9]+(?:(?:alpha|beta|rc)[0-9]*)?", re.IGNORECASE)  # v3, 2, v1beta1
_POSSESSIVE = re.compile(r"['\u2019]s\b")
#: A title that is a sentence names its project by its first few words.
MAX_PROJECT_WORDS = 3


def project_words(title: str) -> list[str]:
    """The words of an API's title that name it, each kept whole and as written, so that a
    brand stays one word (``GitHub``, not ``git`` and ``hub``): ``GitHub's official OpenAPI
    spec + Octokit extension`` → ``['GitHub', 'Octokit']``, ``Swagger Petstore - OpenAPI 3.0``
    → ``['Petstore']``. At most :data:`MAX_PROJECT_WORDS`; none for a title of noise alone."""
    found: list[str] = []
    for chunk in _SPLIT.split(ascii_fold(_POSSESSIVE.sub("", title))):
        if chunk and chunk.lower() not in _TITLE_NOISE and not _VERSION_WORD.fullmatch(chunk):
            found.append(chunk)
    return found[:MAX_PROJECT_WORDS]


def ascii_fold(text: str) -> str:
    """Drop accents and anything outside ASCII (``Привет`` keeps nothing, ``café`` → ``cafe``)."""
    normal = unicodedata.normalize("NFKD", text)
    return normal.encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Split ``getHTTPResponse_code-2`` into ``['get', 'http', 'response', 'code', '2']``."""
    return list(_words(text))


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    """:func:`words`, remembered: a spec's names are split again and again (each operation's
    tag, path and id, for every target), 18,000 times while parsing 1,000 operations."""
    result: list[str] = []
    for chunk in _SPLIT.split(ascii_fold(text)):
        if chunk:
            result.extend(part.lower() for part in _CAMEL.split(chunk) if part)
    return tuple(result)


@lru_cache(maxsize=1 << 16)
def snake(text: str) -> str:
    return "_".join(words(text))


@lru_cache(maxsize=1 << 16)
def kebab(text: str) -> str:
    return "-".join(words(text))


@lru_cache(maxsize=1 << 16)
def pascal(text: str) -> str:
    return pascal_of(words(text))


def pascal_of(parts: Iterable[str]) -> str:
    """``parts`` joined, each with its first letter raised and the rest as it is
    (``['GitHub', 'octokit']`` → ``GitHubOctokit``)."""
    return "".join(part[:1].upper() + part[1:] for part in parts)


def upper_snake(text: str) -> str:
    return snake(text).upper()


_SIGNS = {"+": "plus_", "-": "minus_"}
#: Names ruff's E741 refuses (they read as 1 and 0): Stripe's 3-D Secure statuses are A, C, I, N…
_AMBIGUOUS = ("l", "I", "O")


def _spell_sign(text: str) -> str:
    """``"+1"`` → ``"plus_1"``, ``"-1"`` → ``"minus_1"``: a sign before a number is part of the
    name (GitHub's reaction counts are ``+1`` and ``-1``; both would otherwise be ``n1``)."""
    if text[:1] in _SIGNS and text[1:].replace(".", "", 1).isdigit():
        return _SIGNS[text[0]] + text[1:]
    return text


def py_identifier(text: str, *, fallback: str = "value", reserved: Iterable[str] = ()) -> str:
    """A snake_case Python identifier for ``text`` that generated code can use safely."""
    if reserved == ():
        return _py_identifier(text, fallback)
    return _spelled_identifier(text, fallback, reserved)


@lru_cache(maxsize=1 << 16)
def _py_identifier(text: str, fallback: str) -> str:
    """:func:`py_identifier` with nothing reserved, remembered (a spec names the same fields
    in many schemas: 57,000 calls while parsing GitHub's)."""
    return _spelled_identifier(text, fallback, ())


def _spelled_identifier(text: str, fallback: str, reserved: Iterable[str]) -> str:
    name = snake(_spell_sign(text)) or fallback
    if not name:  # nothing to spell, and no fallback asked for (``fallback=""``)
        return ""
    if name[0].isdigit():
        name = "n" + name
    if (
        keyword.iskeyword(name)
        or name in SHADOWED_BUILTINS
        or name in PYDANTIC_RESERVED
        or name in reserved
        or name == "_"
        or name in _AMBIGUOUS
    ):
        name += "_"
    return name


_PASCAL_IDENTIFIER = re.compile(r"[A-Z][A-Za-z0-9]*")


def class_name(text: str, *, fallback: str = "Model") -> str:
    """PascalCase; a name that already is one (``OAuthError``) is kept as the author wrote it."""
    name = text if _PASCAL_IDENTIFIER.fullmatch(text) else (pascal(text) or fallback)
    if name[0].isdigit():
        name = "N" + name
    if name in RESERVED_CLASS_NAMES or keyword.iskeyword(name):
        name += "Model"
    return name


def enum_member(value: object) -> str:
    """``"in-progress"`` → ``IN_PROGRESS``, ``1`` → ``N1``, ``""`` → ``EMPTY``."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    text = _spell_sign(str(value))
    name = upper_snake(text)
    if not name:
        return "EMPTY" if text == "" else "VALUE"
    if name[0].isdigit():
        name = "N" + name
    if name in ("MRO", *_AMBIGUOUS):
        name += "_"
    return name


@lru_cache(maxsize=1 << 16)
def cli_name(text: str, *, fallback: str = "value") -> str:
    return kebab(_spell_sign(text)) or fallback


def anchor(text: str) -> str:
    return kebab(text) or "section"


def unique(name: str, taken: set[str], *, separator: str = "_") -> str:
    """``name``, or ``name_2``, ``name_3``… — the first not in ``taken`` (which is updated)."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}{separator}{n}"
    taken.add(candidate)
    return candidate


def portable_stem(stem: str, *, separator: str = "_") -> str:
    """``stem`` as a file name every OS accepts.

    A Windows device name gets ``separator`` appended (``con`` → ``con_``, ``aux.tar`` →
    ``aux_.tar``); one longer than :data:`MAX_FILE_STEM` keeps a prefix and a short hash of the
    whole (stable: the same name always gives the same file).
    """
    head, dot, rest = stem.partition(".")
    if head.lower() in WINDOWS_DEVICE_NAMES:
        stem = f"{head}{separator}{dot}{rest}"
    if len(stem) > MAX_FILE_STEM:
        digest = hashlib.sha256(stem.encode("utf-8", "surrogatepass")).hexdigest()[:_HASH_LENGTH]
        keep = MAX_FILE_STEM - _HASH_LENGTH - len(separator)
        stem = stem[:keep].rstrip(separator) + separator + digest
    return stem


def unique_file_stem(stem: str, taken: set[str], *, separator: str = "_") -> str:
    """A portable stem not in ``taken`` when case is ignored (``taken`` holds casefolded stems
    and is updated): ``item``, ``Item`` → ``item``, ``item_2``."""
    base = portable_stem(stem, separator=separator)
    candidate, n = base, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = portable_stem(f"{base}{separator}{n}", separator=separator)
    taken.add(candidate.casefold())
    return candidate


def shadows_a_module(name: str) -> bool:
    """Whether a top-level package ``name`` would hide a standard-library module or one the
    generated SDK depends on (``enum``, ``typing``, ``httpx``, …)."""
    return name in sys.stdlib_module_names or name in SDK_DEPENDENCY_MODULES


def package_name(stem: str, *, fallback: str = "client") -> str:
    """A top-level package name for ``stem``: a safe identifier that shadows no module
    (``enum`` → ``enum_api``) and is a portable folder name."""
    name = py_identifier(stem, fallback=fallback)
    if shadows_a_module(name) or name.lower() in WINDOWS_DEVICE_NAMES:
        name = py_identifier(f"{name}_api")
    return portable_stem(name)
