"""Check the bundled document against the OpenAPI schema and turn findings into diagnostics.

Real specs are often slightly invalid (duplicate ``required`` entries, ``const`` in 3.0,
``default: null`` on non-nullable fields). A finding here is a located *warning*: generation
goes on unless ``--strict`` is given. What cannot be modelled at all is reported by the
parser as an error instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import warnings
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import cache
from ..background import Background, BackgroundError
from ..diagnostics import Diagnostic, warning
from . import meta_proof
from .bundle import SourceMap, resolve_pointer
from .source import join_pointer
from .validate_pieces import Pieces, by_pieces_ok, cut, only, only_reached

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

# openapi-spec-validator (and jsonschema) are imported where they are used, not with this
# module: 0.26 s of dxgen's 0.56 s start-up, spent only when a verdict is not in the cache —
# and then in the child that validates beside the run.

_MAX_FINDINGS = 200


class _SeenIds(list[int]):
    """A list with a set's ``in``: openapi-spec-validator (0.9) keeps the ids of the schemas it
    has checked in two lists and asks ``in`` of them for every schema it meets, which is
    quadratic — 8 of the 15 s it took on GitHub's description. Only ``append`` and ``in`` are
    used on them."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[int] = set()

    def append(self, value: int) -> None:
        self._ids.add(value)
        super().append(value)

    def __contains__(self, value: object) -> bool:
        return value in self._ids


def _with_fast_checks() -> None:
    """Give the validator's schema checker :class:`_SeenIds` instead of plain lists, where it
    still has them (a later release may fix this itself; then nothing is changed), and let
    jsonschema-rs prove an OpenAPI 3.0 or 3.1 schema meets its dialect's meta-schema before
    the Python check runs (:mod:`.meta_proof`)."""
    from openapi_schema_validator import OAS30Validator
    from openapi_spec_validator.validation.keywords import (
        OpenAPIV30SchemaValidator,
        OpenAPIV31SchemaValidator,
        SchemaValidator,
    )

    original = SchemaValidator.__init__
    if getattr(original, "_dxgen_fast", False):
        return

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        for name in ("visited_schema_ids", "meta_checked_schema_ids"):
            if type(getattr(self, name, None)) is list and not getattr(self, name):
                setattr(self, name, _SeenIds())

    checker_30 = OpenAPIV30SchemaValidator._get_schema_checker
    checker_31 = OpenAPIV31SchemaValidator._get_schema_checker

    def _get_schema_checker_30(self: Any, schema: Any, schema_value: Any) -> Callable[[Any], None]:
        check = checker_30(self, schema, schema_value)
        return _proven_or_checked(check, "3.0", OAS30Validator.FORMAT_CHECKER)

    def _get_schema_checker_31(self: Any, schema: Any, schema_value: Any) -> Callable[[Any], None]:
        check = checker_31(self, schema, schema_value)  # raises for an unknown dialect
        if self._get_schema_dialect_id(schema, schema_value) != meta_proof.OAS31_DIALECT:
            return check
        return _proven_or_checked(check, "3.1", self.schema_validator_format_checker)

    __init__._dxgen_fast = True  # type: ignore[attr-defined]
    SchemaValidator.__init__ = __init__  # type: ignore[method-assign]
    OpenAPIV30SchemaValidator._get_schema_checker = _get_schema_checker_30  # type: ignore
    OpenAPIV31SchemaValidator._get_schema_checker = _get_schema_checker_31  # type: ignore


def _proven_or_checked(
    check: Callable[[Any], None], dialect: str, format_checker: Any
) -> Callable[[Any], None]:
    def proven_or_checked(value: Any) -> None:
        if not meta_proof.schema_valid(value, dialect, format_checker):
            check(value)

    return proven_or_checked


def validate_document(document: dict[str, Any], source_map: SourceMap) -> list[Diagnostic]:
    """The validator's findings as located warnings; its verdict on a document is cached by the
    document's content (validation is most of loading a large spec)."""
    return start_validation(document, source_map, background=False).diagnostics()


Finding = tuple[str, str]  # a message, and the JSON pointer it is about


