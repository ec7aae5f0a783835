"""Rendered files kept by what they were rendered from, so a run after a small spec edit renders
only the files the edit reaches.

A target that supports it (``Target.plan``) describes each of its files as a :class:`Planned`:
the file's path, a *key* and how to produce the file. The key is a digest of exactly what the
file reads, in units of the IR (:class:`Units`): an operation, the schemas and operations it
reaches, its service, the API-wide settings, the API's outline (every name), and dxgen's own
code and templates. A file whose key an earlier run stored is taken as that run's final
(formatted) bytes, and neither its view, jinja nor the formatter runs. Keys err on the side of
including more: a key that changes needlessly costs a render, a key that misses an input would
be a wrong file (tests/unit/test_render_cache.py checks, over many random edits, that a run
with the cache writes what a run without it writes).

A unit's digest is the sha1 of its pickle: the IR is frozen dataclasses of plain values, so
equal pickles are equal units (pickled without sharing of repeated objects, which would make
two equal units look different depending on how they were loaded). The answers live in one
SQLite file under the cache folder (``<cache>/render``), and like the rest of the cache they
only ever save time: ``DXGEN_CACHE=0`` turns them off.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from . import cache
from .ir import Api, Body, Field, Operation, Response, Schema, Service, TypeRef
from .render_store import lookup
from .run_memory import RunMemory

_U = TypeVar("_U")
_KIND = "render"
_FORMAT = "1"  # bump when what a key covers changes

Produce = Callable[[], "str | bytes"]


@dataclass(frozen=True)
class Planned:
    """One file of a target: where it goes, its key (``None``: always produced), how to make
    it (text to format, or bytes as they are)."""

    rel: str
    key: str | None
    produce: Produce


def folder() -> Path | None:
    """Where the answers live; ``None`` when the cache is off."""
    return cache.cache_dir(_KIND)


def _digest(value: object) -> str:
    """The sha1 of ``value``'s pickle, made without pickle's memo: an object met twice is
    written twice, so that the digest is of the content alone, not of which equal parts
    happen to be one object (a spec loaded from the cache shares its strings otherwise than
    one parsed afresh). The IR has no cycles, which the memo would be needed for."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, 5)
    pickler.fast = True  # no memo
    pickler.dump(value)
    return hashlib.sha1(buffer.getbuffer()).hexdigest()


def digest_of(value: object) -> str:
    """The digest of a value made of the IR's units and plain values (a fact of a target's
    own, computed from many units, that a file reads)."""
    return _digest(value)


def key_of(*parts: str) -> str:
    """A key made of ``parts`` (digests, names), in order."""
    return _combine(*parts)


def _combine(*parts: str) -> str:
    """The digest of ``parts`` in order (each after its length: no two lists of parts are
    written alike, whatever characters they hold)."""
    joined = "".join([f"{len(part)}:{part}" for part in parts])
    return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()


_UNITS = ("services", "schemas")  # the Api's fields keyed unit by unit


