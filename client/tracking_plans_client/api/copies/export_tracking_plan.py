from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.export_tracking_plan_format import ExportTrackingPlanFormat
from ...models.plan_document import PlanDocument
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tracking_plan_id: str,
    *,
    format_: ExportTrackingPlanFormat | Unset = ExportTrackingPlanFormat.JSON,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tracking-plans/{tracking_plan_id}/export".format(
            tracking_plan_id=quote(str(tracking_plan_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | PlanDocument | None:
    if response.status_code == 200:
        response_200 = PlanDocument.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorEnvelope.from_dict(response.json())

        return response_404

    if response.status_code == 414:
        response_414 = ErrorEnvelope.from_dict(response.json())

        return response_414

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
) -> Response[ErrorEnvelope | PlanDocument]:
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
    format_: ExportTrackingPlanFormat | Unset = ExportTrackingPlanFormat.JSON,
) -> Response[ErrorEnvelope | PlanDocument]:
    """ExportTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        format_ (ExportTrackingPlanFormat | Unset): `json`: the plan-as-code document; `csv`: a
            row per event and property. Default: ExportTrackingPlanFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PlanDocument]
    """

    kwargs = _get_kwargs(
        tracking_plan_id=tracking_plan_id,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    format_: ExportTrackingPlanFormat | Unset = ExportTrackingPlanFormat.JSON,
) -> ErrorEnvelope | PlanDocument | None:
    """ExportTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        format_ (ExportTrackingPlanFormat | Unset): `json`: the plan-as-code document; `csv`: a
            row per event and property. Default: ExportTrackingPlanFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PlanDocument
    """

    return sync_detailed(
        tracking_plan_id=tracking_plan_id,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    format_: ExportTrackingPlanFormat | Unset = ExportTrackingPlanFormat.JSON,
) -> Response[ErrorEnvelope | PlanDocument]:
    """ExportTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        format_ (ExportTrackingPlanFormat | Unset): `json`: the plan-as-code document; `csv`: a
            row per event and property. Default: ExportTrackingPlanFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | PlanDocument]
    """

    kwargs = _get_kwargs(
        tracking_plan_id=tracking_plan_id,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    format_: ExportTrackingPlanFormat | Unset = ExportTrackingPlanFormat.JSON,
) -> ErrorEnvelope | PlanDocument | None:
    """ExportTrackingPlan

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        format_ (ExportTrackingPlanFormat | Unset): `json`: the plan-as-code document; `csv`: a
            row per event and property. Default: ExportTrackingPlanFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | PlanDocument
    """

    return (
        await asyncio_detailed(
            tracking_plan_id=tracking_plan_id,
            client=client,
            format_=format_,
        )
    ).parsed
