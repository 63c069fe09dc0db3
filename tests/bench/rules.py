"""Rules benchmarks: upserting 200 rules in one call, and paging through plans of 1k, 5k and 10k rules.

Run with `python -m tests.bench.rules` (also part of `make bench`). One uvicorn worker serves on
loopback; requests go one at a time from this process with their bodies encoded beforehand, so the
figures are the service's latency. BENCH_ROUNDS (default 30) sets the PATCH rounds per case.
"""

import asyncio
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import asyncpg
import httpx
import msgspec

from api.store import workspaces
from api.store.migrations import migrate
from tests.bench.database import fresh_database, server_dsn
from tests.bench.server import running_server

SERVICE_APP = "api.app:app_from_env"
PATCH_TARGET_MS = 25.0
PAGE_TARGET_MS = 15.0
PLAN_SIZES = (1_000, 5_000, 10_000)
BATCH = 200


def event_schema(number: int, revision: int) -> dict[str, object]:
    """Ten typed properties: a required list, an enum, a pattern, a nested object, an array of objects."""
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
            "properties": {
                "type": "object",
                "required": ["sku", "price", "currency"],
                "properties": {
                    "sku": {"type": "string", "pattern": "^[A-Z0-9-]{4,32}$"},
                    "price": {"type": "number", "minimum": 0},
                    "currency": {"type": "string", "enum": ["USD", "EUR", "GBP", "JPY"]},
                    "quantity": {"type": "integer", "minimum": 1},
                    "coupon": {"type": ["string", "null"]},
                    "placed_at": {"type": "string", "format": "date-time"},
                    "gift": {"type": "boolean"},
                    "shipping": {
                        "type": "object",
                        "properties": {"city": {"type": "string"}, "zip": {"type": "string"}},
                        "required": ["city"],
                    },
                    "items": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"id": {"type": "string"}, "qty": {"type": "integer"}},
                        },
                    },
                    "note": {"type": "string", "maxLength": 500, "description": f"event {number}, revision {revision}"},
                },
            }
        },
    }


def rules_body(first: int, revision: int) -> bytes:
    rules = [
        {"type": "TRACK", "key": f"Event {n:05d}", "version": 1, "jsonSchema": event_schema(n, revision)}
        for n in range(first, first + BATCH)
    ]
    return msgspec.json.encode({"rules": rules})


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p90_ms: float

    @classmethod
    def of(cls, samples_s: list[float]) -> "Timing":
        ms = sorted(s * 1000 for s in samples_s)
        return cls(median_ms=statistics.median(ms), p90_ms=ms[int(len(ms) * 0.9) - 1])


def timed(call: Callable[[], httpx.Response]) -> float:
    start = time.perf_counter()
    response = call()
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise RuntimeError(
            f"{response.request.method} {response.request.url} answered {response.status_code}: {response.text}"
        )
    return elapsed


async def workspace_token(dsn: str, slug: str = "bench") -> str:
    await migrate(dsn)
    conn = await asyncpg.connect(dsn)
    try:
        _, owner = await workspaces.create_workspace(conn, slug, "Benchmark workspace")
        return owner.secret
    finally:
        await conn.close()


def new_plan(client: httpx.Client, name: str) -> str:
    created = client.post("/tracking-plans", json={"name": name, "type": "LIVE"})
    return str(created.json()["data"]["trackingPlan"]["id"])


def bench_upserts(client: httpx.Client, rounds: int) -> dict[str, Timing]:
    """PATCH 200 rules: all new (creates), then all changed (updates of every rule), with checks on."""
    headers = {"Content-Type": "application/json"}
    plan = new_plan(client, "Upserts")
    url = f"/tracking-plans/{plan}/rules"
    created = [
        timed(lambda n=n: client.patch(url, content=rules_body(n * BATCH, 0), headers=headers)) for n in range(rounds)
    ]
    bodies = [rules_body(0, revision) for revision in range(1, rounds + 1)]
    updated = [timed(lambda body=body: client.patch(url, content=body, headers=headers)) for body in bodies]
    return {"create 200": Timing.of(created[3:]), "update 200": Timing.of(updated[3:])}


def bench_listing(client: httpx.Client) -> list[tuple[int, Timing, float]]:
    """Page through plans of each size, 200 rules a page: per-page latency and the whole walk."""
    results = []
    headers = {"Content-Type": "application/json"}
    for size in PLAN_SIZES:
        plan = new_plan(client, f"Listing {size}")
        for first in range(0, size, BATCH):
            client.patch(f"/tracking-plans/{plan}/rules", content=rules_body(first, 0), headers=headers)
        walks, pages = [], []
        for _ in range(3):
            cursor, started = None, time.perf_counter()
            while True:
                params = {"pagination[count]": BATCH, **({"pagination[cursor]": cursor} if cursor else {})}
                page_start = time.perf_counter()
                response = client.get(f"/tracking-plans/{plan}/rules", params=params)
                pages.append(time.perf_counter() - page_start)
                pagination = response.json()["data"]["pagination"]
                if not (cursor := pagination.get("next")):
                    break
            walks.append(time.perf_counter() - started)
            assert pagination["totalEntries"] == size
        results.append((size, Timing.of(pages), statistics.median(walks)))
    return results


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "30"))
    with fresh_database(server_dsn()) as dsn:
        token = asyncio.run(workspace_token(dsn))
        headers = {"Authorization": f"Bearer {token}"}
        with (
            running_server(SERVICE_APP, "/", headers, {"DATABASE_URL": dsn}) as server,
            httpx.Client(base_url=server.base_url, headers=headers, timeout=60) as client,
        ):
            upserts = bench_upserts(client, rounds)
            listing = bench_listing(client)
    failed = any(timing.median_ms >= PATCH_TARGET_MS for timing in upserts.values())
    failed |= any(timing.median_ms >= PAGE_TARGET_MS for _, timing, _ in listing)
    print(f"\nPATCH /tracking-plans/{{id}}/rules, 200 TRACK rules of 10 properties, {rounds} rounds, one worker")
    print(f"{'case':<12} {'median ms':>10} {'p90 ms':>8} {'target':>8}  result")
    for case, timing in upserts.items():
        verdict = "pass" if timing.median_ms < PATCH_TARGET_MS else "FAIL"
        print(f"{case:<12} {timing.median_ms:>10.1f} {timing.p90_ms:>8.1f} {'<' + str(PATCH_TARGET_MS):>8}  {verdict}")
    print("\nGET /tracking-plans/{id}/rules page by page, 200 a page")
    print(f"{'rules':>6} {'page median ms':>15} {'page p90 ms':>12} {'whole walk ms':>14} {'ms per 1k':>10}  result")
    for size, timing, walk_s in listing:
        verdict = "pass" if timing.median_ms < PAGE_TARGET_MS else "FAIL"
        per_k = walk_s * 1000 / (size / 1000)
        print(
            f"{size:>6} {timing.median_ms:>15.1f} {timing.p90_ms:>12.1f} {walk_s * 1000:>14.0f} {per_k:>10.1f}",
            f" {verdict}",
        )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
