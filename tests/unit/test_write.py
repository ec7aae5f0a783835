"""write: deterministic, only what changed, all or nothing; dxgen removes only what it wrote."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from generator import write
from generator.diagnostics import SpecError
from generator.ir import Api
from generator.pipeline import generate, render_targets
from generator.targets import Target
from generator.write import transaction
from generator.write.manifest import MANIFEST_NAME, read_manifest


def files_under(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def folders_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def put(root: Path, rel: str, data: bytes = b"old\n") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def manifest(*files: str) -> bytes:
    return json.dumps({"generator": "dxgen", "files": list(files)}).encode()


def test_plan_sorts_files_into_written_unchanged_removed_and_not_ours(tmp_path: Path) -> None:
    put(tmp_path, "sdk/same.txt", b"same\n")
    put(tmp_path, "sdk/changed.txt", b"before\n")
    put(tmp_path, "sdk/deep/gone.txt")  # written by an earlier run: listed in the manifest
    put(tmp_path, "sdk/deep/mine.txt")  # the user's
    put(tmp_path, f"sdk/{MANIFEST_NAME}", manifest("same.txt", "changed.txt", "deep/gone.txt"))
    put(tmp_path, "llms.txt", b"llms\n")  # a single-file root nobody listed
    put(tmp_path, "notes/mine.txt")  # outside every root: not looked at
    wanted = {"sdk/same.txt": b"same\n", "sdk/changed.txt": b"after\n", "sdk/new.txt": b"new\n"}
    report = write.plan(wanted, tmp_path, ["sdk", "llms.txt"])
    assert report.written == ["sdk/.dxgen-manifest.json", "sdk/changed.txt", "sdk/new.txt"]
    assert report.unchanged == ["sdk/same.txt"]
    assert report.removed == ["sdk/deep/gone.txt"]
    assert report.foreign == ["llms.txt", "sdk/deep/mine.txt"]
    assert report.stale == [*report.written, "sdk/deep/gone.txt"]
    assert read_manifest_bytes(report.contents["sdk/.dxgen-manifest.json"]) == [
        "changed.txt",
        "new.txt",
        "same.txt",
    ]
    # Planning touches nothing.
    assert (tmp_path / "sdk/changed.txt").read_bytes() == b"before\n"
    assert not (tmp_path / "sdk/new.txt").exists()


def read_manifest_bytes(data: bytes) -> list[str]:
    files = json.loads(data)["files"]
    assert isinstance(files, list)
    return files


def test_existing_files_ignores_caches_and_tool_state(tmp_path: Path) -> None:
    put(tmp_path, "sdk/pkg/mod.py")
    put(tmp_path, "sdk/pkg/__pycache__/mod.cpython-311.pyc")
    put(tmp_path, "sdk/.mypy_cache/cache.json")
    put(tmp_path, "sdk/.venv/bin/python")
    assert write.existing_files(tmp_path, ["sdk", "missing-root"]) == {"sdk/pkg/mod.py"}


def test_write_changes_removes_its_own_and_prunes_empty_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = {"sdk/same.txt": b"same\n", "sdk/old/gone.txt": b"gone\n"}
    write.write_output(first, out, ["sdk"])
    same = out / "sdk/same.txt"
    os.utime(same, (1_000_000_000, 1_000_000_000))
    put(out, "sdk/pkg/__pycache__/x.pyc")  # a cache: neither reported nor removed
    wanted = {"sdk/same.txt": b"same\n", "sdk/a/b/new.txt": b"new\n"}
    report = write.write_output(wanted, out, ["sdk"])
    assert (report.written, report.removed, report.foreign) == (
        ["sdk/.dxgen-manifest.json", "sdk/a/b/new.txt"],
        ["sdk/old/gone.txt"],
        [],
    )
    assert files_under(out) == {
        **wanted,
        "sdk/pkg/__pycache__/x.pyc": b"old\n",
        "sdk/.dxgen-manifest.json": report.contents["sdk/.dxgen-manifest.json"],
    }
    assert not (out / "sdk/old").exists()  # emptied folder removed
    assert not (out / write.TXN_DIR).exists()
    assert same.stat().st_mtime == 1_000_000_000  # unchanged: not rewritten
    assert stat.S_IMODE((out / "sdk/a/b/new.txt").stat().st_mode) == 0o644
    # A second run has nothing to do.
    again = write.write_output(wanted, out, ["sdk"])
    assert (again.written, again.removed) == ([], [])
    assert again.unchanged == sorted([*wanted, "sdk/.dxgen-manifest.json"])


def test_single_file_roots_share_the_manifest_of_their_folder(tmp_path: Path) -> None:
    write.write_output(
        {"llms.txt": b"a\n", "llms-full.txt": b"b\n"}, tmp_path, ["llms.txt", "llms-full.txt"]
    )
    write.write_output({"other.txt": b"c\n"}, tmp_path, ["other.txt"])
    assert read_manifest(tmp_path / MANIFEST_NAME) == ["llms-full.txt", "llms.txt", "other.txt"]
    # The llms target stops producing llms-full.txt: only that file goes.
    report = write.write_output({"llms.txt": b"a\n"}, tmp_path, ["llms.txt", "llms-full.txt"])
    assert report.removed == ["llms-full.txt"]
    assert read_manifest(tmp_path / MANIFEST_NAME) == ["llms.txt", "other.txt"]
    assert sorted(files_under(tmp_path)) == [MANIFEST_NAME, "llms.txt", "other.txt"]


def test_a_hostile_manifest_claims_nothing_outside_its_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = put(tmp_path, "victim.txt", b"precious\n")
    put(out, "sdk/keep.txt", b"mine\n")
    hostile = manifest("../../victim.txt", "/etc/hostname", "a/../keep.txt", "./keep.txt", "")
    put(out, f"sdk/{MANIFEST_NAME}", hostile)
    report = write.write_output({"sdk/x.txt": b"x\n"}, out, ["sdk"])
    assert report.removed == []
    assert report.foreign == ["sdk/keep.txt"]
    assert victim.read_bytes() == b"precious\n"
    assert (out / "sdk/keep.txt").read_bytes() == b"mine\n"


def test_nothing_is_written_or_removed_through_a_link_out_of_the_output(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    put(elsewhere, "secret.txt", b"secret\n")
    (out / "sdk").mkdir(parents=True)
    (out / "sdk/pkg").symlink_to(elsewhere, target_is_directory=True)
    put(out, f"sdk/{MANIFEST_NAME}", manifest("pkg/secret.txt"))
    with pytest.raises(write.OutputError, match="symbolic link"):
        write.write_output({"sdk/pkg/new.txt": b"new\n"}, out, ["sdk"])
    report = write.write_output({"sdk/x.txt": b"x\n"}, out, ["sdk"])
    assert report.removed == []
    assert files_under(elsewhere) == {"secret.txt": b"secret\n"}


def test_staging_debris_of_killed_runs_is_removed(tmp_path: Path) -> None:
    """Earlier versions staged ``.NAME.XXXXXXXX.tmp`` beside the target; a kill left them."""
    put(tmp_path, "sdk/pkg/.mod.py.k2j_9x0a.tmp")
    put(tmp_path, ".llms.txt.abcd1234.tmp")
    put(tmp_path, "sdk/.my-notes.tmp")  # not that pattern: someone else's, and a dot-file
    report = write.write_output(
        {"sdk/pkg/mod.py": b"m\n", "llms.txt": b"l\n"}, tmp_path, ["sdk", "llms.txt"]
    )
    assert report.removed == [".llms.txt.abcd1234.tmp", "sdk/pkg/.mod.py.k2j_9x0a.tmp"]
    assert (tmp_path / "sdk/.my-notes.tmp").exists()


def test_the_inputs_are_never_overwritten_or_removed(tmp_path: Path) -> None:
    spec = put(tmp_path, "o/sdk/spec.yaml", b"openapi: 3.1.0\n")
    put(tmp_path, f"o/sdk/{MANIFEST_NAME}", manifest("spec.yaml"))  # even when listed
    report = write.write_output({"sdk/a.py": b"a\n"}, tmp_path / "o", ["sdk"], inputs=[spec])
    assert (report.removed, report.foreign) == ([], ["sdk/spec.yaml"])
    assert spec.read_bytes() == b"openapi: 3.1.0\n"
    relative = Path(os.path.relpath(spec))  # however the path is spelt
    with pytest.raises(write.OutputError, match="is an input of this run"):
        write.write_output({"sdk/spec.yaml": b"x\n"}, tmp_path / "o", ["sdk"], inputs=[relative])
    assert spec.read_bytes() == b"openapi: 3.1.0\n"


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    busy = pytest.raises(write.OutputError, match="another dxgen run is writing here")
    with transaction.locked(tmp_path), busy:
        write.write_output({"sdk/a.py": b"a\n"}, tmp_path, ["sdk"])
    assert not (tmp_path / "sdk").exists()


# -- all or nothing: a failure, or a kill, at every single step -------------------------------

OLD = {"sdk/a.txt": b"old a\n", "sdk/b.txt": b"same\n", "sdk/c.txt": b"old c\n"}
NEW = {"sdk/a.txt": b"new a\n", "sdk/b.txt": b"same\n", "sdk/d/e/new.txt": b"new\n"}


def scenario(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """An output written from OLD, with a file of the user's; and what OLD and NEW look like."""
    reference = tmp_path / "reference"
    write.write_output(OLD, reference / "old", ["sdk"])
    write.write_output(NEW, reference / "new", ["sdk"])
    for side in ("old", "new"):
        put(reference / side, "sdk/user.txt", b"the user's\n")
    return reference, files_under(reference / "old"), files_under(reference / "new")


