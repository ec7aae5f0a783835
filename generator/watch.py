"""Waiting for a run's inputs to change (``dxgen generate --watch``).

The files a run reads are few and named (the spec, the files it refers to, the workflows and
the config), so they are polled: a ``stat`` of each, ten times a second, costs nothing one can
measure and behaves alike on every system, in containers and on network mounts, where change
notifications (inotify and its kin) do not.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

#: What a file's ``stat`` says of its content: modified (ns), size, inode (a rename over it,
#: as editors save); ``None`` for a file that is not there.
Stamp = tuple[int, int, int] | None

INTERVAL = 0.1  # seconds between two looks
SETTLE = 0.05  # a change is taken once the files have stayed as they are this long


def look(paths: Iterable[Path]) -> dict[Path, Stamp]:
    """Each file's :data:`Stamp` now."""
    found: dict[Path, Stamp] = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            found[path] = None
        else:
            found[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return found


def changed(before: Mapping[Path, Stamp], now: Mapping[Path, Stamp]) -> list[Path]:
    """The files whose stamp is not what it was (a file not looked at before has changed)."""
    return [path for path, stamp in now.items() if before.get(path, ()) != stamp]


def wait_for_change(
    before: Mapping[Path, Stamp],
    *,
    interval: float = INTERVAL,
    settle: float = SETTLE,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Path]:
    """Wait until a file of ``before`` changes, then until the files stay as they are for
    ``settle`` seconds (an editor that writes a file in several steps is not read half
    way); the files that changed."""
    paths = list(before)
    while True:
        sleep(interval)
        now = look(paths)
        if changed(before, now):
            break
    while True:  # until the writer is done
        sleep(settle)
        later = look(paths)
        if not changed(now, later):
            return changed(before, later)
        now = later
