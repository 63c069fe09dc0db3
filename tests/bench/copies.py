"""Copies benchmark: copying plans of 1k, 5k and 10k rules across workspaces, and exporting the 10k plan.

Run with `python -m tests.bench.copies` (also part of `make bench`). One uvicorn worker serves on
loopback; requests go one at a time from this process with their bodies encoded beforehand, so the
figures are the service's latency. Each copy is a CREATE, so every round makes a new plan in the
target workspace. BENCH_ROUNDS (default 30) divided by 6 sets the copies per size; exports get twice that.
"""

import asyncio
import os
import sys

import httpx
import msgspec

from tests.bench.database import fresh_database, server_dsn
from tests.bench.rules import BATCH, PLAN_SIZES, SERVICE_APP, Timing, new_plan, rules_body, timed, workspace_token
from tests.bench.server import running_server

COPY_TARGET_MS = 2000.0
CSV_TARGET_MS = 1000.0
TARGET_SIZE = 10_000
TIMEOUT_S = 120


def source_plan(client: httpx.Client, size: int) -> str:
    """A LIVE plan of `size` TRACK rules, added 200 at a time as a client would."""
    plan = new_plan(client, f"Copy source {size}")
    url, headers = f"/tracking-plans/{plan}/rules", {"Content-Type": "application/json"}
    for first in range(0, size, BATCH):
        timed(lambda first=first: client.patch(url, content=rules_body(first, 0), headers=headers))
    return plan


def bench_copy(target: httpx.Client, plan: str, size: int, rounds: int) -> Timing:
    """CREATE copies of the source plan into the target workspace, each checked to hold every rule."""
    body = msgspec.json.encode({"sourceTrackingPlanId": plan, "mode": "CREATE"})
    headers = {"Content-Type": "application/json"}
    answers: list[httpx.Response] = []

    def copy() -> httpx.Response:
        answers.append(target.post("/tracking-plans/copies", content=body, headers=headers))
        return answers[-1]

    samples = [timed(copy) for _ in range(rounds)]
    for answer in answers:
        created = answer.json()["data"]["created"]
        assert len(created) == size, f"a copy of {size} rules created {len(created)}"
    return Timing.of(samples)


def bench_export(source: httpx.Client, plan: str, export_format: str, rounds: int) -> tuple[Timing, int]:
    """Exports of the plan in one format, after one untimed; answers the timing and the size in bytes."""
    url = f"/tracking-plans/{plan}/export"
    params = {"format": export_format}
    first = source.get(url, params=params)
    assert first.status_code == 200, first.text
    if export_format == "csv":
        lines = len(first.text.splitlines())
        assert lines >= TARGET_SIZE + 1, f"the CSV of {TARGET_SIZE} rules has {lines} lines"
    samples = [timed(lambda: source.get(url, params=params)) for _ in range(rounds)]
    return Timing.of(samples), len(first.content)


def main() -> None:
    rounds = max(3, int(os.environ.get("BENCH_ROUNDS", "30")) // 6)
    with fresh_database(server_dsn()) as dsn:
        source_token = asyncio.run(workspace_token(dsn))
        target_token = asyncio.run(workspace_token(dsn, "bench-target"))
        source_headers = {"Authorization": f"Bearer {source_token}"}
        target_headers = {
            "Authorization": f"Bearer {target_token}",
            "X-Source-Authorization": f"Bearer {source_token}",
        }
        with (
            running_server(SERVICE_APP, "/", source_headers, {"DATABASE_URL": dsn}) as server,
            httpx.Client(base_url=server.base_url, headers=source_headers, timeout=TIMEOUT_S) as source,
            httpx.Client(base_url=server.base_url, headers=target_headers, timeout=TIMEOUT_S) as target,
        ):
            plans = {size: source_plan(source, size) for size in PLAN_SIZES}
            # one untimed copy, so the first figure does not pay for cold caches
            bench_copy(target, plans[PLAN_SIZES[0]], PLAN_SIZES[0], 1)
            copies = {size: bench_copy(target, plans[size], size, rounds) for size in PLAN_SIZES}
            exports = {fmt: bench_export(source, plans[TARGET_SIZE], fmt, rounds * 2) for fmt in ("csv", "json")}
    failed = copies[TARGET_SIZE].median_ms >= COPY_TARGET_MS or exports["csv"][0].median_ms >= CSV_TARGET_MS
    print(f"\nPOST /tracking-plans/copies, CREATE across workspaces, TRACK rules of 10 properties, {rounds} rounds")
    print(f"{'rules':>6} {'median ms':>10} {'p90 ms':>8} {'ms per 1k':>10} {'target':>8}  result")
    for size, timing in copies.items():
        per_k = timing.median_ms / (size / 1000)
        target, verdict = "-", "-"
        if size == TARGET_SIZE:
            target = "<" + str(COPY_TARGET_MS)
            verdict = "pass" if timing.median_ms < COPY_TARGET_MS else "FAIL"
        print(f"{size:>6} {timing.median_ms:>10.0f} {timing.p90_ms:>8.0f} {per_k:>10.1f} {target:>8}  {verdict}")
    print(f"\nGET /tracking-plans/{{id}}/export of {TARGET_SIZE} rules, {rounds * 2} rounds")
    print(f"{'format':<6} {'median ms':>10} {'p90 ms':>8} {'size KiB':>9} {'target':>8}  result")
    for fmt, (timing, size_bytes) in exports.items():
        target, verdict = "-", "-"
        if fmt == "csv":
            target = "<" + str(CSV_TARGET_MS)
            verdict = "pass" if timing.median_ms < CSV_TARGET_MS else "FAIL"
        print(
            f"{fmt:<6} {timing.median_ms:>10.0f} {timing.p90_ms:>8.0f} {size_bytes / 1024:>9.0f} {target:>8}  {verdict}"
        )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
