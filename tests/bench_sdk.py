"""SDK import cost, as ratios to ``import httpx, pydantic`` measured in the same run.

Run: ``python -m tests.bench_sdk`` (part of ``make bench``). Generates the SDK for our spec and
for a synthetic 1,000-operation spec (built here, in memory), then times fresh interpreters:
``import <pkg>``, first use of the client and one service, and touching one model. Lazy
imports mean the 1,000-operation SDK should cost about what ours does.

The generated packages are byte-compiled first, as ``pip install`` does, so a fresh
interpreter times loading the SDK, not compiling it (httpx and pydantic are compiled too).
The target for first use (client and one service) is at most 1.2 times the baseline.
"""

from __future__ import annotations

import compileall
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
    compileall.compile_dir(out / "sdk" / "src", quiet=1)
    first_service = built.api.services[0].names.py
    return built.api.project.package, first_service, seconds


BASELINE = "import httpx, pydantic"


def _run_once(code: str, cwd: Path | None) -> float:
    """Wall time of ``code`` in a fresh interpreter, in milliseconds."""
    probe = f"import time\nt = time.perf_counter()\n{code}\nprint(time.perf_counter() - t)\n"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=cwd, capture_output=True, text=True, check=True
    )
    return float(done.stdout.strip().splitlines()[-1]) * 1000


def timed(code: str, cwd: Path | None = None) -> tuple[float, float]:
    """Median time of ``code`` (ms) and the median of its ratios to the baseline.

    Each sample of ``code`` is paired with a baseline sample taken just before it, so the
    ratio holds when the machine's load changes during the run.
    """
    samples: list[float] = []
    ratios: list[float] = []
    for _ in range(RUNS):
        base = _run_once(BASELINE, None)
        sample = _run_once(code, cwd)
        samples.append(sample)
        ratios.append(sample / base)
    return statistics.median(samples), statistics.median(ratios)


def first_use(package: str, service: str) -> str:
    return f"import {package}\nc = {package}.{_client_name(package)}('t')\nc.{service}"


def import_phases(code: str, cwd: Path, package: str) -> dict[str, float]:
    """``python -X importtime`` of ``code``: milliseconds spent importing, by group."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    phases: dict[str, float] = {}
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        name = parts[2].strip()
        top = name.split(".")[0]
        if top == package:
            group = ".".join(name.split(".")[:2]) if "." in name else package
        elif top in ("httpx", "httpcore", "h11", "anyio", "certifi", "idna", "sniffio"):
            group = "httpx and its dependencies"
        elif top in ("pydantic", "pydantic_core", "typing_extensions", "annotated_types"):
            group = "pydantic"
        else:
            group = "standard library"
        phases[group] = phases.get(group, 0.0) + int(parts[0]) / 1000
    return phases


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        big_spec = work / "big.yaml"
        big_spec.write_text(yaml.safe_dump(synthetic_spec(), sort_keys=False), encoding="utf-8")
        rows: list[tuple[str, str, Path, float]] = []
        for label, spec in (("pachca (ours)", ROOT / "spec" / "pachca.yaml"), ("big", big_spec)):
            out = work / label.split()[0]
            package, _, seconds = generate(spec, out)
            rows.append((label, package, out / "sdk" / "src", seconds))
        baseline = statistics.median(_run_once(BASELINE, None) for _ in range(RUNS))
        print(f"baseline `{BASELINE}`: {baseline:.1f} ms (median of {RUNS})")
        print("xbase: median ratio to a baseline run just before each sample")
        print()
        header = f"{'sdk':<15} {'generate s':>10} {'import ms':>10} {'xbase':>7}"
        header += f" {'client+svc ms':>14} {'xbase':>7} {'+model ms':>10} {'xbase':>7}"
        print(header)
        for label, package, src, seconds in rows:
            service = "messages" if package == "pachca" else "group0"
            model = "Message" if package == "pachca" else "Resource0"
            imp, imp_x = timed(f"import {package}", cwd=src)
            use, use_x = timed(first_use(package, service), cwd=src)
            touch, touch_x = timed(f"{first_use(package, service)}\n{package}.{model}", cwd=src)
            print(
                f"{label:<15} {seconds:>10.2f} {imp:>10.1f} {imp_x:>7.2f}"
                f" {use:>14.1f} {use_x:>7.2f} {touch:>10.1f} {touch_x:>7.2f}"
            )
        print()
        print("first use (client + service) by import phase, `python -X importtime`, ms:")
        for label, package, src, _ in rows:
            service = "messages" if package == "pachca" else "group0"
            phases = import_phases(first_use(package, service), src, package)
            listed = ", ".join(f"{group} {ms:.1f}" for group, ms in sorted(phases.items()))
            print(f"  {label}: {listed}")


def _client_name(package: str) -> str:
    return "PachcaClient" if package == "pachca" else "BigClient"


if __name__ == "__main__":
    main()
