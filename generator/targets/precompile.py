"""Templates compiled ahead of time: ``python -m generator.targets.precompile DEST``.

A run with an empty cache (every CI run is one) compiled all of dxgen's templates: a quarter of
a second of the 1.3 s of Pachca's kit. As pip compiles modules to bytecode when it installs
them, the wheel carries the templates compiled (``hatch_build.py`` runs this into the wheel's
``generator/_jinja``), and ``make setup`` writes them into a checkout's ``generator/_jinja``
(git-ignored). :class:`generator.targets.render._CompiledTemplates` uses an entry only when
jinja's own check passes (the template's source checksum, jinja's and Python's versions), so a
stale or foreign one costs a compile, never a wrong answer.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import jinja2.bccache

from .render import _CompiledTemplates, environment


class _Writer(_CompiledTemplates):
    """Keys as dxgen's own cache has them; entries written into a folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Nothing is loaded: every template is compiled."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = bucket.bytecode_to_string()
        handle, staged = tempfile.mkstemp(dir=self.folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(staged, self.folder / bucket.key)


def precompile(folder: Path) -> int:
    """Compile every template into ``folder``; the number compiled."""
    folder.mkdir(parents=True, exist_ok=True)
    env = environment().overlay(bytecode_cache=_Writer(folder))
    env.cache = None  # compile each template, even one compiled before
    names = [name for name in env.list_templates() if name.endswith(".jinja")]
    for name in names:
        env.get_template(name)
    return len(names)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m generator.targets.precompile DEST", file=sys.stderr)
        return 2
    count = precompile(Path(argv[0]))
    print(f"dxgen: {count} templates compiled into {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
