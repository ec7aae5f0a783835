"""write: deterministic, atomic, only what changed; extra files under a target's roots go."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from generator import write
from generator.diagnostics import SpecError
from generator.ir import Api
from generator.pipeline import generate, render_targets
from generator.targets import Target


def files_under(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def put(root: Path, rel: str, data: bytes = b"old\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_plan_sorts_files_into_written_unchanged_and_removed(tmp_path: Path) -> None:
    put(tmp_path, "sdk/same.txt", b"same\n")
    put(tmp_path, "sdk/changed.txt", b"before\n")
    put(tmp_path, "sdk/deep/extra.txt")
    put(tmp_path, "llms.txt", b"llms\n")
    put(tmp_path, "notes/mine.txt")  # outside every root: not ours
    wanted = {"sdk/same.txt": b"same\n", "sdk/changed.txt": b"after\n", "sdk/new.txt": b"new\n"}
    report = write.plan(wanted, tmp_path, ["sdk", "llms.txt"])
    assert report.written == ["sdk/changed.txt", "sdk/new.txt"]
    assert report.unchanged == ["sdk/same.txt"]
    assert report.removed == ["llms.txt", "sdk/deep/extra.txt"]
    assert report.stale == ["sdk/changed.txt", "sdk/new.txt", "llms.txt", "sdk/deep/extra.txt"]
    # Planning touches nothing.
    assert (tmp_path / "sdk/changed.txt").read_bytes() == b"before\n"
    assert not (tmp_path / "sdk/new.txt").exists()


def test_existing_files_ignores_caches_and_tool_state(tmp_path: Path) -> None:
    put(tmp_path, "sdk/pkg/mod.py")
    put(tmp_path, "sdk/pkg/__pycache__/mod.cpython-311.pyc")
    put(tmp_path, "sdk/.mypy_cache/cache.json")
    put(tmp_path, "sdk/.venv/bin/python")
    assert write.existing_files(tmp_path, ["sdk", "missing-root"]) == {"sdk/pkg/mod.py"}


def test_apply_writes_changes_removes_extras_and_prunes_empty_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    same = put(out, "sdk/same.txt", b"same\n")
    put(out, "sdk/old/gone.txt")
    os.utime(same, (1_000_000_000, 1_000_000_000))
    wanted = {"sdk/same.txt": b"same\n", "sdk/a/b/new.txt": b"new\n"}
    report = write.plan(wanted, out, ["sdk"])
    write.apply(wanted, out, report)
    assert files_under(out) == wanted
    assert not (out / "sdk/old").exists()  # emptied folder removed
    assert same.stat().st_mtime == 1_000_000_000  # unchanged: not rewritten
    assert stat.S_IMODE((out / "sdk/a/b/new.txt").stat().st_mode) == 0o644
    # A second run has nothing to do.
    again = write.plan(wanted, out, ["sdk"])
    assert (again.written, again.removed) == ([], [])
    assert again.unchanged == sorted(wanted)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = put(tmp_path, "sdk/file.txt", b"old\n")

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(write.os, "replace", broken_replace)
    wanted = {"sdk/file.txt": b"new\n"}
    with pytest.raises(OSError, match="disk full"):
        write.apply(wanted, tmp_path, write.plan(wanted, tmp_path, ["sdk"]))
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in (tmp_path / "sdk").iterdir()) == ["file.txt"]


# -- the render → write pipeline with a target of our own ---------------------------------------


def fake_target(files: dict[str, str], roots: tuple[str, ...] = ("fake",)) -> Target:
    def render(api: Api) -> Iterable[tuple[str, str]]:
        return sorted(files.items())

    return Target("docs", roots, render, "a test target")


def test_render_formats_python_and_ends_text_with_one_newline(parsed: Any) -> None:
    api, _ = parsed("features/pagination.yaml")
    target = fake_target({"fake/mod.py": "x = {'a':1}", "fake/notes.md": "# Notes\n\n\n"})
    assert render_targets(api, [target]) == {
        "fake/mod.py": b'x = {"a": 1}\n',
        "fake/notes.md": b"# Notes\n",
    }


def test_two_targets_may_not_write_one_path(parsed: Any) -> None:
    api, _ = parsed("features/pagination.yaml")
    one = fake_target({"fake/x.md": "one"})
    two = fake_target({"fake/x.md": "two"})
    with pytest.raises(SpecError) as info:
        render_targets(api, [one, two])
    assert info.value.diagnostics[0].message == "two outputs want the path fake/x.md"


def test_generate_is_deterministic_and_check_writes_nothing(parsed: Any, tmp_path: Path) -> None:
    api, _ = parsed("features/pagination.yaml")
    target = fake_target({"fake/a.md": "A", "fake/sub/b.py": "b = 1"})
    first = generate(api, [target], tmp_path / "one", check=False)
    second = generate(api, [target], tmp_path / "two", check=False)
    assert first.report.written == ["fake/a.md", "fake/sub/b.py"]
    assert files_under(tmp_path / "one") == files_under(tmp_path / "two")
    put(tmp_path / "one", "fake/extra.md")
    checked = generate(api, [target], tmp_path / "one", check=True)
    assert (checked.report.written, checked.report.removed) == ([], ["fake/extra.md"])
    assert (tmp_path / "one/fake/extra.md").exists()  # --check writes and removes nothing
    assert second.targets == ["docs"]


def test_failure_while_staging_leaves_previous_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(tmp_path, "sdk/a.py", b"old a\n")
    put(tmp_path, "sdk/b.py", b"old b\n")
    before = files_under(tmp_path)
    new = {"sdk/a.py": b"new a\n", "sdk/b.py": b"new b\n", "sdk/c.py": b"new c\n"}
    report = write.plan(new, tmp_path, ["sdk"])
    real_stage = write._stage
    calls = {"n": 0}

    def failing_stage(path: Path, data: bytes) -> Path:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real_stage(path, data)

    monkeypatch.setattr(write, "_stage", failing_stage)
    with pytest.raises(OSError, match="No space"):
        write.apply(new, tmp_path, report)
    assert files_under(tmp_path) == before  # no file changed, no staged leftovers
