"""Every operation of the spec, called once through ``AsyncPachcaClient`` against Prism."""

from __future__ import annotations

import inspect
import typing
from typing import Any

import pytest

from tests.prism import TOKEN, PrismServer

from .cases import (
    Case,
    bind,
    cases,
    describe_call,
    nonconformance,
    problems_with_result,
    return_annotation,
    status_error_message,
)

pytestmark = pytest.mark.asyncio

CASES = cases()


async def call_async(case: Case, server: PrismServer) -> tuple[Any, Any, Any]:
    """Call the operation; returns (result, its annotation, the second page or None).

    List methods return an ``AsyncPaginator[T]`` (annotated so) that is awaited for the first
    page, an ``AsyncCursorPage[T]``; that page is what the result is checked against.
    """
    import pachca

    http_client = server.async_http_client()
    try:
        async with pachca.AsyncPachcaClient(
            token=TOKEN, base_url=server.base_url, max_retries=0, http_client=http_client
        ) as client:
            method = getattr(getattr(client, case.service), case.method)
            args, kwargs = bind(method, case, server.base_url)
            annotation = return_annotation(method)
            failure: str | None = None
            try:
                returned = method(*args, **kwargs)
                if typing.get_origin(annotation) is pachca.AsyncPaginator:
                    problem = nonconformance(returned, pachca.AsyncPaginator)
                    assert problem is None, f"{describe_call(case)}\n{problem}"
                    annotation = pachca.AsyncCursorPage[typing.get_args(annotation)[0]]
                assert inspect.isawaitable(returned), f"{case.method} returned {returned!r}"
                result = await returned
                next_page = None
                if case.op.pagination is not None and result.has_next_page():
                    next_page = await result.get_next_page()
            except pachca.APIStatusError as exc:
                failure = status_error_message(case, exc, server)
            except AssertionError:
                raise
            except Exception as exc:
                raise AssertionError(
                    f"{describe_call(case)}\nraised {type(exc).__name__}: {exc}\n"
                    f"what Prism said:\n{server.exchanges_report()}"
                ) from exc
            if failure is not None:
                pytest.fail(failure, pytrace=False)
            return result, annotation, next_page
    finally:
        await http_client.aclose()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
async def test_operation_async(case: Case, mock_server: PrismServer) -> None:
    result, annotation, next_page = await call_async(case, mock_server)
    problems = problems_with_result(case, annotation, result, next_page)
    violations = mock_server.violations_report()
    if violations:
        problems.append(f"Prism reported violations:\n{violations}")
    assert not problems, describe_call(case) + "\n" + "\n".join(problems)
