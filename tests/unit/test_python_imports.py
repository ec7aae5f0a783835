"""The import section generated modules get is the one ruff's isort rules want."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.targets.python.imports import Imports, sort_all

RUFF = Path(sys.executable).parent / "ruff"


def test_modules_and_names_in_ruffs_natural_order(tmp_path: Path) -> None:
    """Long model names are cut and end in a hash (``…_st_21cf2178``, ``…_st_2d8e714c``):
    ruff orders digit runs as numbers, so plain string order failed I001 on Stripe's and
    Kubernetes' SDKs."""
    imports = Imports()
    for module, name in [
        ("x_21cf2178", "Q"), ("x_2d8e714c", "R"), ("X_3", "S"), ("x_10", "T"),
        ("x_05603d24", "U"), ("x_0056", "V"), ("x_1", "W"),
        ("t", "TaxIDsOwner"), ("t", "TaxId"), ("t", "TransferReversals"),
        ("t", "TransferReversalSourceRefund"),
        ("m", "A10"), ("m", "A2"), ("m", "B"), ("m", "CONST_10"), ("m", "CONST_9"),
    ]:  # fmt: skip
        imports.model(module, name)
    imports.typing.add("Any")
    block = imports.block(core_module="._core", model_prefix=".")
    names = ["A10", "A2", "B", "CONST_10", "CONST_9", "Q", "R", "S", "T", "U", "V", "W"]
    source = f"{block}\n\n__all__ = {sort_all(names)!r}\nX: Any = None\n"
    module = tmp_path / "pkg" / "mod.py"
    module.parent.mkdir()
    module.write_text(source.replace("'", '"'), encoding="utf-8")
    done = subprocess.run(
        [str(RUFF), "check", "--no-cache", "--isolated", "--select", "I,RUF022", str(module)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    assert block.index("x_2d8e714c") < block.index("X_3") < block.index("x_10")
    assert block.index("x_10") < block.index("x_21cf2178")
    assert block.index("x_0056") < block.index("x_05603d24") < block.index("x_1 ")
