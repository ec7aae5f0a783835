"""Calling the SDK and printing what it returns (imported once a command runs)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

import click

from ._errors import CliError, from_sdk_error
from ._http import DryRun
from ._output import Stream, emit
from ._spec import Action

DRY = object()  # what `call_sdk` returns when --dry-run printed the request instead


def call_sdk(obj: Any, scopes: Sequence[str], call: Callable[[], Any]) -> Any:
    """``call()``, with the SDK's errors turned into :class:`CliError` and ``--dry-run``'s
    captured request printed as curl (then :data:`DRY` is returned)."""
    try:
        return call()
    except DryRun as dry:
        click.echo(dry.curl)
        return DRY
    except CliError:
        raise
    except TypeError as exc:
        raise CliError(str(exc), 2) from exc
    except Exception as exc:
        error = from_sdk_error(exc, scopes)
        if error is None:
            raise
        raise error from exc


def to_data(value: Any) -> Any:
    """A result as plain JSON data: models dumped by their wire names."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list | tuple):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(k): to_data(v) for k, v in value.items()}
    return value


def print_result(obj: Any, mode: str, result: Any, columns: Sequence[str]) -> None:
    if mode == "none" or result is None:
        if not obj.quiet and sys.stderr.isatty():
            click.echo("Done.", err=True)
        return
    if mode == "bytes":
        data = result if isinstance(result, bytes) else bytes(result)
        if sys.stdout.isatty():
            raise CliError(
                f"the answer is {len(data)} bytes of binary data",
                2,
                "redirect the output to a file: > file",
            )
        sys.stdout.buffer.write(data)
        return
    if mode == "location":
        emit(obj, {"location": str(result)}, columns)
        return
    emit(obj, to_data(result), columns)


def _next_cursor(page: Any) -> str | None:
    cursor = getattr(page, "next_cursor", None)
    has_next = getattr(page, "has_next_page", None)
    if callable(has_next) and not has_next():
        return None
    return cursor if isinstance(cursor, str) and cursor else None


def print_page(obj: Any, action: Action, page: Any) -> None:
    emit(obj, to_data(list(page.data)), action.columns)
    cursor = _next_cursor(page)
    if cursor and not obj.quiet:
        flag = f"--{action.cursor_flag}" if action.cursor_flag else "--cursor"
        click.echo(f"More results: add {flag} {cursor} (or --all)", err=True)


def print_pages(obj: Any, action: Action, first: Any, max_pages: int) -> None:
    stream = Stream(obj, action.columns)
    progress = sys.stderr.isatty() and not obj.quiet
    pages = 0
    try:
        for page in first.iter_pages():
            pages += 1
            stream.write(to_data(list(page.data)))
            if progress:
                click.echo(f"\rpage {pages}, {stream.count} items", err=True, nl=False)
            if pages >= max_pages and _next_cursor(page):
                if not obj.quiet:
                    click.echo(
                        f"\nStopped after {pages} pages (--max-pages); continue with "
                        f"--cursor {_next_cursor(page)}",
                        err=True,
                    )
                break
    except Exception as exc:
        error = from_sdk_error(exc, action.scopes)
        stream.close()
        if error is None:
            raise
        raise error from exc
    stream.close()
    if progress:
        click.echo("", err=True)
