"""Write rendered files under the output folder: deterministic, only what changed, or --check.

Rendering and formatting finish before anything is written, so bad input never leaves partial
output. Each file is written to a temporary sibling and renamed into place, so a reader (or a
crash) never sees half a file. A target owns its roots (``sdk/``, ``llms.txt``…): files under
them that the run did not produce are removed, and reported as extra by ``--check``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def stale(self) -> list[str]:
        return self.written + self.removed


def existing_files(out_dir: Path, roots: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for root in roots:
        path = out_dir / root
        if path.is_file():
            found.add(root)
        elif path.is_dir():
            for item in path.rglob("*"):
                rel = item.relative_to(out_dir)
                # Caches and tool state (__pycache__, .mypy_cache, .venv…) are not ours.
                if item.is_file() and not any(
                    part == "__pycache__" or part.startswith(".") for part in rel.parts
                ):
                    found.add(rel.as_posix())
    return found


def plan(files: Mapping[str, bytes], out_dir: Path, roots: Iterable[str]) -> WriteReport:
    report = WriteReport()
    for rel in sorted(files):
        target = out_dir / rel
        try:
            same = target.read_bytes() == files[rel]
        except OSError:
            same = False
        (report.unchanged if same else report.written).append(rel)
    report.removed = sorted(existing_files(out_dir, roots) - set(files))
    return report


def apply(files: Mapping[str, bytes], out_dir: Path, report: WriteReport) -> None:
    """Two phases: stage every changed file beside its target, then rename them all.

    A failure while staging (disk full, permissions) removes the staged files and leaves the
    previous output as it was; only the renames, which do not fail for want of space, touch it.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for rel in report.written:
            target = out_dir / rel
            staged.append((_stage(target, files[rel]), target))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for index, (tmp, target) in enumerate(staged):
        try:
            os.replace(tmp, target)
        except BaseException:
            for leftover, _ in staged[index:]:
                leftover.unlink(missing_ok=True)
            raise
    for rel in report.removed:
        (out_dir / rel).unlink(missing_ok=True)
    for rel in report.removed:
        _prune_empty_dirs((out_dir / rel).parent, out_dir)


def _stage(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def _prune_empty_dirs(directory: Path, stop: Path) -> None:
    while directory != stop and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
