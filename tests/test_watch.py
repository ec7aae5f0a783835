"""``dxgen generate --watch``, run for real: it generates, waits, and generates again when the
spec or a file it refers to changes; an edit it cannot model is reported and the output left as
it was, and watching goes on; Ctrl-C ends it. After every run its output is what a fresh
``dxgen generate`` writes (the memory it keeps between runs is tested edit by edit in
tests/unit/test_run_memory.py)."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import pytest
import yaml

from generator import watch

ROOT = Path(__file__).resolve().parents[1]
WAIT = 120.0  # seconds: a run of a small spec takes well under one, a loaded CI machine more

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="needs signals")


def _spec(summary: str) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Watched", "version": "1"},
        "paths": {
            "/notes": {
                "get": {
                    "operationId": "listNotes",
                    "tags": ["Notes"],
                    "summary": summary,
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": {"$ref": "note.yaml"}}
                                }
                            },
                        }
                    },
                }
            },
            "/notes/{id}": {
                "delete": {
                    "operationId": "deleteNote",
                    "tags": ["Notes"],
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"204": {"description": "done"}},
                }
            },
        },
    }


def _note(description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
        "description": description,
    }


class Watcher:
    """A ``dxgen generate --watch`` process and what it has said, line by line."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.said: list[tuple[str, str]] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "generate", "--watch", "spec.yaml", "-o", "out"],
            cwd=work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, stream in (("out", self.process.stdout), ("err", self.process.stderr)):
            assert stream is not None
            threading.Thread(target=self._read, args=(name, stream), daemon=True).start()

    def _read(self, name: str, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put((name, line.rstrip("\n")))

    def wait_for(self, text: str) -> list[tuple[str, str]]:
        """The lines said until one holds ``text`` (that one included)."""
        seen: list[tuple[str, str]] = []
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, f"dxgen ended: {self.said + seen}"
                continue
            seen.append(line)
            if text in line[1]:
                self.said += seen
                return seen
        raise AssertionError(f"dxgen did not say {text!r} in {WAIT} s: {self.said + seen}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and ".dxgen" not in path.parts
    }


def _fresh(work: Path, env: dict[str, str]) -> dict[str, bytes]:
    fresh = work / "fresh"
    subprocess.run(
        [sys.executable, "-m", "generator", "generate", "spec.yaml", "-o", str(fresh), "-q"],
        cwd=work,
        env={**env, "DXGEN_CACHE": "0"},
        check=True,
    )
    return _tree(fresh)


def _write(path: Path, data: dict[str, Any] | str) -> None:
    """Write as an editor saves: to a new file, renamed over the old one."""
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    staged = path.with_name(f".{path.name}.swp")
    staged.write_text(text, encoding="utf-8")
    os.replace(staged, path)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    _write(tmp_path / "spec.yaml", _spec("List the notes"))
    _write(tmp_path / "note.yaml", _note("A note"))
    return tmp_path


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "DXGEN_CACHE_DIR": str(tmp_path / "cache")}


def test_it_generates_again_on_each_change_and_stops_on_ctrl_c(
    work: Path, env: dict[str, str]
) -> None:
    watcher = Watcher(work, env)
    try:
        first = watcher.wait_for("watching")
        assert any("written" in text for _, text in first), first
        assert _tree(work / "out") == _fresh(work, env)

        _write(work / "spec.yaml", _spec("Every note there is"))
        edited = watcher.wait_for("watching")
        assert ("err", "dxgen: spec.yaml changed") in edited
        assert any(name == "out" and " written" in text for name, text in edited), edited
        assert _tree(work / "out") == _fresh(work, env)
        assert b"Every note there is" in (work / "out" / "llms.txt").read_bytes()

        _write(work / "note.yaml", _note("A short note"))  # a file the spec refers to
        referred = watcher.wait_for("watching")
        assert ("err", "dxgen: note.yaml changed") in referred
        assert _tree(work / "out") == _fresh(work, env)

        # a generated file no edit changes (the SDK's runtime), spoilt by hand (its size
        # kept): the watcher, which knows what it left, sees that and writes it again
        spoilt = sorted((work / "out" / "sdk").rglob("_core/*.py"))[0]
        time.sleep(0.1)  # past the file system's clock tick of the last write
        spoilt.write_bytes(b"#" * len(spoilt.read_bytes()))
        _write(work / "spec.yaml", _spec("Every note there is, again"))
        watcher.wait_for("watching")
        assert _tree(work / "out") == _fresh(work, env)

        before = _tree(work / "out")
        _write(work / "spec.yaml", "openapi: 3.0.3\npaths: [unclosed\n")
        broken = watcher.wait_for("watching")
        assert any("spec.yaml:" in text and "error" in text for _, text in broken), broken
        assert any("nothing written" in text for _, text in broken), broken
        assert _tree(work / "out") == before

        _write(work / "spec.yaml", _spec("Mended"))
        watcher.wait_for("watching")
        assert _tree(work / "out") == _fresh(work, env)

        watcher.process.send_signal(signal.SIGINT)
        watcher.wait_for("dxgen: stopped watching")
        assert watcher.process.wait(timeout=WAIT) == 0
    finally:
        watcher.stop()


def test_a_spec_broken_from_the_start_is_watched_until_it_is_mended(
    work: Path, env: dict[str, str]
) -> None:
    _write(work / "spec.yaml", "openapi: 3.0.3\ninfo: {title: [\n")
    watcher = Watcher(work, env)
    try:
        first = watcher.wait_for("watching")
        assert any("nothing written" in text for _, text in first), first
        assert not (work / "out").exists()
        _write(work / "spec.yaml", _spec("Mended"))
        watcher.wait_for("watching")
        assert _tree(work / "out") == _fresh(work, env)
    finally:
        watcher.stop()


def test_watch_and_check_do_not_go_together(work: Path, env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--watch", "--check", "spec.yaml"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "--watch and --check do not go together" in done.stderr


# -- noticing a change -------------------------------------------------------------------------


def test_a_change_is_taken_once_the_file_stays_as_it_is(tmp_path: Path) -> None:
    """An editor that writes in steps: the change is taken after the last step."""
    path = tmp_path / "spec.yaml"
    path.write_text("a", encoding="utf-8")
    before = watch.look([path])
    steps = iter(["ab", "abc", "abcd"])  # written between two looks, then no more

    def sleep(seconds: float) -> None:
        text = next(steps, None)
        if text is not None:
            path.write_text(text, encoding="utf-8")
            os.utime(path, ns=(time.time_ns(), time.time_ns() + len(text)))

    assert watch.wait_for_change(before, sleep=sleep) == [path]
    assert path.read_text(encoding="utf-8") == "abcd"


def test_a_file_that_goes_or_comes_is_a_change(tmp_path: Path) -> None:
    there, missing = tmp_path / "there.yaml", tmp_path / "missing.yaml"
    there.write_text("x", encoding="utf-8")
    before = watch.look([there, missing])
    assert before[missing] is None
    there.unlink()
    missing.write_text("y", encoding="utf-8")
    assert sorted(watch.changed(before, watch.look([there, missing]))) == sorted([there, missing])
