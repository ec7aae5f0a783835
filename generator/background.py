"""Work done beside the run, in a forked child: the validator's verdict on a large spec.

openapi-spec-validator takes 16 s of a cold run on GitHub's description, and nothing the run
renders depends on it: its findings are warnings, needed only before the output is written.
A forked child shares the loaded document without copying or pickling it, and answers through
a pipe. The child leaves Ctrl-C to the parent and dies with it; a run that ends early kills it.
Where ``fork`` is not available (Windows), the work is done in place.

``os.fork`` and a pipe, not :mod:`multiprocessing`: the child starts before parsing, so what
it costs to start is on every run's way, and importing multiprocessing (with the socket,
subprocess and tempfile modules it pulls in) took longer than the fork itself.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, NoReturn, TypeVar

T = TypeVar("T")

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

#: Children still working, killed if the run exits without waiting for them.
_RUNNING: set[int] = set()


class BackgroundError(Exception):
    """The child failed or died without an answer."""


class Background(Generic[T]):
    """``work()``, started now in a child process; :meth:`result` waits for its answer."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._value: tuple[bool, T | str] | None = None
        self._pid: int | None = None
        self._exit_code: int | None = None
        if not hasattr(os, "fork"):
            self._value = _attempt(work)
            return
        receive, send = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            os.close(receive)
            _child(work, send, parent)
        os.close(send)  # the child holds the only writing end: its death is an EOF here
        self._receive = receive
        self._pid = pid
        _RUNNING.add(pid)

    @property
    def pid(self) -> int | None:
        """The child's process id while it has not been waited for."""
        return self._pid

    def result(self) -> T:
        if self._value is None:
            try:
                with open(self._receive, "rb", closefd=True) as stream:
                    answer = stream.read()
            except BaseException:  # Ctrl-C while waiting: the child is of no more use
                self._kill()
                raise
            finally:
                code = self._reap()
            self._value = (
                pickle.loads(answer)
                if answer
                else (False, f"the child process ended without an answer ({code})")
            )
        ok, value = self._value
        if not ok:
            raise BackgroundError(str(value))
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the child if it is still working (the run ends without its answer)."""
        if self._pid is not None and self._value is None:
            self._kill()
            self._reap()
            os.close(self._receive)
            self._value = (False, "cancelled")

    def _kill(self) -> None:
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)

    def _reap(self) -> int | None:
        if self._pid is not None:
            pid, self._pid = self._pid, None
            _RUNNING.discard(pid)
            with contextlib.suppress(ChildProcessError):
                _, status = os.waitpid(pid, 0)
                self._exit_code = os.waitstatus_to_exitcode(status)
        return self._exit_code


@atexit.register
def _kill_running() -> None:
    for pid in list(_RUNNING):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    _RUNNING.clear()


def _attempt(work: Callable[[], T]) -> tuple[bool, T | str]:
    try:
        return True, work()
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"


def follow_parent(parent: int) -> None:
    """In a child of ``parent``: be killed when it dies (Linux), or end now if it already has."""
    if sys.platform == "linux":
        import ctypes  # only children need it

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the child asked to follow it
        os._exit(1)


def _child(work: Callable[[], T], send: int, parent: int) -> NoReturn:
    code = 1
    try:
        _RUNNING.clear()  # the parent's other children are not this one's to kill
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, inherited
        follow_parent(parent)
        answer = _attempt(work)
        try:
            data = pickle.dumps(answer, pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an answer that cannot be pickled: a dxgen bug, said as one
            data = pickle.dumps(
                (False, f"the answer could not be sent: {type(exc).__name__}: {exc}")
            )
        with open(send, "wb", closefd=True) as stream:
            stream.write(data)
        code = 0
    finally:
        os._exit(code)  # no atexit handlers, no buffers of the parent's flushed twice
