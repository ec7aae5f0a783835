"""A YAML spec read in cached pieces (generator/load/pieces.py) reads exactly as the whole text
does: the same data, the same positions, the same errors, before and after an edit."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from generator.diagnostics import SpecError
from generator.load import Limits, load_spec, pieces
from generator.load.source import _SpecLoader, read_source

HEAD = """\
openapi: 3.0.3
info:
  title: Pieces
  version: "1"
  x-shared: &shared {type: string}
paths:
"""


def entry(number: int, summary: str = "Read it") -> str:
    return f"""\
  /things{number}:
    get:
      operationId: getThing{number}
      summary: {summary}
      parameters: &params{number}
      - name: id
        in: query
        schema: {{type: integer, default: {number}}}
      responses: &ok{number}
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/Thing'}}
  /things{number}/{{id}}:
    delete:
      parameters: *params{number}
      responses: *ok{number}
"""


TAIL = """\
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string}
        when: {type: string, format: date-time, example: 2025-01-15}
        flags: {type: string, enum: [on, off, yes, no]}
"""


def spec(entries: int = 12, **changes: str) -> str:
    body = "".join(changes.get(str(n), entry(n)) for n in range(entries))
    return HEAD + body + TAIL


@pytest.fixture(autouse=True)
def _cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DXGEN_CACHE_DIR", str(folder))
    monkeypatch.delenv("DXGEN_CACHE", raising=False)
    monkeypatch.setattr(pieces, "MIN_CHARS", 0)  # small documents are cut too
    monkeypatch.setattr(pieces, "GROUP_EVERY", 2)  # into many groups
    return folder


def outcome(
    text: str, folder: Path, monkeypatch: pytest.MonkeyPatch, name: str = "api.yaml"
) -> object:
    """What reading ``text`` gives: data (as JSON) and every position, or the error lines."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    try:
        source = read_source(path, name)
    except SpecError as exc:
        return [d.render() for d in exc.diagnostics]
    source.location("")
    return json.dumps(source.data), source.positions


