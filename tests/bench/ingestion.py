"""Ingestion speed: Segment's HTTP Tracking API on one uvicorn worker, and reading violations back.

Run with `python -m tests.bench.ingestion` (part of `make bench`), against a throwaway database on DATABASE_URL
(default 127.0.0.1:5432). The plan is the validation benchmark's: a TRACK rule with 10 typed properties; a
quarter of the events break it (1 to 3 violations each), every request's message ids are new. Three cases:
- throughput: BENCH_CONNECTIONS clients (default 2) post 500-event batches to `/v1/batch` for BENCH_SECONDS
  (default 5); events per second of wall-clock time, with the SQL transactions and rows the database saw in that
  time (`pg_stat_database`, `pg_stat_user_tables`): no statement per event;
- latency: 100-event batches paced at half the measured throughput for BENCH_SECONDS; the p99;
- reading the 7-day violations of a plan with 1,000 events and 5 sources (hourly rows seeded for 7 days): the
  median and p99 of `GET /tracking-plans/{id}/violations?window=7d` over 50 calls.
Targets (issue 15): at least 20,000 events/s; p99 under 25 ms; the read under 50 ms. Exits 1 when one is missed.
The machine is shared with other work: the figures are as measured, and say so when it was busy.
"""

import asyncio
import base64
import http.client
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import msgspec

from tests.bench.__main__ import BUSY_MACHINE_CORES, _format_table
from tests.bench.cpu import busy_cores
from tests.bench.database import fresh_database, server_dsn
from tests.bench.server import running_server
from tests.bench.validation import SCHEMA, _seed, events

EVENTS_PER_S_TARGET = 20_000
P99_MS_TARGET = 25.0
READ_MS_TARGET = 50.0
BATCH = 500
SMALL_BATCH = 100
SOURCES = 5
PLAN_EVENTS = 1000
READS = 50
_MESSAGE_ID = b'"messageId":"m-'


def batch_body(count: int) -> bytes:
    """A `/v1/batch` body of `count` Order Completed events, a quarter of them with violations."""
    raw = events(count * 2)
    valid, invalid = raw[0::2], raw[1::2]
    chosen = [invalid[n] if n % 4 == 3 else valid[n] for n in range(count)]
    return b'{"batch": [' + b",".join(chosen) + b"]}"


class Poster:
    """One client connection posting batches whose message ids are new on every request."""

    _counter = 0
    _lock = threading.Lock()

    def __init__(self, base_url: str, write_key: str) -> None:
        host, port = base_url.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=60)
        auth = base64.b64encode(f"{write_key}:".encode()).decode()
        self.headers = {"Authorization": f"Basic {auth}", "Content-Type": "application/json"}

    def post(self, body: bytes) -> float:
        """Post `body` with fresh message ids; answers the seconds the call took."""
        with Poster._lock:
            Poster._counter += 1
            number = Poster._counter
        fresh = body.replace(_MESSAGE_ID, b'"messageId":"r%08d-' % number)
        started = time.perf_counter()
        self.conn.request("POST", "/v1/batch", body=fresh, headers=self.headers)
        response = self.conn.getresponse()
        answer = response.read()
        took = time.perf_counter() - started
        if response.status != 200:
            raise RuntimeError(f"POST /v1/batch answered {response.status}: {answer[:300]!r}")
        return took


async def _database_counters(dsn: str) -> tuple[int, int]:
    """Transactions committed in this database, and rows written to the event tables, so far."""
    conn = await asyncpg.connect(dsn)
    try:
        transactions = await conn.fetchval(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"
        )
        rows = await conn.fetchval(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables "
            "WHERE relname IN ('event_message_ids', 'event_deliveries', 'event_violations', 'recent_events')"
        )
        return int(transactions), int(rows)
    finally:
        await conn.close()


def _call(base_url: str, headers: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        conn.request(method, path, body=None if body is None else msgspec.json.encode(body), headers=headers)
        response = conn.getresponse()
        answer = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path} answered {response.status}: {answer[:300]!r}")
        return msgspec.json.decode(answer)
    finally:
        conn.close()


async def _seed_violations(dsn: str, workspace_id: str, source_ids: list[str]) -> None:
    """Hourly violation rows of 1,000 events over 7 days, spread over the sources (as a week of traffic leaves)."""
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    columns: list[list[Any]] = [[] for _ in range(12)]
    for event in range(PLAN_EVENTS):
        for hour in range(0, 7 * 24, 6):
            source = source_ids[(event + hour) % len(source_ids)]
            for violation_type, field in (("Required", "properties.order_id"), ("Invalid Type", "properties.total")):
                row = (
                    workspace_id,
                    source,
                    now - timedelta(hours=hour),
                    "track",
                    f"Event {event:04d}",
                    1,
                    violation_type,
                    field,
                    3,
                    f"{field} is wrong",
                    now - timedelta(hours=hour),
                    '[{"type": "track"}]',
                )
                for column, value in zip(columns, row, strict=True):
                    column.append(value)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO event_violations SELECT c.workspace_id, c.source_id, c.hour, c.event_type, c.event_name, "
            "c.version, c.violation_type, c.field, c.count, c.description, c.last_seen_at, c.samples::jsonb "
            "FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::int[], $7::text[], "
            "$8::text[], $9::bigint[], $10::text[], $11::timestamptz[], $12::text[]) AS c(workspace_id, source_id, "
            "hour, event_type, event_name, version, violation_type, field, count, description, last_seen_at, samples)",
            *columns,
        )
        await conn.execute("ANALYZE event_violations")
    finally:
        await conn.close()


