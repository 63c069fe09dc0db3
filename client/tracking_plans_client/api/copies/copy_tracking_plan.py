from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.copy_response import CopyResponse
from ...models.copy_tracking_plan import CopyTrackingPlan
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: CopyTrackingPlan,
    dry_run: bool | Unset = False,
    if_match: None | str | Unset = UNSET,
    x_source_authorization: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(x_source_authorization, Unset):
        headers["X-Source-Authorization"] = x_source_authorization

    params: dict[str, Any] = {}

    params["dryRun"] = dry_run

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tracking-plans/copies",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CopyResponse | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = CopyResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorEnvelope.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorEnvelope.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = ErrorEnvelope.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = ErrorEnvelope.from_dict(response.json())

        return response_413

    if response.status_code == 414:
        response_414 = ErrorEnvelope.from_dict(response.json())

        return response_414

    if response.status_code == 415:
        response_415 = ErrorEnvelope.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorEnvelope.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorEnvelope.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorEnvelope.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorEnvelope.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CopyResponse | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CopyTrackingPlan,
    dry_run: bool | Unset = False,
    if_match: None | str | Unset = UNSET,
    x_source_authorization: None | str | Unset = UNSET,
) -> Response[CopyResponse | ErrorEnvelope]:
    """CopyTrackingPlan

    Args:
        dry_run (bool | Unset): Run every check and answer what the call would do; write nothing.
            Default: False.
        if_match (None | str | Unset): Apply only if the plan is still at this revision (its
            `ETag`); 412 otherwise.
        x_source_authorization (None | str | Unset): `Bearer <token>` of the source plan's
            workspace (any role); not needed with a `document`.
        body (CopyTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CopyResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        if_match=if_match,
        x_source_authorization=x_source_authorization,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: CopyTrackingPlan,
    dry_run: bool | Unset = False,
    if_match: None | str | Unset = UNSET,
    x_source_authorization: None | str | Unset = UNSET,
) -> CopyResponse | ErrorEnvelope | None:
    """CopyTrackingPlan

    Args:
        dry_run (bool | Unset): Run every check and answer what the call would do; write nothing.
            Default: False.
        if_match (None | str | Unset): Apply only if the plan is still at this revision (its
            `ETag`); 412 otherwise.
        x_source_authorization (None | str | Unset): `Bearer <token>` of the source plan's
            workspace (any role); not needed with a `document`.
        body (CopyTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CopyResponse | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
        dry_run=dry_run,
        if_match=if_match,
        x_source_authorization=x_source_authorization,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: CopyTrackingPlan,
    dry_run: bool | Unset = False,
    if_match: None | str | Unset = UNSET,
    x_source_authorization: None | str | Unset = UNSET,
) -> Response[CopyResponse | ErrorEnvelope]:
    """CopyTrackingPlan

    Args:
        dry_run (bool | Unset): Run every check and answer what the call would do; write nothing.
            Default: False.
        if_match (None | str | Unset): Apply only if the plan is still at this revision (its
            `ETag`); 412 otherwise.
        x_source_authorization (None | str | Unset): `Bearer <token>` of the source plan's
            workspace (any role); not needed with a `document`.
        body (CopyTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CopyResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
        dry_run=dry_run,
        if_match=if_match,
        x_source_authorization=x_source_authorization,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: CopyTrackingPlan,
    dry_run: bool | Unset = False,
    if_match: None | str | Unset = UNSET,
    x_source_authorization: None | str | Unset = UNSET,
) -> CopyResponse | ErrorEnvelope | None:
    """CopyTrackingPlan

    Args:
        dry_run (bool | Unset): Run every check and answer what the call would do; write nothing.
            Default: False.
        if_match (None | str | Unset): Apply only if the plan is still at this revision (its
            `ETag`); 412 otherwise.
        x_source_authorization (None | str | Unset): `Bearer <token>` of the source plan's
            workspace (any role); not needed with a `document`.
        body (CopyTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CopyResponse | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            dry_run=dry_run,
            if_match=if_match,
            x_source_authorization=x_source_authorization,
        )
    ).parsed