def whole(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        patch.setenv("DXGEN_CACHE", "0")
        return outcome(text, tmp_path, monkeypatch)


def assert_same(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = whole(text, tmp_path, monkeypatch)
    assert outcome(text, tmp_path, monkeypatch) == expected  # cold: pieces read and stored
    assert outcome(text, tmp_path, monkeypatch) == expected  # warm: pieces from the cache


def in_pieces(text: str) -> bool:
    return pieces.read_in_pieces(text, "api.yaml", Limits(), _SpecLoader) is not None


def test_a_spec_is_cut_into_groups_of_entries_that_share_anchors() -> None:
    cut = pieces.cut(spec())
    assert cut is not None
    skeleton, *groups = cut
    assert skeleton.text == HEAD + TAIL
    assert "".join(group.text for group in groups) == "".join(entry(n) for n in range(12))
    assert len(groups) > 2
    for group in groups:  # an entry's anchors are used by the next entry: never cut apart
        assert group.text.count("&params") == group.text.count("*params")


def test_pieces_read_as_the_whole_text_cold_and_warm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = spec()
    assert in_pieces(text)
    assert_same(text, tmp_path, monkeypatch)


@pytest.mark.parametrize(
    "edit",
    [
        {"5": entry(5, "Read it (edited)")},  # one operation's summary
        {"5": entry(5) + "  /new:\n    get: {responses: {'200': {description: new}}}\n"},
        {"3": entry(3).replace("&params3", "&renamed").replace("*params3", "*renamed")},
        {"0": entry(0).replace("Thing'}", "Other'}")},  # a $ref target that does not exist
        {"9": entry(9).replace("parameters: *params9", "parameters: *params1")},  # far back
    ],
)
def test_an_edit_reads_as_the_whole_edited_text(
    edit: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_same(spec(), tmp_path, monkeypatch)  # the cache holds the unedited pieces
    assert_same(spec(**edit), tmp_path, monkeypatch)


def test_an_edit_reads_only_its_own_group_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome(spec(), tmp_path, monkeypatch)
    reads: list[str] = []
    original = pieces._read

    def counted(piece: pieces._Piece, *args: object) -> object:
        reads.append(piece.text)
        return original(piece, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pieces, "_read", counted)
    outcome(spec(**{"7": entry(7, "Changed")}), tmp_path, monkeypatch)
    assert len(reads) == 1 and "Changed" in reads[0]


def test_a_changed_target_of_a_ref_in_the_skeleton_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_same(spec(), tmp_path, monkeypatch)
    edited = spec().replace("name: {type: string}", "name: {type: integer}")
    assert_same(edited, tmp_path, monkeypatch)
    loaded = load_spec(tmp_path / "api.yaml", base_dir=tmp_path, validate=False)
    name = loaded.document["components"]["schemas"]["Thing"]["properties"]["name"]
    assert name == {"type": "integer"}


@pytest.mark.parametrize(
    ("label", "text"),
    [
        (  # an alias to an anchor in another group, which the same entry names again later
            "anchor across groups",
            spec(
                **{
                    "9": entry(9).replace("parameters: *params9", "parameters: *params1")
                    + "    x-later: &params1 []\n"
                }
            ),
        ),
        (
            "alias to an anchor before paths",
            spec(**{"4": entry(4).replace("{type: integer, default: 4}", "*shared")}),
        ),
        ("alias after paths to an anchor in paths", spec() + "x-again: *ok3\n"),
        (
            "quoted text across a cut",
            spec(**{"2": entry(2).replace("summary: Read it", 'summary: "Read it')}).replace(
                "  /things3:", '  /things3: x"\n  /things3b:', 1
            ),
        ),
        ("a key repeated in two groups", spec(**{"8": entry(8).replace("/things8:", "/things1:")})),
        ("a merge into paths", spec().replace("paths:\n", "paths:\n  <<: {/merged: {}}\n")),
        ("a complex key", spec().replace("  /things0:", "  ? /things0\n  :", 1)),
        ("a sequence for paths", spec().replace("  /things0:", "  - /things0:", 1)),
        ("paths given twice", spec() + "'paths': {}\n"),
        (  # a duplicate anchor: an error in the whole, two anchors in two pieces
            "an anchor defined in two groups",
            spec(**{"9": entry(9).replace("- name: id", "- name: &params3 id")}),
        ),
        # the whole is not YAML, yet each piece alone would be
        ("a flow mapping at the top", "{openapi: 3.0.3,\npaths:\n  /a: 1\n}\n"),
        ("a TAG directive", "%TAG !e! tag:example.com,2000:\n---\n" + spec()),
        (
            "a YAML syntax error in an entry",
            spec(**{"6": entry(6).replace("description: ok", "description: [ok")}),
        ),
        ("a tab in an entry", spec(**{"6": entry(6).replace("      summary", "\t    summary")})),
        ("CRLF line ends", spec().replace("\n", "\r\n")),
        (
            "flow mapping across a cut",
            spec(**{"5": "  /flow: {get: {responses: {}},\n"}).replace(
                "  /things6:", "  /things6x: 1}\n  /things6:", 1
            ),
        ),
    ],
)
def test_what_cannot_be_read_in_pieces_is_read_whole(
    label: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pieces, "GROUP_EVERY", 1)  # a cut wherever one may be
    assert not in_pieces(text), label
    assert_same(text, tmp_path, monkeypatch)


def test_the_paths_key_must_be_where_the_line_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`paths:` inside a multi-line quoted string, and the real key spelt with an escape."""
    text = (
        HEAD.replace("paths:\n", 'description: "starts\npaths:\n')
        + entry(0)
        + ('ends"\n"pat\\x68s": null\n' + TAIL)
    )
    assert not in_pieces(text)
    assert_same(text, tmp_path, monkeypatch)


def test_limits_hold_across_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Expansions add up over the pieces; depth counts the levels above an entry."""
    monkeypatch.setattr(pieces, "GROUP_EVERY", 1)  # one entry, 16 expansions, to a piece
    laughs = "  /laughs{n}:\n    x-a: &a{n} [1, 1, 1]\n" "    x-b: [*a{n}, *a{n}, *a{n}, *a{n}]\n"
    text = HEAD + "".join(laughs.format(n=n) for n in range(40)) + TAIL
    limits = Limits(max_alias_nodes=100)
    assert pieces.read_in_pieces(text, "api.yaml", Limits(), _SpecLoader) is not None
    assert pieces.read_in_pieces(text, "api.yaml", limits, _SpecLoader) is None
    path = tmp_path / "api.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError, match="limit on alias expansions"):
        read_source(path, "api.yaml", limits)
    deep = HEAD + "  /deep:\n    a:\n      b:\n        c: 1\n  /flat: {}\ncomponents: {}\n"
    path.write_text(deep, encoding="utf-8")
    for depth, refused in ((4, True), (5, False)):  # /paths/~1deep/a/b: a mapping at depth 4
        limits = Limits(max_depth=depth)
        assert (pieces.read_in_pieces(deep, "api.yaml", limits, _SpecLoader) is None) is refused
        with monkeypatch.context() as patch:
            patch.setenv("DXGEN_CACHE", "0")
            expected = _read_or_errors(path, limits)
        assert _read_or_errors(path, limits) == expected
        assert isinstance(expected, list) is refused


def _read_or_errors(path: Path, limits: Limits) -> object:
    try:
        return json.dumps(read_source(path, path.name, limits).data)
    except SpecError as exc:
        return [d.render() for d in exc.diagnostics]


def test_a_damaged_cache_entry_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _cache: Path
) -> None:
    expected = whole(spec(), tmp_path, monkeypatch)
    outcome(spec(), tmp_path, monkeypatch)
    for entry_file in (_cache / "yaml").rglob("*"):
        if entry_file.is_file():
            entry_file.write_text("[1, {", encoding="utf-8")
    assert outcome(spec(), tmp_path, monkeypatch) == expected


def test_too_many_groups_are_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    assert in_pieces(spec())
    monkeypatch.setattr(pieces, "MAX_GROUPS", 2)
    assert pieces.cut(spec()) is None and not in_pieces(spec())


_SNIPPETS = (
    *('"', "'", "{", "}", "[", "]", ",", "#", "\\", "\t", "%", ": ", "- ", "? ", "<<: "),
    *("&a ", "*a", "&params3 ", "*params3", "*ok1", "!!str ", "|\n", ">\n", "---\n", "...\n"),
    *("&params1 ", "&ok2 ", "&shared ", "*shared", "&params8 "),
    *("\n", "\n  ", "\n    ", "\n'", '\n"', "\n  /x: ", "\npaths:\n", "\n  /things1:\n"),
)


def mutate(text: str, rng: random.Random) -> str:
    """``text`` with one to three random edits of the kinds that move YAML's structure."""
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        line = rng.randrange(len(lines))
        at = rng.randrange(len(text))
        kind = rng.random()
        if kind < 0.15:
            text = text[:at] + text[at + rng.randint(1, 40) :]
        elif kind < 0.3:
            lines[line] = rng.choice((" ", "  ", "\t")) + lines[line]
            text = "\n".join(lines)
        elif kind < 0.45:
            lines[line] = lines[line][rng.randint(1, 2) :]
            text = "\n".join(lines)
        elif kind < 0.55:
            lines.insert(line, lines[line])
            text = "\n".join(lines)
        else:
            text = text[:at] + rng.choice(_SNIPPETS) + text[at:]
    return text


@pytest.mark.parametrize("seed", range(4))
def test_pieces_agree_with_the_whole_text_on_mutated_specs(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A differential fuzz: whatever a mutant is (YAML or not), reading it in pieces gives
    what reading it whole gives (it found the duplicate anchor case)."""
    monkeypatch.setattr(pieces, "GROUP_EVERY", 1)
    rng = random.Random(seed)
    read_in_pieces = 0
    for _ in range(60):
        text = mutate(spec(10), rng)
        assert_same(text, tmp_path, monkeypatch)
        read_in_pieces += in_pieces(text)
    assert read_in_pieces > 5  # the pieces were really used
