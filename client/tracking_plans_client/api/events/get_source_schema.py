from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.event_type import EventType
from ...models.observed_schema_response import ObservedSchemaResponse
from ...models.schema_window import SchemaWindow
from ...types import UNSET, Response, Unset


def _get_kwargs(
    source_id: str,
    *,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    window: SchemaWindow | Unset = UNSET,
    type_: EventType | None | Unset = UNSET,
    event: None | str | Unset = UNSET,
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

    json_window: str | Unset = UNSET
    if not isinstance(window, Unset):
        json_window = window.value

    params["window"] = json_window

    json_type_: str | Unset | None
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, EventType):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_event: str | Unset | None
    if isinstance(event, Unset):
        json_event = UNSET
    else:
        json_event = event
    params["event"] = json_event

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/sources/{source_id}/schema".format(
            source_id=quote(str(source_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | ObservedSchemaResponse | None:
    if response.status_code == 200:
        response_200 = ObservedSchemaResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | ObservedSchemaResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    source_id: str,
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    window: SchemaWindow | Unset = UNSET,
    type_: EventType | None | Unset = UNSET,
    event: None | str | Unset = UNSET,
) -> Response[ErrorEnvelope | ObservedSchemaResponse]:
    """SourceSchema

    Args:
        source_id (str): The source's id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        window (SchemaWindow | Unset): How far back a schema read or import looks: whole days, the
            day the window starts in included.
        type_ (EventType | None | Unset): Only events of this type.
        event (None | str | Unset): Only this event (track name, page or screen name).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ObservedSchemaResponse]
    """

    kwargs = _get_kwargs(
        source_id=source_id,
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
        window=window,
        type_=type_,
        event=event,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    source_id: str,
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    window: SchemaWindow | Unset = UNSET,
    type_: EventType | None | Unset = UNSET,
    event: None | str | Unset = UNSET,
) -> ErrorEnvelope | ObservedSchemaResponse | None:
    """SourceSchema

    Args:
        source_id (str): The source's id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        window (SchemaWindow | Unset): How far back a schema read or import looks: whole days, the
            day the window starts in included.
        type_ (EventType | None | Unset): Only events of this type.
        event (None | str | Unset): Only this event (track name, page or screen name).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ObservedSchemaResponse
    """

    return sync_detailed(
        source_id=source_id,
        client=client,
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
        window=window,
        type_=type_,
        event=event,
    ).parsed


async def asyncio_detailed(
    source_id: str,
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    window: SchemaWindow | Unset = UNSET,
    type_: EventType | None | Unset = UNSET,
    event: None | str | Unset = UNSET,
) -> Response[ErrorEnvelope | ObservedSchemaResponse]:
    """SourceSchema

    Args:
        source_id (str): The source's id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        window (SchemaWindow | Unset): How far back a schema read or import looks: whole days, the
            day the window starts in included.
        type_ (EventType | None | Unset): Only events of this type.
        event (None | str | Unset): Only this event (track name, page or screen name).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | ObservedSchemaResponse]
    """

    kwargs = _get_kwargs(
        source_id=source_id,
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
        window=window,
        type_=type_,
        event=event,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    source_id: str,
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    window: SchemaWindow | Unset = UNSET,
    type_: EventType | None | Unset = UNSET,
    event: None | str | Unset = UNSET,
) -> ErrorEnvelope | ObservedSchemaResponse | None:
    """SourceSchema

    Args:
        source_id (str): The source's id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        window (SchemaWindow | Unset): How far back a schema read or import looks: whole days, the
            day the window starts in included.
        type_ (EventType | None | Unset): Only events of this type.
        event (None | str | Unset): Only this event (track name, page or screen name).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | ObservedSchemaResponse
    """

    return (
        await asyncio_detailed(
            source_id=source_id,
            client=client,
            paginationcount=paginationcount,
            paginationcursor=paginationcursor,
            window=window,
            type_=type_,
            event=event,
        )
    ).parsed
