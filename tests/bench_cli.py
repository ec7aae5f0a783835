"""CLI cold start, as ratios to ``python -c "import click"`` measured in the same run.

Run: ``python -m tests.bench_cli`` (part of ``make bench``). Installs the committed
``output/cli`` (on ``output/sdk``) into a fresh virtual environment, as the tests do, then
times whole processes: ``pachca --help`` and ``pachca messages create --help`` against the
same interpreter starting and importing click. Each sample is paired with a baseline run
just before it, so the ratio holds when the machine's load changes; the medians are printed.
Goal: at most 1.5 times the baseline for both.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.cli_env import install_cli

RUNS = 15
GOAL = 1.5


def _wall(args: list[str]) -> float:
    """Wall time of one process, in milliseconds."""
    started = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - started) * 1000


def timed(args: list[str], baseline: list[str]) -> tuple[float, float, float]:
    """Median of ``args`` (ms), median of the paired baselines (ms), median ratio."""
    samples: list[float] = []
    bases: list[float] = []
    ratios: list[float] = []
    _wall(args)  # warm the file cache (and write any missing .pyc) first
    _wall(baseline)
    for _ in range(RUNS):
        base = _wall(baseline)
        sample = _wall(args)
        bases.append(base)
        samples.append(sample)
        ratios.append(sample / base)
    return statistics.median(samples), statistics.median(bases), statistics.median(ratios)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        exe = install_cli(Path(tmp))
        python = str(exe.parent / "python")
        baseline = [python, "-c", "import click"]
        print(f'baseline `python -c "import click"` (the CLI\'s interpreter), {RUNS} runs')
        print(f"{'command':<34} {'ms':>7} {'base ms':>8} {'xbase':>6}  goal <= {GOAL}")
        worst = 0.0
        for words in (["--help"], ["messages", "create", "--help"]):
            ms, base, ratio = timed([str(exe), *words], baseline)
            worst = max(worst, ratio)
            label = "pachca " + " ".join(words)
            flag = "ok" if ratio <= GOAL else "OVER"
            print(f"{label:<34} {ms:>7.1f} {base:>8.1f} {ratio:>6.2f}  {flag}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
