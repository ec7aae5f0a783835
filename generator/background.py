"""Work done beside the run, in a forked child: the validator's verdict on a large spec.

openapi-spec-validator takes 16 s of a cold run on GitHub's description, and nothing the run
renders depends on it: its findings are warnings, needed only before the output is written.
A forked child shares the loaded document without copying or pickling it, and answers through
a pipe. The child leaves Ctrl-C to the parent and dies with it; a run that ends early kills it.
Where ``fork`` is not available (Windows, macOS' default), the work is done in place.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


class BackgroundError(Exception):
    """The child failed or died without an answer."""


class Background(Generic[T]):
    """``work()``, started now in a child process; :meth:`result` waits for its answer."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._value: tuple[bool, T | str] | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            self._value = _attempt(work)
            return
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self._receive: multiprocessing.connection.Connection = receive
        self._process = context.Process(
            target=_child, args=(work, send, os.getpid()), daemon=True, name="dxgen-background"
        )
        self._process.start()
        send.close()  # the child holds the only writing end: its death is an EOF here

    def result(self) -> T:
        if self._value is None:
            assert self._process is not None
            try:
                self._value = self._receive.recv()
            except EOFError:
                code = self._process.exitcode
                self._value = (False, f"the child process ended without an answer ({code})")
            finally:
                self._receive.close()
                self._process.join()
        ok, value = self._value
        if not ok:
            raise BackgroundError(str(value))
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child if it is still working (the run ends without its answer)."""
        if self._process is not None and self._value is None:
            self._process.kill()
            self._process.join(timeout=5)
            self._receive.close()
            self._value = (False, "cancelled")


def _attempt(work: Callable[[], T]) -> tuple[bool, T | str]:
    try:
        return True, work()
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"


def follow_parent(parent: int) -> None:
    """In a child of ``parent``: be killed when it dies (Linux), or end now if it already has."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the child asked to follow it
        os._exit(1)


def _child(work: Callable[[], T], send: multiprocessing.connection.Connection, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited by fork
    follow_parent(parent)
    answer = _attempt(work)
    try:
        send.send(answer)
    except Exception as exc:  # an answer that cannot be pickled: a dxgen bug, said as one
        send.send((False, f"the answer could not be sent: {type(exc).__name__}: {exc}"))
    send.close()
