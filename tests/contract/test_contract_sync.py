"""Every operation of the spec, called once through ``PachcaClient`` against Prism."""

from __future__ import annotations

from typing import Any

import pytest

from tests.prism import TOKEN, PrismServer

from .cases import (
    Case,
    bind,
    cases,
    describe_call,
    problems_with_result,
    return_annotation,
    status_error_message,
)

CASES = cases()


def call_sync(case: Case, server: PrismServer) -> tuple[Any, Any, Any]:
    """Call the operation; returns (result, its annotation, the second page or None)."""
    import pachca

    http_client = server.sync_http_client()
    try:
        with pachca.PachcaClient(
            token=TOKEN, base_url=server.base_url, max_retries=0, http_client=http_client
        ) as client:
            method = getattr(getattr(client, case.service), case.method)
            args, kwargs = bind(method, case, server.base_url)
            failure: str | None = None
            try:
                result = method(*args, **kwargs)
                next_page = None
                if case.op.pagination is not None and result.has_next_page():
                    next_page = result.get_next_page()
            except pachca.APIStatusError as exc:
                failure = status_error_message(case, exc, server)
            except Exception as exc:
                raise AssertionError(
                    f"{describe_call(case)}\nraised {type(exc).__name__}: {exc}\n"
                    f"what Prism said:\n{server.exchanges_report()}"
                ) from exc
            if failure is not None:
                pytest.fail(failure, pytrace=False)
            return result, return_annotation(method), next_page
    finally:
        http_client.close()


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_operation_sync(case: Case, mock_server: PrismServer) -> None:
    result, annotation, next_page = call_sync(case, mock_server)
    problems = problems_with_result(case, annotation, result, next_page)
    violations = mock_server.violations_report()
    if violations:
        problems.append(f"Prism reported violations:\n{violations}")
    assert not problems, describe_call(case) + "\n" + "\n".join(problems)


def test_upload_helper_is_not_covered() -> None:
    pytest.skip(
        "client.files.upload() posts the file to the `direct_url` returned by getUploadParams, "
        "an external https URL that Prism cannot serve; its two steps (getUploadParams and "
        "uploadFile) are covered one by one above"
    )


def test_harness_sees_request_violations(mock_server: PrismServer) -> None:
    """A request that breaks the spec is answered 422 and its violations are reported."""
    import pachca

    http_client = mock_server.sync_http_client()
    try:
        with (
            pachca.PachcaClient(
                token=TOKEN, base_url=mock_server.base_url, max_retries=0, http_client=http_client
            ) as client,
            pytest.raises(pachca.UnprocessableEntityError),
        ):
            client.request("POST", "/messages", cast_to=None, body={"message": {}})
    finally:
        http_client.close()
    report = mock_server.violations_report()
    assert "request.body.message" in report, report
    assert "Prism log:" in report, report
