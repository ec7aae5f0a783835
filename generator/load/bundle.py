"""Bundle a spec split across files into one document with only internal ``$ref``s.

External references (``schemas/user.yaml#/User``, ``./common.yaml``) are resolved relative to
the file they appear in. A target that lives under ``/components/<kind>/<name>`` in its file
is mounted at the same place in the bundle; any other schema-like target is mounted under
``/components/schemas`` with a name from its pointer or file; anything else is inlined.
Each mount is recorded so findings in the bundle can be traced back to the right file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from .. import naming
from ..diagnostics import Diagnostic, Location, SpecError, error
from .confine import RefRoots
from .limits import DEFAULT_LIMITS, Limits
from .memo import current
from .source import SourceFile, escape_token, join_pointer, read_source, split_pointer

_SCHEMA_SLOTS = {"schema", "items", "additionalProperties", "not"}
_SCHEMA_CONTAINERS = {"properties", "allOf", "anyOf", "oneOf", "schemas", "patternProperties"}


@dataclass(frozen=True)
class Mount:
    """The subtree at ``target`` in the bundle came from ``source`` in ``file``."""

    target: str
    file: SourceFile
    source: str


@dataclass
class SourceMap:
    """Maps a JSON pointer of the bundled (and possibly converted) document to a file position."""

    mounts: list[Mount] = field(default_factory=list)
    # Pointer rewrites applied before the mounts (e.g. Swagger 2.0 -> 3.0 conversion).
    rewrites: list[tuple[str, str]] = field(default_factory=list)

    def locate(self, pointer: str) -> Location:
        pointer = _apply_longest(pointer, self.rewrites)
        best: Mount | None = None
        for mount in self.mounts:
            if _has_prefix(pointer, mount.target) and (
                best is None or len(mount.target) > len(best.target)
            ):
                best = mount
        if best is None:
            return Location("<spec>", 0, 0, pointer)
        return best.file.location(best.source + pointer[len(best.target) :])

    def release_documents(self) -> None:
        """Let go of the files' parsed documents once the IR is built: locating needs only
        positions, and GitHub's description parsed is tens of megabytes that rendering
        would otherwise carry to its peak."""
        for mount in self.mounts:
            mount.file.data = None


def _has_prefix(pointer: str, prefix: str) -> bool:
    return pointer == prefix or pointer.startswith(prefix + "/") or prefix == ""


def _apply_longest(pointer: str, rewrites: list[tuple[str, str]]) -> str:
    best: tuple[str, str] | None = None
    for new, old in rewrites:
        if _has_prefix(pointer, new) and (best is None or len(new) > len(best[0])):
            best = (new, old)
    if best is None:
        return pointer
    return best[1] + pointer[len(best[0]) :]


@dataclass
class Bundle:
    document: dict[str, Any]
    root: SourceFile
    files: dict[Path, SourceFile]
    source_map: SourceMap


def resolve_pointer(data: Any, pointer: str) -> Any:
    """The node at ``pointer``; raises KeyError when there is none."""
    node = data
    for token in split_pointer(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(token)
    return node


@dataclass(frozen=True)
class _Inline:
    value: Any
    file: SourceFile
    pointer: str


@dataclass(frozen=True)
class _PendingMount:
    """A file's component, named and reserved in the bundle, waiting to be copied in."""

    dest: str
    target: Any
    file: SourceFile
    fragment: str


