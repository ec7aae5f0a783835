"""Sync and async twins of the runtime stay the same code but for ``async``/``await``.

As httpcore's ``unasync.py`` check does, each async twin is rewritten sync-style (``async
def`` → ``def``, ``await`` dropped, ``Async*`` → its sync name, ``aclose`` → ``close``, …) and
compared with its sync twin, member by member, docstrings aside.  What differs by design is
listed in ``BY_DESIGN`` with the reason; anything else that differs is drift.
"""

from __future__ import annotations

import ast
import difflib
import re
import textwrap
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "templates" / "sdk" / "runtime" / "_core"

# (module, async twin, sync twin): classes compared member by member, functions whole.
TWINS = [
    ("_client.py", "AsyncAPIClient", "SyncAPIClient"),
    ("_pagination.py", "AsyncCursorPage", "SyncCursorPage"),
    ("_uploads.py", "async_presigned_form_upload", "presigned_form_upload"),
    ("_response.py", "AsyncStreamedAPIResponse", "StreamedAPIResponse"),
    ("_response.py", "AsyncResponseContextManager", "ResponseContextManager"),
    ("_response.py", "async_to_raw_response_wrapper", "to_raw_response_wrapper"),
    ("_response.py", "async_to_streamed_response_wrapper", "to_streamed_response_wrapper"),
]

# Names that change between the twins, beyond dropping `async`/`await`.
RENAMES = [
    (r"\bAsyncAPIClient\b", "SyncAPIClient"),
    (r"\bAsyncPaginator\b", "SyncCursorPage"),
    (r"\bAsyncStreamedAPIResponse\b", "StreamedAPIResponse"),
    (r"\bAsyncResponseContextManager\b", "ResponseContextManager"),
    (r"\bhttpx\.AsyncClient\b", "httpx.Client"),
    (r"\bAsyncIterator\b", "Iterator"),
    (r"\bAsync(\w+)", r"Sync\1"),
    (r"\basync_(\w+)", r"\1"),
    (r"\b_AS\b", "_S"),
    (r"\bAwaitable\[(.*?)\]", r"\1"),
    (r"\bCoroutine\[Any, Any, (.*?)\]", r"\1"),
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\b__aiter__\b", "__iter__"),
    (r"\b__anext__\b", "__next__"),
    (r"\bStopAsyncIteration\b", "StopIteration"),
    (r"\baclose\b", "close"),
    (r"\baread\b", "read"),
    (r"\baiter_(\w+)", r"iter_\1"),
    (r"\b_asleep\b", "_sleep"),
    (r"\basyncio\.sleep\b", "time.sleep"),
]

# Members that differ by design: (module, sync twin, member) → why.
BY_DESIGN = {
    ("_client.py", "SyncAPIClient", "__init__"): "the async client imports asyncio lazily",
    ("_client.py", "SyncAPIClient", "close"): "`aclose()` and `close()` are both coroutines",
    ("_client.py", "SyncAPIClient", "request_page"): "the async list is an AsyncPaginator "
    "(nothing sent until awaited), the sync one fetches its first page at once",
}


def unasync(source: str) -> str:
    source = re.sub(r"\basync (def|for|with)\b", r"\1", source)
    source = re.sub(r"\bawait ", "", source)
    for pattern, replacement in RENAMES:
        source = re.sub(pattern, replacement, source)
    return source


def _strip_docstrings(node: ast.AST) -> ast.AST:
    for child in ast.walk(node):
        body = getattr(child, "body", None)
        if (
            isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            child.body = body[1:] or [ast.Pass()]
    return node


class _YieldFrom(ast.NodeTransformer):
    """``for x in xs: yield x`` (all an async generator can write) as ``yield from xs``."""

    def visit_For(self, node: ast.For) -> ast.AST:
        self.generic_visit(node)
        match node:
            case ast.For(
                target=ast.Name(id=name),
                body=[ast.Expr(value=ast.Yield(value=ast.Name(id=yielded)))],
                orelse=[],
            ) if (
                name == yielded
            ):
                return ast.Expr(value=ast.YieldFrom(value=node.iter))
        return node


def _normal(source: str) -> str:
    """The code as the AST reads it: no docstrings, comments or layout."""
    return ast.unparse(_YieldFrom().visit(_strip_docstrings(ast.parse(source))))


def _definition(module: ast.Module, name: str) -> ast.stmt:
    for node in module.body:
        if (
            isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.name == name
        ):
            return node
    raise AssertionError(f"{name} not found")


def _members(node: ast.stmt, source: str) -> dict[str, list[str]]:
    """Member name → the source of each definition, decorators included (overloads share
    a name); a function is its own only member, ``""``."""
    lines = source.split("\n")

    def text(item: ast.stmt) -> str:
        decorators = getattr(item, "decorator_list", [])
        first = min([item.lineno, *(d.lineno for d in decorators)])
        return textwrap.dedent("\n".join(lines[first - 1 : item.end_lineno]))

    if not isinstance(node, ast.ClassDef):
        return {"": [text(node)]}
    members: dict[str, list[str]] = {}
    for item in node.body:
        if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
            members.setdefault(item.name, []).append(text(item))
    return members


def drift(module_name: str, async_name: str, sync_name: str) -> list[str]:
    source = (CORE / module_name).read_text(encoding="utf-8")
    module = ast.parse(source)
    ours = _members(_definition(module, sync_name), source)
    theirs: dict[str, list[str]] = {}
    for name, texts in _members(_definition(module, async_name), source).items():
        theirs.setdefault(unasync(name), []).extend(texts)
    problems: list[str] = []
    for member in sorted(set(ours) | set(theirs)):
        if (module_name, sync_name, member) in BY_DESIGN:
            continue
        where = f"{module_name}: {sync_name}.{member}" if member else f"{module_name}: {sync_name}"
        if member not in theirs or member not in ours:
            side = async_name if member not in theirs else sync_name
            problems.append(f"{where}: missing from {side}")
            continue
        expected = [_normal(text) for text in ours[member]]
        got = [_normal(unasync(text)) for text in theirs[member]]
        if expected != got:
            diff = difflib.unified_diff(
                "\n".join(expected).splitlines(), "\n".join(got).splitlines(), lineterm=""
            )
            problems.append(f"{where}:\n" + "\n".join(diff))
    return problems


@pytest.mark.parametrize(("module", "async_name", "sync_name"), TWINS)
def test_async_twin_is_the_sync_one_with_await(
    module: str, async_name: str, sync_name: str
) -> None:
    problems = drift(module, async_name, sync_name)
    assert not problems, "\n\n".join(problems)


def test_the_check_sees_drift() -> None:
    """A changed line in an async twin is reported (the check itself can fail)."""
    sync = "def f(x: int) -> int:\n    return g(x)\n"
    drifted = "async def f(x: int) -> int:\n    return await g(x + 1)\n"
    assert _normal(unasync(sync.replace("def f", "async def f").replace("g(", "await g("))) == (
        _normal(sync)
    )
    assert _normal(unasync(drifted)) != _normal(sync)


def test_by_design_entries_still_exist() -> None:
    for (module_name, sync_name, member), _why in BY_DESIGN.items():
        source = (CORE / module_name).read_text(encoding="utf-8")
        assert member in _members(_definition(ast.parse(source), sync_name), source)
