"""Formatting of generated text: black for Python, a single trailing newline for the rest.

black is most of a run's time, so large outputs are formatted in parallel processes; each file
is formatted on its own, so the result does not depend on how the work was split. The workers
never outlive the run: they ignore Ctrl-C (the terminal sends it to them too; the parent
decides), the parent stops them when it is interrupted, and they die with it when it is killed.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor

import black
import black.mode
import black.parsing

from . import cache


class GeneratedCodeError(Exception):
    """Generated Python that black cannot parse: a bug in dxgen or its templates."""


_MODE = black.mode.Mode(line_length=100, target_versions={black.mode.TargetVersion.PY311})


_MODE_KEY = repr(_MODE)


def _is_python(path: str) -> bool:
    return path.endswith((".py", ".pyi"))


def format_file(path: str, text: str) -> str:
    if _is_python(path):
        try:
            return black.format_str(text, mode=_MODE)
        except black.parsing.InvalidInput as exc:
            raise GeneratedCodeError(f"{path}: generated code does not parse: {exc}") from None
    return text.rstrip("\n") + "\n" if text else text


_PARALLEL_FROM = 60  # files; below this, starting workers costs more than it saves


def format_files(files: Mapping[str, str]) -> dict[str, str]:
    """``format_file`` over many files: black's earlier answers from the cache, the rest run."""
    folder = cache.cache_dir("black")
    if folder is None:
        return _format_all(files)
    done: dict[str, str] = {}
    keys: dict[str, str] = {}
    for rel, text in files.items():
        if _is_python(rel):
            keys[rel] = cache.key(cache.tool_version("black"), _MODE_KEY, text)
            hit = cache.lookup(folder, keys[rel])
            if hit is not None:
                done[rel] = hit
                continue
        else:
            done[rel] = format_file(rel, text)
    misses = {rel: files[rel] for rel in keys if rel not in done}
    formatted = _format_all(misses)
    for rel, text in formatted.items():
        cache.store(folder, keys[rel], text)
    done.update(formatted)
    return {rel: done[rel] for rel in files}


def _format_all(files: Mapping[str, str]) -> dict[str, str]:
    """``format_file`` over many files, in worker processes when that pays off."""
    workers = min(os.cpu_count() or 1, 8)
    if workers < 2 or len(files) < _PARALLEL_FROM:
        return {rel: format_file(rel, text) for rel, text in files.items()}
    paths = list(files)
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),)
    )
    try:
        results = list(pool.map(format_file, paths, [files[p] for p in paths], chunksize=16))
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown()
    return dict(zip(paths, results, strict=True))


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _start_worker(parent: int) -> None:
    """Worker set-up: leave Ctrl-C to the parent, and die when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    else:  # no parent-death signal: notice being re-parented instead
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the worker asked to follow it
        os._exit(1)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the workers now: on an interruption, queued and running work is not wanted."""
    # ProcessPoolExecutor.terminate_workers() arrives in Python 3.14; until then, its processes
    # (taken before shutdown, which forgets them).
    processes = list(pool._processes.values()) if pool._processes else []
    _quieten(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
    for process in processes:
        process.join(timeout=5)


def _quieten(pool: ProcessPoolExecutor) -> None:
    """Keep the pool's helper threads from printing tracebacks once its workers are killed.

    They then find their pipes closed (``OSError: Bad file descriptor`` from the queue feeder
    or the manager thread) and would print that over the one line that says the run was
    interrupted. The run is ending: nothing they could report is news. Other threads' errors
    still reach the hook that was in place.
    """
    call_queue = getattr(pool, "_call_queue", None)  # private: no public way to reach these
    if call_queue is not None:
        call_queue._on_queue_feeder_error = _ignore_feeder_error
    threads = {
        thread
        for thread in (
            getattr(pool, "_executor_manager_thread", None),
            getattr(call_queue, "_thread", None),
        )
        if isinstance(thread, threading.Thread)
    }
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if args.thread not in threads:
            previous(args)

    threading.excepthook = hook


def _ignore_feeder_error(error: BaseException, item: object) -> None:
    return None
