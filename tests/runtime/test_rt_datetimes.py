"""The naive-datetime rule: local time, sent with the local UTC offset (path, query, body)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs

import pytest
import respx


@pytest.fixture
def utc_plus_3(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC+3 (POSIX ``Etc/GMT-3``) for the test."""
    monkeypatch.setenv("TZ", "Etc/GMT-3")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


NAIVE = datetime(2024, 5, 1, 9, 30)
SENT = "2024-05-01T09:30:00+03:00"


@pytest.mark.usefixtures("utc_plus_3")
def test_naive_datetime_in_path_query_and_body(client: Any, router: respx.MockRouter) -> None:
    route = router.post(url__regex=r"/events/.*").respond(204)
    client.request(
        "POST",
        "/events/{at}",
        cast_to=None,
        path_params={"at": NAIVE},
        query={"since": NAIVE, "day": date(2024, 5, 1), "utc": datetime(2024, 1, 2, tzinfo=UTC)},
        body={"at": NAIVE, "nested": [{"at": NAIVE}]},
    )
    request = route.calls.last.request
    assert request.url.path == "/v1/events/" + SENT
    assert request.url.params["since"] == SENT
    assert request.url.params["day"] == "2024-05-01"
    assert request.url.params["utc"] == "2024-01-02T00:00:00+00:00"  # aware: as is
    assert json.loads(request.content) == {"at": SENT, "nested": [{"at": SENT}]}


@pytest.mark.usefixtures("utc_plus_3")
def test_naive_datetime_inside_a_model_body_and_form(
    client: Any, router: respx.MockRouter, models: ModuleType
) -> None:
    route = router.post("/messages").respond(204)
    message = models.Message.model_construct(created_at=NAIVE, content="x")
    client.request("POST", "/messages", cast_to=None, body=message)
    assert json.loads(route.calls.last.request.content)["created_at"] == SENT
    client.request("POST", "/messages", cast_to=None, multipart={"at": NAIVE}, files=[])
    assert parse_qs(route.calls.last.request.content.decode()) == {"at": [SENT]}
