from __future__ import annotations

import datetime as _dt
from functools import cached_property

from .._core import (
    NOT_GIVEN,
    AsyncAPIResource,
    Body,
    ErrorModels,
    Headers,
    NotGiven,
    Query,
    RequestOptions,
    SyncAPIResource,
    TimeoutTypes,
    async_to_raw_response_wrapper,
    async_to_streamed_response_wrapper,
    strip_not_given,
    to_raw_response_wrapper,
    to_streamed_response_wrapper,
)
from ..models import ApiError, Export

__all__ = [
    "AsyncExportsService",
    "AsyncExportsServiceWithRawResponse",
    "AsyncExportsServiceWithStreamingResponse",
    "ExportsService",
    "ExportsServiceWithRawResponse",
    "ExportsServiceWithStreamingResponse",
]

_ERRORS: ErrorModels = {404: ApiError, 422: ApiError, "default": ApiError}


class ExportsService(SyncAPIResource):
    """Exports: a redirect, a binary download, a body with date-times."""

    @cached_property
    def with_raw_response(self) -> ExportsServiceWithRawResponse:
        return ExportsServiceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> ExportsServiceWithStreamingResponse:
        return ExportsServiceWithStreamingResponse(self)

    def create_export(
        self,
        *,
        start_at: _dt.datetime,
        end_at: _dt.datetime | NotGiven = NOT_GIVEN,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        extra_body: Body | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Export:
        """Start an export."""
        return self._client.request(
            "POST",
            "/exports",
            cast_to=Export,
            body=strip_not_given({"start_at": start_at, "end_at": end_at}),
            error_models=_ERRORS,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def download_export(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> str:
        """The export's download link (the 302's Location)."""
        return self._client.request(
            "GET",
            "/exports/{id}/download",
            cast_to=str,
            path_params={"id": id},
            error_models=_ERRORS,
            redirect="location",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def get_export(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> Export:
        """The export (a 307 to another node is followed)."""
        return self._client.request(
            "GET",
            "/exports/{id}",
            cast_to=Export,
            path_params={"id": id},
            error_models=_ERRORS,
            redirect="follow",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def get_export_file(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The export's content."""
        return self._client.request(
            "GET",
            "/exports/{id}/file",
            cast_to=bytes,
            path_params={"id": id},
            error_models=_ERRORS,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )


class AsyncExportsService(AsyncAPIResource):
    """Exports (async)."""

    @cached_property
    def with_raw_response(self) -> AsyncExportsServiceWithRawResponse:
        return AsyncExportsServiceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncExportsServiceWithStreamingResponse:
        return AsyncExportsServiceWithStreamingResponse(self)

    async def download_export(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> str:
        """The export's download link (the 302's Location)."""
        return await self._client.request(
            "GET",
            "/exports/{id}/download",
            cast_to=str,
            path_params={"id": id},
            error_models=_ERRORS,
            redirect="location",
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def get_export_file(
        self,
        id: int,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> bytes:
        """The export's content."""
        return await self._client.request(
            "GET",
            "/exports/{id}/file",
            cast_to=bytes,
            path_params={"id": id},
            error_models=_ERRORS,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )


class ExportsServiceWithRawResponse:
    def __init__(self, service: ExportsService) -> None:
        self.create_export = to_raw_response_wrapper(service.create_export)
        self.download_export = to_raw_response_wrapper(service.download_export)
        self.get_export = to_raw_response_wrapper(service.get_export)
        self.get_export_file = to_raw_response_wrapper(service.get_export_file)


class ExportsServiceWithStreamingResponse:
    def __init__(self, service: ExportsService) -> None:
        self.create_export = to_streamed_response_wrapper(service.create_export)
        self.download_export = to_streamed_response_wrapper(service.download_export)
        self.get_export = to_streamed_response_wrapper(service.get_export)
        self.get_export_file = to_streamed_response_wrapper(service.get_export_file)


class AsyncExportsServiceWithRawResponse:
    def __init__(self, service: AsyncExportsService) -> None:
        self.download_export = async_to_raw_response_wrapper(service.download_export)
        self.get_export_file = async_to_raw_response_wrapper(service.get_export_file)


class AsyncExportsServiceWithStreamingResponse:
    def __init__(self, service: AsyncExportsService) -> None:
        self.download_export = async_to_streamed_response_wrapper(service.download_export)
        self.get_export_file = async_to_streamed_response_wrapper(service.get_export_file)