# Audit events of the calls that change the file system: a kill can fall before any of them.
_MUTATIONS = {"os.rename", "os.link", "os.mkdir", "os.remove", "os.rmdir", "os.chmod"}


def run_killed_at(step: int, action: Callable[[], Any]) -> bool:
    """Run ``action`` in a forked child that dies (like SIGKILL) before its ``step``-th change.

    True when the child finished first (there were fewer changes than ``step``).
    """
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        changes = 0

        def hook(event: str, args: tuple[Any, ...]) -> None:
            nonlocal changes
            writing = event == "open" and isinstance(args[1], str) and set(args[1]) & set("wxa+")
            if event in _MUTATIONS or writing:
                changes += 1
                if changes == step:
                    os._exit(9)

        sys.addaudithook(hook)
        try:
            action()
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 9), code
    return code == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_kill_at_any_step_leaves_old_or_new_after_the_next_run_recovers(tmp_path: Path) -> None:
    reference, old, new = scenario(tmp_path)
    out = tmp_path / "out"
    outcomes: list[str] = []
    step = 0
    while True:
        step += 1
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(reference / "old", out)
        if run_killed_at(step, lambda: write.write_output(NEW, out, ["sdk"])):
            break
        killed_state = tmp_path / "killed"
        shutil.rmtree(killed_state, ignore_errors=True)
        shutil.copytree(out, killed_state, symlinks=True)
        # The recovery itself killed at each of its steps, then run again to the end.
        inner = 0
        while True:
            inner += 1
            if run_killed_at(inner, lambda: transaction.recover(out)):
                break
            transaction.recover(out)
            assert files_under(out) in (old, new), (step, inner)
            shutil.rmtree(out)
            shutil.copytree(killed_state, out, symlinks=True)
        transaction.recover(out)
        after = files_under(out)
        assert after in (old, new), step
        assert not (out / write.TXN_DIR).exists()
        assert folders_under(out) == folders_under(reference / ("old" if after == old else "new"))
        outcomes.append("old" if after == old else "new")
    assert files_under(out) == new
    # The kill fell both before the commit point and after it.
    assert "old" in outcomes and "new" in outcomes, outcomes


