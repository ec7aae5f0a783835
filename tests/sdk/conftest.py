"""Behaviour tests run the committed, generated SDK (output/sdk) for real, against respx."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SDK_SRC = Path(__file__).resolve().parents[2] / "output" / "sdk" / "src"
if str(SDK_SRC) not in sys.path:
    sys.path.insert(0, str(SDK_SRC))

BASE = "https://api.test/v1"


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def client(sleeps: list[float]) -> Iterator[object]:
    from pachca import PachcaClient

    with PachcaClient("secret-token", base_url=BASE) as c:
        c._sleep = sleeps.append  # type: ignore[method-assign]
        yield c


@pytest.fixture
async def aclient(sleeps: list[float]) -> object:
    from pachca import AsyncPachcaClient

    async def record(delay: float) -> None:
        sleeps.append(delay)

    async with AsyncPachcaClient("secret-token", base_url=BASE) as c:
        c._asleep = record  # type: ignore[method-assign]
        yield c
