"""The process that stages a run's files while the run still renders (see ``WriteSession``).

``python -m generator.write.stager OUT NEW PARENT`` reads records from stdin, each a header line
``<path length> <data length>`` followed by the path (relative, UTF-8 or the file system's
bytes) and the data. A file that differs from ``OUT/<path>`` is written to ``NEW/<path>`` (the
transaction's staging folder). At the end of stdin it answers on stdout, a line a file: ``S``
(the same on disk, not staged), ``W`` (staged) or ``?`` (not a plain relative path: left to
the run), then a space and the path; or one line ``E <path>\\t<reason>`` after a failure, after
which nothing more was staged. Creating a file costs the kernel up to a few hundred
microseconds on some disks; this process spends that time beside the run's rendering, which a
thread could not (it would wait for the interpreter's lock after every system call).
"""

from __future__ import annotations

import os
import signal
import sys
from typing import BinaryIO

from ..background import follow_parent
from .paths import holds, is_plain_relative


def _stage(out_dir: bytes, new_dir: bytes, source: BinaryIO) -> list[bytes]:
    answers: list[bytes] = []
    made: set[bytes] = set()
    present: dict[bytes, bool] = {}  # output folders: is there one (else nothing to compare)
    umask = os.umask(0)
    os.umask(umask)
    exact = not 0o644 & umask  # the mode given at creation is the mode: no chmod per file
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    failed = False
    while True:
        header = source.readline()
        if not header:
            return answers
        size_rel, size_data = (int(part) for part in header.split())
        rel = source.read(size_rel)
        data = source.read(size_data)
        if failed:
            continue  # read to the end: the run is told once
        if b"\n" in rel or not is_plain_relative(os.fsdecode(rel)):
            answers.append(b"? " + rel)
            continue
        try:
            folder = os.path.dirname(rel)
            there = present.get(folder)
            if there is None:
                there = present[folder] = os.path.isdir(os.path.join(out_dir, folder))
            if there and holds(os.path.join(out_dir, rel), data):
                answers.append(b"S " + rel)
                continue
            if folder not in made:
                os.makedirs(os.path.join(new_dir, folder), exist_ok=True)
                made.add(folder)
            fd = os.open(os.path.join(new_dir, rel), flags, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                if not exact:
                    os.fchmod(fd, 0o644)
            finally:
                os.close(fd)
            answers.append(b"W " + rel)
        except OSError as exc:
            failed = True
            answers = [b"E " + rel + b"\t" + os.fsencode(exc.strerror or str(exc))]


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle; it stops us
    out_dir, new_dir, parent = argv
    follow_parent(int(parent))
    answers = _stage(os.fsencode(out_dir), os.fsencode(new_dir), sys.stdin.buffer)
    sys.stdout.buffer.write(b"".join(answer + b"\n" for answer in answers))
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
