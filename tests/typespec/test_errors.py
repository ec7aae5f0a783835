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
