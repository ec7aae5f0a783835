"""load under attack: nothing read outside the spec's folder, no hang, bounded memory, and
every finding one located line (issue #6, items 1, 2 and 9)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.config import load_config
from generator.diagnostics import Diagnostic, Location, Severity, SpecError, error
from generator.load import Limits, load_spec, validate
from generator.load.source import read_source
from tests.conftest import text_position

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = FIXTURES / "hostile"
# FILE:LINE:COL: severity: MESSAGE (at #/pointer) — on one line, with a real position.
LOCATED = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<sev>error|warning): "
    r"(?P<msg>[^\n]+?)(?: \(at #(?P<ptr>[^\n]*)\))?$"
)
HEADER = 'openapi: 3.0.3\ninfo: {title: Hostile, version: "1"}\n'


def load_errors(path: Path, **kwargs: Any) -> list[str]:
    """The rendered errors of loading ``path``, each checked to be one located line."""
    with pytest.raises(SpecError) as info:
        load_spec(path, base_dir=FIXTURES, **kwargs)
    rendered = [d.render() for d in info.value.diagnostics]
    for line in rendered:
        assert LOCATED.match(line), line
    return rendered


def ref_at(rel: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column of the ``occurrence``-th ``{$ref`` key in fixture ``rel``."""
    line, column = text_position(rel, "{$ref", occurrence)
    return line, column + 1


def dxgen(*args: str | Path, cwd: Path = FIXTURES) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, so that a hang fails the test instead of blocking it."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


# -- $ref confinement ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ref"),
    [
        ("absolute_ref.yaml", "/etc/passwd"),
        ("parent_ref.yaml", "../multifile/schemas/user.yaml"),
        ("device_ref.yaml", "/dev/zero"),
    ],
)
def test_ref_outside_the_spec_folder_is_refused_at_the_ref(
    name: str, ref: str, position: Any
) -> None:
    rel = f"hostile/{name}"
    line, column = ref_at(rel)
    assert load_errors(HOSTILE / name) == [
        f"{rel}:{line}:{column}: error: $ref outside the spec's folder, not read: {ref} "
        f"(files under {HOSTILE} only; `ref_root` in dxgen.toml adds a folder) "
        f"(at #/components/schemas/{_schema_name(rel)}/$ref)"
    ]


def _schema_name(rel: str) -> str:
    text = (FIXTURES / rel).read_text(encoding="utf-8")
    found = re.search(r"^    (\w+): \{\$ref", text, re.MULTILINE)
    assert found
    return found.group(1)


def test_the_command_never_shows_a_file_it_refused() -> None:
    result = dxgen("validate", "hostile/absolute_ref.yaml")
    assert result.returncode == 2
    assert "root:" not in result.stderr and "nologin" not in result.stderr
    assert LOCATED.match(result.stderr.splitlines()[0]), result.stderr


def test_ref_root_widens_where_refs_may_read(tmp_path: Path) -> None:
    spec = load_spec(HOSTILE / "parent_ref.yaml", base_dir=FIXTURES, ref_root=FIXTURES)
    assert spec.document["components"]["schemas"]["User"]["type"] == "object"
    (tmp_path / "dxgen.toml").write_text(f'ref_root = "{FIXTURES}"\n', encoding="utf-8")
    assert load_config(cwd=tmp_path).ref_root == FIXTURES
    (tmp_path / "dxgen.toml").write_text("ref_root = 1\n", encoding="utf-8")
    with pytest.raises(SpecError, match="ref_root"):
        load_config(cwd=tmp_path)


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("Secret: {type: string, example: hunter2}\n")
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "inside.yaml").write_text("Fine: {type: string}\n")
    (folder / "escape.yaml").symlink_to(outside / "secret.yaml")
    (folder / "alias.yaml").symlink_to(folder / "inside.yaml")
    root = folder / "api.yaml"
    root.write_text(
        HEADER + "paths: {}\ncomponents:\n  schemas:\n"
        "    Fine: {$ref: 'alias.yaml#/Fine'}\n"
        "    Secret: {$ref: 'escape.yaml#/Secret'}\n"
    )
    with pytest.raises(SpecError) as info:
        load_spec(root, base_dir=tmp_path)
    (problem,) = info.value.diagnostics
    assert problem.render().startswith(
        "spec/api.yaml:7:14: error: $ref outside the spec's folder, not read: escape.yaml#/Secret"
    )
    assert "hunter2" not in problem.render()
    # A link that stays inside the folder is an ordinary file.
    root.write_text(
        HEADER + "paths: {}\ncomponents:\n  schemas:\n    Fine: {$ref: alias.yaml#/Fine}\n"
    )
    assert load_spec(root, base_dir=tmp_path).document["components"]["schemas"]["Fine"] == {
        "type": "string"
    }