@pytest.mark.parametrize("failing", ["_stage", "_write_journal", "_apply", "replace"])
def test_a_failure_at_any_step_restores_the_old_output_in_the_same_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    reference, old, _ = scenario(tmp_path)
    calls = 0
    while True:
        calls += 1
        out = tmp_path / f"out{calls}"
        shutil.copytree(reference / "old", out)
        with monkeypatch.context() as patch:
            fail_at_call(patch, failing, calls)
            try:
                write.write_output(NEW, out, ["sdk"])
            except write.OutputError as exc:
                assert exc.reason == "cannot write: Read-only file system"
            else:
                break
        assert files_under(out) == old, (failing, calls)
        assert folders_under(out) == folders_under(reference / "old")
    assert calls > 1


def fail_at_call(patch: pytest.MonkeyPatch, name: str, call: int) -> None:
    """Make the ``call``-th call of a step of the transaction fail with EROFS."""
    owner: Any = transaction.os if name == "replace" else transaction
    real = getattr(owner, name)
    count = 0

    def failing(*args: Any, **kwargs: Any) -> Any:
        nonlocal count
        count += 1
        if count == call:
            raise OSError(30, "Read-only file system")
        return real(*args, **kwargs)

    patch.setattr(owner, name, failing)


def test_an_interruption_while_writing_rolls_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, old, _ = scenario(tmp_path)
    out = tmp_path / "out"
    shutil.copytree(reference / "old", out)
    real = transaction._apply

    def interrupted(out_dir: str, txn: str, change: transaction.Change, made: set[str]) -> None:
        if change.rel == "sdk/c.txt":
            raise KeyboardInterrupt
        real(out_dir, txn, change, made)

    monkeypatch.setattr(transaction, "_apply", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write.write_output(NEW, out, ["sdk"])
    assert files_under(out) == old


def test_recovery_leaves_alone_what_is_not_a_transaction_folder(tmp_path: Path) -> None:
    outside = put(tmp_path, "outside/x.txt", b"x\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / write.TXN_DIR).symlink_to(outside.parent, target_is_directory=True)
    with pytest.raises(write.OutputError, match="is in the way"):
        write.write_output({"sdk/a.txt": b"a\n"}, out, ["sdk"])
    assert outside.read_bytes() == b"x\n"
    assert sorted(p.name for p in out.iterdir()) == [write.TXN_DIR]
    (out / write.TXN_DIR).unlink()
    # A journal (committed to a repository, say) that names paths out of the folder.
    txn = out / write.TXN_DIR
    put(txn, "old/x.txt", b"evil\n")
    put(
        txn,
        "journal.json",
        json.dumps(
            {"changes": [["../outside/x.txt", "write", True]], "new_dirs": ["../new"]}
        ).encode(),
    )
    assert transaction.recover(out) == "rolled back"
    assert outside.read_bytes() == b"x\n"
    assert not txn.exists() and not (tmp_path / "new").exists()


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
    assert first.report.written == ["fake/.dxgen-manifest.json", "fake/a.md", "fake/sub/b.py"]
    assert files_under(tmp_path / "one") == files_under(tmp_path / "two")
    put(tmp_path / "one", "fake/extra.md")
    checked = generate(api, [target], tmp_path / "one", check=True)
    assert (checked.report.written, checked.report.removed) == ([], [])
    assert checked.report.foreign == ["fake/extra.md"]
    assert (tmp_path / "one/fake/extra.md").exists()  # --check writes and removes nothing
    assert second.targets == ["docs"]


def test_without_hard_links_a_failure_still_restores_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a file system without hard links the old file is renamed aside instead."""
    reference, old, new = scenario(tmp_path)

    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(transaction.os, "link", no_links)
    out = tmp_path / "out"
    shutil.copytree(reference / "old", out)
    fail_at_call(monkeypatch, "replace", 4)
    with pytest.raises(write.OutputError):
        write.write_output(NEW, out, ["sdk"])
    assert files_under(out) == old
    monkeypatch.undo()
    write.write_output(NEW, out, ["sdk"])
    assert files_under(out) == new


def test_a_failure_while_tidying_up_after_the_commit_does_not_fail_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference, _, new = scenario(tmp_path)
    out = tmp_path / "out"
    shutil.copytree(reference / "old", out)

    def cannot_tidy(out_dir: Path, txn: Path) -> None:
        raise OSError(16, "Device or resource busy")

    with monkeypatch.context() as patch:
        patch.setattr(transaction, "_finish", cannot_tidy)
        write.write_output(NEW, out, ["sdk"])
    assert (out / write.TXN_DIR / "committed.json").exists()
    assert transaction.recover(out) == "finished"
    assert files_under(out) == new
    assert folders_under(out) == folders_under(reference / "new")


# -- writing begun while the run renders (WriteSession, its stager process) ---------------------


def stager_processes() -> list[int]:
    """Live processes of ours running the stager."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            mine = b"generator.write.stager" in command and int(state[1]) == os.getpid()
            if mine and state[0] not in ("Z", "X"):
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_a_session_stages_what_differs_and_commits_as_write_output_does(tmp_path: Path) -> None:
    reference, _, new = scenario(tmp_path)
    out = tmp_path / "out"
    shutil.copytree(reference / "old", out)
    with write.WriteSession(out, ["sdk"]) as session:
        assert stager_processes()
        for rel, data in NEW.items():
            session.offer(rel, data)
        report = session.finish(NEW)
    assert files_under(out) == new
    assert "sdk/b.txt" in report.unchanged and "sdk/a.txt" in report.written
    assert report.removed == ["sdk/c.txt"]
    assert not report.interrupted  # its own transaction folder is no killed run's
    assert not (out / write.TXN_DIR).exists()
    assert not stager_processes()


@pytest.mark.parametrize("failure", [KeyboardInterrupt, SpecError([])])
def test_a_run_that_stops_while_rendering_leaves_the_output_as_it_was(
    parsed: Any, tmp_path: Path, failure: BaseException | type[BaseException]
) -> None:
    api, _ = parsed("features/pagination.yaml")
    reference, old, _ = scenario(tmp_path)
    out = tmp_path / "out"
    shutil.copytree(reference / "old", out)

    def render(api: Api) -> Iterable[tuple[str, str]]:
        yield "sdk/a.txt", "changed"  # staged meanwhile
        yield "sdk/z/new.md", "new"
        while not (out / write.TXN_DIR / "new" / "sdk" / "z").is_dir():
            pass  # the stager has them
        raise failure

    with pytest.raises((KeyboardInterrupt, SpecError)):
        generate(api, [Target("sdk", ("sdk",), render, "")], out, check=False)
    assert files_under(out) == old
    assert not (out / write.TXN_DIR).exists()
    assert not stager_processes()
    fresh = tmp_path / "fresh" / "out"
    with pytest.raises((KeyboardInterrupt, SpecError)):
        generate(
            api, [Target("sdk", ("sdk",), render_nothing_then(failure), "")], fresh, check=False
        )
    assert not (tmp_path / "fresh").exists()  # the folders it made for the output, removed


def render_nothing_then(
    failure: BaseException | type[BaseException],
) -> Callable[[Api], Iterable[tuple[str, str]]]:
    def render(api: Api) -> Iterable[tuple[str, str]]:
        yield "sdk/a.txt", "a"
        raise failure

    return render


def test_a_file_the_stager_cannot_write_fails_the_run_with_the_output_as_it_was(
    tmp_path: Path,
) -> None:
    reference, old, _ = scenario(tmp_path)
    out = tmp_path / "out"
    shutil.copytree(reference / "old", out)
    wanted = {"sdk/a.txt": b"new a\n", "sdk/a.txt/b.txt": b"cannot be\n"}
    failing = pytest.raises(write.OutputError, match=r"out/sdk/a\.txt/b\.txt")
    with failing, write.WriteSession(out, ["sdk"]) as session:
        for rel, data in wanted.items():
            session.offer(rel, data)
        session.finish(wanted)
    assert files_under(out) == old
    assert not (out / write.TXN_DIR).exists()


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_staged_files_are_readable_by_all_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        with write.WriteSession(tmp_path, ["sdk"]) as session:
            session.offer("sdk/a.txt", b"a\n")
            session.finish({"sdk/a.txt": b"a\n"})
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "sdk/a.txt").stat().st_mode) == 0o644


def test_what_counts_as_a_file_of_ours_is_as_before(tmp_path: Path) -> None:
    """One ``lstat`` answers as ``lexists and not is_dir`` did: links are judged by what they
    point at, a dangling one is a file, a folder (or a link to one) is not."""
    (tmp_path / "file").write_text("x")
    (tmp_path / "folder").mkdir()
    (tmp_path / "to-file").symlink_to(tmp_path / "file")
    (tmp_path / "to-folder").symlink_to(tmp_path / "folder", target_is_directory=True)
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    for name in ("file", "folder", "to-file", "to-folder", "dangling", "absent"):
        path = tmp_path / name
        expected = os.path.lexists(path) and not path.is_dir()
        assert write._is_file_or_link(str(tmp_path), name) is expected, name
