from __future__ import annotations

import httpx

from .._core import (
    NOT_GIVEN,
    AsyncAPIResource,
    FileInput,
    Headers,
    NotGiven,
    Query,
    RequestOptions,
    SyncAPIResource,
    async_presigned_form_upload,
    file_name,
    fill_filename,
    presigned_form_upload,
)
from ..models import UploadParams

__all__ = ["AsyncUploadsService", "UploadsService"]


def _form_fields(params: UploadParams) -> dict[str, str]:
    fields = params.model_dump(by_alias=True, exclude={"direct_url"})
    return {key: str(value) for key, value in fields.items()}


class UploadsService(SyncAPIResource):
    """File uploads."""

    def get_upload_params(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> UploadParams:
        """Get a pre-signed upload form."""
        return self._client.request(
            "POST",
            "/uploads",
            cast_to=UploadParams,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def upload_file(
        self,
        direct_url: str,
        *,
        file: FileInput,
        content_disposition: str,
        acl: str,
        policy: str,
        x_amz_credential: str,
        x_amz_algorithm: str,
        x_amz_date: str,
        x_amz_signature: str,
        key: str,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> None:
        """Upload a file to the pre-signed storage URL (no Authorization header)."""
        return self._client.request(
            "POST",
            direct_url,
            multipart={
                "Content-Disposition": content_disposition,
                "acl": acl,
                "policy": policy,
                "x-amz-credential": x_amz_credential,
                "x-amz-algorithm": x_amz_algorithm,
                "x-amz-date": x_amz_date,
                "x-amz-signature": x_amz_signature,
                "key": key,
            },
            files={"file": file},
            absolute_url=True,
            auth=False,
            cast_to=None,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    def upload(self, file: FileInput) -> str:
        """Convenience: get upload params, upload ``file``, return the stored key."""
        params = self.get_upload_params()
        presigned_form_upload(self._client, params.direct_url, _form_fields(params), file)
        return fill_filename(params.key, file_name(file))


class AsyncUploadsService(AsyncAPIResource):
    """File uploads (async)."""

    async def get_upload_params(
        self,
        *,
        extra_headers: Headers | None = None,
        extra_query: Query | None = None,
        timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
    ) -> UploadParams:
        """Get a pre-signed upload form."""
        return await self._client.request(
            "POST",
            "/uploads",
            cast_to=UploadParams,
            options=RequestOptions(
                extra_headers=extra_headers,
                extra_query=extra_query,
                timeout=timeout,
                max_retries=max_retries,
            ),
        )

    async def upload(self, file: FileInput) -> str:
        """Convenience: get upload params, upload ``file``, return the stored key."""
        params = await self.get_upload_params()
        await async_presigned_form_upload(
            self._client, params.direct_url, _form_fields(params), file
        )
        return fill_filename(params.key, file_name(file))
