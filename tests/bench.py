"""Load + parse time per corpus document: ``python -m tests.bench`` (``make bench``).

For each document in ../shared/corpus (or the files given as arguments): the median of a few
runs of ``load_spec`` (read, bundle, convert, validate) and ``parse_spec``, compared with a
plain ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same file measured in the same run
(the ratio column), and the peak memory of one load + parse under tracemalloc. Only prints; it
asserts nothing about time.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import SpecError
from generator.load import load_spec
from generator.parse import parse_spec
from tests.corpus import CORPUS, corpus_documents

_RAW_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Row:
    doc: str
    ops: str
    schemas: str
    load_ms: float
    parse_ms: float
    raw_ms: float
    peak_mib: float

    @property
    def total_ms(self) -> float:
        return self.load_ms + self.parse_ms

    def cells(self) -> list[str]:
        ratio = self.total_ms / self.raw_ms if self.raw_ms else float("nan")
        return [
            self.doc,
            self.ops,
            self.schemas,
            f"{self.load_ms:.1f}",
            f"{self.parse_ms:.1f}",
            f"{self.total_ms:.1f}",
            f"{ratio:.1f}{TIMES}",
            f"{self.peak_mib:.1f}",
        ]


TIMES = "\u00d7"  # the multiplication sign
HEADERS = [
    "doc",
    "ops",
    "schemas",
    "load ms",
    "parse ms",
    "total ms",
    f"{TIMES}raw-yaml",
    "peak MiB",
]


def timed(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """The median time of ``runs`` calls in ms, and what the last call returned."""
    times: list[float] = []
    result: Any = None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def measure(path: Path, base: Path, runs: int) -> Row:
    text = path.read_text(encoding="utf-8")
    raw_ms, _ = timed(lambda: yaml.load(text, Loader=_RAW_LOADER), runs)
    name = path.relative_to(base).as_posix() if path.is_relative_to(base) else str(path)

    def load() -> Any:
        try:
            return load_spec(path, base_dir=base)
        except SpecError as exc:
            return exc

    def parse() -> Any:
        try:
            return parse_spec(spec)[0]
        except SpecError as exc:
            return exc

    load_ms, spec = timed(load, runs)
    parse_ms, api = (0.0, spec) if isinstance(spec, SpecError) else timed(parse, runs)
    if isinstance(api, SpecError):
        ops, schemas = "error", str(len(api.diagnostics))
    else:
        ops, schemas = str(len(api.operations)), str(len(api.schemas))
    return Row(name, ops, schemas, load_ms, parse_ms, raw_ms, _peak(path, base))


def _swallow(action: Callable[[], object]) -> None:
    with contextlib.suppress(SpecError):
        action()


def _peak(path: Path, base: Path) -> float:
    tracemalloc.start()
    try:
        _swallow(lambda: parse_spec(load_spec(path, base_dir=base)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / (1024 * 1024)


def table(rows: Sequence[Row]) -> str:
    grid = [HEADERS, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in grid) for i in range(len(HEADERS))]

    def line(cells: list[str]) -> str:
        pairs = zip(cells, widths, strict=True)
        padded = [c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(pairs)]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(grid[0]), rule, *(line(cells) for cells in grid[1:])])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench", description=__doc__.split("\n")[0]
    )
    parser.add_argument("files", nargs="*", type=Path, help="documents (default: the corpus)")
    parser.add_argument("-n", "--runs", type=int, default=3, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    if args.files:
        paths, base = [p.resolve() for p in args.files], Path.cwd().resolve()
        missing = [str(p) for p in args.files if not p.is_file()]
        if missing:
            parser.error(f"not a file: {', '.join(missing)}")
    elif CORPUS.is_dir():
        base = CORPUS
        paths = corpus_documents()
    else:
        print(f"no corpus at {CORPUS}; give files to measure", file=sys.stderr)
        return 0
    started = time.perf_counter()
    rows = [measure(path, base, max(1, args.runs)) for path in paths]
    print(table(rows))
    total = sum(r.total_ms for r in rows)
    raw = sum(r.raw_ms for r in rows)
    print(
        f"\n{len(rows)} documents: load + parse {total:.0f} ms, raw yaml {raw:.0f} ms "
        f"({total / raw if raw else float('nan'):.1f}{TIMES}); median of {args.runs} runs; "
        f"bench took {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
