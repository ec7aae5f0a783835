"""Where a full-kit run's time goes, openapi-python-client beside it: ``python -m tests.bench_kit``.

Part of ``make bench``. For each spec (ours; the corpus documents, when ../shared/corpus is
there; public specs fetched, pinned, into the git-ignored .bench-cache/; synthetic specs of 100,
1,000 and 5,000 operations), a child process (tests/bench_child.py) generates all five targets
as ``dxgen generate`` does, into an empty folder with an empty cache, and reports the seconds of
each phase. The parent takes the child's wall time and peak RSS (the largest of the run and its
formatting workers) and counts the files and lines written. In the same run, next to it:
openapi-python-client's (SDK only) ``generate`` on the same spec, from its own pinned venv in
.bench-cache/, and the ratio; a second run with nothing changed, with the cache warm (the first
run's stamp answers, generator/stamp.py) and for some specs cold (the whole pipeline runs and
finds every file unchanged); a one-operation change in the 1,000-operation spec. The machine
is shared, so only ratios between runs of the same invocation mean much; nothing here asserts a
time. ``BENCH_FULL=1`` (or ``--full``) adds GitHub's descriptions, Stripe's and Kubernetes'.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CACHE = ROOT / ".bench-cache"

# Pinned: what the bench installs and fetches (into CACHE, never committed).
OPC = "openapi-python-client==0.29.1"
VALIDATOR_SDIST = "openapi-spec-validator==0.9.0"
OCTOKIT = "@octokit/openapi@23.0.2"

CORPUS_DOCS = ("pachca-upstream.en.yaml", "docker.yaml", "opc-baseline-3.1.yaml")
VALIDATOR_DEFAULT = ("petstore-v3.yaml",)
VALIDATOR_FULL = ("stripe.yaml", "kubernetes.yaml", "github.yaml")
CURVE = (100, 1000, 5000)
CHANGE_AT = 1000  # the synthetic spec in which one operation changes
WATCH_EDITS = 7  # one-operation edits a watching run is given
EDIT_PAUSE = 0.5  # seconds between a watching run's report and the next save
TIMES = "\u00d7"


@dataclass(frozen=True)
class Spec:
    label: str
    path: Path
    project: bool = False  # our own spec, with dxgen.toml (names, workflows)
    opc: bool = True  # also time openapi-python-client on it
    cold_rerun: bool = False  # also a nothing-changed run with an empty cache


@dataclass
class KitRun:
    """One child run of the full kit."""

    wall: float
    peak_mib: float
    rc: int
    phases: dict[str, float] = field(default_factory=dict)
    operations: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    lines: int = 0
    main_mib: float = 0.0  # the run's own process, without its formatting workers
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.rc == 0 and not self.error


@dataclass
class ToolRun:
    """One run of another generator (openapi-python-client)."""

    wall: float
    peak_mib: float
    rc: int
    files: int


# A small process between the bench and what it measures: a process started from a large one
# inherits that one's peak RSS at exec (the kernel keeps it across exec), so the bench's own size
# would show in every figure. This one is small; it times the command and reports the largest
# RSS among the command and what the command waited for (black's workers, ruff), from getrusage.
_MEASURE = """
import resource, subprocess, sys, time
started = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
open(sys.argv[1], "w").write(f"{rc} {wall} {peak}")
"""


@dataclass(frozen=True)
class Measured:
    rc: int
    wall: float  # seconds
    peak_mib: float


def measured(args: Sequence[str], cwd: Path, env: dict[str, str], stderr: Path | None) -> Measured:
    """Run ``args``: its exit code, wall time and peak RSS (its own, or its children's).

    The disk is settled first (``os.sync``): what earlier runs wrote and deleted is on the disk
    before the clock starts. On this machine's ext4 (mounted with ``discard``), creating files
    stalls while the journal commits an earlier run's deletions; a run right after one that
    deleted a large output took up to twice as long to write its own, whichever tool made it."""
    os.sync()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "measured"
        with open(stderr or os.devnull, "wb") as errors:
            subprocess.run(
                [sys.executable, "-c", _MEASURE, str(report), *args],
                cwd=cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                check=True,
            )
        rc, wall, peak = report.read_text(encoding="utf-8").split()
    return Measured(int(rc), float(wall), int(peak) / 1024)


def run_kit(spec: Spec, out: Path, cache_dir: Path | None) -> KitRun:
    """The full kit for ``spec`` into ``out`` in a child process; ``cache_dir`` None: no cache."""
    env = {k: v for k, v in os.environ.items() if k not in ("DXGEN_CACHE", "DXGEN_CACHE_DIR")}
    if cache_dir is None:
        env["DXGEN_CACHE"] = "0"
    else:
        env["DXGEN_CACHE_DIR"] = str(cache_dir)
    with tempfile.TemporaryDirectory() as tmp:
        result, log = Path(tmp) / "result.json", Path(tmp) / "stderr"
        args = [sys.executable, "-m", "tests.bench_child", str(spec.path), str(out), str(result)]
        if spec.project:
            args.append("--project")
        run = measured(args, ROOT, env, log)
        rc, wall, peak = run.rc, run.wall, run.peak_mib
        if rc != 0 or not result.is_file():
            tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            return KitRun(wall, peak, rc, error=(tail[-1] if tail else f"exit {rc}")[:120])
        data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    written = [str(rel) for rel in data["written"]]
    lines = sum((out / rel).read_bytes().count(b"\n") for rel in written)
    return KitRun(
        wall,
        peak,
        rc,
        phases={str(k): float(v) for k, v in data["phases"].items()},
        operations=int(data["operations"]),
        written=written,
        unchanged=int(data["unchanged"]),
        lines=lines,
        main_mib=int(data["self_peak_kib"]) / 1024,
    )


@dataclass
class WatchRun:
    """A watching run (``dxgen generate --watch``) given one-operation edits, one at a time."""

    seconds: list[float] = field(default_factory=list)  # each run's own, from its summary line
    waits: list[float] = field(default_factory=list)  # from the spec's save to that line
    written: list[int] = field(default_factory=list)
    error: str = ""


_SUMMARY = re.compile(r": (\d+) written, .* in ([0-9.]+)s ")


def run_watch(
    spec: Path, document: dict[str, Any], out: Path, cache_dir: Path, edits: int
) -> WatchRun:
    """Start ``dxgen generate --watch`` on ``spec`` (its first run: the output as it is, the
    cache warm), then save ``edits`` one-operation edits of ``document``, one after another,
    each once the last is regenerated, the disk settled and a moment passed (:data:`EDIT_PAUSE`:
    a person does not save a file ten times a second); each run's seconds as the run reports
    them (from the change taken to the output in place) and as seen from here (from the save:
    the watcher's polling and its wait for the file to settle besides)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DXGEN_CACHE", "DXGEN_CACHE_DIR")}
    env["DXGEN_CACHE_DIR"] = str(cache_dir)
    command = [sys.executable, "-m", "generator", "generate", "--watch", str(spec), "-o", str(out)]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    for stream in (process.stdout, process.stderr):
        threading.Thread(target=_lines_into, args=(stream, lines), daemon=True).start()
    result = WatchRun()
    try:
        _wait_for(lines, "watching", process)
        for number in range(edits):
            edited = one_operation_changed(document, f"(edit {number})")
            os.sync()  # the disk settled, as before every measured run (see measured())
            time.sleep(EDIT_PAUSE)
            write_spec(edited, spec)
            saved = time.perf_counter()
            summary = _wait_for(lines, " written, ", process)
            seen = time.perf_counter() - saved
            _wait_for(lines, "watching", process)
            found = _SUMMARY.search(summary)
            if found is None:
                raise RuntimeError(f"no summary: {summary}")
            result.written.append(int(found[1]))
            result.seconds.append(float(found[2]))
            result.waits.append(seen)
    except (RuntimeError, queue.Empty) as exc:
        result.error = str(exc)[:120] or "no answer"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return result


def _lines_into(stream: Any, lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


def _wait_for(lines: queue.Queue[str], text: str, process: subprocess.Popen[str]) -> str:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if process.poll() is not None:
                raise RuntimeError(f"dxgen ended (exit {process.returncode})") from None
            continue
        if ": error:" in line:
            raise RuntimeError(line)
        if text in line:
            return line
    raise RuntimeError(f"no {text!r} in 300 s")


def compile_modules() -> None:
    """dxgen's modules compiled to bytecode, as installing its wheel compiles them (and as
    pip compiled openapi-python-client's): with PYTHONDONTWRITEBYTECODE set, as it is on
    some machines, a checkout would otherwise compile them again in every measured run."""
    import compileall

    compileall.compile_dir(ROOT / "generator", quiet=2)


def run_opc(opc: Path, spec: Path, out: Path) -> ToolRun:
    """openapi-python-client's ``generate`` (an SDK only; its ruff post-hooks included)."""
    env = {**os.environ, "PATH": f"{opc.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    args = [str(opc), "generate", "--path", str(spec), "--output-path", str(out), "--overwrite"]
    out.parent.mkdir(parents=True, exist_ok=True)
    run = measured(args, out.parent, env, None)
    files = sum(1 for p in out.rglob("*") if p.is_file()) if out.is_dir() else 0
    return ToolRun(run.wall, run.peak_mib, run.rc, files)


# --- what to measure -------------------------------------------------------------------------


def _note(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def _quiet(args: Sequence[str], cwd: Path | None = None) -> bool:
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        _note(f"{args[0]} failed: {exc}")
        return False
    if done.returncode != 0:
        tail = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
        _note(f"`{' '.join(args[:3])} …` failed: {' '.join(tail)}")
    return done.returncode == 0


def ensure_opc(cache: Path) -> Path | None:
    """openapi-python-client, pinned, in a venv of its own under ``cache``."""
    venv = cache / "opc-venv"
    exe = venv / "bin" / "openapi-python-client"
    stamp = venv / f".installed-{OPC}"
    if stamp.is_file() and exe.is_file():
        return exe
    _note(f"installing {OPC} into {venv}")
    shutil.rmtree(venv, ignore_errors=True)
    if not _quiet([sys.executable, "-m", "venv", str(venv)]):
        return None
    if not _quiet([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", OPC]):
        return None
    stamp.touch()
    return exe


def validator_specs(cache: Path, names: Sequence[str]) -> list[Path]:
    """Specs from the benchmark folder of openapi-spec-validator's source distribution."""
    name, _, version = VALIDATOR_SDIST.partition("==")
    folder = cache / "specs" / f"{name}-{version}"
    if not all((folder / n).is_file() for n in names):
        downloads = cache / "downloads"
        downloads.mkdir(parents=True, exist_ok=True)
        sdist = downloads / f"{name.replace('-', '_')}-{version}.tar.gz"
        if not sdist.is_file():
            _note(f"downloading the {VALIDATOR_SDIST} source distribution")
            pip = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
            if not _quiet([*pip, "--no-binary", ":all:", VALIDATOR_SDIST, "-d", str(downloads)]):
                return []
        prefix = f"{sdist.name.removesuffix('.tar.gz')}/tests/bench/specs/"
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sdist) as archive:
            for member in archive.getmembers():
                if member.isfile() and member.name.startswith(prefix):
                    extracted = archive.extractfile(member)
                    if extracted is not None:
                        (folder / Path(member.name).name).write_bytes(extracted.read())
    return [folder / n for n in names if (folder / n).is_file()]


def octokit_spec(cache: Path) -> Path | None:
    """GitHub's REST description (api.github.com.json) as ``@octokit/openapi`` ships it."""
    version = OCTOKIT.rpartition("@")[2]
    target = cache / "specs" / f"octokit-openapi-{version}" / "api.github.com.json"
    if target.is_file():
        return target
    downloads = cache / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    tarball = downloads / f"octokit-openapi-{version}.tgz"
    if not tarball.is_file():
        if shutil.which("npm") is None:
            _note("npm is not installed: GitHub's spec skipped")
            return None
        _note(f"fetching {OCTOKIT}")
        npm = ["npm", "pack", OCTOKIT, "--silent", "--pack-destination", str(downloads)]
        if not _quiet(npm):
            return None
    with tarfile.open(tarball) as archive:
        extracted = archive.extractfile("package/generated/api.github.com.json")
        if extracted is None:
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(extracted.read())
    return target


def synthetic(operations: int) -> dict[str, Any]:
    """The synthetic CRUD API of tests/bench_sdk.py, with ``operations`` operations."""
    from tests.bench_sdk import synthetic_spec

    return synthetic_spec(operations)


def one_operation_changed(spec: dict[str, Any], mark: str = "(edited)") -> dict[str, Any]:
    """``spec`` with one operation's summary changed (``mark`` added): a typical small edit."""
    changed = copy.deepcopy(spec)
    first_path = next(iter(changed["paths"].values()))
    operation = next(iter(first_path.values()))
    operation["summary"] = f"{operation.get('summary', 'Changed')} {mark}"
    return changed


def write_spec(document: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def specs_to_measure(cache: Path, work: Path, full: bool) -> list[Spec]:
    specs = [Spec("pachca (ours)", ROOT / "spec" / "pachca.yaml", project=True, cold_rerun=True)]
    if CORPUS.is_dir():
        specs += [Spec(f"corpus/{n}", CORPUS / n) for n in CORPUS_DOCS if (CORPUS / n).is_file()]
    else:
        _note(f"no corpus at {CORPUS}: its documents are skipped")
    validator = [*VALIDATOR_DEFAULT, *(VALIDATOR_FULL if full else ())]
    specs += [Spec(f"osv/{p.name}", p) for p in validator_specs(cache, validator)]
    if full and (github := octokit_spec(cache)) is not None:
        specs.append(Spec("octokit/api.github.com", github))
    for count in CURVE:
        path = write_spec(synthetic(count), work / f"synthetic-{count}.yaml")
        specs.append(Spec(f"synthetic-{count}", path))
    return specs


# --- the tables ------------------------------------------------------------------------------


def grid(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A markdown table: the first column left-aligned, the rest right-aligned."""
    table = [list(headers), *(list(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(table[0]), rule, *(line(r) for r in table[1:])])


def _s(seconds: float) -> str:
    return f"{seconds:.2f}"


def _unwritten(run: KitRun) -> float:
    """A run's wall time without its write phase."""
    return run.wall - run.phases.get("write", 0.0)


def _x(part: float, whole: float) -> str:
    return f"{part / whole:.2f}{TIMES}" if whole > 0 else "-"


PHASES = (
    "import",
    "stamp",
    "load",
    "validate",
    "parse",
    "sdk",
    "cli",
    "docs",
    "skills",
    "llms",
    "format",
    "write",
)


def phase_table(results: Sequence[tuple[Spec, KitRun]]) -> str:
    headers = ["spec", "ops", "wall s", *PHASES, "peak MiB", "main MiB", "files", "lines"]
    rows: list[list[str]] = []
    for spec, run in results:
        if not run.ok:
            rows.append(
                [
                    spec.label,
                    "error",
                    _s(run.wall),
                    *(["-"] * len(PHASES)),
                    f"{run.peak_mib:.0f}",
                    "-",
                    "-",
                    run.error,
                ]
            )
            continue
        phases = [_s(run.phases[p]) if p in run.phases else "-" for p in PHASES]
        rows.append(
            [
                spec.label,
                str(run.operations) if run.operations else "-",
                _s(run.wall),
                *phases,
                f"{run.peak_mib:.0f}",
                f"{run.main_mib:.0f}",
                str(len(run.written)),
                str(run.lines),
            ]
        )
    return grid(headers, rows)


def opc_table(results: Sequence[tuple[Spec, KitRun, ToolRun]]) -> str:
    headers = [
        "spec",
        "dxgen kit s",
        "opc sdk s",
        f"dxgen{TIMES}opc",
        "dxgen MiB",
        "opc MiB",
        f"MiB{TIMES}opc",
        "opc files",
        "opc result",
    ]
    rows = [
        [
            spec.label,
            _s(ours.wall),
            _s(theirs.wall),
            _x(ours.wall, theirs.wall),
            f"{ours.peak_mib:.0f}",
            f"{theirs.peak_mib:.0f}",
            _x(ours.peak_mib, theirs.peak_mib),
            str(theirs.files),
            "ok" if theirs.rc == 0 else f"exit {theirs.rc}",
        ]
        for spec, ours, theirs in results
    ]
    return grid(headers, rows)


def rerun_table(results: Sequence[tuple[Spec, KitRun, KitRun, KitRun | None]]) -> str:
    headers = [
        "spec",
        "first s",
        "warm s",
        f"warm{TIMES}first",
        "written",
        "cold-cache s",
        f"cold{TIMES}first",
        "written",
    ]
    rows: list[list[str]] = []
    for spec, first, warm, cold in results:
        row = [
            spec.label,
            _s(first.wall),
            _s(warm.wall),
            _x(warm.wall, first.wall),
            str(len(warm.written)),
        ]
        row += (
            [_s(cold.wall), _x(cold.wall, first.wall), str(len(cold.written))]
            if cold
            else ["-", "-", "-"]
        )
        rows.append(row)
    return grid(headers, rows)


def watch_table(full_run: KitRun, watching: WatchRun) -> str:
    """Each edit's run as the watcher reports it (from the change taken to the output in
    place), its ratio to the full run (and to the full run without its writing, the least
    steady part of it, while the watching run's own writing stays in), and the time from the
    save to the report."""
    if watching.error or not watching.seconds:
        return f"watching failed: {watching.error or 'no runs'}"
    seconds = sorted(watching.seconds)
    median = seconds[len(seconds) // 2]
    headers = [
        "full run s",
        "regenerated s (min, median, max)",
        f"median{TIMES}full",
        f"best{TIMES}full",
        f"median{TIMES}full, its writing left out",
        "save to done s (median)",
        "files written",
    ]
    waits = sorted(watching.waits)
    row = [
        _s(full_run.wall),
        f"{seconds[0]:.3f}, {median:.3f}, {seconds[-1]:.3f}",
        _x(median, full_run.wall),
        _x(seconds[0], full_run.wall),
        _x(median, _unwritten(full_run)),
        f"{waits[len(waits) // 2]:.3f}",
        ", ".join(sorted({str(n) for n in watching.written})),
    ]
    return grid(headers, [row])


def curve_table(results: Sequence[tuple[int, KitRun]]) -> str:
    base = next(((n, r) for n, r in results if r.ok), None)
    headers = [
        "operations",
        "files",
        "wall s",
        "ms/op",
        f"ms/op{TIMES}first",
        "render s",
        "format s",
        "load+validate+parse s",
    ]
    rows: list[list[str]] = []
    for count, run in results:
        if not run.ok:
            rows.append([str(count), "error", _s(run.wall), "-", "-", "-", "-", run.error])
            continue
        per_op = run.wall / count * 1000
        base_per_op = base[1].wall / base[0] * 1000 if base else 0.0
        render = sum(run.phases.get(p, 0.0) for p in ("sdk", "cli", "docs", "skills", "llms"))
        front = sum(run.phases.get(p, 0.0) for p in ("load", "validate", "parse"))
        rows.append(
            [
                str(count),
                str(len(run.written)),
                _s(run.wall),
                f"{per_op:.1f}",
                _x(per_op, base_per_op),
                _s(render),
                _s(run.phases.get("format", 0.0)),
                _s(front),
            ]
        )
    return grid(headers, rows)


# --- the run ---------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench_kit", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--full",
        action="store_true",
        default=os.environ.get("BENCH_FULL") == "1",
        help="add GitHub's, Stripe's and Kubernetes' specs (BENCH_FULL=1)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="only specs whose label contains this (repeatable)",
    )
    parser.add_argument("--no-opc", action="store_true", help="skip openapi-python-client")
    parser.add_argument(
        "--cache", type=Path, default=CACHE, help="where fetched specs and the opc venv live"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    args.cache.mkdir(parents=True, exist_ok=True)
    compile_modules()
    opc = None if args.no_opc else ensure_opc(args.cache)
    if opc is None and not args.no_opc:
        _note("openapi-python-client could not be installed: its columns are skipped")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="dxgen-bench-") as tmp:
        work = Path(tmp)
        specs = specs_to_measure(args.cache, work, args.full)
        if args.only:
            specs = [s for s in specs if any(word in s.label for word in args.only)]
        firsts: list[tuple[Spec, KitRun]] = []
        versus: list[tuple[Spec, KitRun, ToolRun]] = []
        reruns: list[tuple[Spec, KitRun, KitRun, KitRun | None]] = []
        curve: list[tuple[int, KitRun]] = []
        change: tuple[KitRun, KitRun] | None = None
        watching: WatchRun | None = None
        for index, spec in enumerate(specs):
            _note(f"{spec.label}: first run")
            out, cache_dir = work / f"out-{index}", work / f"cache-{index}"
            first = run_kit(spec, out, cache_dir)
            firsts.append((spec, first))
            if opc is not None and spec.opc:
                _note(f"{spec.label}: openapi-python-client")
                versus.append(
                    (spec, first, run_opc(opc, spec.path, work / f"opc-{index}" / "client"))
                )
                shutil.rmtree(work / f"opc-{index}", ignore_errors=True)
            if not first.ok:
                continue
            _note(f"{spec.label}: nothing changed")
            warm = run_kit(spec, out, cache_dir)
            cold = run_kit(spec, out, work / f"cold-{index}") if spec.cold_rerun else None
            reruns.append((spec, first, warm, cold))
            if spec.label.startswith("synthetic-"):
                count = int(spec.label.removeprefix("synthetic-"))
                curve.append((count, first))
                if count == CHANGE_AT:
                    _note(f"{spec.label}: one operation changed")
                    document = synthetic(count)
                    write_spec(one_operation_changed(document), spec.path)
                    change = (first, run_kit(spec, out, cache_dir))
                    _note(f"{spec.label}: one operation changed at a time, watching")
                    watching = run_watch(spec.path, document, out, cache_dir, WATCH_EDITS)
            shutil.rmtree(out, ignore_errors=True)
    print("## Full kit (sdk, cli, docs, skills, llms), first run: empty output, empty cache")
    print(
        f"load average at the start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
        f" ({os.cpu_count()} CPUs)"
    )
    print(
        "wall: the whole process (interpreter start included); phases in seconds;"
        " peak MiB: the largest RSS among the run and its formatting workers (forked from it, a"
        " worker counts the pages it shares with it); main MiB: the run's own process\n"
    )
    print(phase_table(firsts))
    if versus:
        print(f"\n## Against {OPC} (SDK only, ruff post-hooks included), same run\n")
        print(opc_table(versus))
    print("\n## A second run with nothing changed (same output folder)\n")
    print(
        "warm: the cache the first run filled (its stamp: nothing read changed, the output is as"
        " it was left); cold-cache: an empty cache, so the whole pipeline runs\n"
    )
    print(rerun_table(reruns))
    print("\nthe warm second runs, phase by phase:\n")
    print(phase_table([(spec, warm) for spec, _, warm, _ in reruns]))
    if curve:
        print("\n## Cost curve, synthetic specs (first runs)\n")
        print(curve_table(curve))
    if change is not None:
        full_run, edited_run = change
        print(
            f"\n## One operation changed in the {CHANGE_AT:,}-operation spec"
            " (warm cache, same output)\n"
        )
        print(
            "the second ratio leaves out both runs' write phase: the first run's creating"
            f" {len(full_run.written):,} files is the least steady time of a run on a busy disk,"
            " and moves the first ratio by itself\n"
        )
        print(
            grid(
                [
                    "full run s",
                    "after the change s",
                    f"change{TIMES}full",
                    f"change{TIMES}full, writing left out",
                    "files written",
                ],
                [
                    [
                        _s(full_run.wall),
                        _s(edited_run.wall),
                        _x(edited_run.wall, full_run.wall),
                        _x(_unwritten(edited_run), _unwritten(full_run)),
                        str(len(edited_run.written)) if edited_run.ok else edited_run.error,
                    ]
                ],
            )
        )
        print("\nthe run after the change, phase by phase:\n")
        print(phase_table([(Spec("edited", Path("edited")), edited_run)]))
        if watching is not None:
            print(f"\n## The same, watching: `dxgen generate --watch`, {WATCH_EDITS} edits\n")
            print(watch_table(full_run, watching))
    print(
        f"\nbench_kit took {time.perf_counter() - started:.0f} s;"
        f" load average at the end: {os.getloadavg()[0]:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
