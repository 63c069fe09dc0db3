from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.duplicate_tracking_plan import DuplicateTrackingPlan
from ...models.error_envelope import ErrorEnvelope
from ...models.tracking_plan_response import TrackingPlanResponse
from ...types import Response


def _get_kwargs(
    tracking_plan_id: str,
    *,
    body: DuplicateTrackingPlan,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/tracking-plans/{tracking_plan_id}/duplicate".format(
            tracking_plan_id=quote(str(tracking_plan_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TrackingPlanResponse | None:
    if response.status_code == 200:
        response_200 = TrackingPlanResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | TrackingPlanResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateTrackingPlan,
) -> Response[ErrorEnvelope | TrackingPlanResponse]:
    """DuplicateTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        body (DuplicateTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TrackingPlanResponse]
    """

    kwargs = _get_kwargs(
        tracking_plan_id=tracking_plan_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateTrackingPlan,
) -> ErrorEnvelope | TrackingPlanResponse | None:
    """DuplicateTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        body (DuplicateTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TrackingPlanResponse
    """

    return sync_detailed(
        tracking_plan_id=tracking_plan_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateTrackingPlan,
) -> Response[ErrorEnvelope | TrackingPlanResponse]:
    """DuplicateTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        body (DuplicateTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TrackingPlanResponse]
    """

    kwargs = _get_kwargs(
        tracking_plan_id=tracking_plan_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: DuplicateTrackingPlan,
) -> ErrorEnvelope | TrackingPlanResponse | None:
    """DuplicateTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        body (DuplicateTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TrackingPlanResponse
    """

    return (
        await asyncio_detailed(
            tracking_plan_id=tracking_plan_id,
            client=client,
            body=body,
        )
    ).parsed
