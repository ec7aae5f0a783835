"""How much of a spec dxgen agrees to read: a hostile document must not exhaust memory or time.

A spec may arrive in a pull request and be generated in CI, so every file is checked against
these limits *while* it is read, never after: the size before the bytes are read, the nesting
depth before a level is built, alias expansions as they are copied. Past a limit the answer is
a located error (exit 2). The defaults are far above any real API description (the deepest in
our corpus nests 16 levels; the largest is under 1 MB).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    #: Bytes in one file (the spec, each file it references, the workflows file).
    max_bytes: int = 32 * 1024 * 1024
    #: Levels of mappings and lists, in each file and in the bundled document.
    max_depth: int = 100
    #: Nodes copied by YAML aliases (``*name``) in one file, counted as they are copied: this
    #: is what stops a "billion laughs" document, whose aliases multiply a few bytes into GBs.
    max_alias_nodes: int = 100_000


DEFAULT_LIMITS = Limits()
