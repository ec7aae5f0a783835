"""Work beside the run (generator/background.py): its answer, its failures, cancelling it."""

from __future__ import annotations

import os
import time

import pytest

from generator.background import Background, BackgroundError


def test_the_answer_comes_from_another_process() -> None:
    here = os.getpid()
    work = Background(lambda: (os.getpid(), [("message", "/paths")]))
    pid, findings = work.result()
    assert pid != here
    assert findings == [("message", "/paths")]
    assert work.result() == (pid, findings)  # asked again: the same answer, no second wait


def test_a_failure_in_the_child_is_an_error_here() -> None:
    def fail() -> None:
        raise ValueError("bad schema")

    with pytest.raises(BackgroundError, match="ValueError: bad schema"):
        Background(fail).result()


def test_a_child_that_dies_is_an_error_not_a_hang() -> None:
    with pytest.raises(BackgroundError, match="ended without an answer"):
        Background(lambda: os._exit(7)).result()


def test_an_answer_that_cannot_travel_is_said_so() -> None:
    with pytest.raises(BackgroundError, match="could not be sent"):
        Background(lambda: (lambda: None)).result()


def test_cancel_stops_the_child_at_once() -> None:
    work = Background(lambda: time.sleep(60))
    pid = work.pid
    assert pid is not None
    os.kill(pid, 0)  # alive
    started = time.perf_counter()
    work.cancel()
    assert time.perf_counter() - started < 5
    assert work.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and waited for: gone
    with pytest.raises(BackgroundError, match="cancelled"):
        work.result()


def test_the_exit_code_of_a_child_that_died_is_said() -> None:
    with pytest.raises(BackgroundError, match=r"\(7\)"):
        Background(lambda: os._exit(7)).result()
