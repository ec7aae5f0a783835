"""The wheel's build step: dxgen's templates compiled into ``generator/_jinja``.

See generator/targets/precompile.py for why. An editable install has no copy to put them in;
``make setup`` compiles them into the checkout instead.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrecompiledTemplates(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._folder = tempfile.TemporaryDirectory(prefix="dxgen-jinja-")
        subprocess.run(
            [sys.executable, "-m", "generator.targets.precompile", self._folder.name],
            cwd=self.root,
            check=True,
        )
        build_data["force_include"][self._folder.name] = "generator/_jinja"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