class PendingValidation:
    """The validator's verdict: from the cache, or being reached (beside the run, in a child
    process, with ``background``); :meth:`diagnostics` waits for it.

    The verdict on a whole document is cached by its content; so is each of its pieces' being
    clean (:mod:`.validate_pieces`), so that after an edit only the edited pieces are checked.
    """

    def __init__(
        self,
        document: dict[str, Any],
        source_map: SourceMap,
        background: bool,
        early: EarlyValidation | None = None,
    ) -> None:
        self._source_map = source_map
        self._findings: list[Finding] | None = None
        self._pieces_clean = False
        self._work: Background[Judged] | _Adopted | None = None
        self._folder = cache.cache_dir("validate")
        self._entry: str | None = None
        self._piece_entries: list[str] = []
        self._skeleton_entry = ""
        unknown: list[int] = []  # the pieces not known to be clean
        pieces: Pieces | None = None
        skeleton_clean = False
        if self._folder is not None:
            version = cache.tool_version("openapi-spec-validator")
            try:  # repr, not JSON: it tells 200 from "200" and True from "true", as the
                pieces = cut(document, version)  # validator does
                version = f"{version}+{_proof_version()}"  # what the verdicts are keyed by
                text = repr(document) if pieces is None else ""
            except RecursionError:
                pieces, text = None, None
            if pieces is not None:
                skeleton = cache.key(pieces.skeleton)
                groups = [group for _, group in pieces.groups]
                self._entry = cache.key(version, _FORMAT, "pieces", skeleton, *groups)
                self._piece_entries = [cache.key(version, _CLEAN, skeleton, g) for g in groups]
                self._skeleton_entry = cache.key(version, _CLEAN, "skeleton", skeleton)
            elif text is not None:
                self._entry = cache.key(version, _FORMAT, text)
            if self._entry is not None:
                self._findings = _cached(self._folder, self._entry)
            if self._findings is None and pieces is not None:
                unknown = [
                    number
                    for number, entry in enumerate(self._piece_entries)
                    if cache.lookup(self._folder, entry) != _CLEAN
                ]
                if not unknown:  # every piece is clean, so the whole is
                    self._settle(([], False), [])
                skeleton_clean = cache.lookup(self._folder, self._skeleton_entry) == _CLEAN
        self._unknown = unknown
        if self._findings is None:
            work = partial(_judge, document, pieces, unknown, skeleton_clean)
            # A few pieces with a clean skeleton are quickly judged: that child may yield to
            # the run. The whole document takes long, and is best shared with it equally.
            small = pieces is not None and skeleton_clean and len(unknown) < len(pieces.groups)
            if early is not None:  # judging since the run started, if it read the same files
                self._work = early.adopt(_digests(source_map), work)
            elif background:
                self._work = Background(partial(_yielding, os.getpid(), work) if small else work)
            else:
                self._settle(work(), unknown)
        elif early is not None:  # the verdict was known: the child's work is not needed
            early.cancel()

    def _settle(self, judged: Judged, unknown: list[int]) -> None:
        findings, pieces_clean = judged
        self._findings = findings
        self._pieces_clean = pieces_clean
        if self._folder is not None and self._entry is not None:
            cache.store(self._folder, self._entry, json.dumps(findings, ensure_ascii=False))
            if pieces_clean:
                for number in unknown:
                    cache.store(self._folder, self._piece_entries[number], _CLEAN)
                cache.store(self._folder, self._skeleton_entry, _CLEAN)

    @property
    def running(self) -> bool:
        return self._findings is None

    @property
    def pieces_clean(self) -> bool:
        """Whether the verdict, found here, showed the pieces it checked clean."""
        return self._pieces_clean

    def diagnostics(self) -> list[Diagnostic]:
        if self._findings is None:
            assert self._work is not None
            try:
                self._settle(self._work.result(), self._unknown)
            except BackgroundError as exc:
                self._findings = [(f"validator could not finish: {_shorten(str(exc))}", "")]
        locate, findings = self._source_map.locate, self._findings or []
        return [warning(message, locate(pointer)) for message, pointer in findings]

    def cancel(self) -> None:
        if self._work is not None:
            self._work.cancel()


def start_validation(
    document: dict[str, Any],
    source_map: SourceMap,
    *,
    background: bool = True,
    early: EarlyValidation | None = None,
) -> PendingValidation:
    return PendingValidation(document, source_map, background, early)


_EARLY_MAX_BYTES = 2 << 20


