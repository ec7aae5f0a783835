"""dxgen's cache is kept under its size limit, oldest entries first (generator/cache_prune.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator import cache, cache_prune, format_cache


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    return tmp_path / "cache"


def entry(kind: str, name: str, size: int, age_days: float) -> Path:
    folder = cache.cache_dir(kind)
    assert folder is not None
    cache.store_bytes(folder, name, b"x" * size)
    path = folder / name[:2] / name
    written = time.time() - age_days * 86400
    os.utime(path, (written, written))
    return path


def test_the_oldest_entries_go_first_down_to_four_fifths_of_the_limit(root: Path) -> None:
    paths = [entry("validate", f"{n:02d}entry", 1000, age_days=30 - n) for n in range(20)]
    freed = cache_prune.prune(root, limit=10_000, now=time.time())
    kept = [p for p in paths if p.exists()]
    assert freed == 12_000 and len(kept) == 8  # 20,000 bytes down to at most 8,000
    assert kept == paths[-8:]  # the newest


def test_a_cache_under_its_limit_is_left_as_it_is(root: Path) -> None:
    paths = [entry("yaml", f"{n:02d}piece", 100, age_days=n) for n in range(5)]
    assert cache_prune.prune(root, limit=10_000, now=time.time()) == 0
    assert all(p.exists() for p in paths)


def test_the_typespec_tools_and_a_run_s_temporary_files_are_not_entries(root: Path) -> None:
    tools = root / "typespec" / "abc" / "node_modules" / "big.js"
    tools.parent.mkdir(parents=True)
    tools.write_bytes(b"x" * 50_000)
    old = time.time() - 90 * 86400
    os.utime(tools, (old, old))
    writing = root / "validate" / "ab" / ".tmp-123-abentry"
    writing.parent.mkdir(parents=True)
    writing.write_bytes(b"x" * 50_000)  # being written now
    entry("validate", "cdentry", 5_000, age_days=10)
    assert cache_prune.prune(root, limit=1_000, now=time.time()) == 5_000
    assert tools.exists() and writing.exists()


def test_the_answers_database_is_emptied_through_sqlite_and_still_works(root: Path) -> None:
    folder = root / "ruff-format"
    format_cache.store(folder, {f"key{n}": b"y" * 2000 for n in range(50)})
    database = folder / "answers.sqlite3"
    old = time.time() - 30 * 86400
    os.utime(database, (old, old))
    before = database.stat().st_size
    assert cache_prune.prune(root, limit=1_000, now=time.time()) >= before
    assert database.stat().st_size < before  # shrunk, not deleted under a reader
    assert format_cache.lookup(folder, ["key1"]) == {}
    format_cache.store(folder, {"key1": b"z"})
    assert format_cache.lookup(folder, ["key1"]) == {"key1": b"z"}


def test_the_cache_is_measured_at_most_every_few_hours(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache_prune.LIMIT_VARIABLE, "0.001")  # about 1,000 bytes
    first = entry("validate", "aaentry", 5_000, age_days=3)
    now = time.time()
    assert cache_prune.prune_if_due(now) == 5_000 and not first.exists()
    second = entry("validate", "bbentry", 5_000, age_days=2)
    assert cache_prune.prune_if_due(now + 60) == 0 and second.exists()  # not due yet
    assert cache_prune.prune_if_due(now + cache_prune.EVERY_SECONDS + 1) == 5_000


def test_a_turned_off_cache_is_not_touched(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = entry("validate", "aaentry", 5_000, age_days=3)
    monkeypatch.setenv(cache_prune.LIMIT_VARIABLE, "0")
    monkeypatch.setenv("DXGEN_CACHE", "0")
    assert cache_prune.prune_if_due() == 0 and path.exists()


def test_a_run_prunes_its_cache(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through `dxgen generate`: a cache over its limit after the run is brought under it."""
    from click.testing import CliRunner

    from generator.cli import main

    stale = entry("validate", "aaentry", 2_000_000, age_days=40)
    monkeypatch.setenv(cache_prune.LIMIT_VARIABLE, "1")
    spec = Path(__file__).resolve().parents[1] / "fixtures" / "features" / "bodies.yaml"
    out = root.parent / "out"
    result = CliRunner().invoke(main, ["generate", str(spec), "-o", str(out), "-t", "sdk"])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert (root / cache_prune.MARK).exists()
