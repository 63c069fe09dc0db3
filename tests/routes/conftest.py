"""Helpers of the route tests: making plans, sources and rules through the API, checking errors, racing requests."""

import base64
import concurrent.futures
import time
from collections.abc import Callable
from typing import Any, TypeVar

from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data

Client = TestClient[Litestar]

ORDER_COMPLETED = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "properties": {
            "type": "object",
            "properties": {
                "revenue": {"type": "number"},
                "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
                "at": {"type": "string", "format": "date-time"},
            },
            "required": ["revenue"],
        }
    },
}


def track(key: str, version: int = 1, schema: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "TRACK", "key": key, "version": version, "jsonSchema": schema or ORDER_COMPLETED, **extra}


def create_source(client: Client, tenant: Tenant, slug: str, **extra: Any) -> dict[str, Any]:
    body = {"slug": slug, "enabled": True, "metadataId": "javascript", **extra}
    return dict(data(client.post("/sources", json=body, headers=tenant.headers("admin")))["source"])


def create_plan(client: Client, tenant: Tenant, name: str = "Plan", type: str = "LIVE") -> str:
    created = data(client.post("/tracking-plans", json={"name": name, "type": type}, headers=tenant.headers()))
    return str(created["trackingPlan"]["id"])


def connect(client: Client, tenant: Tenant, plan_id: str, source_id: str) -> Any:
    return client.post(f"/tracking-plans/{plan_id}/sources", json={"sourceId": source_id}, headers=tenant.headers())


def assert_error(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["errors", "requestId"] and len(body["errors"]) >= 1
    assert body["requestId"] == response.headers["X-Request-Id"]
    error = body["errors"][0]
    assert error["status"] == status and error["type"] and error["message"]
    if field is not None:
        assert error.get("field") == field, error
    return dict(error)


def nested_json(depth: int) -> str:
    """An object nested `depth` levels deep, as text: the JSON encoders of tests stop short of the deepest."""
    return '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)


def race(client: Client, *requests: tuple[str, str, dict[str, Any] | None], headers: dict[str, str]) -> list[int]:
    """The statuses of requests sent at once."""
    with concurrent.futures.ThreadPoolExecutor(len(requests)) as pool:
        answers = pool.map(
            lambda request: client.request(request[0], request[1], json=request[2], headers=headers), requests
        )
        return [answer.status_code for answer in answers]


DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def payload_schema(payload: dict[str, Any], key: str = "properties", **extra: Any) -> dict[str, Any]:
    return {"$schema": DRAFT_07, "type": "object", "properties": {key: {"type": "object", **payload}}, **extra}


VALIDATED_ORDER_COMPLETED = payload_schema(
    {
        "required": ["products", "total"],
        "properties": {
            "total": {"type": "number", "minimum": 0},
            "integer": {"type": "integer"},
            "currency": {"enum": ["USD", "EUR"]},
            "coupon": {"type": ["string", "null"], "pattern": "^[A-Z]+$"},
            "products": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "object", "required": ["sku"], "properties": {"sku": {"type": "string"}}},
            },
        },
    }
)


def put_rules(client: Client, tenant: Tenant, plan_id: str, rules: list[dict[str, Any]]) -> None:
    data(client.put(f"/tracking-plans/{plan_id}/rules", json={"rules": rules}, headers=tenant.headers()))


def track_event(name: str, properties: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "track", "event": name, "properties": properties or {}, **extra}


T = TypeVar("T")

SIGNED_UP = {
    # the one TRACK rule of the analytics libraries' tests
    "type": "object",
    "properties": {
        "properties": {
            "type": "object",
            "properties": {"plan": {"enum": ["free", "pro"]}, "seats": {"type": "integer"}},
            "required": ["plan"],
        }
    },
}
DEADLINE_SECONDS = 20.0
"""How long the reads may take to show what the worker aggregated (it writes once a second)."""


def eventually(read: Callable[[], T], done: Callable[[T], bool]) -> T:
    """`read()` once `done` says so, polled within a bounded deadline (the worker flushes once a second)."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        found = read()
        if done(found) or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def basic(write_key: str) -> dict[str, str]:
    """The Authorization header of a write key: HTTP Basic, the key as user, no password."""
    return {"Authorization": "Basic " + base64.b64encode(f"{write_key}:".encode()).decode()}


def flush(client: Client) -> None:
    """Write what the worker aggregated now, instead of waiting for its once-a-second flush."""
    app: Any = client.app
    client.blocking_portal.call(app.state.ingestion.aggregator.flush, app.state.pool)


def tracking_call(name: str, properties: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    """A track call as the Tracking API takes it, from user `u1`."""
    return {"type": "track", "event": name, "userId": "u1", "properties": properties or {}, **extra}


def send(client: Client, write_key: str, events: list[dict[str, Any]], **body: Any) -> Any:
    """Post `events` to `/v1/batch` with the write key."""
    return client.post("/v1/batch", json={"batch": events, **body}, headers=basic(write_key))
