"""format: one ruff process per batch, which never outlives the run (issue 6.6), and the cache."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import FrameType

import pytest

import generator.format
from generator.format import GeneratedCodeError, format_file, format_files

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test starts with an empty cache of its own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    return folder


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


def test_a_batch_gives_the_bytes_of_each_file_alone() -> None:
    files = {
        f"pkg/m{n}.py": f"def f{n}(a,b = {{ 'k':[1,2,3] }} ,*args,**kw):\n  return  a+b['k'][{n}]\n"
        for n in range(40)
    }
    files["pkg/stub.pyi"] = "def g( x :int )->None:...\n"
    files["README.md"] = "text\n\n\n"
    batch = format_files(files)
    assert batch == {rel: format_file(rel, text) for rel, text in files.items()}
    assert (
        batch["pkg/m3.py"]
        == 'def f3(a, b={"k": [1, 2, 3]}, *args, **kw):\n    return a + b["k"][3]\n'
    )
    assert batch["README.md"] == "text\n"


@pytest.fixture
def alarm() -> Iterator[None]:
    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_an_interrupted_run_stops_the_formatter_at_once(alarm: None, tmp_path: Path) -> None:
    before = set(children_of(os.getpid()))  # the suite's own (Prism, a local server)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        generator.format._run(["sleep", "30"], cwd=str(tmp_path))  # a formatter that hangs
    assert time.monotonic() - started < 10
    assert not [pid for pid in children_of(os.getpid()) if pid not in before and alive(pid)]


FORMATTER_PARENT = textwrap.dedent("""
    import generator.format
    print("started", flush=True)
    generator.format._run(["sleep", "30"], cwd=".")
    """)


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_the_formatter_dies_with_a_killed_run() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", FORMATTER_PARENT], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout is not None and parent.stdout.readline() == "started\n"
        deadline = time.monotonic() + 30
        children: list[int] = []
        while not children and time.monotonic() < deadline:
            time.sleep(0.1)
            children = children_of(parent.pid)
        assert children, "no formatter started"
    finally:
        parent.kill()
        parent.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in children if alive(pid)]


def count_formatter_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the formatter's process is given, from now on."""
    calls: list[str] = []
    real = generator.format._RuffRun

    class Counting(real):  # type: ignore[misc,valid-type]
        def __init__(self, files: Mapping[str, str]) -> None:
            calls.extend(files.values())
            super().__init__(files)

    monkeypatch.setattr(generator.format, "_RuffRun", Counting)
    return calls


def test_the_formatter_formats_a_text_once_and_the_cache_answers_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = count_formatter_calls(monkeypatch)
    files = {"a.py": "x  =  1\n", "b.py": "y=[1,\n2]\n", "c.md": "text\n\n\n"}
    first = format_files(files)
    assert len(calls) == 2
    assert format_files({**files, "d.py": "x  =  1\n"}) == {**first, "d.py": first["a.py"]}
    assert len(calls) == 2  # d.py has a.py's text: a hit
    assert first == {rel: format_file(rel, text) for rel, text in files.items()}


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch, empty_cache: Path) -> None:
    monkeypatch.setenv("DXGEN_CACHE", "0")
    calls = count_formatter_calls(monkeypatch)
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
            format_files({"ok.py": "x = 1\n", "bad.py": 'def f(:\n    """a"""\n'})
    with pytest.raises(
        GeneratedCodeError, match=r"^pkg/bad\.pyi:2:1: generated code does not parse"
    ):
        format_files({"pkg/bad.pyi": "x = (\n"})


def test_an_alias_whose_name_passes_the_line_is_formatted_as_black_does() -> None:
    """The one construct ruff formats otherwise (Stripe's 200-odd over-long ``…TypeValue:
    TypeAlias = Literal[…]``): such files get black's answer, so `black --check` passes."""
    import black
    import black.mode

    name = "CustomerBalanceResource" + "X" * 90 + "TypeValue"
    source = f'from typing import Literal, TypeAlias\n\n{name}: TypeAlias = Literal["a", "b"]\n'
    mode = black.mode.Mode(line_length=100, target_versions={black.mode.TargetVersion.PY311})
    formatted = format_files({"pkg/types/long.py": source})["pkg/types/long.py"]
    assert formatted == black.format_str(source, mode=mode)
    # ruff alone writes it otherwise: the fallback is what makes the two agree
    assert generator.format._ruff_format({"long.py": source})["long.py"] != formatted


def test_in_a_module_of_many_models_only_the_long_aliases_go_to_black() -> None:
    """A grouped model module (generator/parse/modules.py) formats as black would format it
    whole, though black reads only its over-long alias statements."""
    import black
    import black.mode

    long_a = "CustomerBalanceResource" + "A" * 90 + "TypeValue"
    long_b = "CustomerBalanceResource" + "B" * 90 + "TypeValue"
    values = ", ".join(f'"value_{n}"' for n in range(30))
    source = (
        "from typing import Literal, TypeAlias\n\nfrom pydantic import BaseModel\n\n\n"
        f"class Customer(BaseModel):\n    name: str\n    kind: {long_a} | None = None\n\n\n"
        f'{long_a}: TypeAlias = Literal["a", "b"]\n"""The values."""\n\n\n'
        f"Short: TypeAlias = Literal[{values}]\n\n\n"
        f"{long_b}: TypeAlias = Literal[{values}]\n"
    )
    mode = black.mode.Mode(line_length=100, target_versions={black.mode.TargetVersion.PY311})
    formatted = format_files({"pkg/types/many.py": source})["pkg/types/many.py"]
    assert formatted == black.format_str(source, mode=mode)

    seen: list[str] = []

    def recording(text: str) -> str:
        seen.append(text)
        return str(black.format_str(text, mode=mode))

    ruffed = generator.format._ruff_format({"many.py": source})["many.py"]
    assert generator.format._with_long_aliases_formatted(ruffed, recording) == formatted
    assert sorted(text.split(":")[0] for text in seen) == [long_a, long_b]  # the two alone


def test_a_damaged_cache_database_only_costs_time(empty_cache: Path) -> None:
    folder = empty_cache / "ruff-format"
    folder.mkdir(parents=True)
    (folder / "answers.sqlite3").write_bytes(b"not a database" * 100)
    assert format_files({"a.py": "x  =  1\n"}) == {"a.py": "x = 1\n"}
    assert format_files({"a.py": "x  =  1\n"}) == {"a.py": "x = 1\n"}


def test_answers_are_kept_in_one_database_not_a_file_each(empty_cache: Path) -> None:
    files = {f"m{n}.py": f"x  =  {n}\n" for n in range(30)}
    format_files(files)
    kept = [p for p in (empty_cache / "ruff-format").rglob("*") if p.is_file()]
    assert [p.name for p in kept] == ["answers.sqlite3"]


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_cancelled_job_stops_its_formatter_and_leaves_no_scratch_copies(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A run that ends while its Python is being formatted (a later target failed, Ctrl-C)."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(generator.format.tempfile, "tempdir", str(tmp_path))
    before = set(children_of(os.getpid()))
    job = generator.format.FormatJob({f"m{n}.py": "x  =  1\n" * 2000 for n in range(200)})
    assert list(tmp_path.glob("dxgen-format-*"))  # copies made, formatter started
    job.cancel()
    assert not [pid for pid in children_of(os.getpid()) if pid not in before and alive(pid)]
    assert not list(tmp_path.glob("dxgen-format-*"))
