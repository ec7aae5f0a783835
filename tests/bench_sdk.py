"""SDK import cost, as ratios to ``import httpx, pydantic`` measured in the same run.

Run: ``python -m tests.bench_sdk`` (part of ``make bench``). Generates the SDK for our spec and
for a synthetic 1,000-operation spec (built here, in memory), then times fresh interpreters:
``import <pkg>``, first use of the client and one service, and touching one model. Lazy
imports mean the 1,000-operation SDK should cost about what ours does.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from generator.config import Config
from generator.pipeline import build_api, render_targets
from generator.targets import available_targets

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7


def synthetic_spec(operations: int = 1000, per_tag: int = 20) -> dict[str, Any]:
    """An API of ``operations`` CRUD-style operations over ``operations // 4`` resources."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    resources = operations // 4
    for index in range(resources):
        name = f"Resource{index}"
        tag = f"Group{index * 4 // per_tag}"
        schemas[name] = {
            "type": "object",
            "required": ["id", "name"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string", "description": f"Name of resource {index}"},
                "kind": {"type": "string", "enum": ["a", "b", "c"]},
                "created_at": {"type": "string", "format": "date-time"},
                "tags": {"type": "array", "items": {"type": "string"}},
            },
        }
        ref = {"$ref": f"#/components/schemas/{name}"}
        one = {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}}
        many = {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"type": "array", "items": ref}}},
            }
        }
        body = {"required": True, "content": {"application/json": {"schema": ref}}}
        item_id = [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
        paths[f"/resources{index}"] = {
            "get": {"operationId": f"list{name}", "tags": [tag], "responses": many},
            "post": {
                "operationId": f"create{name}",
                "tags": [tag],
                "requestBody": body,
                "responses": one,
            },
        }
        paths[f"/resources{index}/{{id}}"] = {
            "get": {
                "operationId": f"get{name}",
                "tags": [tag],
                "parameters": item_id,
                "responses": one,
            },
            "delete": {
                "operationId": f"delete{name}",
                "tags": [tag],
                "parameters": item_id,
                "responses": {"204": {"description": "gone"}},
            },
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Big API", "version": "1.0.0"},
        "servers": [{"url": "https://big.example/v1"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def generate(spec: Path, out: Path) -> tuple[str, str, float]:
    started = time.perf_counter()
    built = build_api(spec, Config(), workflows=None, strict=False, use_config_names=False)
    files = render_targets(built.api, [available_targets()["sdk"]])
    seconds = time.perf_counter() - started
    for rel, data in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    first_service = built.api.services[0].names.py
    return built.api.project.package, first_service, seconds


def timed(code: str, cwd: Path | None = None) -> float:
    """Median wall time of ``code`` in a fresh interpreter, in milliseconds."""
    probe = f"import time\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)\n"
    samples = []
    for _ in range(RUNS):
        done = subprocess.run(
            [sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, check=True
        )
        samples.append(float(done.stdout.strip().splitlines()[-1]) * 1000)
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big_spec = work / "big.yaml"
        big_spec.write_text(yaml.safe_dump(synthetic_spec(), sort_keys=False), encoding="utf-8")
        rows: list[tuple[str, str, Path, float, int]] = []
        for label, spec in (("pachca (ours)", ROOT / "spec" / "pachca.yaml"), ("big", big_spec)):
            out = work / label.split()[0]
            package, service, seconds = generate(spec, out)
            ops = sum(1 for _ in (out / "sdk" / "src" / package / "resources").glob("*.py"))
            rows.append((label, package, out / "sdk" / "src", seconds, ops))
            del service
        baseline = timed("import httpx, pydantic")
        print(f"baseline `import httpx, pydantic`: {baseline:.1f} ms (median of {RUNS})")
        print()
        header = f"{'sdk':<15} {'generate s':>10} {'import ms':>10} {'xbase':>7}"
        header += f" {'client+svc ms':>14} {'xbase':>7} {'+model ms':>10} {'xbase':>7}"
        print(header)
        for label, package, src, seconds, _ in rows:
            service = "messages" if package == "pachca" else "group0"
            model = "Message" if package == "pachca" else "Resource0"
            imp = timed(f"import {package}", cwd=src)
            use = timed(
                f"import {package}\nc = {package}.{_client_name(package)}('t')\nc.{service}",
                cwd=src,
            )
            touch = timed(
                f"import {package}\nc = {package}.{_client_name(package)}('t')\n"
                f"c.{service}\n{package}.{model}",
                cwd=src,
            )
            print(
                f"{label:<15} {seconds:>10.2f} {imp:>10.1f} {imp / baseline:>7.2f}"
                f" {use:>14.1f} {use / baseline:>7.2f} {touch:>10.1f} {touch / baseline:>7.2f}"
            )


def _client_name(package: str) -> str:
    return "PachcaClient" if package == "pachca" else "BigClient"


if __name__ == "__main__":
    main()
