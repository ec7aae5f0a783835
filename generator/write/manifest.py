"""Which files under a target root dxgen wrote, so that it never removes anything else.

A directory root (``sdk/``) keeps ``.dxgen-manifest.json`` inside it, listing the files dxgen
wrote there relative to the root. A single-file root (``llms.txt``) is listed in the manifest of
the folder it sits in, beside the single-file roots of other targets. A run replaces the
entries of its own roots and keeps the others. Only listed files are ever removed; anything else
under a root is the user's (or a tool's) and is reported, never touched.

A manifest is read as untrusted (it may arrive in a pull request): entries that are not plain
relative paths below their folder are ignored, so they never make a file anyone's to remove.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Collection, Mapping
from pathlib import Path

from .paths import is_plain_relative

MANIFEST_NAME = ".dxgen-manifest.json"


def is_dir_root(root: str, files: Collection[str], out_dir: Path) -> bool:
    """A root is a folder when the run writes under it, or (writing nothing there) it is one."""
    if any(rel.startswith(root + "/") for rel in files):
        return True
    return root not in files and (out_dir / root).is_dir()


def manifests(
    files: Mapping[str, bytes], out_dir: Path, roots: Collection[str]
) -> dict[str, bytes]:
    """The manifests this run writes, as more files: relative path → content."""
    result: dict[str, bytes] = {}
    file_roots: dict[str, list[str]] = {}
    for root in roots:
        if is_dir_root(root, files, out_dir):
            listed = [rel[len(root) + 1 :] for rel in files if rel.startswith(root + "/")]
            if listed:
                result[f"{root}/{MANIFEST_NAME}"] = _encode(listed)
        else:
            file_roots.setdefault(posixpath.dirname(root), []).append(root)
    for folder, its_roots in file_roots.items():
        path = posixpath.join(folder, MANIFEST_NAME)
        others = [
            entry
            for entry in read_manifest(out_dir / path)
            if posixpath.join(folder, entry) not in roots
        ]
        ours = [posixpath.basename(root) for root in its_roots if root in files]
        if others or ours:
            result[path] = _encode([*others, *ours])
    return result


def owned(out_dir: Path, roots: Collection[str]) -> set[str]:
    """Files under ``roots`` that earlier runs wrote (manifests say so), with their manifests."""
    found: set[str] = set()
    for root in roots:
        inside = f"{root}/{MANIFEST_NAME}"
        entries = read_manifest(out_dir / inside)
        if entries:
            found.add(inside)
            found.update(f"{root}/{entry}" for entry in entries)
        folder = posixpath.dirname(root)
        beside = posixpath.join(folder, MANIFEST_NAME)
        if posixpath.basename(root) in read_manifest(out_dir / beside):
            found.update((root, beside))
    return found


def read_manifest(path: Path) -> list[str]:
    """The valid entries of a manifest; none when it is missing or not a manifest."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return []
    entries = data.get("files") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [entry for entry in entries if isinstance(entry, str) and is_plain_relative(entry)]


def _encode(entries: Collection[str]) -> bytes:
    document = {
        "generator": "dxgen",
        "about": "files dxgen wrote here; it removes only these, never any other file",
        "files": sorted(set(entries)),
    }
    return (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