class Units:
    """Digests of the IR's units, each computed once per run, and the keys made of them.

    With ``enabled`` false (the cache is off) every key is ``None`` and nothing is computed.
    With a ``memory`` (a long-lived run's), keys are looked up there first, and every answer
    the run uses is noted in :attr:`used` for the next run.
    """

    def __init__(
        self,
        api: Api,
        *,
        enabled: bool,
        salt: str = "",
        deferred: bool = False,
        memory: RunMemory | None = None,
    ) -> None:
        self.api = api
        self.enabled = enabled or memory is not None
        self.memory = memory
        #: Answers this run found (its memory's or the database's), when it has a memory.
        self.used: dict[str, bytes] = {}
        #: Keys are placeholders, computed after the run's files are made (a cold cache).
        self.deferred = deferred and enabled
        self._later: list[Callable[[], str | None]] = []
        self._salt = salt
        self._ops: dict[str, Operation] = {op.id: op for op in api.operations}
        self._schemas: dict[str, Schema] = {s.name: s for s in api.schemas}
        self._op_digest: dict[str, str] = {}
        self._schema_digest: dict[str, str] = {}
        self._head_digest: dict[str, str] = {}
        self._reach_digests: dict[str, str] = {}
        self._schema_reach_digests: dict[str, str] = {}
        self._labels: dict[tuple[str, str], str] = {}  # a unit as a key's part: kind, name
        #: Parts of files (:class:`Fragments`) made this run, to store with its files.
        self.kept: dict[str, bytes | memoryview] = {}
        self._schema_reach: dict[str, frozenset[str]] = {}
        self._op_reach: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        #: The last run's units (a long-lived run's), when its schemas are this run's objects:
        #: its reach facts hold for every schema, and for each operation whose reach is.
        self._last: Units | None = None
        if memory is not None:
            last = memory.units
            if last is not None:
                last._last = None  # one run back is all that is kept: not a chain of them
                if _same_objects(last.api.schemas, api.schemas):
                    self._last = last
                    self._schema_reach = last._schema_reach
                    self._schema_reach_digests = last._schema_reach_digests
                memory.release_later(last)
            memory.units = self

    def lookup(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The answers kept for ``keys``: the memory's, then the database's."""
        found = self.memory.lookup(keys) if self.memory is not None else {}
        where = folder()
        rest = [key for key in keys if key not in found] if found else list(keys)
        if where is not None and rest:
            found.update(lookup(where, rest))
        if self.memory is not None:
            self.used.update(found)
        return found

    def section(
        self,
        key: tuple[str, ...],
        inputs: Sequence[object],
        make: Callable[[], Iterable[Planned]],
        *,
        ops: Iterable[str] = (),
    ) -> list[Planned]:
        """A part of a target's plan (``make()``): in a long-lived run, the last run's part of
        ``key`` when its files' keys cannot have changed, which is when ``inputs`` (what the
        part reads of the IR: its service; or a digest, an equal string) are the same objects,
        as are every schema and the operations ``ops`` reach, and the settings and outline are
        equal. Its files' makers are the last run's then, which make what this run would:
        their keys are the same."""
        memory = self.memory
        if memory is None or self.deferred:
            return list(make())
        state = (self.settings, self.outline)
        last = memory.section(key)
        if not (
            last is not None
            and self._last is not None
            and last[0] == state
            and _same_objects(last[1], inputs)
            and all(self._last_reach(op_id) is not None for op_id in ops)
        ):
            last = (state, tuple(inputs), list(make()))
        memory.keep_section(key, last)
        planned: list[Planned] = last[2]
        return planned

    # -- the salt: dxgen itself --------------------------------------------------------------

    @cached_property
    def salt(self) -> str:
        """dxgen's code, templates and tools (as the stamp signs them), Python's version."""
        if self._salt:
            return self._salt
        if self.memory is not None and self.memory.salt:
            return self.memory.salt  # a long-lived run's code is what it loaded
        from .stamp import _code_signature

        salt = _combine(f"render {_FORMAT}", sys.version, _code_signature())
        if self.memory is not None:
            self.memory.salt = salt
        return salt

    # -- unit digests ------------------------------------------------------------------------

    def op(self, op_id: str) -> str:
        found = self._op_digest.get(op_id)
        if found is None:
            found = self._op_digest[op_id] = self._unit_digest(self._ops[op_id])
        return found

    def schema(self, name: str) -> str:
        found = self._schema_digest.get(name)
        if found is None:
            found = self._schema_digest[name] = self._unit_digest(self._schemas[name])
        return found

    def _unit_digest(self, unit: _U, compute: Callable[[_U], str] = _digest) -> str:
        """``compute(unit)``; in a long-lived run, the last run's answer when ``unit`` is the
        same object (an IR object, or a file's bytes the memory kept)."""
        return compute(unit) if self.memory is None else self.memory.digest(unit, compute)

    def bytes_digest(self, data: bytes) -> str:
        """The sha1 of ``data`` (a file's bytes)."""
        return self._unit_digest(data, _bytes_sha1)

    def _combine(self, *parts: str) -> str:
        """:func:`_combine`, answered from a long-lived run's memory when it can be."""
        return _combine(*parts) if self.memory is None else self.memory.combine(parts, _combine)

    @cached_property
    def settings(self) -> str:
        """Everything API-wide: the Api's fields but its services and schemas, and in full the
        operations that other operations' files may read (showcase, identity, uploads and
        the operations they name, workflow steps) and the schemas these name directly."""
        api = self.api
        special = self._special
        schemas: set[str] = set()
        for op_id in special:
            schemas |= _op_mentions(self._ops[op_id], self._schemas)
        if api.webhook_payload is not None and api.webhook_payload.ref in self._schemas:
            schemas.add(api.webhook_payload.ref)
        # every field of the Api but its services and schemas (keyed unit by unit), so that
        # a field the IR gains is in every key without anyone remembering to add it here
        head = tuple((f.name, getattr(api, f.name)) for f in fields(Api) if f.name not in _UNITS)
        return self._combine(
            self.salt,
            _digest(head),
            *(f"o:{op_id}:{self.op(op_id)}" for op_id in sorted(special)),
            *(f"s:{name}:{self.schema(name)}" for name in sorted(schemas)),
        )

    @cached_property
    def outline(self) -> str:
        """Every name: services, their operations (in order), schemas. A rename, an operation
        or a schema added or removed changes it, and with it every key."""
        services = (self._unit_digest(s, _service_outline) for s in self.api.services)
        return self._combine("outline", *services, "|", self._schemas_outline)

    @cached_property
    def _schemas_outline(self) -> str:
        if self._last is not None:  # the same schemas: the same names
            return self._last._schemas_outline
        return _digest(
            tuple(
                (
                    s.name,
                    s.kind,
                    s.module,
                    s.anchor,
                    s.page,
                    s.page_anchor,
                    s.literal_name,
                    s.recursive,
                )
                for s in self.api.schemas
            )
        )

    @cached_property
    def _special(self) -> list[str]:
        """The operations that other operations' files may read: showcase, identity, uploads
        and the operations these name, workflow steps."""
        api = self.api
        special: set[str] = set()
        for value in (*vars(api.showcase).values(), *vars(api.identity).values()):
            if isinstance(value, str) and value in self._ops:
                special.add(value)
        for op in api.operations:
            if op.upload is not None:
                special.add(op.id)
                if op.upload.params_operation in self._ops:
                    special.add(op.upload.params_operation)
        for workflow in api.workflows:
            special.update(s.operation for s in workflow.steps if s.operation in self._ops)
        return sorted(special)

    @cached_property
    def wide(self) -> str:
        """The showcase and the rest of the special operations with all they reach, and the
        webhook payload with all it reaches: what a README's samples read."""
        ops: set[str] = set()
        schemas: set[str] = set()
        for op_id in self._special:
            more_ops, more_schemas = self.op_reach(op_id)
            ops |= more_ops
            schemas |= more_schemas
        payload = self.api.webhook_payload
        if payload is not None and payload.ref in self._schemas:
            schemas |= self.schema_reach(payload.ref)
        return self._combine("wide", *self._units(ops, schemas))

    @cached_property
    def heads(self) -> str:
        """Every service's own fields."""
        return self._combine("heads", *(self.service_head(s) for s in self.api.services))

    @cached_property
    def surface(self) -> str:
        """What a package's list of models reads of each schema."""
        return _digest(
            tuple(
                (
                    s.name,
                    s.module,
                    s.kind,
                    s.recursive,
                    s.enum_type,
                    len(s.enum_values),
                    s.literal_name,
                    s.is_error,
                )
                for s in self.api.schemas
            )
        )

    @cached_property
    def errors(self) -> str:
        """Every operation's error responses, and all their types reach."""
        schemas: set[str] = set()
        for op in self.api.operations:
            for response in op.errors:
                found: set[str] = set()
                _response_refs(response, found)
                for name in found:
                    if name in self._schemas:
                        schemas |= self.schema_reach(name)
        listed = (
            f"{op.id}:{self._unit_digest(op.errors)}" for op in self.api.operations if op.errors
        )
        return self._combine("errors", *listed, "|", *self._units((), schemas))

    def service_head(self, service: Service) -> str:
        """The service's own fields (its operations are in the outline, or keyed apart)."""
        found = self._head_digest.get(service.name)
        if found is None:
            found = self._head_digest[service.name] = self._unit_digest(service, _head_digest)
        return found

    @cached_property
    def everything(self) -> str:
        """Every unit: the key of a file that reads the whole API."""
        return self._combine(
            self.settings,
            self.outline,
            *(self.service_head(s) for s in self.api.services),
            *(self.op(op.id) for op in self.api.operations),
            *(self.schema(s.name) for s in self.api.schemas),
        )

    # -- reach -------------------------------------------------------------------------------

    def schema_reach(self, name: str) -> frozenset[str]:
        """The schemas ``name`` reaches (itself included), through every name it holds."""
        found = self._schema_reach.get(name)
        if found is not None:
            return found
        seen: set[str] = set()
        stack = [name]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            known = self._schema_reach.get(current)
            if known is not None:
                seen |= known
                continue
            seen.add(current)
            stack.extend(_schema_mentions(self._schemas[current], self._schemas))
        result = frozenset(seen)
        self._schema_reach[name] = result
        return result

    def op_reach(self, op_id: str) -> tuple[frozenset[str], frozenset[str]]:
        """The operations (itself included, and those it names) and the schemas it reaches."""
        found = self._op_reach.get(op_id)
        if found is not None:
            return found
        found = self._last_reach(op_id)
        if found is not None:
            self._op_reach[op_id] = found
            return found
        ops: set[str] = set()
        schemas: set[str] = set()
        stack = [op_id]
        while stack:
            current = stack.pop()
            if current in ops:
                continue
            ops.add(current)
            op = self._ops[current]
            for name in _op_mentions(op, self._schemas):
                schemas |= self.schema_reach(name)
            stack.extend(o for o in _op_names(op) if o in self._ops)
        result = (frozenset(ops), frozenset(schemas))
        self._op_reach[op_id] = result
        return result

    @cached_property
    def users(self) -> dict[str, list[str]]:
        """Schema name → the operations that reach it (in the API's order)."""
        found: dict[str, list[str]] = {}
        for op in self.api.operations:
            for name in self.op_reach(op.id)[1]:
                found.setdefault(name, []).append(op.id)
        return found

    @cached_property
    def mentioned_by(self) -> dict[str, list[str]]:
        """Schema name → the schemas that name it directly."""
        found: dict[str, list[str]] = {}
        for schema in self.api.schemas:
            for name in _schema_mentions(schema, self._schemas):
                found.setdefault(name, []).append(schema.name)
        return found

    # -- keys --------------------------------------------------------------------------------

    def _units(self, ops: Iterable[str], schemas: Iterable[str]) -> Iterator[str]:
        labels = self._labels
        for op_id in sorted(set(ops)):
            label = labels.get(("o", op_id))
            if label is None:
                label = labels[("o", op_id)] = f"o:{op_id}:{self.op(op_id)}"
            yield label
        for name in sorted(set(schemas)):
            label = labels.get(("s", name))
            if label is None:
                label = labels[("s", name)] = f"s:{name}:{self.schema(name)}"
            yield label

    # In a deferred run (:attr:`deferred`: a cold cache, nothing to look up) each key below
    # is a placeholder, computed by :meth:`resolve` once the files are made, beside the
    # writing (:func:`keep_later`): a first run pays for no key on its way.

    def later(self, compute: Callable[[], str | None]) -> str | None:
        """``compute()`` now, or (deferred) a placeholder for it; ``None`` with no cache."""
        if not self.enabled:
            return None
        if not self.deferred:
            return compute()
        token = _Later(f"later:{len(self._later)}")
        self._later.append(compute)
        return token

    def resolve(self, key: str) -> str | None:
        """A key, with a placeholder (:meth:`later`) computed."""
        if isinstance(key, _Later):
            return self._later[int(key.partition(":")[2])]()
        return key

    def _resolved(self, parts: Iterable[str]) -> list[str]:
        return [(self.resolve(p) or "") if isinstance(p, _Later) else p for p in parts]

    def derive(self, key: str | None, *parts: str) -> str | None:
        """A key made from another (a file among several that read the same units)."""
        if key is None:
            return None
        return self.later(lambda: self._combine(self.resolve(key) or "", *parts))

    def key(self, target: str, rel: str, *parts: str) -> str | None:
        """A file's key: the target, its path, the settings, the outline and ``parts``."""
        return self.later(
            lambda: self._combine(target, rel, self.settings, self.outline, *self._resolved(parts))
        )

    def static_key(self, target: str, rel: str) -> str | None:
        """A file copied from dxgen's templates: dxgen's own version is all it reads."""
        return self.later(lambda: self._combine("static", target, rel, self.salt))

    def all_key(self, target: str, rel: str) -> str | None:
        """A file that reads anything of the API."""
        return self.later(
            lambda: self._combine(target, rel, self.settings, self.outline, self.everything)
        )

    def operations_key(
        self,
        target: str,
        rel: str,
        service: Service | None,
        op_ids: Sequence[str],
        schemas: Iterable[str] = (),
        extra_ops: Iterable[str] = (),
        facts: Sequence[str] = (),
    ) -> str | None:
        """A file of operations (and of what they reach), of ``service``'s (if given)."""
        if not self.enabled:
            return None
        ids, names, extra = tuple(op_ids), tuple(schemas), tuple(extra_ops)
        return self.later(
            lambda: self._operations_key(target, rel, service, ids, names, extra, tuple(facts))
        )

    def _operations_key(
        self,
        target: str,
        rel: str,
        service: Service | None,
        op_ids: tuple[str, ...],
        schemas: tuple[str, ...],
        extra_ops: tuple[str, ...],
        facts: tuple[str, ...],
    ) -> str:
        head = self.service_head(service) if service is not None else "-"
        facts = tuple(self._resolved(facts))
        if len(op_ids) == 1 and not extra_ops and not schemas:  # most files: made once an op
            reach = self._reach_digest(op_ids[0])
            return self._combine(
                target, rel, self.settings, self.outline, head, *facts, "|1", reach
            )
        ops: set[str] = set(extra_ops)
        reached: set[str] = set()
        for op_id in op_ids:
            more_ops, more_schemas = self.op_reach(op_id)
            ops |= more_ops
            reached |= more_schemas
        for name in schemas:
            reached |= self.schema_reach(name)
        units = self._units(ops, reached)
        return self._combine(target, rel, self.settings, self.outline, head, *facts, "|", *units)

    def _schema_digest_of(self, name: str) -> str:
        """The digest of a schema's units and of all it reaches."""
        found = self._schema_reach_digests.get(name)
        if found is None:
            digest = self._combine(*self._units((), self.schema_reach(name)))
            found = self._schema_reach_digests[name] = digest
        return found

    def _last_reach(self, op_id: str) -> tuple[frozenset[str], frozenset[str]] | None:
        """The last run's reach of ``op_id``, if the operations it reached are the same."""
        last = self._last
        if last is None:
            return None
        found = last._op_reach.get(op_id)
        if found is None or not all(last._ops.get(o) is self._ops.get(o) for o in found[0]):
            return None
        return found

    def _reach_digest(self, op_id: str) -> str:
        """The digest of an operation's units and of all it reaches."""
        found = self._reach_digests.get(op_id)
        if found is None and self._last is not None and self._last_reach(op_id) is not None:
            found = self._last._reach_digests.get(op_id)
            if found is not None:
                self._reach_digests[op_id] = found
        if found is None:
            ops, schemas = self.op_reach(op_id)
            found = self._reach_digests[op_id] = self._combine(*self._units(ops, schemas))
        return found

    def schemas_key(
        self, target: str, rel: str, names: Iterable[str], users: bool = False
    ) -> str | None:
        """A file of schemas (and of what they reach); with ``users``, also of the operations
        that reach them and the schemas that name them (a docs model page lists both)."""
        if not self.enabled:
            return None
        wanted = tuple(names)
        return self.later(lambda: self._schemas_key(target, rel, wanted, users))

    def _schemas_key(self, target: str, rel: str, wanted: tuple[str, ...], users: bool) -> str:
        if len(wanted) == 1:  # most files: made once a schema
            name = wanted[0]
            head = (target, rel, self.settings, self.outline, "|s1", self._schema_digest_of(name))
            if not users:
                return self._combine(*head)
            users_of = self.users.get(name, [])
            return self._combine(
                *head, "|u", *self._units(users_of, self.mentioned_by.get(name, []))
            )
        reached: set[str] = set()
        for name in wanted:
            reached |= self.schema_reach(name)
        ops: set[str] = set()
        if users:
            for name in wanted:
                ops.update(self.users.get(name, ()))
                reached.update(self.mentioned_by.get(name, ()))
        return self._combine(target, rel, self.settings, self.outline, *self._units(ops, reached))


def _service_outline(service: Service) -> str:
    """A service's names and its operations'."""
    names = tuple((op.id, op.names, op.service) for op in service.operations)
    return _digest((service.name, service.names, service.class_name, service.module, names))


def _bytes_sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _head_digest(service: Service) -> str:
    return _digest(
        tuple((f.name, getattr(service, f.name)) for f in fields(Service) if f.name != "operations")
    )


def _same_objects(these: Sequence[object], those: Sequence[object]) -> bool:
    """Whether the two hold the same objects, in order (strings: equal ones)."""
    return len(these) == len(those) and all(
        a is b or (type(a) is str and a == b) for a, b in zip(these, those, strict=True)
    )


class _Later(str):
    """A key to be computed later (:meth:`Units.later`)."""

    __slots__ = ()


# -- what a unit names ---------------------------------------------------------------------


def _type_refs(typ: TypeRef | None, out: set[str]) -> None:
    while typ is not None:
        if typ.ref is not None:
            out.add(typ.ref)
        typ = typ.items


def _field_refs(fields: Iterable[Field], out: set[str]) -> None:
    for item in fields:
        _type_refs(item.type, out)


def _response_refs(response: Response | None, out: set[str]) -> None:
    if response is not None:
        _type_refs(response.type, out)
        _type_refs(response.unwrapped_type, out)


def _body_refs(body: Body | None, out: set[str]) -> None:
    if body is not None:
        _type_refs(body.type, out)
        _field_refs(body.fields, out)
        _field_refs(body.outer_fields, out)


def _op_mentions(op: Operation, schemas: dict[str, Schema]) -> set[str]:
    """The schemas an operation names: in its types, its upload, its result and example."""
    found: set[str] = set()
    for parameter in op.parameters:
        _type_refs(parameter.type, found)
    _body_refs(op.body, found)
    for response in (*op.responses, op.success, *op.errors):
        _response_refs(response, found)
    if op.pagination is not None:
        _type_refs(op.pagination.item_type, found)
    _type_refs(op.result.type, found)
    for argument in op.example.arguments:
        _type_refs(argument.type, found)
    if op.upload is not None:
        found.update(n for n in (op.upload.attachment, *op.upload.attachment_fits) if n)
    return {name for name in found if name in schemas}


def _op_names(op: Operation) -> set[str]:
    """The operations an operation names."""
    return {op.upload.params_operation} if op.upload and op.upload.params_operation else set()


def _schema_mentions(schema: Schema, schemas: dict[str, Schema]) -> set[str]:
    found: set[str] = set(schema.depends_on)
    _field_refs(schema.fields, found)
    _type_refs(schema.additional, found)
    _type_refs(schema.target, found)
    for variant in schema.variants:
        _type_refs(variant.type, found)
    if schema.discriminator is not None:
        for refinement in schema.discriminator.refinements:
            found.update(name for _, name in refinement.mapping)
    return {name for name in found if name in schemas}


class Fragments:
    """Parts of a file kept by key, for a file that reads the whole API but is made of parts
    that each read little (the CLI's catalog: an entry per operation; llms-full.txt: a page
    per docs page): after a small edit only the parts whose keys changed are made again.

    :meth:`get` answers a part from what an earlier run kept, else makes it; :meth:`keep`
    hands the parts made to the run (:attr:`Units.kept`), which stores them with its files.
    With the cache off every part is made."""

    def __init__(self, units: Units) -> None:
        self._units = units
        self._asks = units.enabled and not units.deferred
        self._found: dict[str, bytes] = {}
        self._made: dict[str, bytes] = {}
        self._unheld: set[str] = set()

    def ask(self, keys: Iterable[str | None]) -> None:
        """Look the parts of ``keys`` up at once (one query for all)."""
        wanted = [key for key in keys if key is not None]
        if self._asks and wanted:
            self._found.update(self._units.lookup(wanted))

    def get(self, key: str | None, make: Callable[[], bytes], *, hold: bool = True) -> bytes:
        """The part of ``key``: kept by an earlier run, else ``make()``. ``hold`` false: a
        part made is not held here, its file's maker hands it over with :meth:`keep_views`."""
        if key is None:
            return make()
        found = self._found.get(key)
        if found is None:
            found = make()
            if hold:
                self._made[key] = found
            else:
                self._unheld.add(key)
        return found

    def keep(self) -> None:
        """Hand the parts made to the run, which keeps them with its files (one transaction)."""
        self._units.kept.update(self._made)
        self._made = {}

    def keep_views(self, data: bytes, spans: Mapping[str, tuple[int, int]]) -> None:
        """Hand over the parts made unheld as views of ``data``, the file they were written
        into, at ``spans`` (key → start, end): no second copy of them (llms-full.txt's pages
        are 24 MB for GitHub's spec)."""
        view = memoryview(data)
        for key, (start, end) in spans.items():
            if key in self._unheld and end <= len(data):
                self._units.kept[key] = view[start:end]
        self._unheld.clear()