class _Bundler:
    def __init__(self, root: SourceFile, base_dir: Path, roots: RefRoots, limits: Limits) -> None:
        self.root = root
        self.base_dir = base_dir
        self.roots = roots
        self.limits = limits
        self.files: dict[Path, SourceFile] = {root.path.resolve(): root}
        self.mounted: dict[tuple[Path, str], str] = {}
        self.components: dict[str, dict[str, Any]] = {}
        self.source_map = SourceMap([Mount("", root, "")])
        self.errors: list[Diagnostic] = []
        # Mounts are copied one after another, not inside each other: a long chain of
        # schemas referring to the next must not deepen Python's stack.
        self.pending: list[_PendingMount] = []
        # What is being inlined now, innermost last: a ref back into it is a cycle.
        self.inlining: list[tuple[Path, str]] = []

    def file(self, path: Path, ref: str, referrer: Location) -> SourceFile | None:
        """The file a ``$ref`` names, read once; None (and an error at the ref) if it may not
        or cannot be read. Nothing of a refused or unreadable file's content is shown."""
        key = self.roots.confine(path)
        if key is None:
            self.errors.append(
                error(
                    f"$ref outside the spec's folder, not read: {ref} (files under "
                    f"{self.roots.describe()} only; `ref_root` in dxgen.toml adds a folder)",
                    referrer,
                )
            )
            return None
        if key not in self.files:
            try:
                display = str(key.relative_to(self.base_dir))
            except ValueError:
                display = str(key)
            try:
                source = read_source(key, display, self.limits)
            except SpecError as exc:
                self.errors.extend(_at_referrer(exc.diagnostics, ref, display, referrer))
                return None
            if not isinstance(source.data, (dict, list)):
                self.errors.append(
                    error(f"referenced file is not a YAML or JSON document: {display}", referrer)
                )
                return None
            self.files[key] = source
        return self.files[key]

    def claim_root_components(self) -> None:
        """``components/schemas/User: {$ref: user.yaml}`` in the root keeps the name ``User``.

        Without this, the file would be mounted under a name of its own (``user``) and the
        two would collide once turned into class names.
        """
        components = self.root.data.get("components")
        if not isinstance(components, dict):
            return
        for kind, entries in components.items():
            if not isinstance(entries, dict):
                continue
            for name, value in entries.items():
                ref = value.get("$ref") if isinstance(value, dict) and len(value) == 1 else None
                if not isinstance(ref, str) or ref.startswith(("#", "http://", "https://")):
                    continue
                if "\0" in unquote(ref):
                    continue  # reported when the ref itself is resolved
                file_part, _, fragment = ref.partition("#")
                key = ((self.root.path.parent / unquote(file_part)).resolve(), unquote(fragment))
                dest = "#" + join_pointer("/components", str(kind), str(name))
                self.mounted.setdefault(key, dest)

    def rewrite(self, value: Any, src: SourceFile, pointer: str, dest: str) -> Any:
        """Copy ``value`` (at ``pointer`` in ``src``, going to ``dest`` in the bundle), making
        every ``$ref`` internal."""
        if isinstance(value, (dict, list)) and dest.count("/") >= self.limits.max_depth:
            self.errors.append(
                error(
                    f"nesting deeper than {self.limits.max_depth} levels once $refs are "
                    "inlined (the limit on depth)",
                    src.location(pointer),
                )
            )
            return None
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and (src is not self.root or not ref.startswith("#")):
                resolved = self.internal_ref(ref, src, pointer, dest)
                if resolved is None:
                    return value
                if isinstance(resolved, _Inline):
                    return self.inline(
                        resolved, ref, src.location(join_pointer(pointer, "$ref")), dest
                    )
                return {**value, "$ref": resolved}
            return {
                key: self.rewrite(item, src, join_pointer(pointer, key), join_pointer(dest, key))
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [
                self.rewrite(item, src, join_pointer(pointer, i), join_pointer(dest, i))
                for i, item in enumerate(value)
            ]
        return value

    def inline(self, resolved: _Inline, ref: str, referrer: Location, dest: str) -> Any:
        """Copy a referenced node in place; a ref that leads back into itself is an error."""
        key = (resolved.file.path, resolved.pointer)
        if key in self.inlining:
            self.errors.append(error(f"circular $ref: {ref} leads back to itself", referrer))
            return None
        self.inlining.append(key)
        try:
            self.source_map.mounts.append(Mount(dest, resolved.file, resolved.pointer))
            return self.rewrite(resolved.value, resolved.file, resolved.pointer, dest)
        finally:
            self.inlining.pop()

    def internal_ref(
        self, ref: str, src: SourceFile, pointer: str, dest: str
    ) -> str | _Inline | None:
        referrer = src.location(join_pointer(pointer, "$ref"))
        file_part, _, fragment = ref.partition("#")
        fragment = unquote(fragment)
        if "\0" in ref or "\0" in unquote(file_part) or "\0" in fragment:
            self.errors.append(error("$ref contains a NUL byte", referrer))
            return None
        if file_part.startswith(("http://", "https://")):
            self.errors.append(error(f"remote $ref is not supported: {ref}", referrer))
            return None
        target_file = (
            self.file(src.path.parent / unquote(file_part), ref, referrer) if file_part else src
        )
        if target_file is None:
            return None
        try:
            target = resolve_pointer(target_file.data, fragment)
        except KeyError:
            self.errors.append(
                error(f"dangling $ref: {ref} (no such node in {target_file.display})", referrer)
            )
            return None
        if target_file is self.root:
            return "#" + fragment
        key = (target_file.path.resolve(), fragment)
        if key in self.mounted:
            if self.mounted[key] == "#" + dest:  # a root component claimed this file: fill it
                return _Inline(target, target_file, fragment)
            return self.mounted[key]
        tokens = split_pointer(fragment)
        if len(tokens) == 3 and tokens[0] == "components":
            return self.mount(key, tokens[1], tokens[2], target, target_file, fragment)
        if _is_schema_slot(pointer):
            name = tokens[-1] if tokens else _stem_name(target_file.path)
            return self.mount(key, "schemas", name, target, target_file, fragment)
        # Parameters, responses, path items and the like are not named types: copy them in.
        return _Inline(target, target_file, fragment)

    def mount(
        self,
        key: tuple[Path, str],
        kind: str,
        name: str,
        target: Any,
        file: SourceFile,
        fragment: str,
    ) -> str:
        section = self.components.setdefault(kind, {})
        existing = (self.root.data.get("components") or {}).get(kind) or {}
        # Compare as class names: `address` beside `Address` would collide later in parse.
        taken = {naming.class_name(str(n)) for n in (*section, *existing)}
        unique, n = name, 1
        while naming.class_name(unique) in taken:
            n += 1
            unique = f"{name}{n}"
        dest = join_pointer("/components", kind, unique)
        self.mounted[key] = "#" + dest
        section[unique] = None  # reserved now, copied in by `copy_pending` (recursive schemas)
        self.source_map.mounts.append(Mount(dest, file, fragment))
        self.pending.append(_PendingMount(dest, target, file, fragment))
        return "#" + dest

    def copy_pending(self) -> None:
        """Copy in every reserved component, including those that copying finds."""
        while self.pending:
            mount = self.pending.pop()
            kind, name = split_pointer(mount.dest)[1:3]
            self.components[kind][name] = self.rewrite(
                mount.target, mount.file, mount.fragment, mount.dest
            )


def _at_referrer(
    diagnostics: tuple[Diagnostic, ...], ref: str, display: str, referrer: Location
) -> list[Diagnostic]:
    """Problems with a referenced file as a whole (missing, a folder, a device, too large) are
    reported at the ``$ref`` that named it; problems inside it stay where they are."""
    located: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.location.line:
            located.append(diagnostic)
        elif diagnostic.message == "file not found":
            located.append(error(f"referenced file not found: {display}", referrer))
        else:
            located.append(error(f"$ref {ref}: {diagnostic.message}", referrer))
    return located


def _is_schema_slot(pointer: str) -> bool:
    tokens = split_pointer(pointer)
    if not tokens:
        return False
    if tokens[-1] in _SCHEMA_SLOTS:
        return True
    return len(tokens) >= 2 and tokens[-2] in _SCHEMA_CONTAINERS


def _stem_name(path: Path) -> str:
    stem = path.name.split(".")[0]
    return re.sub(r"[^0-9A-Za-z_.-]", "_", stem) or "Schema"


def bundle(
    path: Path,
    base_dir: Path | None = None,
    *,
    ref_root: Path | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Bundle:
    """Load ``path`` and every file it references (under its folder or ``ref_root``) into
    one document."""
    base = base_dir or Path.cwd()
    try:
        display = str(path.resolve().relative_to(base.resolve()))
    except (ValueError, OSError):
        display = str(path)
    root = read_source(path, display, limits)
    if not isinstance(root.data, dict):
        raise SpecError(
            [error("not an OpenAPI document: the top level is not a mapping", root.location(""))]
        )
    bundler = _Bundler(root, base.resolve(), RefRoots.for_spec(path, ref_root), limits)
    internal = _internal_refs(root.data)
    if internal is None:
        bundler.claim_root_components()
        document = bundler.rewrite(root.data, root, "", "")
        bundler.copy_pending()
    else:
        # One file, only internal refs: the bundle is the file as read (copying it changed
        # nothing, and its depth was checked as it was read). Copying computed a pointer for
        # every node: a fifth of loading a 1,000-operation spec.
        document = root.data
    if bundler.errors:
        raise SpecError(bundler.errors)
    if bundler.components:
        components = dict(document.get("components") or {})
        for kind, entries in bundler.components.items():
            merged = dict(components.get(kind) or {})
            merged.update(entries)
            components[kind] = merged
        document["components"] = components
    if internal is None or not _all_resolve(document, internal):
        _check_internal_refs(document, bundler.source_map)
    return Bundle(document, root, bundler.files, bundler.source_map)


def _internal_refs(data: Any) -> set[str] | None:
    """Every internal ``$ref`` in ``data`` outside examples (those :func:`_check_internal_refs`
    checks), or ``None`` if any ``$ref`` names another file (or is not a ``#`` string): then
    the file is bundled, and the bundle checked on its own. One walk, no pointers; in a
    long-lived run, each ``paths`` entry's walk is the last load's if it is the same object."""
    memory = current()
    paths = data.get("paths") if isinstance(data, dict) else None
    if memory is None or not isinstance(paths, dict):
        return _refs_in(data)
    refs = _refs_in({key: value for key, value in data.items() if key != "paths"})
    for entry in paths.values():
        found = memory.refs(entry, _refs_in)
        if refs is None or found is None:
            return None
        refs |= found
    return refs


def _refs_in(data: Any) -> set[str] | None:
    """:func:`_internal_refs` of ``data``, walked."""
    refs: set[str] = set()
    stack: list[Any] = [data]
    examples: list[Any] = []  # values under `example(s)`: only an outside ref matters there
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str):
                if not ref.startswith("#"):
                    return None
                refs.add(ref)
            for key, item in value.items():
                if isinstance(item, (dict, list)):
                    (examples if key == "example" or key == "examples" else stack).append(item)
        elif isinstance(value, list):
            stack.extend(value)
    while examples:
        value = examples.pop()
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return None
            examples.extend(value.values())
        elif isinstance(value, list):
            examples.extend(value)
    return refs


def _all_resolve(document: dict[str, Any], refs: set[str]) -> bool:
    """Whether every one of ``refs`` names a node in ``document``."""
    for ref in refs:
        try:
            resolve_pointer(document, unquote(ref[1:]))
        except KeyError:
            return False
    return True


def _check_internal_refs(document: dict[str, Any], source_map: SourceMap) -> None:
    problems: list[Diagnostic] = []

    def walk(value: Any, pointer: str) -> None:
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                try:
                    resolve_pointer(document, unquote(ref[1:]))
                except KeyError:
                    where = source_map.locate(join_pointer(pointer, "$ref"))
                    problems.append(error(f"dangling $ref: {ref}", where))
            for key, item in value.items():
                if key != "example" and key != "examples":
                    walk(item, pointer + "/" + escape_token(key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{pointer}/{index}")

    walk(document, "")
    if problems:
        raise SpecError(problems)
