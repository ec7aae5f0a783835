"""format: black in worker processes that never outlive the run (issue 6.6), and its cache."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

import generator.format
from generator.format import GeneratedCodeError, format_file, format_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with an empty cache of its own (the workers' tests need misses)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    return folder


def slow_files(count: int = 120, functions: int = 120) -> dict[str, str]:
    """Python that black has real work on: a few seconds over two workers."""
    body = "\n".join(
        f"def f{i}(a,b = {{ 'k':[1,2,3] }} ,*args,**kw):\n  return  a+b['k'][{i % 3}]"
        for i in range(functions)
    )
    return {f"pkg/m{n}.py": f"# {n}\n{body}\n" for n in range(count)}


def alive(pid: int) -> bool:
    """Running (a zombie waiting to be reaped by whoever adopted it counts as dead)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if ppid == pid:
                found.append(int(entry.name))
    return found


def test_formatting_in_workers_gives_the_same_bytes() -> None:
    files = slow_files(count=64, functions=3)
    assert format_files(files) == {rel: format_file(rel, text) for rel, text in files.items()}


@pytest.fixture
def alarm() -> Iterator[None]:
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers are used from two CPUs")
def test_an_interrupted_parent_stops_its_workers_at_once(alarm: None) -> None:
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        format_files(slow_files())
    assert time.monotonic() - started < 10  # not the whole queue's worth of formatting
    assert multiprocessing.active_children() == []


WORKER_PARENT = textwrap.dedent("""
    import sys
    from generator.format import format_files
    from tests.unit.test_format import slow_files
    print("started", flush=True)
    format_files(slow_files(count=400))
    """)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="workers are used from two CPUs")
def test_workers_die_with_a_killed_parent() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", WORKER_PARENT],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DXGEN_CACHE": "0"},
    )
    try:
        assert parent.stdout is not None and parent.stdout.readline() == "started\n"
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = children_of(parent.pid)
        assert len(workers) >= 2, "no workers started"
        time.sleep(0.5)  # let them start formatting
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)]


def count_black_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = generator.format.black.format_str

    def counting(text: str, *, mode: object) -> str:
        calls.append(text)
        return real(text, mode=mode)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.format.black, "format_str", counting)
    return calls


def test_black_formats_a_text_once_and_the_cache_answers_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = count_black_calls(monkeypatch)
    files = {"a.py": "x  =  1\n", "b.py": "y=[1,\n2]\n", "c.md": "text\n\n\n"}
    first = format_files(files)
    assert len(calls) == 2
    assert format_files({**files, "d.py": "x  =  1\n"}) == {**first, "d.py": first["a.py"]}
    assert len(calls) == 2  # d.py has a.py's text: a hit
    assert first == {rel: format_file(rel, text) for rel, text in files.items()}


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, empty_cache: Path) -> None:
    monkeypatch.setenv("DXGEN_CACHE", "0")
    calls = count_black_calls(monkeypatch)
    format_files({"a.py": "x  =  1\n"})
    format_files({"a.py": "x  =  1\n"})
    assert len(calls) == 2
    assert not empty_cache.exists()


def test_an_unusable_cache_only_costs_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(blocker))
    assert format_files({"a.py": "x  =  1\n"}) == {"a.py": "x = 1\n"}


def test_code_that_does_not_parse_is_an_error_every_time() -> None:
    for _ in range(2):
        with pytest.raises(GeneratedCodeError, match=r"bad\.py"):
            format_files({"bad.py": 'def f(:\n    """a"""\n'})