def early_validation(spec: Path, base_dir: Path, ref_root: Path | None) -> EarlyValidation | None:
    """The validator of a small OpenAPI file, started now (:class:`EarlyValidation`). A large
    one (GitHub's 13 MB: the validator's start-up is nothing beside its 8 s of work) is read
    once and shared with a child forked after loading; a TypeSpec one would be compiled
    twice."""
    if spec.suffix.lower() == ".tsp":
        return None
    try:
        small = spec.stat().st_size <= _EARLY_MAX_BYTES
    except OSError:
        return None  # the run's own load says what is wrong with it
    return EarlyValidation(spec, base_dir, ref_root) if small else None


class EarlyValidation:
    """The validator started with the run, before the spec is loaded, in a child that loads it
    itself: importing openapi-spec-validator alone is a quarter of a second, and on a small
    spec the run used to wait for the validator at the end by about that much.

    The child reads the files, reaches the verdict as :class:`PendingValidation` would (the
    cache first) and answers with it and the digests of what it read. The run's own
    :class:`PendingValidation` adopts that answer only where it would have judged the document
    itself, and only if the child read the same bytes as the run; otherwise it judges in place.
    """

    def __init__(self, spec: Path, base_dir: Path, ref_root: Path | None) -> None:
        self._work: Background[tuple[Judged, dict[str, str]]] | None = Background(
            partial(_judge_from_files, spec, base_dir, ref_root, os.getpid())
        )

    def adopt(self, digests: dict[str, str], work: Callable[[], Judged]) -> _Adopted:
        assert self._work is not None
        adopted, self._work = _Adopted(self._work, digests, work), None
        return adopted

    def cancel(self) -> None:
        if self._work is not None:
            self._work.cancel()
            self._work = None


class _Adopted:
    """The early child's verdict, as a :class:`Background` gives one: its answer if it read
    what the run read, else the run's own ``work()``."""

    def __init__(
        self,
        child: Background[tuple[Judged, dict[str, str]]],
        digests: dict[str, str],
        work: Callable[[], Judged],
    ) -> None:
        self._child, self._digests, self._work = child, digests, work

    def result(self) -> Judged:
        try:
            judged, read = self._child.result()
        except BackgroundError:
            return self._in_place()
        if read != self._digests:  # a file saved between the two reads
            return self._in_place()
        return judged

    def _in_place(self) -> Judged:
        return self._work()

    def cancel(self) -> None:
        self._child.cancel()


def _judge_from_files(
    spec: Path, base_dir: Path, ref_root: Path | None, parent: int
) -> tuple[Judged, dict[str, str]]:
    from . import load_spec

    loaded = load_spec(spec, base_dir=base_dir, validate=False, ref_root=ref_root)
    pending = PendingValidation(loaded.document, loaded.source_map, background=False)
    return (pending._findings or [], pending.pieces_clean), _digests(loaded.source_map)


def _proof_version() -> str:
    """jsonschema-rs's version (:mod:`.meta_proof`), or "none": verdicts reached with and
    without it are meant to be the same, but are not assumed to be."""
    try:
        return f"rs{cache.tool_version('jsonschema-rs')}"
    except Exception:
        return "none"


def _digests(source_map: SourceMap) -> dict[str, str]:
    return {str(mount.file.path): mount.file.digest for mount in source_map.mounts}


def _cached(folder: Path, entry: str) -> list[Finding] | None:
    hit = cache.lookup(folder, entry)
    if hit is not None:
        try:
            return [(str(message), str(pointer)) for message, pointer in json.loads(hit)]
        except (ValueError, TypeError):
            pass  # a damaged entry: validate again, and replace it
    return None


_FORMAT = "findings-1"  # the shape of a cached entry; change it when the findings change
_CLEAN = "clean-1"  # a piece's entry: it has no findings (change it when what that means does)

#: The findings, and whether the pieces checked are known clean by them.
Judged = tuple[list[Finding], bool]


def _yielding(parent: int, work: Callable[[], Judged]) -> Judged:
    """``work``, at a lower priority when it runs in a child beside the run (not in the
    run's own process): the run goes first. On a busy two-CPU machine, parsing beside the
    validator took twice as long as parsing alone; a small check has the rest of the run,
    rendering and formatting, to finish in."""
    if os.getpid() != parent:
        with contextlib.suppress(OSError):
            os.nice(10)
    return work()


