"""Pause Python's cycle collector while a large tree of plain data is built.

Reading a spec allocates hundreds of thousands of dicts, lists and tuples and frees none of
them, so every collection the allocations trigger scans a growing heap for cycles it cannot
find: on a 1,000-operation spec that was half of reading the YAML. The data built is a tree
(no cycles), and reference counting still frees everything else at once; the collector runs
again, as usual, when the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the cycle collector off for the block, and back on only if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _age_everything()
            gc.enable()


def _age_everything() -> None:
    """Count what the block built as old, without examining it: the first collection after
    the pause would otherwise be of the youngest generation, which then holds the whole tree,
    and walk it all (0.1 s after parsing GitHub's description) to find it all alive. Freezing
    and unfreezing moves every object to the oldest generation in one step. Not while someone
    else holds objects frozen: unfreezing would let go of theirs."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()
