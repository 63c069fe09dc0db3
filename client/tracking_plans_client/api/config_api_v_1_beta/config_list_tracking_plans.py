from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.config_api_error import ConfigApiError
from ...models.config_tracking_plans import ConfigTrackingPlans
from ...types import UNSET, Response, Unset


def _get_kwargs(
    workspace_slug: str,
    *,
    page_size: int | Unset = 10,
    page_token: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page_size"] = page_size

    json_page_token: str | Unset | None
    if isinstance(page_token, Unset):
        json_page_token = UNSET
    else:
        json_page_token = page_token
    params["page_token"] = json_page_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1beta/workspaces/{workspace_slug}/tracking-plans".format(
            workspace_slug=quote(str(workspace_slug), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConfigApiError | ConfigTrackingPlans | None:
    if response.status_code == 200:
        response_200 = ConfigTrackingPlans.from_dict(response.json())

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
) -> Response[ConfigApiError | ConfigTrackingPlans]:
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
    page_size: int | Unset = 10,
    page_token: None | str | Unset = UNSET,
) -> Response[ConfigApiError | ConfigTrackingPlans]:
    """ListTrackingPlans

    Args:
        workspace_slug (str): The token's own workspace.
        page_size (int | Unset): Plans per page, 1 to 50 (each comes with all its rules). Default:
            10.
        page_token (None | str | Unset): `next_page_token` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfigApiError | ConfigTrackingPlans]
    """

    kwargs = _get_kwargs(
        workspace_slug=workspace_slug,
        page_size=page_size,
        page_token=page_token,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    workspace_slug: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 10,
    page_token: None | str | Unset = UNSET,
) -> ConfigApiError | ConfigTrackingPlans | None:
    """ListTrackingPlans

    Args:
        workspace_slug (str): The token's own workspace.
        page_size (int | Unset): Plans per page, 1 to 50 (each comes with all its rules). Default:
            10.
        page_token (None | str | Unset): `next_page_token` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfigApiError | ConfigTrackingPlans
    """

    return sync_detailed(
        workspace_slug=workspace_slug,
        client=client,
        page_size=page_size,
        page_token=page_token,
    ).parsed


async def asyncio_detailed(
    workspace_slug: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 10,
    page_token: None | str | Unset = UNSET,
) -> Response[ConfigApiError | ConfigTrackingPlans]:
    """ListTrackingPlans

    Args:
        workspace_slug (str): The token's own workspace.
        page_size (int | Unset): Plans per page, 1 to 50 (each comes with all its rules). Default:
            10.
        page_token (None | str | Unset): `next_page_token` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConfigApiError | ConfigTrackingPlans]
    """

    kwargs = _get_kwargs(
        workspace_slug=workspace_slug,
        page_size=page_size,
        page_token=page_token,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    workspace_slug: str,
    *,
    client: AuthenticatedClient | Client,
    page_size: int | Unset = 10,
    page_token: None | str | Unset = UNSET,
) -> ConfigApiError | ConfigTrackingPlans | None:
    """ListTrackingPlans

    Args:
        workspace_slug (str): The token's own workspace.
        page_size (int | Unset): Plans per page, 1 to 50 (each comes with all its rules). Default:
            10.
        page_token (None | str | Unset): `next_page_token` of the previous page.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConfigApiError | ConfigTrackingPlans
    """

    return (
        await asyncio_detailed(
            workspace_slug=workspace_slug,
            client=client,
            page_size=page_size,
            page_token=page_token,
        )
    ).parsed
