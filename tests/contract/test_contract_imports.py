"""Every module of the committed SDK imports, and ``import pachca`` stays lazy."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import traceback

from tests.prism import SDK_SRC

PACKAGE_DIR = SDK_SRC / "pachca"


def _modules_on_disk() -> set[str]:
    names: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = path.relative_to(SDK_SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.add(".".join(parts))
    return names


def test_every_module_imports() -> None:
    import pachca

    walk_errors: list[str] = []
    walked = {"pachca"} | {
        info.name
        for info in pkgutil.walk_packages(
            pachca.__path__, prefix="pachca.", onerror=walk_errors.append
        )
    }
    assert not walk_errors, f"walk_packages could not import: {walk_errors}"
    assert walked == _modules_on_disk(), (
        f"walk_packages missed {sorted(_modules_on_disk() - walked)}, "
        f"found extra {sorted(walked - _modules_on_disk())}"
    )
    failures: dict[str, str] = {}
    for name in sorted(walked):
        try:
            importlib.import_module(name)
        except Exception:
            failures[name] = traceback.format_exc(limit=3)
    assert not failures, "modules that fail to import:\n" + "\n".join(
        f"{name}:\n{error}" for name, error in failures.items()
    )


def test_every_exported_name_resolves() -> None:
    import pachca
    import pachca.types

    for package in (pachca, pachca.types):
        missing = []
        for name in package.__all__:
            try:
                getattr(package, name)
            except Exception as exc:
                missing.append(f"{name}: {type(exc).__name__}: {exc}")
        assert not missing, f"{package.__name__}.__all__ names that do not resolve: {missing}"


_LAZY_PROBE = """
import json, sys
def types_loaded():
    return sorted(m for m in sys.modules if m == "pachca.types" or m.startswith("pachca.types."))
import pachca
after_import = types_loaded()
pachca.PachcaClient
after_client = types_loaded()
model = pachca.Message
after_model = types_loaded()
print(json.dumps({
    "after_import": after_import,
    "after_client": after_client,
    "after_model": after_model,
    "model": model.__module__ + "." + model.__qualname__,
}))
"""


def test_import_is_lazy() -> None:
    env = {**os.environ, "PYTHONPATH": str(SDK_SRC)}
    completed = subprocess.run(
        [sys.executable, "-c", _LAZY_PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert (
        report["after_import"] == []
    ), f"`import pachca` loaded model modules: {report['after_import']}"
    assert (
        report["after_client"] == []
    ), f"`pachca.PachcaClient` loaded model modules: {report['after_client']}"
    assert report["model"] == "pachca.types.message.Message"
    assert "pachca.types.message" in report["after_model"]


_FIRST_USE_PROBE = """
import json, sys
import httpx

def loaded():
    return {
        "models": sorted(m for m in sys.modules if m.startswith("pachca.types.")),
        "pydantic_models": "pydantic.main" in sys.modules,
    }

import pachca
client = pachca.PachcaClient("t", http_client=None)
service = client.messages
first_use = {**loaded(), "http_client_built": client._pool.created is not None}

def answer(request):
    return httpx.Response(200, json={"data": MESSAGE})

MESSAGE = json.loads(sys.argv[1])
caller = pachca.PachcaClient("t", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
message = caller.messages.get_message(194275)
after_call = {**loaded(), "type": type(message).__module__ + "." + type(message).__qualname__}
print(json.dumps({"first_use": first_use, "after_call": after_call}))
"""


def test_first_use_builds_no_model_and_no_http_client() -> None:
    """``PachcaClient("t").messages`` loads no model (nor pydantic's model machinery) and
    builds no httpx client; a method imports its models when it is first called."""
    from .cases import api

    (get_message,) = [op for op in api().operations if op.id == "getMessage"]
    assert get_message.success is not None and isinstance(get_message.success.example, dict)
    message = get_message.success.example["data"]
    env = {**os.environ, "PYTHONPATH": str(SDK_SRC)}
    completed = subprocess.run(
        [sys.executable, "-c", _FIRST_USE_PROBE, json.dumps(message)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert report["first_use"] == {
        "models": [],
        "pydantic_models": False,
        "http_client_built": False,
    }
    after = report["after_call"]
    assert after["type"] == "pachca.types.message.Message"
    assert "pachca.types.message" in after["models"]
    assert after["pydantic_models"] is True
