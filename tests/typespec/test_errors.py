"""A spec that does not compile: TypeSpec's findings as dxgen's located one-line errors, exit 2,
the output folder as it was; TypeSpec's warnings stay warnings."""

from __future__ import annotations

from pathlib import Path

from .conftest import HEADER, dxgen, write_spec


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _existing_output(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    (out / "sdk").mkdir(parents=True)
    (out / "sdk" / "README.md").write_text("from an earlier run\n", encoding="utf-8")
    return out


def test_a_type_that_does_not_exist(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path / "spec",
        HEADER + "\nmodel Pet {\n  id: int32;\n  owner: Nope;\n}\n"
        '@route("/pets") op list(): Pet[];\n',
    )
    out = _existing_output(tmp_path)
    before = _snapshot(out)
    done = dxgen("generate", str(spec.relative_to(tmp_path)), "-o", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    line = HEADER.count("\n") + 4  # `owner: Nope;`
    assert done.stderr.splitlines() == [
        f"spec/main.tsp:{line}:10: error: Unknown identifier Nope (invalid-ref)",
        "dxgen: 1 error; nothing written",
    ]
    assert _snapshot(out) == before
    assert done.stdout == ""


def test_a_syntax_error_in_an_imported_file(tmp_path: Path) -> None:
    folder = tmp_path / "spec"
    write_spec(
        folder, "namespace Tiny;\n\nmodel Pet {\n  id: int32\n  name string;\n}\n", "pet.tsp"
    )
    write_spec(folder, 'import "./pet.tsp";\n' + HEADER + '@route("/p") op get(): Pet;\n')
    out = _existing_output(tmp_path)
    before = _snapshot(out)
    for command in (["generate", "-o", "out"], ["validate"], ["inspect"]):
        done = dxgen(command[0], "spec/main.tsp", *command[1:], cwd=tmp_path)
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [
            "spec/pet.tsp:4:12: error: ';' expected. (token-expected)",
            "spec/pet.tsp:5:7: error: ':' expected. (token-expected)",
            "dxgen: 2 errors; nothing written",
        ]
        assert done.stdout == ""
    assert _snapshot(out) == before


def test_warnings_stay_warnings_and_strict_makes_them_errors(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path / "spec",
        HEADER + '\n#deprecated "use Dog"\nmodel Pet {\n  id: int32;\n}\n'
        '@route("/pets") op list(): Pet[];\n',
    )
    line = HEADER.count("\n") + 6  # `op list(): Pet[];`, where the deprecated model is used
    done = dxgen("validate", str(spec), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    # the path as given (absolute) is shown relative to the working folder, as for OpenAPI
    assert done.stderr.splitlines()[0] == (
        f"spec/main.tsp:{line}:28: warning: Deprecated: use Dog (deprecated)"
    )
    strict = dxgen("validate", "--strict", str(spec), cwd=tmp_path)
    assert strict.returncode == 2
    assert ": error: " in strict.stderr and "(deprecated)" in strict.stderr


def test_a_missing_spec_file_is_a_located_error(tmp_path: Path) -> None:
    done = dxgen("validate", "nothere.tsp", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == "nothere.tsp: error: file not found"


def test_two_services_are_an_error_at_the_second(tmp_path: Path) -> None:
    spec = (
        'import "@typespec/http";\nusing Http;\n'
        '@service(#{ title: "A" }) namespace A { @route("/a") op a(): string; }\n'
        '@service(#{ title: "B" })\nnamespace B { @route("/b") op b(): string; }\n'
    )
    write_spec(tmp_path, spec)
    done = dxgen("validate", "main.tsp", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "main.tsp:5:11: error: dxgen reads one service; this spec declares 2 (A, B)"
        " (dxgen-services)",
        "dxgen: 1 error; nothing written",
    ]


def test_a_compiled_document_past_a_limit_is_said_of_the_tsp(tmp_path: Path) -> None:
    nested = "{ a: " * 120 + "string" + " }" * 120
    write_spec(tmp_path, HEADER + f'model A {{ a: {nested}; }}\n@route("/a") op a(): A;\n')
    done = dxgen("validate", "main.tsp", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "main.tsp: error: nesting deeper than 100 levels (the limit on depth)"
        " (in the compiled OpenAPI)",
        "dxgen: 1 error; nothing written",
    ]


def test_a_binary_file_gives_a_hundred_findings_and_a_count(tmp_path: Path) -> None:
    (tmp_path / "main.tsp").write_bytes(bytes(range(1, 32)) * 40)
    done = dxgen("validate", "main.tsp", cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 102
    assert all(line.startswith("main.tsp:") and ": error: " in line for line in lines[:100])
    assert lines[100].startswith("main.tsp: error: ") and lines[100].endswith(" not shown")
