"""A cache of slow, pure answers, by content: formatted Python, the spec validator's verdict and
compiled templates.

Much of a run was the formatter and openapi-spec-validator, and most of what they are asked an
earlier run already asked (a regeneration after a one-line spec change, the test suite generating
the same fixtures). An entry's key is a digest of everything the answer depends on (the tool's
version, its options, the input text), so a hit is exactly what the tool would answer. Entries are
files under the user's cache folder (``$XDG_CACHE_HOME/dxgen``, or ``DXGEN_CACHE_DIR``), one folder
per kind, written atomically; ``DXGEN_CACHE=0`` turns the cache off. A cache that cannot be read or
written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import cache
from pathlib import Path


def cache_dir(kind: str) -> Path | None:
    """Where entries of ``kind`` live, or ``None`` when the cache is turned off."""
    if os.environ.get("DXGEN_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("DXGEN_CACHE_DIR")
    if explicit:
        return Path(explicit) / kind
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dxgen" / kind


@cache
def tool_version(distribution: str) -> str:
    """The installed version of ``distribution``: from the name of its ``.dist-info`` folder
    (``black-26.10.1.dist-info``) where the first one on ``sys.path`` is that, as pip installs
    it; otherwise from :mod:`importlib.metadata`, whose import alone took 25-50 ms of every
    run. It is part of cache keys: what matters is that it changes with the installation."""
    found = _dist_info_version(distribution)
    if found is not None:
        return found
    from importlib.metadata import version

    return version(distribution)


def _dist_info_version(distribution: str) -> str | None:
    wanted = _normalized(distribution)
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        found: list[tuple[str, str]] = []
        for name in names:
            stem, dot, kind = name.rpartition(".")
            if dot and kind in ("dist-info", "egg-info"):
                project, _, release = stem.partition("-")
                if _normalized(project) == wanted:
                    found.append((kind, release))
        if found:  # anything but one plain dist-info: as importlib.metadata reads it
            kind, release = found[0]
            return release if len(found) == 1 and kind == "dist-info" and release else None
    return None


def _normalized(project: str) -> str:
    return re.sub(r"[-_.]+", "_", project).lower()


def key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def lookup(folder: Path, entry: str) -> str | None:
    data = lookup_bytes(folder, entry)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def store(folder: Path, entry: str, text: str) -> None:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # text that UTF-8 cannot hold (lone surrogates)
        return
    store_bytes(folder, entry, data)


def lookup_bytes(folder: Path, entry: str) -> bytes | None:
    try:
        return _path(folder, entry).read_bytes()
    except OSError:
        return None


def store_bytes(folder: Path, entry: str, data: bytes) -> None:
    """Write an entry atomically (a temporary file of this process's, renamed into place).

    A cold run stores hundreds of entries, so this makes few system calls: the folder is only
    created when writing into it fails.
    """
    target = _path(folder, entry)
    temporary = target.with_name(f".tmp-{os.getpid()}-{entry}")
    try:
        try:
            handle = open(temporary, "wb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle = open(temporary, "wb")  # noqa: SIM115
        try:
            with handle:
                handle.write(data)
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except OSError:
        return


def _path(folder: Path, entry: str) -> Path:
    return folder / entry[:2] / entry
