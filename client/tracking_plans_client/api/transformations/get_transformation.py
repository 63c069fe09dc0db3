from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.transformation_response import TransformationResponse
from ...types import Response


def _get_kwargs(
    transformation_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/transformations/{transformation_id}".format(
            transformation_id=quote(str(transformation_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | TransformationResponse | None:
    if response.status_code == 200:
        response_200 = TransformationResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | TransformationResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    transformation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | TransformationResponse]:
    """GetTransformation

    Args:
        transformation_id (str): The transformation's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TransformationResponse]
    """

    kwargs = _get_kwargs(
        transformation_id=transformation_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    transformation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | TransformationResponse | None:
    """GetTransformation

    Args:
        transformation_id (str): The transformation's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TransformationResponse
    """

    return sync_detailed(
        transformation_id=transformation_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    transformation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorEnvelope | TransformationResponse]:
    """GetTransformation

    Args:
        transformation_id (str): The transformation's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | TransformationResponse]
    """

    kwargs = _get_kwargs(
        transformation_id=transformation_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    transformation_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorEnvelope | TransformationResponse | None:
    """GetTransformation

    Args:
        transformation_id (str): The transformation's id.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | TransformationResponse
    """

    return (
        await asyncio_detailed(
            transformation_id=transformation_id,
            client=client,
        )
    ).parsed
