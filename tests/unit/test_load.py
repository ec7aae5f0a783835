"""load: reading YAML/JSON with positions, bundling multi-file specs, located errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostic, Severity, SpecError
from generator.load import load_spec, resolve_pointer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# FILE[:LINE:COL]: severity: MESSAGE [(at #/pointer)] — and nothing else, on one line.
LINE = re.compile(
    r"^(?P<file>[^\s:][^:]*?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<sev>error|warning): "
    r"(?P<msg>[^\n]+?)(?: \(at #(?P<ptr>[^\n]*)\))?$"
)


def load(rel: str, **kwargs: Any) -> Any:
    return load_spec(FIXTURES / rel, base_dir=FIXTURES, **kwargs)


def load_error(rel: str) -> tuple[Diagnostic, ...]:
    with pytest.raises(SpecError) as info:
        load(rel)
    diagnostics = info.value.diagnostics
    assert diagnostics
    for diagnostic in diagnostics:
        assert diagnostic.severity is Severity.ERROR
        assert LINE.match(diagnostic.render()), diagnostic.render()
    return diagnostics


def all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [ref for value in node.values() for ref in all_refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in all_refs(value)]
    return []


# -- reading ---------------------------------------------------------------------------------


def test_yaml_positions_point_at_keys_and_list_items(position: Any) -> None:
    rel = "features/pagination.yaml"
    spec = load(rel)
    locate = spec.source_map.locate
    assert spec.version == "3.0.3"
    where = locate("/paths/~1chats/get/operationId")
    assert (where.file, where.line, where.column) == (rel, *position(rel, "operationId: listChats"))
    assert where.pointer == "/paths/~1chats/get/operationId"
    item = locate("/paths/~1chats/get/parameters/1")
    assert (item.line, item.column) == position(rel, "name: cursor")
    nested = locate("/components/schemas/ChatList/properties/meta/properties/paginate")
    assert (nested.line, nested.column) == position(rel, "paginate:")
    # A pointer below a scalar falls back to the closest node above it.
    below = locate("/paths/~1chats/get/operationId/nothing/here")
    assert (below.line, below.column) == position(rel, "operationId: listChats")


def test_json_is_read_with_positions(position: Any) -> None:
    rel = "features/small.json"
    spec = load(rel)
    assert spec.document["paths"]["/pets"]["get"]["operationId"] == "listPets"
    where = spec.source_map.locate("/paths/~1pets/get/operationId")
    assert (where.line, where.column) == position(rel, '"operationId"')
    fmt = spec.source_map.locate("/components/schemas/Pet/properties/born/format")
    assert (fmt.line, fmt.column) == position(rel, '"format"')


def test_yaml_scalars_stay_as_written(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.1.0\n"
        "info: {title: T, version: 2025-01-15}\n"
        "paths:\n"
        "  /x:\n"
        "    get:\n"
        "      responses:\n"
        "        200: {description: ok}\n",
        encoding="utf-8",
    )
    spec = load_spec(tmp_path / "api.yaml", base_dir=tmp_path)
    assert spec.document["info"]["version"] == "2025-01-15"  # no datetime.date
    assert list(spec.document["paths"]["/x"]["get"]["responses"]) == ["200"]  # int key → text
    assert spec.version == "3.1.0"


def test_newer_3x_is_read_as_31_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(
        "openapi: 3.2.0\ninfo: {title: T, version: '1'}\npaths: {}\n", encoding="utf-8"
    )
    spec = load_spec(tmp_path / "api.yaml", base_dir=tmp_path, validate=False)
    assert [d.message for d in spec.diagnostics] == ["OpenAPI 3.2.0 is read as 3.1"]
    assert (spec.diagnostics[0].location.line, spec.diagnostics[0].location.column) == (1, 1)


def test_swagger2_is_converted_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(
        "swagger: '2.0'\n"
        "info: {title: Old, version: '1'}\n"
        "paths:\n"
        "  /pets:\n"
        "    get:\n"
        "      operationId: listPets\n"
        "      responses:\n"
        "        '200': {description: ok}\n",
        encoding="utf-8",
    )
    spec = load_spec(tmp_path / "api.yaml", base_dir=tmp_path)
    assert spec.converted_from == "2.0"
    assert spec.version.startswith("3.0")
    assert "Swagger 2.0 document converted to OpenAPI 3.0" in [d.message for d in spec.diagnostics]
    assert all(d.severity is Severity.WARNING for d in spec.diagnostics)


# -- multi-file specs ------------------------------------------------------------------------


def test_multifile_bundle_has_only_internal_refs_that_resolve() -> None:
    spec = load("multifile/root.yaml")
    refs = all_refs(spec.document)
    assert refs
    for ref in refs:
        assert ref.startswith("#/"), ref
        resolve_pointer(spec.document, ref[1:])
    assert spec.diagnostics == []


def test_multifile_components_keep_their_names_and_files_are_mounted() -> None:
    document = load("multifile/root.yaml").document
    schemas = document["components"]["schemas"]
    # `User: {$ref: schemas/user.yaml}` in the root keeps the name User (no `user` beside it).
    assert sorted(schemas) == ["Status", "Team", "Timestamp", "User", "address"]
    assert schemas["User"]["required"] == ["id", "name"]
    user = schemas["User"]["properties"]
    # A ref inside a referenced file, resolved relative to that file.
    assert user["created_at"] == {"$ref": "#/components/schemas/Timestamp"}
    assert user["status"] == {"$ref": "#/components/schemas/Status"}
    # The whole-file ref is mounted once, whoever refers to it.
    assert user["address"] == {"$ref": "#/components/schemas/address"}
    assert schemas["Team"]["properties"]["address"] == {"$ref": "#/components/schemas/address"}
    assert schemas["Team"]["properties"]["lead"] == {"$ref": "#/components/schemas/User"}
    # The path item and the parameters are copied in; their schemas refer to the mounted names.
    users = document["paths"]["/users"]
    assert users["get"]["parameters"][0]["name"] == "limit"
    items = users["get"]["responses"]["200"]["content"]["application/json"]["schema"]["items"]
    assert items == {"$ref": "#/components/schemas/User"}
    assert document["paths"]["/users/{id}"]["get"]["parameters"][0]["name"] == "id"


def test_multifile_positions_point_into_the_right_file(position: Any) -> None:
    locate = load("multifile/root.yaml").source_map.locate
    cases = {
        "/paths/~1users/post/operationId": ("multifile/paths/users.yaml", "operationId: create"),
        "/paths/~1users/get/parameters/0/schema/maximum": ("multifile/parameters.yaml", "maximum"),
        "/paths/~1users~1{id}/get/parameters/0/in": ("multifile/parameters.yaml", "in: path"),
        "/components/schemas/User/properties/name": ("multifile/schemas/user.yaml", "name:"),
        "/components/schemas/address/properties/city": ("multifile/schemas/address.yaml", "city"),
        "/components/schemas/Timestamp/format": ("multifile/schemas/common.yaml", "format"),
        "/components/schemas/Status/enum": ("multifile/schemas/common.yaml", "enum"),
        "/components/schemas/Team/properties/lead": ("multifile/root.yaml", "lead:"),
    }
    for pointer, (file, needle) in cases.items():
        where = locate(pointer)
        assert (where.file, where.line, where.column) == (file, *position(file, needle)), pointer


def test_mounted_file_names_do_not_collide_after_normalisation() -> None:
    schemas = load("multifile/same_stem.yaml").document["components"]["schemas"]
    # `address.yaml` beside a root `Address`: mounted as `address2`, not `address`.
    assert sorted(schemas) == ["Address", "Office", "Timestamp", "address2"]
    assert schemas["Office"]["properties"]["remote"] == {"$ref": "#/components/schemas/address2"}


def test_errors_in_a_referenced_file_are_located_there(position: Any) -> None:
    rel = "bad/multi/part.yaml"
    diagnostics = load_error("bad/multi/root.yaml")
    first = "{}:{}".format(*position(rel, "$ref", 1))
    second = "{}:{}".format(*position(rel, "$ref", 2))
    assert [d.render() for d in diagnostics] == [
        f"{rel}:{first}: error: dangling $ref: #/Item (no such node in {rel}) "
        "(at #/Order/properties/item/$ref)",
        f"{rel}:{second}: error: referenced file not found: bad/multi/gone.yaml "
        "(at #/Order/properties/shipping/$ref)",
    ]


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "message", "needle", "pointer"),
    [
        ("bad/dangling_ref.yaml", "dangling $ref: #/components/schemas/Missing", "$ref",
         "/paths/~1users/get/responses/200/content/application~1json/schema/$ref"),
        ("bad/missing_file.yaml", "referenced file not found: bad/no_such_file.yaml", "$ref",
         "/components/schemas/User/properties/address/$ref"),
        ("bad/not_openapi.yaml", "not an OpenAPI document: no `openapi` (or `swagger: '2.0'`) "
         "field", "services:", ""),
        ("bad/not_a_mapping.yaml", "not an OpenAPI document: the top level is not a mapping",
         "- openapi", ""),
        ("bad/openapi2x.yaml", "unsupported OpenAPI version '2.5': expected 3.0.x or 3.1.x",
         "openapi: 2.5", "/openapi"),
    ],
)  # fmt: skip
def test_located_load_errors(
    rel: str, message: str, needle: str, pointer: str, position: Any
) -> None:
    (diagnostic,) = load_error(rel)
    line, column = position(rel, needle)
    assert diagnostic.render() == f"{rel}:{line}:{column}: error: {message} (at #{pointer})"


def test_yaml_syntax_error_names_where_it_was_found_and_where_it_began(position: Any) -> None:
    rel = "bad/broken.yaml"
    (diagnostic,) = load_error(rel)
    # PyYAML notices the unclosed `[` at the next key; the message says where the `[` is.
    line, column = position(rel, "responses")
    started = "{}:{}".format(*position(rel, "["))
    assert diagnostic.render() == (
        f"{rel}:{line}:{column + len('responses')}: error: YAML syntax error: did not find "
        f"expected ',' or ']' (while parsing a flow sequence started at {started})"
    )


def test_json_syntax_error_is_located() -> None:
    rel = "bad/bad.json"
    (diagnostic,) = load_error(rel)
    lines = (FIXTURES / rel).read_text(encoding="utf-8").splitlines()
    closing = len(lines)  # the `}` after the trailing comma
    assert lines[closing - 2].endswith(",")
    assert diagnostic.render() == (
        f"{rel}:{closing}:1: error: JSON syntax error: "
        "Expecting property name enclosed in double quotes"
    )


def test_empty_file() -> None:
    (diagnostic,) = load_error("bad/empty.yaml")
    assert diagnostic.render() == "bad/empty.yaml:1:1: error: file is empty"


def test_comment_only_file(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path / "api.yaml", base_dir=tmp_path)
    assert [d.render() for d in info.value.diagnostics] == ["api.yaml:1:1: error: file is empty"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("missing.yaml", "file not found"),
        ("folder.yaml", "is a directory, expected an OpenAPI file"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, message: str) -> None:
    if name == "folder.yaml":
        (tmp_path / name).mkdir()
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path / name, base_dir=tmp_path)
    assert [d.render() for d in info.value.diagnostics] == [f"{name}: error: {message}"]


def test_non_utf8_file_is_located_at_the_bad_byte(tmp_path: Path) -> None:
    raw = b"openapi: 3.0.3\ninfo: {title: caf\xe9}\n"
    (tmp_path / "latin1.yaml").write_bytes(raw)
    with pytest.raises(SpecError) as info:
        load_spec(tmp_path / "latin1.yaml", base_dir=tmp_path)
    offset = raw.index(b"\xe9")
    column = len("info: {title: caf") + 1
    assert [d.render() for d in info.value.diagnostics] == [
        f"latin1.yaml:2:{column}: error: not UTF-8 text (byte {offset})"
    ]


def test_validator_findings_are_located_warnings(position: Any) -> None:
    rel = "bad/invalid_but_usable.yaml"
    spec = load(rel)
    assert [d.severity for d in spec.diagnostics] == [Severity.WARNING, Severity.WARNING]
    summery, const = spec.diagnostics
    assert summery.render() == (
        "{}:{}:{}: warning: invalid OpenAPI: unexpected key 'summery' here (only x- extensions "
        "may be added) (at #/paths/~1users/get/summery)".format(rel, *position(rel, "summery"))
    )
    assert (const.location.line, const.location.column) == position(rel, "const: user")
    assert "'const'" in const.message
    assert load(rel, validate=False).diagnostics == []


def test_every_good_fixture_loads_without_findings() -> None:
    for path in sorted((FIXTURES / "features").iterdir()):
        spec = load(str(path.relative_to(FIXTURES)))
        assert spec.diagnostics == [], (path.name, [d.render() for d in spec.diagnostics])


def test_validator_checks_without_a_path_are_located(tmp_path: Path) -> None:
    text = (
        "openapi: 3.0.3\n"
        "info: {title: T, version: '1'}\n"
        "paths:\n"
        "  /users/{id}:\n"
        "    get:\n"
        "      operationId: getUser\n"
        "      parameters:\n"
        "        - name: limit\n"
        "          in: query\n"
        "          schema:\n"
        "            type: string\n"
        "            default: 1\n"
        "      responses:\n"
        "        '200': {description: ok}\n"
    )
    (tmp_path / "api.yaml").write_text(text, encoding="utf-8")
    spec = load_spec(tmp_path / "api.yaml", base_dir=tmp_path)
    rendered = sorted(d.render() for d in spec.diagnostics)
    assert rendered == [
        "api.yaml:12:13: warning: invalid OpenAPI: 1 is not of type 'string' "
        "(at #/paths/~1users~1{id}/get/parameters/0/schema/default)",
    ]  # `{id}` without a parameter is the parser's to report: it adds the parameter


def test_openapi_31_unexpected_keys_point_at_the_key(tmp_path: Path) -> None:
    text = (
        "openapi: 3.1.0\n"
        "info: {title: T, version: '1'}\n"
        "paths:\n"
        "  /users:\n"
        "    get:\n"
        "      title: not an operation field\n"
        "      responses:\n"
        "        '200': {description: ok}\n"
    )
    (tmp_path / "api.yaml").write_text(text, encoding="utf-8")
    (finding,) = load_spec(tmp_path / "api.yaml", base_dir=tmp_path).diagnostics
    assert finding.render() == (
        "api.yaml:6:7: warning: invalid OpenAPI: Unevaluated properties are not allowed "
        "('title' was unexpected) (at #/paths/~1users/get/title)"
    )
