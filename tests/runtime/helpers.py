"""Shared constants and helpers for the runtime tests."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
CORE_DIR = REPO_ROOT / "templates" / "sdk" / "runtime" / "_core"
SAMPLE_DIR = HERE / "samplesdk"

BASE_URL = "https://api.example.test/v1"
TOKEN = "tok_live_ABCDEF0123456789secret"


def build_sample_package(root: Path, name: str) -> Path:
    """Write the sample SDK with a fresh copy of ``_core`` to ``root/name``."""
    package = root / name
    shutil.copytree(SAMPLE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(CORE_DIR, package / "_core", ignore=shutil.ignore_patterns("__pycache__"))
    return package


class SleepRecorder:
    """Stands in for ``time.sleep`` / ``asyncio.sleep``; records requested delays."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    def __call__(self, delay: float) -> None:
        self.delays.append(delay)

    async def async_sleep(self, delay: float) -> None:
        self.delays.append(delay)


def message_json(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": 1,
        "entity_type": "discussion",
        "entity_id": 10,
        "chat_id": 10,
        "content": "hello",
        "user_id": 7,
        "created_at": "2024-05-01T12:00:00Z",
        "parent_message_id": None,
    }
    data.update(overrides)
    return data


def chat_json(id: int, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": id, "name": f"chat {id}", "public": False, "member_ids": [1]}
    data.update(overrides)
    return data