def test_a_symlinked_root_spec_does_not_open_its_target_folder(tmp_path: Path) -> None:
    """Refs are read beside the spec as it was named; a link to a spec elsewhere must not
    make that other folder readable (a pull request could turn the spec into such a link)."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "api.yaml").write_text(
        HEADER + "paths: {}\ncomponents:\n  schemas:\n    Part: {$ref: part.yaml#/Part}\n"
    )
    (real / "part.yaml").write_text("Part: {type: integer}\n")
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / "api.yaml").symlink_to(real / "api.yaml")
    (linked / "part.yaml").write_text("Part: {type: string}\n")
    spec = load_spec(linked / "api.yaml", base_dir=tmp_path)
    assert spec.document["components"]["schemas"]["Part"] == {"type": "string"}
    (linked / "part.yaml").unlink()
    (linked / "part.yaml").symlink_to(real / "part.yaml")
    with pytest.raises(SpecError, match=r"outside the spec's folder, not read: part\.yaml#/Part"):
        load_spec(linked / "api.yaml", base_dir=tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_special_files_are_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "api.yaml").write_text(
        HEADER + "paths: {}\ncomponents:\n  schemas:\n    Pipe: {$ref: pipe.yaml}\n"
    )
    started = time.monotonic()
    result = dxgen("validate", "api.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == (
        "api.yaml:6:12: error: $ref pipe.yaml: not a regular file (a device, pipe or socket); "
        "not read (at #/components/schemas/Pipe/$ref)"
    )
    for special in ("/dev/zero", tmp_path / "pipe.yaml"):
        result = dxgen("validate", special, cwd=tmp_path)
        assert result.returncode == 2
        assert "not a regular file" in result.stderr
    assert time.monotonic() - started < 50


def test_a_ref_to_a_folder_is_located(position: Any) -> None:
    line, column = ref_at("hostile/folder_ref.yaml")
    assert load_errors(HOSTILE / "folder_ref.yaml") == [
        f"hostile/folder_ref.yaml:{line}:{column}: error: $ref ./: is a directory, expected an "
        "OpenAPI file (at #/components/schemas/Here/$ref)"
    ]


def test_a_ref_with_a_nul_byte_is_located(position: Any) -> None:
    rel = "hostile/nul_ref.yaml"
    first, second = ref_at(rel, 1), ref_at(rel, 2)
    assert load_errors(HOSTILE / "nul_ref.yaml") == [
        f"{rel}:{first[0]}:{first[1]}: error: $ref contains a NUL byte "
        "(at #/components/schemas/Escaped/$ref)",
        f"{rel}:{second[0]}:{second[1]}: error: $ref contains a NUL byte "
        "(at #/components/schemas/Percent/$ref)",
    ]


def test_a_ref_to_a_file_that_is_not_a_spec_never_shows_its_content(position: Any) -> None:
    line, column = ref_at("hostile/text_ref.yaml")
    rendered = load_errors(HOSTILE / "text_ref.yaml")
    assert rendered == [
        f"hostile/text_ref.yaml:{line}:{column}: error: referenced file is not a YAML or JSON "
        "document: hostile/notes.txt (at #/components/schemas/Notes/$ref)"
    ]
    assert "do-not-echo" not in rendered[0]


def test_a_ref_cycle_through_files_is_an_error_not_a_recursion(position: Any) -> None:
    rendered = load_errors(HOSTILE / "cycle" / "root.yaml")
    assert len(rendered) == 1
    assert "error: circular $ref: part.yaml#/Param leads back to itself" in rendered[0]
    assert rendered[0].startswith("hostile/cycle/part.yaml:")


def test_a_long_chain_of_referenced_files_needs_no_deep_stack(tmp_path: Path) -> None:
    count = 600  # each file's schema refers to the next: far more than Python's stack allows
    for index in range(count):
        follow = f"{{$ref: 's{index + 1}.yaml#/S{index + 1}'}}" if index + 1 < count else "{}"
        (tmp_path / f"s{index}.yaml").write_text(
            f"S{index}: {{type: object, properties: {{next: {follow}}}}}\n"
        )
    (tmp_path / "api.yaml").write_text(
        HEADER + "paths: {}\ncomponents:\n  schemas:\n    Head: {$ref: 's0.yaml#/S0'}\n"
    )
    spec = load_spec(tmp_path / "api.yaml", base_dir=tmp_path, validate=False)
    schemas = spec.document["components"]["schemas"]
    assert len(schemas) == count
    assert schemas["S1"]["properties"]["next"] == {"$ref": "#/components/schemas/S2"}


def test_nesting_added_by_inlined_refs_is_limited(tmp_path: Path) -> None:
    nested = "{}"
    for _ in range(60):
        nested = "{x-a: " + nested + "}"
    (tmp_path / "part.yaml").write_text(f"Param: {{name: p, in: query, x-deep: {nested}}}\n")
    (tmp_path / "api.yaml").write_text(
        HEADER + "paths:\n  /a:\n    get:\n      parameters:\n"
        "        - {$ref: 'part.yaml#/Param', x-b: {x-c: {x-d: {x-e: 1}}}}\n"
        "      responses: {'200': {description: ok}}\n"
        + "x-wrap: "
        + "{w: " * 50
        + "{$ref: 'part.yaml#/Param'}"
        + "}" * 50
        + "\n"
    )
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path / "api.yaml", base_dir=tmp_path, validate=False)
    (problem,) = info.value.diagnostics
    assert "nesting deeper than 100 levels once $refs are inlined" in problem.message
    assert problem.location.file == "part.yaml" and problem.location.line == 1


# -- limits: aliases, depth, size ------------------------------------------------------------


def test_billion_laughs_stops_at_the_alias_limit_quickly(position: Any) -> None:
    started = time.monotonic()
    (rendered,) = load_errors(HOSTILE / "billion_laughs.yaml")
    assert time.monotonic() - started < 10
    line, _ = position("hostile/billion_laughs.yaml", "x-l6:")
    assert rendered == (
        f"hostile/billion_laughs.yaml:{line}:1: error: YAML aliases expand to more than 100000 "
        "nodes (the limit on alias expansions)"
    )


def test_aliases_below_the_limit_read_as_pyyaml_reads_them(tmp_path: Path) -> None:
    text = HEADER + "paths: {}\nx-a: &a {k: [1, 2]}\nx-b: [*a, *a]\nx-c: {<<: *a, j: 3}\n"
    (tmp_path / "api.yaml").write_text(text)
    data = read_source(tmp_path / "api.yaml", "api.yaml").data
    assert data == yaml.safe_load(text)
    assert data["x-b"][0] is not data["x-b"][1]  # plain trees: nothing shared downstream
    small = Limits(max_alias_nodes=5)
    with pytest.raises(SpecError, match="more than 5 nodes"):
        read_source(tmp_path / "api.yaml", "api.yaml", small)


def test_doubling_merge_keys_read_in_linear_time() -> None:
    started = time.monotonic()
    data = read_source(HOSTILE / "merge_chain.yaml", "merge_chain.yaml").data
    assert time.monotonic() - started < 5
    assert data["x-m30"] == {f"k{i}": i for i in range(31)}
    # The same result as PyYAML's merging (which takes 2^n steps) on a chain it can finish.
    text = (HOSTILE / "merge_chain.yaml").read_text().split("x-m8:")[0]
    reference = yaml.safe_load(text)
    assert all(data[f"x-m{i}"] == reference[f"x-m{i}"] for i in range(8))


@pytest.mark.parametrize(
    ("name", "needle"),
    [("deep_nesting.yaml", "x-deep: "), ("deep_schema.yaml", "Deep: ")],
)
def test_deep_nesting_stops_at_the_depth_limit(name: str, needle: str) -> None:
    (rendered,) = load_errors(HOSTILE / name)
    line, column = text_position(f"hostile/{name}", needle)
    # The mapping or list that opens level 101, counted from the top of the document.
    opened = [
        index
        for index, char in enumerate((HOSTILE / name).read_text().splitlines()[line - 1])
        if char in "[{"
    ]
    level_of_value = 1 if name == "deep_nesting.yaml" else 3
    column = opened[100 - level_of_value] + 1
    assert rendered == (
        f"hostile/{name}:{line}:{column}: error: nesting deeper than 100 levels "
        "(the limit on depth)"
    )


def test_the_json_depth_error_points_at_the_first_level_too_many() -> None:
    (rendered,) = load_errors(HOSTILE / "deep_nesting.json")
    text = (HOSTILE / "deep_nesting.json").read_text()
    line = text.splitlines()[1]
    assert rendered.startswith(f"hostile/deep_nesting.json:2:{line.index('[') + 100}: ")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs nothing, reads forever
    with pytest.raises(SpecError) as info:
        read_source(big, "big.yaml")
    assert [d.render() for d in info.value.diagnostics] == [
        "big.yaml: error: file is larger than the limit of 33554432 bytes"
    ]
    small = tmp_path / "small.yaml"
    small.write_text(HEADER + "paths: {}\n")
    with pytest.raises(SpecError, match="larger than the limit of 16 bytes"):
        read_source(small, "small.yaml", Limits(max_bytes=16))


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="no /proc")
def test_a_file_whose_size_lies_is_read_no_further_than_the_limit() -> None:
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(SpecError, match="larger than the limit of 16 bytes"):
        read_source(Path("/proc/self/status"), "status", Limits(max_bytes=16))


def test_a_number_too_long_to_convert_is_located(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(HEADER + "paths: {}\nx-n: " + "9" * 5000 + "\n")
    with pytest.raises(SpecError) as info:
        read_source(tmp_path / "api.yaml", "api.yaml")
    assert [d.render() for d in info.value.diagnostics] == [
        "api.yaml:4:6: error: number too long to read"
    ]


# -- one line, located, every time -----------------------------------------------------------


def test_pattern_findings_point_at_the_pattern_and_nothing_leaks_to_stderr(
    position: Any,
) -> None:
    rel = "hostile/bad_patterns.yaml"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning of the validator's would raise here
        spec = load_spec(FIXTURES / rel, base_dir=FIXTURES)
    found = {d.location.pointer: d for d in spec.diagnostics}
    expected = {
        "/paths/~1a/get/parameters/0/schema/pattern": ("'[' is not a 'regex'", 'pattern: "["'),
        "/components/schemas/A/properties/code/pattern": (
            "'(unclosed' is not a 'regex'",
            'pattern: "(unclosed"',
        ),
    }
    for pointer, (message, needle) in expected.items():
        diagnostic = found[pointer]
        assert diagnostic.message == f"invalid OpenAPI: {message}"
        line, column = position(rel, needle)
        assert (diagnostic.location.line, diagnostic.location.column) == (line, column)
    result = dxgen("validate", rel)
    assert result.returncode == 0
    lines = result.stderr.splitlines()
    assert lines and all(LOCATED.match(line) for line in lines), result.stderr
    assert "FutureWarning" not in result.stderr


def test_a_validator_that_gives_up_says_so_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "api.yaml").write_text(HEADER + "paths: {}\n")
    spec = load_spec(tmp_path / "api.yaml", base_dir=tmp_path, validate=False)

    class GivesUp:  # fails in its own checks, after the document's check against the schema
        def __init__(self, document: Any) -> None:
            self.schema, self.schema_path = document, None

        def root_validator(self, path: Any) -> Any:
            raise ValueError("first line\n  second line\n")
            yield  # pragma: no cover - makes this a generator

    import openapi_spec_validator  # imported by the validate module only when it validates

    monkeypatch.setattr(openapi_spec_validator, "OpenAPIV30SpecValidator", GivesUp)
    monkeypatch.setenv("DXGEN_CACHE", "0")  # a verdict cached by another test would answer
    (finding,) = validate.validate_document(spec.document, spec.source_map)
    assert finding.render() == (
        "api.yaml:1:1: warning: validator could not finish: first line second line (at #)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("openapi: 3.0.3\ninfo: {title: 'a\x00b'}\n", "api.yaml:2:17: error: YAML error: "
         "character U+0000 is not allowed in YAML"),
        ('openapi: 3.0.3\ninfo: {title: "abc\n', "api.yaml:3:1: error: YAML syntax error: "
         "found unexpected end of stream (while scanning a quoted scalar started at 2:15)"),
        ("openapi: 3.0.3\n? [a]\n: b\n", "api.yaml:2:3: error: a mapping key must be a plain "
         "value"),
        ("openapi: 3.0.3\nx: {<<: 1}\n", "api.yaml:2:9: error: a YAML merge (`<<`) takes a "
         "mapping or a list of mappings"),
    ],
)  # fmt: skip
def test_yaml_problems_are_one_located_line(tmp_path: Path, text: str, expected: str) -> None:
    (tmp_path / "api.yaml").write_text(text)
    with pytest.raises(SpecError) as info:
        read_source(tmp_path / "api.yaml", "api.yaml")
    assert [d.render() for d in info.value.diagnostics] == [expected]


def test_any_message_renders_as_one_printable_line() -> None:
    where = Location("a\nb.yaml", 3, 4, "/paths/~1x\u2028y")
    rendered = error("first\r\n  second\x00third\ud800", where).render()
    assert rendered == "a b.yaml:3:4: error: first second\\x00third\\ud800 (at #/paths/~1x y)"
    assert len(rendered.splitlines()) == 1
    rendered.encode("utf-8")  # a lone surrogate would not print to stderr
    assert Diagnostic(Severity.WARNING, "x", where).render().count("\n") == 0


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ('package = "json"', "shadow"),
        ('package = "con"', "shadow"),
        ('package = "class"', "keyword"),
        ('package = "../evil"', "lower-case Python identifier"),
        ('client = "Bad Client"', "class name"),
        ('command = "rm -rf"', "command name"),
        ('env_prefix = "lower"', "prefix"),
        ('distribution = "a b"', "distribution name"),
        ("package = 1", "lower-case Python identifier"),
    ],
)
def test_configured_names_are_checked(tmp_path: Path, setting: str, reason: str) -> None:
    (tmp_path / "dxgen.toml").write_text(setting + "\n", encoding="utf-8")
    with pytest.raises(SpecError, match=reason) as info:
        load_config(cwd=tmp_path)
    assert str(tmp_path / "dxgen.toml") in info.value.diagnostics[0].render()


def test_usable_configured_names_pass(tmp_path: Path) -> None:
    (tmp_path / "dxgen.toml").write_text(
        'package = "acme_chat"\nclient = "AcmeClient"\ncommand = "acme-chat"\n'
        'env_prefix = "ACME_2"\ndistribution = "acme.chat-sdk"\n',
        encoding="utf-8",
    )
    assert load_config(cwd=tmp_path).get("command") == "acme-chat"
