"""A run's stamp: what a finished ``dxgen generate`` read and left, so that the next run with
nothing changed can say so without doing the work again.

As make and ninja do, a run that wrote (or found current) its output records a stamp of:

- what was asked: the spec and output folder, the targets and options, the config files' text,
  the working folder (messages name files relative to it), dxgen's own code and templates and
  the tools whose answers end up in the output (the signatures of their files), Python's version;
- every file the run read, by content digest: the spec, the files its ``$ref``s and TypeSpec
  imports name, the workflows;
- every file under the output roots, by size, mtime, ctime and inode, as the run left them;
- what it printed that a rerun must print again: warnings, files not ours.

A later run whose request is the same, whose inputs have the same digests and whose output is as
it was left (no file changed, added or removed under the roots; no killed run's transaction) is
up to date: it repeats those messages and writes nothing. Anything else is a full run, which
records a new stamp. A file edited and given back its old size and times by hand, within one
tick of the clock, would go unseen, as it would by make.

Stamps live in dxgen's cache folder (see :mod:`generator.cache`), one per output folder, not in
the output: output/ is committed, and the signatures are this machine's. ``DXGEN_CACHE=0`` turns
them off with the rest of the cache.

This module is imported before the pipeline and must stay cheap: no jinja, no YAML.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from . import cache
from .targets import templates_dir

_FORMAT = 1
_KIND = "runs"
# Whose files' signatures are part of the request: what renders, formats or judges the output.
_TOOLS = (
    "jinja2",
    "markupsafe",
    "yaml",
    "ruff",
    "black",
    "openapi_spec_validator",
    "jsonschema_rs",
)
_ENV = ("DXGEN_TYPESPEC_DIR",)  # environment that changes what a run reads


@dataclass(frozen=True)
class Request:
    """What a ``dxgen generate`` run was asked to do, resolved (absolute paths)."""

    spec: Path
    out_dir: Path
    targets: tuple[str, ...]
    strict: bool
    workflows: Path | None
    use_config_names: bool
    config_files: tuple[Path, ...]  # the config files looked for, found or not
    #: When the run started: an input changed since then may not be what the run read.
    started_ns: int = field(default_factory=time.time_ns, compare=False)

    @cached_property
    def digest(self) -> str:
        parts: list[str] = [
            f"stamp {_FORMAT}",
            sys.version,
            sys.prefix,
            str(Path.cwd()),
            str(self.spec),
            str(self.out_dir),
            ",".join(self.targets),
            f"strict={self.strict}",
            f"workflows={self.workflows}",
            f"names={self.use_config_names}",
            *(f"{name}={os.environ.get(name, '')}" for name in _ENV),
            *(f"{path}:{_file_digest(path) or '-'}" for path in self.config_files),
            _code_signature(),
        ]
        return cache.key(*parts)


@dataclass(frozen=True)
class Replay:
    """What an up-to-date run says: the recorded messages and the counts of its summary."""

    messages: tuple[str, ...]
    files: int  # the output files, all unchanged
    targets: tuple[str, ...]


def current(request: Request) -> Replay | None:
    """The recorded run, if ``request`` was run before and nothing it read or left changed."""
    folder = cache.cache_dir(_KIND)
    if folder is None:
        return None
    data = cache.lookup(folder, _entry(request.out_dir))
    if data is None:
        return None
    try:
        stamp: dict[str, Any] = json.loads(data)
        if stamp.get("request") != request.digest:
            return None
        if not _inputs_unchanged(stamp["inputs"]) or not _output_unchanged(
            request.out_dir, stamp["roots"], stamp["files"]
        ):
            return None
        return Replay(
            tuple(str(m) for m in stamp["messages"]),
            int(stamp["unchanged"]),
            tuple(str(t) for t in stamp["targets"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):  # a damaged entry: a full run
        return None


def record(
    request: Request,
    *,
    inputs: Iterable[Path],
    read: Mapping[Path, str],
    roots: Sequence[str],
    files: Iterable[str],
    messages: Sequence[str],
    targets: Sequence[str],
) -> None:
    """Remember a run that left ``files`` (its output, relative to the output folder, all as
    it wants them) under ``roots``, having read ``inputs`` and printed ``messages``. ``read``
    has the digests of inputs as they were read; the others are read again now, and must not
    have been saved since the run started."""
    folder = cache.cache_dir(_KIND)
    if folder is None:
        return
    unread = [path for path in inputs if path not in read]
    if any(_changed_since(path, request.started_ns) for path in unread):
        return  # perhaps saved while the run read it: what it read is not known, so no stamp
    digests = {str(path): read.get(path) or _file_digest(path) for path in inputs}
    # what is there besides the run's own files (not ours, left alone) is part of the state too
    every = {*files, *_present(request.out_dir, roots)}
    out = str(request.out_dir)  # str paths: thousands of files, no Path made for each
    signatures = {rel: _signature(os.path.join(out, rel)) for rel in sorted(every)}
    if None in signatures.values() or None in digests.values():
        return  # something went missing meanwhile: no stamp, the next run is a full one
    stamp = {
        "request": request.digest,
        "inputs": digests,
        "roots": list(roots),
        "files": signatures,
        "messages": list(messages),
        "targets": list(targets),
        "unchanged": len(set(files)),
    }
    cache.store(folder, _entry(request.out_dir), json.dumps(stamp, separators=(",", ":")))


# --- signatures ------------------------------------------------------------------------------


def _entry(out_dir: Path) -> str:
    return cache.key("output", str(out_dir))


def _signature(path: str | Path) -> list[int] | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


# A file's mtime comes from a clock that lags the precise one by up to a tick (a few ms).
_TICK_NS = 20_000_000


def _changed_since(path: Path, started_ns: int) -> bool:
    try:
        return os.stat(path).st_mtime_ns >= started_ns - _TICK_NS
    except OSError:
        return True


def _file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return None


def _inputs_unchanged(inputs: dict[str, str]) -> bool:
    return all(_file_digest(Path(path)) == digest for path, digest in inputs.items())


def _output_unchanged(out_dir: Path, roots: list[str], files: dict[str, list[int]]) -> bool:
    from .write import TXN_DIR

    if os.path.lexists(out_dir / TXN_DIR):  # a killed run's changes wait to be settled
        return False
    out = str(out_dir)
    if any(_signature(os.path.join(out, rel)) != signature for rel, signature in files.items()):
        return False
    return _present(out_dir, roots) <= files.keys()


def _present(out_dir: Path, roots: Sequence[str]) -> set[str]:
    """The files under ``roots`` as the writer sees them (its own and anyone else's)."""
    from .write import existing_files

    return existing_files(out_dir, roots)


def _code_signature() -> str:
    """dxgen's modules and templates, and the tools' packages: a file's size and mtime change
    when it is edited or reinstalled."""
    package = Path(__file__).resolve().parent
    folders = [package]
    with contextlib.suppress(FileNotFoundError):  # none: the run says so once it renders
        templates = templates_dir()
        if not templates.is_relative_to(package):  # a checkout: templates/ beside the package
            folders.append(templates)
    parts: list[str] = []
    for folder in folders:
        for base, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and d != "node_modules")
            for name in sorted(names):
                path = os.path.join(base, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    for tool in _TOOLS:
        try:
            spec = importlib.util.find_spec(tool)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        signature = _signature(Path(origin)) if origin else None
        parts.append(f"{tool}:{origin}:{signature}")
    return cache.key(*parts)
