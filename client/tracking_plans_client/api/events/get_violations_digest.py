from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.digest_response import DigestResponse
from ...models.error_envelope import ErrorEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_paginationcount: int | Unset | None
    if isinstance(paginationcount, Unset):
        json_paginationcount = UNSET
    else:
        json_paginationcount = paginationcount
    params["pagination[count]"] = json_paginationcount

    json_paginationcursor: str | Unset | None
    if isinstance(paginationcursor, Unset):
        json_paginationcursor = UNSET
    else:
        json_paginationcursor = paginationcursor
    params["pagination[cursor]"] = json_paginationcursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/violations/digest",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DigestResponse | ErrorEnvelope | None:
    if response.status_code == 200:
        response_200 = DigestResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorEnvelope.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorEnvelope.from_dict(response.json())

        return response_401

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
) -> Response[DigestResponse | ErrorEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
) -> Response[DigestResponse | ErrorEnvelope]:
    """ViolationsDigest

    Args:
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DigestResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
) -> DigestResponse | ErrorEnvelope | None:
    """ViolationsDigest

    Args:
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DigestResponse | ErrorEnvelope
    """

    return sync_detailed(
        client=client,
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
) -> Response[DigestResponse | ErrorEnvelope]:
    """ViolationsDigest

    Args:
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DigestResponse | ErrorEnvelope]
    """

    kwargs = _get_kwargs(
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
) -> DigestResponse | ErrorEnvelope | None:
    """ViolationsDigest

    Args:
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DigestResponse | ErrorEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            paginationcount=paginationcount,
            paginationcursor=paginationcursor,
        )
    ).parsed
