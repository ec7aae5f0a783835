"""A cache of black's answers, by content: the same generated text is formatted once per machine.

Most of a run is black, and most of what a run formats is text an earlier run already formatted
(a regeneration after a one-line spec change, the test suite generating the same fixtures). The
key is a digest of black's version, the formatting mode and the unformatted text, so a hit is
exactly what black would answer. Entries are files under the user's cache folder
(``$XDG_CACHE_HOME/dxgen/black``, or ``DXGEN_CACHE_DIR``), written atomically; ``DXGEN_CACHE=0``
turns the cache off. A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

_ENTRY_SUFFIX = ".py"


def cache_dir() -> Path | None:
    """Where entries live, or ``None`` when the cache is turned off."""
    if os.environ.get("DXGEN_CACHE", "1") == "0":
        return None
    explicit = os.environ.get("DXGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dxgen" / "black"


@cache
def _black_version() -> str:
    return version("black")


def key(mode: str, text: str) -> str:
    digest = hashlib.sha256()
    for part in (_black_version(), mode, text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def lookup(folder: Path, entry: str) -> str | None:
    try:
        return (folder / entry[:2] / (entry + _ENTRY_SUFFIX)).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def store(folder: Path, entry: str, formatted: str) -> None:
    target = folder / entry[:2] / (entry + _ENTRY_SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(formatted)
        os.replace(temporary, target)
    except (OSError, ValueError):  # ValueError: text that UTF-8 cannot hold
        return
