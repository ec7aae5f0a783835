"""Checks on paths that come from outside: manifests, journals, and the output tree itself."""

from __future__ import annotations

import os
from pathlib import Path


def is_plain_relative(path: str) -> bool:
    """``a/b.py`` yes; ``/a``, ``../a``, ``a/./b``, ``a//b``, ``a\\b`` or a NUL byte no."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def stays_inside(out_dir: Path, rel: str) -> bool:
    """Whether ``out_dir/rel`` is really inside ``out_dir``: no symbolic link on the way out.

    The last component may itself be a link: it is replaced or removed, never followed.
    """
    base = os.path.realpath(out_dir)
    parent = os.path.realpath((out_dir / rel).parent)
    return parent == base or parent.startswith(base + os.sep)
