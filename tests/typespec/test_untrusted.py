"""A spec is untrusted (it may come from a pull request and be compiled in CI): it cannot make
the compiler run its JavaScript, read files outside its folder, or bring emitters, plugins or
libraries of its own; the compiler is stopped after a timeout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import HEADER, dxgen, write_spec

LIBRARIES = "@typespec/http, @typespec/rest, @typespec/openapi, @typespec/openapi3"
ONLY = f"a spec may import only .tsp files inside its folder and {LIBRARIES}"
TAIL = '@route("/pets") op list(): string[];\n'


def _evil_js(path: Path, marker: Path) -> None:
    """JavaScript that leaves ``marker`` behind if it ever runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'import {{ writeFileSync }} from "node:fs";\nwriteFileSync({str(marker)!r}, "ran");\n'
        "export const $lib = {};\nexport function $onEmit() {}\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize("name", ["evil.js", "evil.mjs", "evil.cjs"])
def test_a_javascript_import_is_refused_and_never_runs(tmp_path: Path, name: str) -> None:
    marker = tmp_path / "pwned"
    folder = tmp_path / "spec"
    _evil_js(folder / name, marker)
    write_spec(folder, f'import "./{name}";\n' + HEADER + TAIL)
    done = dxgen("generate", "spec/main.tsp", "-o", "out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f'spec/main.tsp:1:1: error: import "./{name}" refused: {ONLY} (dxgen-import)',
        "dxgen: 1 error; nothing written",
    ]
    assert not marker.exists() and not (tmp_path / "out").exists()


def test_imports_outside_the_folder_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "spec"
    write_spec(tmp_path, "namespace Tiny;\nmodel Outside {}\n", "outside.tsp")
    (folder / "lib").mkdir(parents=True)
    (folder / "lib" / "main.tsp").write_text("namespace Tiny;\n", encoding="utf-8")
    os.symlink(tmp_path / "outside.tsp", folder / "link.tsp")
    imports = [
        '"../outside.tsp"',
        f'"{tmp_path / "outside.tsp"}"',
        '"./link.tsp"',
        '"./lib"',
        '"lodash"',
        '"@typespec/versioning"',
        '"https://example.com/x.tsp"',
    ]
    write_spec(folder, "".join(f"import {i};\n" for i in imports) + HEADER + TAIL)
    done = dxgen("validate", "spec/main.tsp", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        'spec/main.tsp:1:1: error: import "../outside.tsp" refused: outside the spec\'s folder'
        " (dxgen-import)",
        f'spec/main.tsp:2:1: error: import "{tmp_path / "outside.tsp"}" refused: outside the'
        " spec's folder (dxgen-import)",
        'spec/main.tsp:3:1: error: import "./link.tsp" refused: a link out of the spec\'s folder'
        " (dxgen-import)",
        f'spec/main.tsp:4:1: error: import "./lib" refused: {ONLY} (dxgen-import)',
        f'spec/main.tsp:5:1: error: import "lodash" refused: {ONLY} (dxgen-import)',
        f'spec/main.tsp:6:1: error: import "@typespec/versioning" refused: {ONLY} (dxgen-import)',
        f'spec/main.tsp:7:1: error: import "https://example.com/x.tsp" refused: {ONLY}'
        " (dxgen-import)",
        "dxgen: 7 errors; nothing written",
    ]


def test_a_refused_import_in_an_imported_file_is_located_there(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    folder = tmp_path / "spec"
    _evil_js(folder / "deep" / "x.js", marker)
    write_spec(folder / "deep", 'namespace Tiny;\n\nimport "./x.js";\n', "models.tsp")
    write_spec(folder, 'import "./deep/models.tsp";\n' + HEADER + TAIL)
    done = dxgen("validate", "spec/main.tsp", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f'spec/deep/models.tsp:3:1: error: import "./x.js" refused: {ONLY} (dxgen-import)'
    )
    assert not marker.exists()


def test_the_spec_folders_tspconfig_and_node_modules_are_not_used(tmp_path: Path) -> None:
    """A tspconfig.yaml naming an emitter of the spec's and a node_modules with a look-alike
    @typespec/http: dxgen compiles with its own options and libraries, and neither runs."""
    marker = tmp_path / "pwned"
    folder = tmp_path / "spec"
    write_spec(folder, HEADER + TAIL)
    _evil_js(folder / "emitter.js", marker)
    (folder / "tspconfig.yaml").write_text(
        'emit:\n  - "./emitter.js"\nimports:\n  - "./emitter.js"\n'
        "options:\n  '@typespec/openapi3':\n    openapi-versions: ['3.1.0']\n"
        "output-dir: '{project-root}/../escaped'\n",
        encoding="utf-8",
    )
    fake = folder / "node_modules" / "@typespec" / "http"
    _evil_js(fake / "index.js", marker)
    (fake / "package.json").write_text(
        '{"name": "@typespec/http", "version": "1.16.0", "type": "module",'
        ' "main": "index.js", "tspMain": "index.js", "exports": {".": "./index.js"}}',
        encoding="utf-8",
    )
    (folder / "package.json").write_text('{"name": "x", "tspMain": "emitter.js"}', "utf-8")
    done = dxgen("compile", "spec/main.tsp", "-o", "openapi.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "openapi.yaml").read_text(encoding="utf-8").startswith("openapi: 3.0.0\n")
    assert not marker.exists()
    assert not (tmp_path / "escaped").exists()


def test_the_compiler_is_stopped_after_the_timeout(tmp_path: Path) -> None:
    write_spec(tmp_path / "spec", HEADER + TAIL)
    done = dxgen("validate", "spec/main.tsp", cwd=tmp_path, env={"DXGEN_TYPESPEC_TIMEOUT": "0.05"})
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "spec/main.tsp: error: the TypeSpec compiler did not finish in 0.05 s; stopped",
        "dxgen: 1 error; nothing written",
    ]


def test_a_spec_past_the_compilers_stack_is_an_error_not_a_crash(tmp_path: Path) -> None:
    nested = "{ a: " * 5000 + "string" + " }" * 5000
    write_spec(tmp_path / "spec", HEADER + f"model A {{ a: {nested}; }}\n")
    done = dxgen("validate", "spec/main.tsp", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "spec/main.tsp: error: the TypeSpec compiler failed: RangeError: Maximum call stack size"
        " exceeded",
        "dxgen: 1 error; nothing written",
    ]
