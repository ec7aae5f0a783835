"""Checks on paths that come from outside (manifests, journals, the output tree itself), and on
what a file there holds."""

from __future__ import annotations

import os
from pathlib import Path


def holds(path: str | bytes, data: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``data`` (reading no more than that, plus
    one byte); a missing or unreadable file does not."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def is_plain_relative(path: str) -> bool:
    """``a/b.py`` yes; ``/a``, ``../a``, ``a/./b``, ``a//b``, ``a\\b`` or a NUL byte no."""
    if not path or "\\" in path or "\0" in path or path.startswith("/"):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def stays_inside(out_dir: Path, rel: str) -> bool:
    """Whether ``out_dir/rel`` is really inside ``out_dir``: no symbolic link on the way out.

    The last component may itself be a link: it is replaced or removed, never followed.
    """
    return InsideCheck(out_dir)(rel)


class InsideCheck:
    """:func:`stays_inside` for many paths at one moment: each folder is resolved once (GitHub's
    15,000 files sit in a few hundred folders)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = os.fspath(out_dir)
        self.base = os.path.realpath(out_dir)
        self.folders: dict[str, bool] = {}

    def __call__(self, rel: str) -> bool:
        folder = rel.rpartition("/")[0]
        known = self.folders.get(folder)
        if known is None:
            parent = os.path.realpath(os.path.join(self.out_dir, folder))
            known = parent == self.base or parent.startswith(self.base + os.sep)
            self.folders[folder] = known
        return known
