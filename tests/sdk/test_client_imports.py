"""The client's imports of its services are in ruff's order whatever the services are called:
``ActionsService`` sorts before ``AsyncActionsService`` (GitHub's and Kubernetes' SDKs failed
I001 when the template wrote the async class first), ``apps_v1`` after ``apps``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.sdk.generated_sdk import write_sdk

TAGS = ["Actions", "Apps", "Apps v1", "Zebra", "Activity"]


def test_service_imports_pass_ruffs_isort(tmp_path: Path) -> None:
    paths = {
        f"/{n}": {"get": {"operationId": f"list{n}", "tags": [tag],
                          "responses": {"204": {"description": "ok"}}}}
        for n, tag in enumerate(TAGS)
    }  # fmt: skip
    spec = tmp_path / "api.yaml"
    document = {"openapi": "3.0.3", "info": {"title": "Order", "version": "1"}, "paths": paths}
    spec.write_text(yaml.safe_dump(document), encoding="utf-8")
    package = write_sdk(spec, tmp_path / "out")
    sdk = tmp_path / "out" / "sdk"
    client = sdk / "src" / package / "_client.py"
    ruff = Path(sys.executable).parent / "ruff"
    done = subprocess.run(
        [str(ruff), "check", "--select", "I", str(client)], cwd=sdk, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout
    text = client.read_text(encoding="utf-8")
    assert "import ActionsService, AsyncActionsService" in text
    assert text.index("resources.apps import") < text.index("resources.apps_v1 import")
