"""Fixtures for the SDK runtime tests.

The runtime (``templates/sdk/runtime/_core``) is copied next to the hand-written sample
SDK (``samplesdk/``, shaped like generated code) into a temporary package with a unique
name, which is then imported.  All HTTP traffic goes through respx; nothing sleeps.
"""

from __future__ import annotations

import importlib
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from types import ModuleType
from typing import Any

import pytest
import pytest_asyncio
import respx

from .helpers import BASE_URL, TOKEN, SleepRecorder, build_sample_package

collect_ignore = ["samplesdk"]


@pytest.fixture(scope="session")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("sdkroot")
    name = f"samplesdk_{uuid.uuid4().hex[:12]}"
    build_sample_package(root, name)
    sys.path.insert(0, str(root))
    try:
        module = importlib.import_module(name)
        importlib.import_module(f"{name}.resources.messages")
        importlib.import_module(f"{name}.resources.chats")
        importlib.import_module(f"{name}.resources.uploads")
        importlib.import_module(f"{name}.resources.exports")
        yield module
    finally:
        sys.path.remove(str(root))
        for mod_name in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[mod_name]


@pytest.fixture(scope="session")
def core(sdk: ModuleType) -> ModuleType:
    return importlib.import_module(f"{sdk.__name__}._core")


@pytest.fixture
def models(sdk: ModuleType) -> ModuleType:
    return sdk.models


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAMPLE_TOKEN", raising=False)
    monkeypatch.delenv("SAMPLE_BASE_URL", raising=False)


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as mock:
        yield mock


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


@pytest.fixture
def client(sdk: ModuleType, sleeps: SleepRecorder) -> Iterator[Any]:
    c = sdk.SampleClient(TOKEN)
    c._sleep = sleeps
    c._random = lambda: 0.5  # no jitter: factor 1.0
    yield c
    c.close()


@pytest_asyncio.fixture
async def aclient(sdk: ModuleType, sleeps: SleepRecorder) -> AsyncIterator[Any]:
    c = sdk.AsyncSampleClient(TOKEN)
    c._asleep = sleeps.async_sleep
    c._random = lambda: 0.5
    yield c
    await c.aclose()
