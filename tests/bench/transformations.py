"""Transformations benchmark: `POST /transformations/preview` with 5 matching transformations on a 2 KiB event.

Run with `python -m tests.bench.transformations` (also part of `make bench`). One uvicorn worker
serves on loopback; previews go one at a time from this process with the body encoded beforehand,
so the figure is the service's latency, token lookup and transformation read included.
BENCH_ROUNDS (default 30) times 20 sets the number of previews.
"""

import asyncio
import os
import sys

import httpx
import msgspec

from tests.bench.database import fresh_database, server_dsn
from tests.bench.rules import SERVICE_APP, Timing, timed, workspace_token
from tests.bench.server import running_server

PREVIEW_TARGET_MS = 2.0


def checkout_event() -> dict[str, object]:
    """A track event of about 2 KiB, as analytics.js sends one."""
    items = [{"sku": f"SKU-{n:04d}", "name": f"Product {n}", "price": 9.99 + n, "quantity": 1} for n in range(18)]
    return {
        "type": "track",
        "event": "Order Completed",
        "userId": "user-1234",
        "anonymousId": "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
        "messageId": "ajs-next-1700000000000-abcdef",
        "timestamp": "2026-11-25T10:00:00.000Z",
        "properties": {
            "order_id": "50314b8e9bcf000000000000",
            "total": 27.5,
            "revenue": 25.0,
            "shipping": 3.0,
            "tax": 2.0,
            "discount": 2.5,
            "coupon": "hasbros",
            "currency": "USD",
            "email": "Jane.Doe@Example.com",
            "products": items,
        },
        "context": {
            "ip": "203.0.113.7",
            "library": {"name": "analytics.js", "version": "next-1.55.0"},
            "page": {"path": "/checkout", "url": "https://shop.example.com/checkout", "title": "Checkout"},
            "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0",
            "locale": "en-US",
        },
    }


def five_transformations(source_id: str) -> list[dict[str, object]]:
    """One of each kind, all matching the checkout event."""
    completed = "event = 'Order Completed'"
    base = {"sourceId": source_id, "enabled": True}
    renames = [{"oldName": "total", "newName": "grand_total"}]
    values = [{"propertyPaths": ["coupon"], "propertyValue": "REDACTED"}]
    defined = [{"fql": "lowercase(properties.email)", "propertyName": "email_lower"}]
    hashing = {"algorithm": "SHA256", "paths": ["email", "email_lower", "context.ip"]}
    return [
        {**base, "name": "rename", "if": completed, "newEventName": "Checkout Finished"},
        {**base, "name": "renames", "if": "properties.revenue > 10", "propertyRenames": renames},
        {**base, "name": "values", "if": "type = 'track'", "propertyValueTransformations": values},
        {**base, "name": "fql", "if": "contains(context.library.name, 'js')", "fqlDefinedProperties": defined},
        {**base, "name": "hash", "if": "userId = 'user-1234'", "hashPropertiesConfiguration": hashing},
    ]


def bench_preview(client: httpx.Client, rounds: int) -> Timing:
    source = client.post("/sources", json={"slug": "bench-web", "enabled": True, "metadataId": "javascript"})
    source_id = source.json()["data"]["source"]["id"]
    for body in five_transformations(source_id):
        created = client.post("/transformations", json=body)
        assert created.status_code == 200, created.text
    event = checkout_event()
    body = msgspec.json.encode({"sourceId": source_id, "event": event})
    assert 1800 <= len(msgspec.json.encode(event)) <= 2300, len(msgspec.json.encode(event))
    headers = {"Content-Type": "application/json"}
    check = client.post("/transformations/preview", content=body, headers=headers).json()["data"]["event"]
    assert check["event"] == "Checkout Finished" and check["properties"]["coupon"] == "REDACTED"
    samples = [
        timed(lambda: client.post("/transformations/preview", content=body, headers=headers))
        for _ in range(rounds * 20)
    ]
    return Timing.of(samples[20:])


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "30"))
    with fresh_database(server_dsn()) as dsn:
        token = asyncio.run(workspace_token(dsn))
        headers = {"Authorization": f"Bearer {token}"}
        with (
            running_server(SERVICE_APP, "/", headers, {"DATABASE_URL": dsn}) as server,
            httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as client,
        ):
            preview = bench_preview(client, rounds)
    verdict = "pass" if preview.median_ms < PREVIEW_TARGET_MS else "FAIL"
    print(f"\nPOST /transformations/preview, 5 matching transformations, 2 KiB event, {rounds * 20} calls, one worker")
    print(f"{'median ms':>10} {'p90 ms':>8} {'target':>8}  result")
    print(f"{preview.median_ms:>10.2f} {preview.p90_ms:>8.2f} {'<' + str(PREVIEW_TARGET_MS):>8}  {verdict}")
    if verdict == "FAIL":
        sys.exit(1)


if __name__ == "__main__":
    main()