def _judge(
    document: dict[str, Any], pieces: Pieces | None, unknown: list[int], skeleton_clean: bool
) -> Judged:
    """The findings on ``document``: of the whole, unless the skeleton with only the pieces
    not known clean (``unknown``) has none — then there are none. With the skeleton known
    clean, of its schemas only those these pieces reach are checked with them."""
    if pieces is None or not by_pieces_ok(document):
        return _findings(document), False
    if len(unknown) == len(pieces.groups):
        found = _findings(document)
        return found, not found
    paths = [path for number in unknown for path in pieces.groups[number][0]]
    part = only_reached(document, paths) if skeleton_clean else None
    if not _findings(part if part is not None else only(document, paths)):
        return [], True
    return _findings(document), False


def prepare() -> None:
    """Ready the validator in this process: imported, patched, its own schemas read. A
    long-lived run calls it once, between runs, so that the child it forks for each verdict
    judges at once instead of importing it first (a quarter of a second, which was the
    longest part of a watching run's edit)."""
    for version in ("3.0.3", "3.1.0"):
        _findings({"openapi": version, "info": {"title": "-", "version": "-"}, "paths": {}})


def _findings(document: dict[str, Any]) -> list[Finding]:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    _with_fast_checks()
    version = str(document.get("openapi", ""))
    validator_class = (
        OpenAPIV31SpecValidator if version.startswith("3.1") else OpenAPIV30SpecValidator
    )
    findings: list[Finding] = []
    nodes = _NodeIndex(document)
    # The library's own warnings (a FutureWarning from `re` about a spec's `pattern`, its
    # deprecations) would reach stderr raw, unlocated, over several lines: they are dropped.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _collect(lambda: _spec_errors(validator_class(document)), findings, nodes)
    return findings


def _spec_errors(validator: Any) -> Iterator[Any]:
    """What ``validator.iter_errors()`` yields, the document's check against the OpenAPI
    schema skipped when jsonschema-rs proves it finds nothing (:mod:`.meta_proof`). That check
    is made with the library's pure-Python backend whichever backend it would choose, so that
    findings read the same with jsonschema-rs installed or not."""
    from jsonschema.validators import validator_for
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    meta_schema = _document_schema(type(validator))
    if not meta_proof.document_valid(validator.schema, meta_schema):
        for problem in validator_for(meta_schema)(meta_schema).iter_errors(validator.schema):
            yield OpenAPIValidationError.create_from(problem)
    for problem in validator.root_validator(validator.schema_path):
        if isinstance(problem, OpenAPIValidationError):
            yield problem
        else:
            yield OpenAPIValidationError.create_from(problem)


def _document_schema(validator_class: type) -> Any:
    from openapi_spec_validator import OpenAPIV31SpecValidator
    from openapi_spec_validator.schemas import schema_v30, schema_v31

    return schema_v31 if issubclass(validator_class, OpenAPIV31SpecValidator) else schema_v30


def _collect(
    errors: Callable[[], Iterator[Any]],
    findings: list[Finding],
    nodes: _NodeIndex,
) -> None:
    from openapi_spec_validator.validation.exceptions import (
        DuplicateOperationIDError,
        UnresolvableParameterError,
    )

    try:
        for index, problem in enumerate(errors()):
            if isinstance(problem, DuplicateOperationIDError):
                continue  # the parser reports it as an error, naming both places
            if isinstance(problem, UnresolvableParameterError):
                continue  # the parser reports it, with the path parameter it adds
            if index >= _MAX_FINDINGS:
                message = f"more than {_MAX_FINDINGS} validation findings; the rest are not shown"
                findings.append((message, ""))
                break
            findings.append(_to_finding(problem, nodes))
    except RecursionError:
        findings.append(("validation gave up: references nest too deeply", ""))
    except Exception as exc:  # the validator's own extra checks can fail on odd input
        findings.append((f"validator could not finish: {_shorten(str(exc))}", ""))


