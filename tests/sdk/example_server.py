"""An in-process stand-in for the API, answering every operation with the spec's example.

Used to execute documentation examples for real: a request is matched to an operation of the
IR by method and path template, and answered with that operation's success example.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import httpx

from generator.ir import Api, Operation


@dataclass
class ExampleServer:
    api: Api
    base_url: str
    calls: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        prefix = httpx.URL(self.base_url).path.rstrip("/")
        self.routes: list[tuple[str, re.Pattern[str], Operation]] = []
        for op in self.api.operations:
            pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(op.path))
            self.routes.append((op.method, re.compile(f"^{re.escape(prefix)}{pattern}$"), op))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        base = httpx.URL(self.base_url)
        self.calls.append((request.method, str(request.url)))
        if request.url.host != base.host:
            return httpx.Response(204)  # e.g. a pre-signed storage upload
        for method, pattern, op in self.routes:
            if method == request.method and pattern.match(request.url.path):
                success = op.success
                if success is None or success.example is None:
                    return httpx.Response(int(success.status) if success else 204)
                return httpx.Response(
                    int(success.status), content=json.dumps(success.example).encode(),
                    headers={"content-type": "application/json"},
                )  # fmt: skip
        return httpx.Response(404, json={"errors": [{"message": "no such route"}]})
