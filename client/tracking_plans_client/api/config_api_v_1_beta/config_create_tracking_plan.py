from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.config_api_error import ConfigApiError
from ...models.config_tracking_plan import ConfigTrackingPlan
from ...models.create_config_tracking_plan import CreateConfigTrackingPlan
from ...types import Response


def _get_kwargs(
    workspace_slug: str,
    *,
    body: CreateConfigTrackingPlan,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1beta/workspaces/{workspace_slug}/tracking-plans".format(
            workspace_slug=quote(str(workspace_slug), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConfigApiError | ConfigTrackingPlan | None:
    if response.status_code == 200:
        response_200 = ConfigTrackingPlan.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ConfigApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ConfigApiError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ConfigApiError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ConfigApiError.from_dict(response.json())

        return response_404

    if response.status_code == 414:
        response_414 = ConfigApiError.from_dict(response.json())

        return response_414

    if response.status_code == 429:
        response_429 = ConfigApiError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ConfigApiError.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ConfigApiError.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ConfigApiError | ConfigTrackingPlan]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateConfigTrackingPlan,
) -> Response[ConfigApiError | ConfigTrackingPlan]:
    """CreateTrackingPlan

    Args:
        workspace_slug (str): The token's own workspace.
        body (CreateConfigTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfigApiError | ConfigTrackingPlan]
    """

    kwargs = _get_kwargs(
        workspace_slug=workspace_slug,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateConfigTrackingPlan,
) -> ConfigApiError | ConfigTrackingPlan | None:
    """CreateTrackingPlan

    Args:
        workspace_slug (str): The token's own workspace.
        body (CreateConfigTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfigApiError | ConfigTrackingPlan
    """

    return sync_detailed(
        workspace_slug=workspace_slug,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    workspace_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateConfigTrackingPlan,
) -> Response[ConfigApiError | ConfigTrackingPlan]:
    """CreateTrackingPlan

    Args:
        workspace_slug (str): The token's own workspace.
        body (CreateConfigTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfigApiError | ConfigTrackingPlan]
    """

    kwargs = _get_kwargs(
        workspace_slug=workspace_slug,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_slug: str,
    *,
    client: AuthenticatedClient | Client,
    body: CreateConfigTrackingPlan,
) -> ConfigApiError | ConfigTrackingPlan | None:
    """CreateTrackingPlan

    Args:
        workspace_slug (str): The token's own workspace.
        body (CreateConfigTrackingPlan):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfigApiError | ConfigTrackingPlan
    """

    return (
        await asyncio_detailed(
            workspace_slug=workspace_slug,
            client=client,
            body=body,
        )
    ).parsed
