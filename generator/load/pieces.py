"""A large YAML spec read in pieces, each piece's data cached by its text.

After a one-operation edit, reading the whole YAML again was most of loading a 1,000-operation
spec. Here the entries of the top-level ``paths:`` block are cut into groups at lines of the
entries' own indentation, and each group — and the rest of the document, the *skeleton*, with
the block taken out — is read on its own and cached (data and positions) by a digest of its
text, so an edit re-reads one group.

A piece read on its own means what it means in the whole document, or fails to read:

* Cuts are only made at lines indented exactly as the block's first entry, inside a block
  mapping under a column-0 ``paths:``; a scalar, flow collection or quoted text that would
  run across a cut is unfinished in the piece before it, which then fails to read.
* An alias names the latest anchor of that name before it; if that anchor is outside the
  piece, the piece fails to read (an undefined alias). Groups are formed so that textual
  anchors and their aliases fall in one group; where that guess is wrong, reading fails.
* Directives (``%TAG``), document markers after ``paths:`` and line breaks other than
  ``\\n`` are not cut at all.
* The skeleton must read as a block mapping (in a flow mapping, lines mean nothing) whose
  ``paths`` key is on the ``paths:`` line with no value, and the groups' keys must be
  distinct; the depth limit counts the two levels above an entry, and the alias limit
  counts the expansions of all pieces together.

Whatever fails, the whole text is read as before, so every error is found and reported by
the one reader, with its position in the file. Positions are only read when a finding needs
one (most runs need none).
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .. import cache
from .limits import Limits
from .memo import current
from .yamltree import Positions, build_counted

_FORMAT = "yaml-pieces-3"  # change it when what a piece reads to changes
#: Below this many characters the whole text reads in a few milliseconds: not worth the files.
MIN_CHARS = 64 * 1024
#: One entry in this many (by a digest of its first line) ends a group: about this many
#: entries to a group, with group ends that do not move when another entry is edited.
GROUP_EVERY = 8
#: More groups than this (a spec of some 30,000 paths) would be that many files: read whole.
MAX_GROUPS = 4096

_UNCUTTABLE = re.compile(r"^%|^\.\.\.(?:[ \t]|$)", re.M)
_PATHS_KEY = re.compile(r"""^["']?paths["']?[ \t]*:""", re.M)
_PATHS_LINE = re.compile(r"paths:[ ]*(?:#.*)?")
_DOCUMENT_START = re.compile(r"^---(?:[ \t]|$)", re.M)
_BLOCK_END = re.compile(r"^[^ \n#]", re.M)
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&([^\s,\[\]{}]+)")
_ALIAS = re.compile(r"(?:^|[\s\[{,])\*([^\s,\[\]{}]+)")
_NOT_A_KEY = tuple("?:-<&*!{[|>%@`,#\t")


@dataclass(frozen=True)
class _Piece:
    text: str
    kind: str  # "skeleton" or "paths"
    first_line: int  # the 0-based line of the text where the piece's first line is
    #: For the skeleton: its lines after this one (1-based) are further down in the text.
    gap_after: int = 0
    gap: int = 0

    def line_in_text(self, line: int) -> int:
        if self.kind == "skeleton":
            return line + self.gap if line > self.gap_after else line
        return line + self.first_line


Loaded = tuple[dict[str, Any], Callable[[], Positions]]
#: A piece read: aliases expanded, its data, (in the skeleton) where the `paths` key is, and
#: the names of the anchors it defines.
_Found = tuple[int, Any, tuple[int, int] | None, list[str]]


def read_in_pieces(
    text: str, display: str, limits: Limits, loader_class: type[Any]
) -> Loaded | None:
    """The document's data and a way to its positions, or ``None``: read the whole text."""
    folder = cache.cache_dir("yaml")
    if folder is None or len(text) < MIN_CHARS or limits.max_depth < 3:
        return None
    pieces = cut(text)
    if pieces is None:
        return None
    salt = cache.key(_FORMAT, yaml.__version__, loader_class.__name__, repr(limits))
    reads: list[tuple[_Piece, str, Any]] = []
    expanded = 0
    anchors: set[str] = set()
    memory = current()
    for piece in pieces:
        entry = cache.key(salt, piece.kind, piece.text)
        found = memory.piece(entry) if memory is not None else None
        if found is None:
            found = _cached(folder, entry)
        if found is None:
            read = _read(piece, display, limits, loader_class)
            if read is None:
                return None
            data, positions, count, names = read
            found = count, data, positions.get("/paths"), names
            _store(folder, entry, found, positions)
        if memory is not None:
            memory.keep_piece(entry, found)
        count, data, paths_key, names = found
        if piece.kind == "skeleton" and paths_key != (piece.gap_after, 1):
            return None  # `paths` is not the key on the line taken for it
        if not anchors.isdisjoint(names):
            return None  # one anchor in two pieces: the whole is refused (a duplicate anchor)
        anchors.update(names)
        expanded += count
        reads.append((piece, entry, data))
    if expanded > limits.max_alias_nodes:
        return None
    document = _assemble(reads)
    if document is None:
        return None

    def find_positions() -> Positions:
        return _positions(folder, reads, display, limits, loader_class)

    return document, find_positions


def cut(text: str) -> list[_Piece] | None:
    """The skeleton, then the groups of ``paths`` entries in order; ``None`` when the text
    may not be cut."""
    if any(c in text for c in "\r\x85\u2028\u2029") or _UNCUTTABLE.search(text):
        return None
    keys = list(_PATHS_KEY.finditer(text))
    if len(keys) != 1:
        return None
    start = keys[0].start()
    line_end = text.find("\n", start)
    if line_end < 0 or not _PATHS_LINE.fullmatch(text, start, line_end):
        return None
    if _DOCUMENT_START.search(text, line_end):
        return None
    block_end_match = _BLOCK_END.search(text, line_end + 1)
    block_end = block_end_match.start() if block_end_match else len(text)
    paths_line = text.count("\n", 0, start)  # 0-based
    block = text[line_end + 1 : block_end].split("\n")
    if block and block[-1] == "":
        block.pop()  # the newline that ends the block's last line
    entries = _entry_starts(block)
    if not entries:
        return None
    groups = _groups(block, entries)
    if len(groups) > MAX_GROUPS:
        return None
    first_block_line = paths_line + 1
    pieces = [
        _Piece(
            text[: line_end + 1] + text[block_end:],
            "skeleton",
            0,
            gap_after=paths_line + 1,
            gap=len(block),
        )
    ]
    for begin, end in groups:
        lines = block[begin:end]
        pieces.append(_Piece("\n".join(lines) + "\n", "paths", first_block_line + begin))
    return pieces


def _entry_starts(block: list[str]) -> list[int] | None:
    """Indexes of the block's lines that start an entry (indented as the first one)."""
    indent = -1
    starts: list[int] = []
    for index, line in enumerate(block):
        content = line.lstrip(" ")
        if not content or content.startswith("#"):
            continue
        if content.startswith("\t"):
            return None
        depth = len(line) - len(content)
        if indent < 0:
            indent = depth
        if depth < indent:
            return None
        if depth == indent:
            if content.startswith(_NOT_A_KEY) or content.startswith("<<"):
                return None
            starts.append(index)
    return starts if indent > 0 else None


def _groups(block: list[str], starts: list[int]) -> list[tuple[int, int]]:
    """``(begin, end)`` line ranges of groups of whole entries: an entry whose first line's
    digest says so ends a group, unless an alias further on seems to name an anchor in it
    or before it in the same group."""
    bounds = [*starts[1:], len(block)]
    reach = list(range(len(starts)))  # the last entry each entry must share a group with
    latest: dict[str, int] = {}
    for number, (begin, end) in enumerate(zip(starts, bounds, strict=True)):
        entry = "\n".join(block[begin:end])
        defined = set(_ANCHOR.findall(entry))
        for name in set(_ALIAS.findall(entry)) - defined:
            if name in latest:
                first = latest[name]
                reach[first] = max(reach[first], number)
        for name in defined:
            latest[name] = number
    groups: list[tuple[int, int]] = []
    group_begin, open_until = starts[0], -1
    for number, begin in enumerate(starts):
        open_until = max(open_until, reach[number])
        last = number == len(starts) - 1
        digest = zlib.crc32(block[begin].encode("utf-8", "surrogatepass"))
        if last or (open_until <= number and digest % GROUP_EVERY == 0):
            groups.append((group_begin, bounds[number]))
            group_begin = bounds[number]
    return groups


def _read(
    piece: _Piece, display: str, limits: Limits, loader_class: type[Any]
) -> tuple[Any, Positions, int, list[str]] | None:
    """A piece read on its own, or ``None`` if it does not read (for any reason: the whole
    text is then read, and what is wrong is reported from there)."""
    if piece.kind == "paths":  # an entry's value is two levels down in the whole document
        limits = replace(limits, max_depth=limits.max_depth - 1)
    loader = loader_class(piece.text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode) or node.flow_style:
            return None  # only a block mapping's keys are where their lines say
        data, positions, count = build_counted(loader, node, display, limits)
        names = sorted(_anchor_names(piece.text, loader_class))
    except Exception:  # any failure means: read the whole text instead
        return None
    finally:
        loader.dispose()
    return data, positions, count, names


def _anchor_names(text: str, loader_class: type[Any]) -> set[str]:
    """The anchors ``text`` defines, as the parser reads them (an anchor defined again is an
    error in YAML, so pieces may not share one)."""
    names: set[str] = set()
    if "&" not in text:
        return names  # most specs have no anchors at all
    loader = loader_class(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            anchor = getattr(event, "anchor", None)
            if anchor is not None and not isinstance(event, yaml.AliasEvent):
                names.add(anchor)
    finally:
        loader.dispose()
    return names


def _assemble(reads: list[tuple[_Piece, str, Any]]) -> dict[str, Any] | None:
    skeleton = reads[0][2]
    if not isinstance(skeleton, dict) or "paths" not in skeleton or skeleton["paths"] is not None:
        return None
    document = dict(skeleton)  # the piece as read stays as it was (a long-lived run keeps it)
    paths: dict[str, Any] = {}
    for _piece, _entry, data in reads[1:]:
        if not isinstance(data, dict) or not data or not paths.keys().isdisjoint(data):
            return None
        paths.update(data)
    document["paths"] = paths
    return document


def _positions(
    folder: Path,
    reads: list[tuple[_Piece, str, Any]],
    display: str,
    limits: Limits,
    loader_class: type[Any],
) -> Positions:
    """Every piece's positions, as lines of the whole text: from the cache, or read again."""
    positions: Positions = {}
    for piece, entry, _data in reads:
        found = _cached_positions(folder, entry)
        if found is None:
            read = _read(piece, display, limits, loader_class)
            found = [] if read is None else [(p, line, col) for p, (line, col) in read[1].items()]
        prefix = "" if piece.kind == "skeleton" else "/paths"
        for pointer, line, column in found:
            if prefix and not pointer:
                continue  # the block itself: `/paths` is the skeleton's key
            positions[prefix + pointer] = (piece.line_in_text(line), column)
    if positions.get("/paths", (0, 0))[0] == 0:
        return {}
    return positions


def _store(folder: Path, entry: str, found: _Found, positions: Positions) -> None:
    try:
        cache.store(folder, entry, json.dumps(found))
        table = [[pointer, line, column] for pointer, (line, column) in positions.items()]
        cache.store(folder, _positions_entry(entry), json.dumps(table))
    except (ValueError, RecursionError):
        return


def _cached(folder: Path, entry: str) -> _Found | None:
    hit = cache.lookup(folder, entry)
    if hit is None:
        return None
    try:
        count, data, paths_key, names = json.loads(hit)
        where = None if paths_key is None else (int(paths_key[0]), int(paths_key[1]))
        anchors = [str(name) for name in names]
    except (ValueError, TypeError, IndexError, RecursionError):
        return None  # a damaged entry: read the piece again, and replace it
    if not isinstance(count, int) or not isinstance(data, dict):
        return None
    return count, data, where, anchors


def _cached_positions(folder: Path, entry: str) -> list[tuple[str, int, int]] | None:
    hit = cache.lookup(folder, _positions_entry(entry))
    if hit is None:
        return None
    try:
        table = json.loads(hit)
        return [(str(pointer), int(line), int(column)) for pointer, line, column in table]
    except (ValueError, TypeError, RecursionError):
        return None


def _positions_entry(entry: str) -> str:
    return cache.key(entry, "positions")