class _NodeIndex:
    """Pointers of the document's mappings by identity, built on first use: the validator's
    own checks (a ``default`` that does not fit its schema) report the schema, not a path,
    or a path that starts at the schema they checked (an invalid ``pattern``)."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self._pointers: dict[int, str] | None = None
        self._containers: list[tuple[str, Any]] | None = None
        self._claimed: set[str] = set()

    def holds(self, pointer: str, instance: Any) -> bool:
        """Whether the document has ``instance`` at ``pointer``."""
        try:
            return _same(resolve_pointer(self.document, pointer), instance)
        except KeyError:
            return False

    def relative(self, path: list[str], instance: Any) -> str | None:
        """The first place, in document order, where ``path`` below some mapping or list
        leads to ``instance``; each place is given once, so repeated findings spread over
        the places that have them."""
        if self._containers is None:
            self._containers = []
            stack: list[tuple[str, Any]] = [("", self.document)]
            while stack:
                pointer, value = stack.pop()
                if isinstance(value, dict):
                    self._containers.append((pointer, value))
                    items = [(join_pointer(pointer, k), v) for k, v in value.items()]
                    stack.extend(reversed(items))
                elif isinstance(value, list):
                    self._containers.append((pointer, value))
                    stack.extend(
                        reversed([(join_pointer(pointer, i), v) for i, v in enumerate(value)])
                    )
        relative = join_pointer("", *path)
        for base, container in self._containers:
            found = base + relative
            if found in self._claimed:
                continue
            try:
                if _same(resolve_pointer(container, relative), instance):
                    self._claimed.add(found)
                    return found
            except KeyError:
                continue
        return None

    def pointer(self, node: Any) -> str | None:
        if self._pointers is None:
            self._pointers = {}
            stack: list[tuple[Any, str]] = [(self.document, "")]
            while stack:
                value, pointer = stack.pop()
                if isinstance(value, dict):
                    self._pointers[id(value)] = pointer
                    stack.extend((v, join_pointer(pointer, k)) for k, v in value.items())
                elif isinstance(value, list):
                    stack.extend((v, join_pointer(pointer, i)) for i, v in enumerate(value))
        return self._pointers.get(id(node))


def _to_finding(problem: Any, nodes: _NodeIndex) -> Finding:
    from jsonschema.exceptions import ValidationError

    if isinstance(problem, ValidationError):
        deepest = _deepest(problem)
        path = [str(token) for token in deepest.absolute_path]
        pointer = join_pointer("", *path)
        if path and not nodes.holds(pointer, deepest.instance):
            pointer = nodes.relative(path, deepest.instance) or pointer
        unexpected = _UNEXPECTED.match(deepest.message) or _UNEVALUATED.search(deepest.message)
        if unexpected:  # point at the key itself, not at the object that holds it
            pointer = join_pointer(pointer, unexpected.group(1))
        operation = _OPERATION.search(deepest.message)
        if not pointer and operation:  # the validator's own checks carry no path, only text
            pointer = join_pointer("/paths", operation.group(2), operation.group(1))
        schema = deepest.schema if isinstance(deepest.schema, dict) else None
        if not pointer and schema is not None and (found := nodes.pointer(schema)) is not None:
            pointer = join_pointer(found, "default") if "default" in schema else found
        return f"invalid OpenAPI: {_summary(deepest)}", pointer
    return f"invalid OpenAPI: {_shorten(str(problem))}", ""


def _same(found: Any, instance: Any) -> bool:
    return type(found) is type(instance) and bool(found == instance)


def _deepest(problem: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures, the most relevant nested cause, like jsonschema's best_match."""
    from jsonschema.exceptions import best_match

    current = problem
    while current.context:
        longest = max(len(e.absolute_path) for e in current.context)
        candidate = best_match(e for e in current.context if len(e.absolute_path) == longest)
        if candidate is None or candidate is current:
            break
        current = candidate
    return current


_UNEVALUATED = re.compile(r"\('([^']+)' was unexpected\)$")  # 3.1 wording
_OPERATION = re.compile(r"for '(\w+)'(?: operation)? in '([^']*)'")
_UNEXPECTED = re.compile(r"^'([^']+)' does not match any of the regexes: '\^x-'$")


def _summary(problem: ValidationError) -> str:
    match = _UNEXPECTED.match(problem.message)
    if match:
        return f"unexpected key {match.group(1)!r} here (only x- extensions may be added)"
    return _shorten(problem.message)


def _shorten(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