def main() -> None:
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "2"))
    busy = busy_cores()
    if busy is not None and busy > BUSY_MACHINE_CORES:
        print(f"warning: other processes keep {busy:.1f} CPUs busy; the figures will be low", file=sys.stderr)
    big, small = batch_body(BATCH), batch_body(SMALL_BATCH)
    with fresh_database(server_dsn()) as dsn:
        token = asyncio.run(_seed(dsn))
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        with running_server("api.app:app_from_env", "/", headers, env={"DATABASE_URL": dsn}) as server:
            url = server.base_url
            workspace_id = _call(url, headers, "GET", "/")["data"]["workspace"]["id"]
            plan = _call(url, headers, "POST", "/tracking-plans", {"name": "Bench", "type": "LIVE"})
            plan_id = plan["data"]["trackingPlan"]["id"]
            rule = {"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": SCHEMA}
            _call(url, headers, "PATCH", f"/tracking-plans/{plan_id}/rules", {"rules": [rule]})
            sources = []
            for n in range(SOURCES):
                created = _call(
                    url, headers, "POST", "/sources", {"slug": f"s{n}", "enabled": True, "metadataId": "javascript"}
                )
                sources.append(created["data"]["source"])
                _call(url, headers, "POST", f"/tracking-plans/{plan_id}/sources", {"sourceId": sources[-1]["id"]})
            write_key = sources[0]["writeKeys"][0]
            Poster(url, write_key).post(big)  # warm: the plan compiles once

            print("measuring throughput ...", file=sys.stderr, flush=True)
            before = asyncio.run(_database_counters(dsn))
            started = time.perf_counter()

            def client() -> int:
                poster, calls = Poster(url, write_key), 0
                while time.perf_counter() - started < seconds:
                    poster.post(big)
                    calls += 1
                return calls

            with ThreadPoolExecutor(connections) as pool:
                calls = sum(pool.map(lambda _: client(), range(connections)))
            elapsed = time.perf_counter() - started
            time.sleep(1.5)  # the last flush
            after = asyncio.run(_database_counters(dsn))
            rate = calls * BATCH / elapsed
            transactions, rows = after[0] - before[0], after[1] - before[1]

            print("measuring latency at half load ...", file=sys.stderr, flush=True)
            interval = SMALL_BATCH / (rate / 2)
            poster, latencies = Poster(url, write_key), []
            next_at = time.perf_counter()
            stop_at = next_at + seconds
            while next_at < stop_at:
                time.sleep(max(0.0, next_at - time.perf_counter()))
                latencies.append(poster.post(small) * 1000)
                next_at += interval
            p99 = statistics.quantiles(latencies, n=100)[98]

            print("measuring the 7-day read ...", file=sys.stderr, flush=True)
            asyncio.run(_seed_violations(dsn, workspace_id, [source["id"] for source in sources]))
            path = f"/tracking-plans/{plan_id}/violations?window=7d"
            read_times = []
            answer = None
            for _ in range(READS):
                began = time.perf_counter()
                answer = _call(url, headers, "GET", path)
                read_times.append((time.perf_counter() - began) * 1000)
            assert answer is not None and answer["data"]["pagination"]["totalEntries"] >= PLAN_EVENTS
            read_median, read_p99 = statistics.median(read_times), statistics.quantiles(read_times, n=100)[98]

    print(
        f"\nIngestion: one uvicorn worker, {os.cpu_count()} CPUs shared with whatever else runs; a TRACK rule with 10 "
        f"properties, a quarter of events violating it.\nThroughput: {calls * BATCH:,} events in {elapsed:.1f} s from "
        f"{connections} clients; the database committed {transactions:,} transactions and wrote {rows:,} rows of "
        f"aggregates\n(statements per event: {transactions / max(1, calls * BATCH):.4f} transactions, each a flush of "
        "at most 6 statements or a lookup of one).\n"
    )
    rows_out = [
        (
            f"POST /v1/batch, {BATCH}-event batches",
            f"{rate:,.0f} events/s",
            f">= {EVENTS_PER_S_TARGET:,}/s",
            rate >= EVENTS_PER_S_TARGET,
        ),
        (
            f"p99 of {SMALL_BATCH}-event batches at half load",
            f"{p99:.1f} ms",
            f"< {P99_MS_TARGET:.0f} ms",
            p99 < P99_MS_TARGET,
        ),
        (
            f"7-day violations, {PLAN_EVENTS:,} events, {SOURCES} sources (median / p99)",
            f"{read_median:.1f} / {read_p99:.1f} ms",
            f"< {READ_MS_TARGET:.0f} ms",
            read_median < READ_MS_TARGET,
        ),
    ]
    lines = [(name, figure, target, "pass" if ok else "FAIL") for name, figure, target, ok in rows_out]
    print("\n".join(_format_table(("case", "measured", "target", "result"), lines)))
    if not all(ok for *_, ok in rows_out):
        sys.exit(1)


if __name__ == "__main__":
    main()
