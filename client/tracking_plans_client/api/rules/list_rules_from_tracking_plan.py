from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_envelope import ErrorEnvelope
from ...models.rule_type import RuleType
from ...models.rules_response import RulesResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    tracking_plan_id: str,
    *,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    type_: None | RuleType | Unset = UNSET,
    key: None | str | Unset = UNSET,
    label: None | str | Unset = UNSET,
    include_deprecated: bool | Unset = False,
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

    json_type_: str | Unset | None
    if isinstance(type_, Unset):
        json_type_ = UNSET
    elif isinstance(type_, RuleType):
        json_type_ = type_.value
    else:
        json_type_ = type_
    params["type"] = json_type_

    json_key: str | Unset | None
    if isinstance(key, Unset):
        json_key = UNSET
    else:
        json_key = key
    params["key"] = json_key

    json_label: str | Unset | None
    if isinstance(label, Unset):
        json_label = UNSET
    else:
        json_label = label
    params["label"] = json_label

    params["includeDeprecated"] = include_deprecated

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/tracking-plans/{tracking_plan_id}/rules".format(
            tracking_plan_id=quote(str(tracking_plan_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorEnvelope | RulesResponse | None:
    if response.status_code == 200:
        response_200 = RulesResponse.from_dict(response.json())

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
) -> Response[ErrorEnvelope | RulesResponse]:
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
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    type_: None | RuleType | Unset = UNSET,
    key: None | str | Unset = UNSET,
    label: None | str | Unset = UNSET,
    include_deprecated: bool | Unset = False,
) -> Response[ErrorEnvelope | RulesResponse]:
    """ListRules

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        type_ (None | RuleType | Unset): Only rules of this type.
        key (None | str | Unset): Only rules with this key.
        label (None | str | Unset): Only rules labelled `key:value`.
        include_deprecated (bool | Unset): Also removed versions, with `deprecatedAt`. Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | RulesResponse]
    """

    kwargs = _get_kwargs(
        tracking_plan_id=tracking_plan_id,
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
        type_=type_,
        key=key,
        label=label,
        include_deprecated=include_deprecated,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    type_: None | RuleType | Unset = UNSET,
    key: None | str | Unset = UNSET,
    label: None | str | Unset = UNSET,
    include_deprecated: bool | Unset = False,
) -> ErrorEnvelope | RulesResponse | None:
    """ListRules

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        type_ (None | RuleType | Unset): Only rules of this type.
        key (None | str | Unset): Only rules with this key.
        label (None | str | Unset): Only rules labelled `key:value`.
        include_deprecated (bool | Unset): Also removed versions, with `deprecatedAt`. Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | RulesResponse
    """

    return sync_detailed(
        tracking_plan_id=tracking_plan_id,
        client=client,
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
        type_=type_,
        key=key,
        label=label,
        include_deprecated=include_deprecated,
    ).parsed


async def asyncio_detailed(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    type_: None | RuleType | Unset = UNSET,
    key: None | str | Unset = UNSET,
    label: None | str | Unset = UNSET,
    include_deprecated: bool | Unset = False,
) -> Response[ErrorEnvelope | RulesResponse]:
    """ListRules

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        type_ (None | RuleType | Unset): Only rules of this type.
        key (None | str | Unset): Only rules with this key.
        label (None | str | Unset): Only rules labelled `key:value`.
        include_deprecated (bool | Unset): Also removed versions, with `deprecatedAt`. Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorEnvelope | RulesResponse]
    """

    kwargs = _get_kwargs(
        tracking_plan_id=tracking_plan_id,
        paginationcount=paginationcount,
        paginationcursor=paginationcursor,
        type_=type_,
        key=key,
        label=label,
        include_deprecated=include_deprecated,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    tracking_plan_id: str,
    *,
    client: AuthenticatedClient | Client,
    paginationcount: int | None | Unset = UNSET,
    paginationcursor: None | str | Unset = UNSET,
    type_: None | RuleType | Unset = UNSET,
    key: None | str | Unset = UNSET,
    label: None | str | Unset = UNSET,
    include_deprecated: bool | Unset = False,
) -> ErrorEnvelope | RulesResponse | None:
    """ListRules

    Args:
        tracking_plan_id (str): The plan's `tp_` id.
        paginationcount (int | None | Unset): Items per page, 1 to 200; 200 when absent.
        paginationcursor (None | str | Unset): Opaque cursor from a previous answer's
            `pagination`.
        type_ (None | RuleType | Unset): Only rules of this type.
        key (None | str | Unset): Only rules with this key.
        label (None | str | Unset): Only rules labelled `key:value`.
        include_deprecated (bool | Unset): Also removed versions, with `deprecatedAt`. Default:
            False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorEnvelope | RulesResponse
    """

    return (
        await asyncio_detailed(
            tracking_plan_id=tracking_plan_id,
            client=client,
            paginationcount=paginationcount,
            paginationcursor=paginationcursor,
            type_=type_,
            key=key,
            label=label,
            include_deprecated=include_deprecated,
        )
    ).parsed
