"""Sending one call: configuration, retries of 429 and 503, and answers turned into data or exceptions.

The HTTP connection is the generated client's (`tracking_plans_client.AuthenticatedClient`, kept as `low` on
`TrackingPlans`), so the two layers share one connection pool and one configuration.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

import httpx
from tracking_plans_client import AuthenticatedClient

from tracking_plans.errors import (
    BY_STATUS,
    ApiError,
    ConfigurationError,
    ConnectionFailed,
    InvalidAnswer,
    RateLimited,
    ServerError,
    Timeout,
    TransportError,
)

if TYPE_CHECKING:
    from tracking_plans.operations import Call

URL_VARIABLE = "TRACKING_PLANS_URL"
TOKEN_VARIABLE = "TRACKING_PLANS_TOKEN"  # noqa: S105 (the name of a variable, not a secret)
RETRIED_STATUSES = frozenset({429, 503})
"""Answers that mean "not done, try later": the only ones retried (a rate limit, the database unreachable)."""


@dataclass(frozen=True, slots=True)
class Request:
    """One call: `path` under the base URL, query `params`, JSON `body` (None: no body), extra `headers`."""

    method: str
    path: str
    params: Mapping[str, Any] | None = None
    body: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)
    creates: bool = False
    """Sends an `Idempotency-Key` (one per call, the same on each retry) so a retried create creates once."""


def check_base_url(base_url: str | None) -> str:
    """The base URL without a trailing slash; ConfigurationError unless it is `http(s)://host[:port][/]`."""
    if not base_url:
        raise ConfigurationError(f"No base URL: pass base_url=... or set {URL_VARIABLE} (e.g. http://127.0.0.1:8000).")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"Base URL {base_url!r} needs a scheme and a host, e.g. http://127.0.0.1:8000 (got no http:// or https://)."
        )
    if parts.path.strip("/") or parts.query or parts.fragment:
        raise ConfigurationError(
            f"Base URL {base_url!r} has a path ({parts.path!r}); give the server's root, e.g. "
            f"{parts.scheme}://{parts.netloc}: the client adds /tracking-plans and the other paths itself."
        )
    return f"{parts.scheme}://{parts.netloc}"


def check_token(token: str | None) -> str:
    """The token without a `Bearer ` prefix; ConfigurationError when there is none."""
    token = (token or "").strip().removeprefix("Bearer ").strip()
    if not token:
        raise ConfigurationError(f"No token: pass token=... or set {TOKEN_VARIABLE} (a tps_... token).")
    return token


def low_level_client(base_url: str | None, token: str | None, timeout: float, **httpx_args: Any) -> AuthenticatedClient:
    """The generated client for `base_url` and `token`, falling back to TRACKING_PLANS_URL and TRACKING_PLANS_TOKEN."""
    base = check_base_url(base_url if base_url is not None else os.environ.get(URL_VARIABLE))
    secret = check_token(token if token is not None else os.environ.get(TOKEN_VARIABLE))
    return AuthenticatedClient(
        base_url=base,
        token=secret,
        timeout=httpx.Timeout(timeout),
        raise_on_unexpected_status=False,
        headers={"Accept": "application/json"},
        httpx_args=httpx_args,
    )


def retry_delay(response: httpx.Response, attempt: int) -> float | None:
    """Seconds to wait before retry number `attempt` (0-based): `Retry-After` when sent, else 0.5 s doubling.

    `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). None when it cannot be read.
    """
    value: str | None = response.headers.get("Retry-After")
    if value is None:
        # jitter spreads out clients that failed together
        return min(0.5 * 2.0**attempt, 8.0) * (0.5 + random.random() / 2)
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        return max((parsedate_to_datetime(value).timestamp() - time.time()), 0.0)
    except (TypeError, ValueError):
        return None


def error_from(response: httpx.Response) -> ApiError:
    """The exception for an error answer, from the Public API's envelope or the Config API's `{error, code}`."""
    request = response.request
    where = {"method": request.method, "url": str(request.url), "request_id": response.headers.get("X-Request-Id")}
    status = response.status_code
    cls = BY_STATUS.get(status, ServerError if status >= 500 else ApiError)
    body = _json_or_none(response)
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        first = body["errors"][0]
        kind, message, at = str(first.get("type", "error")), str(first.get("message", "")), first.get("field")
    elif isinstance(body, dict) and isinstance(body.get("error"), str):
        kind, message, at = f"code-{body.get('code')}", body["error"], None
    else:
        kind, at = "unexpected-answer", None
        message = f"the answer is not the API's error JSON ({_describe_body(response)})"
    if cls is RateLimited:
        delay = retry_delay(response, 0) if "Retry-After" in response.headers else None
        return RateLimited(message, retry_after=delay, type=kind, status=status, field=at, **where)
    return cls(message, type=kind, status=status, field=at, **where)


def data_of(response: httpx.Response) -> Any:
    """The JSON body of a successful answer; InvalidAnswer when it is empty or not JSON (a proxy's HTML page)."""
    body = _json_or_none(response)
    if body is None:
        request = response.request
        raise InvalidAnswer(
            f"answered {response.status_code} with {_describe_body(response)}, not the API's JSON; "
            "is the base URL the tracking plan service?",
            method=request.method,
            url=str(request.url),
            status=response.status_code,
        )
    return body


def read(parse: Callable[[httpx.Response], T], response: httpx.Response) -> T:
    """`parse(response)`; InvalidAnswer when the answer is JSON but not of the shape openapi.yaml documents."""
    try:
        return parse(response)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        request = response.request
        raise InvalidAnswer(
            f"answered {response.status_code} with JSON that is not what the API documents "
            f"({type(exc).__name__}: {exc}); is the base URL the tracking plan service?",
            method=request.method,
            url=str(request.url),
            status=response.status_code,
        ) from exc


def _json_or_none(response: httpx.Response) -> Any:
    if not response.content or "json" not in response.headers.get("Content-Type", ""):
        return None
    try:
        return response.json()
    except ValueError:
        return None


def _describe_body(response: httpx.Response) -> str:
    if not response.content:
        return "an empty body"
    kind = response.headers.get("Content-Type", "no Content-Type")
    start = response.content[:80].decode("utf-8", "replace").replace("\n", " ")
    return f"{kind}: {start!r}"


def _transport_error(exc: httpx.HTTPError, request: Request, url: str) -> TransportError:
    if isinstance(exc, httpx.TimeoutException):
        return Timeout(f"no answer in time ({type(exc).__name__})", method=request.method, url=url)
    if isinstance(exc, httpx.TransportError):
        return ConnectionFailed(f"could not connect: {exc or type(exc).__name__}", method=request.method, url=url)
    return TransportError(str(exc) or type(exc).__name__, method=request.method, url=url)


def _headers(request: Request) -> dict[str, str]:
    headers = dict(request.headers)
    if request.creates:
        headers.setdefault("Idempotency-Key", str(uuid.uuid4()))
    return headers


def _send_kwargs(request: Request, headers: dict[str, str]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"headers": headers, "params": request.params}
    if request.body is not None:
        kwargs["json"] = request.body
    return kwargs


T = TypeVar("T")


class _Retries:
    """When to retry: 429 and 503 only, at most `max_retries` times, waiting at most `max_retry_wait` seconds."""

    def __init__(self, max_retries: int, max_retry_wait: float) -> None:
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait

    def wait_before_retry(self, response: httpx.Response, attempt: int) -> float | None:
        """Seconds to wait before sending again after the `attempt`-th answer (0-based); None: do not retry."""
        if response.status_code not in RETRIED_STATUSES or attempt >= self.max_retries:
            return None
        delay = retry_delay(response, attempt)
        return delay if delay is not None and delay <= self.max_retry_wait else None


def _failed(exc: httpx.HTTPError, request: Request, http: httpx.Client | httpx.AsyncClient) -> TransportError:
    return _transport_error(exc, request, f"{str(http.base_url).rstrip('/')}{request.path}")


class Transport(_Retries):
    """Sends calls with the generated client's `httpx.Client`, retrying 429 and 503 up to `max_retries` times."""

    def __init__(self, low: AuthenticatedClient, max_retries: int, max_retry_wait: float) -> None:
        super().__init__(max_retries, max_retry_wait)
        self.http = low.get_httpx_client()
        self.sleep = time.sleep

    def run(self, call: Call[T]) -> T:
        """Sends the call and reads its answer."""
        return read(call.parse, self.send(call.request))

    def send(self, request: Request) -> httpx.Response:
        """The successful answer; ApiError for an error answer, TransportError when there is none."""
        kwargs = _send_kwargs(request, _headers(request))
        for attempt in itertools.count():
            try:
                response = self.http.request(request.method, request.path, **kwargs)
            except httpx.HTTPError as exc:
                raise _failed(exc, request, self.http) from exc
            if response.is_success:
                return response
            if (wait := self.wait_before_retry(response, attempt)) is None:
                raise error_from(response)
            self.sleep(wait)
        raise AssertionError("unreachable: itertools.count() does not end")


class AsyncTransport(_Retries):
    """`Transport` with the generated client's `httpx.AsyncClient`."""

    def __init__(self, low: AuthenticatedClient, max_retries: int, max_retry_wait: float) -> None:
        super().__init__(max_retries, max_retry_wait)
        self.http = low.get_async_httpx_client()
        self.sleep = asyncio.sleep

    async def run(self, call: Call[T]) -> T:
        """Sends the call and reads its answer."""
        return read(call.parse, await self.send(call.request))

    async def send(self, request: Request) -> httpx.Response:
        """The successful answer; ApiError for an error answer, TransportError when there is none."""
        kwargs = _send_kwargs(request, _headers(request))
        for attempt in itertools.count():
            try:
                response = await self.http.request(request.method, request.path, **kwargs)
            except httpx.HTTPError as exc:
                raise _failed(exc, request, self.http) from exc
            if response.is_success:
                return response
            if (wait := self.wait_before_retry(response, attempt)) is None:
                raise error_from(response)
            await self.sleep(wait)
        raise AssertionError("unreachable: itertools.count() does not end")
