"""The exit codes the docs list (generator/targets/cli_contract.py) are the ones the CLI's
runtime exits with (templates/cli/runtime/_errors.py, copied into every generated CLI)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from generator.targets import templates_dir
from generator.targets.cli_contract import EXIT_CODES


def runtime_errors() -> ModuleType:
    path = templates_dir() / "cli" / "runtime" / "_errors.py"
    spec = importlib.util.spec_from_file_location("cli_runtime_errors", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_documented_codes_are_the_runtimes() -> None:
    errors = runtime_errors()
    constants = {getattr(errors, name) for name in dir(errors) if name.isupper()}
    codes = {int(c) for c in constants if isinstance(c, int)}
    assert codes == {e.code for e in EXIT_CODES}


def test_each_status_ends_with_its_documented_code() -> None:
    errors = runtime_errors()
    listed = {status: e.code for e in EXIT_CODES for status in e.statuses}
    for status in (*listed, 400, 402, 409, 410, 422, 429, 500, 502, 503):
        expected = listed.get(status, 1)
        assert errors.exit_code_for_status(status) == expected, status
