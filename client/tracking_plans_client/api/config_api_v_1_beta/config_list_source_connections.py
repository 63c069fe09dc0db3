from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.config_api_error import ConfigApiError
from ...models.source_connections import SourceConnections
from ...types import Response


def _get_kwargs(
    workspace_slug: str,
    plan_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1beta/workspaces/{workspace_slug}/tracking-plans/{plan_id}/source-connections".format(
            workspace_slug=quote(str(workspace_slug), safe=""),
            plan_id=quote(str(plan_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConfigApiError | SourceConnections | None:
    if response.status_code == 200:
        response_200 = SourceConnections.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ConfigApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ConfigApiError.from_dict(response.json())

        return response_401

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
) -> Response[ConfigApiError | SourceConnections]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    workspace_slug: str,
    plan_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ConfigApiError | SourceConnections]:
    """ListSourceConnections

    Args:
        workspace_slug (str): The token's own workspace.
        plan_id (str): The plan's `rs_` id (its `tp_` id works too).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfigApiError | SourceConnections]
    """

    kwargs = _get_kwargs(
        workspace_slug=workspace_slug,
        plan_id=plan_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_slug: str,
    plan_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ConfigApiError | SourceConnections | None:
    """ListSourceConnections

    Args:
        workspace_slug (str): The token's own workspace.
        plan_id (str): The plan's `rs_` id (its `tp_` id works too).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfigApiError | SourceConnections
    """

    return sync_detailed(
        workspace_slug=workspace_slug,
        plan_id=plan_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    workspace_slug: str,
    plan_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ConfigApiError | SourceConnections]:
    """ListSourceConnections

    Args:
        workspace_slug (str): The token's own workspace.
        plan_id (str): The plan's `rs_` id (its `tp_` id works too).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfigApiError | SourceConnections]
    """

    kwargs = _get_kwargs(
        workspace_slug=workspace_slug,
        plan_id=plan_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_slug: str,
    plan_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ConfigApiError | SourceConnections | None:
    """ListSourceConnections

    Args:
        workspace_slug (str): The token's own workspace.
        plan_id (str): The plan's `rs_` id (its `tp_` id works too).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfigApiError | SourceConnections
    """

    return (
        await asyncio_detailed(
            workspace_slug=workspace_slug,
            plan_id=plan_id,
            client=client,
        )
    ).parsed
