"""Validation speed: the engine in-process against ajv, the validate call over HTTP, compiling a big plan.

Run with `python -m tests.bench.validation` (part of `make bench`). One TRACK rule with 10 typed properties
(a required list, an enum, a pattern, a nested object, an array of objects) and BENCH_EVENTS events (default
2,000): half valid, half with 1 to 3 violations. ajv (Node's fastest validator, `allErrors: true`, with
ajv-formats) is installed from npm into a temporary directory and checks the same schema and events, parsing
each event's JSON text as ours decodes its bytes. Each in-process figure is the median of BENCH_ROUNDS rounds
(default 5), in events per CPU second of the process (one core's work: other engineers' jobs on a shared
machine slow wall-clock figures, not these). Then one uvicorn worker answers `POST /tracking-plans/{id}/validate`
with 500-event batches for BENCH_SECONDS (default 5) seconds, from BENCH_CONNECTIONS client connections
(default 2), against a throwaway database on DATABASE_URL (default 127.0.0.1:5432); its rate is per CPU second
of the worker, with the wall-clock rate beside it. Exits 1 when a target is missed:
- valid events, bytes to verdict: at least 0.8x ajv's events per second;
- invalid events with their full violation list: at least 60,000 per second;
- the HTTP call with 500-event batches: at least 50,000 events per second;
- compiling a 1,000-rule plan: under 200 ms.
"""

import asyncio
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import asyncpg
import msgspec

from api.domain.validation import PlanRule, compile_plan, read_event
from api.store import workspaces
from api.store.migrations import migrate
from tests.bench.__main__ import BUSY_MACHINE_CORES, _format_table
from tests.bench.cpu import busy_cores, process_cpu_seconds
from tests.bench.database import fresh_database, server_dsn
from tests.bench.server import running_server

VALID_RATIO_TARGET = 0.8
INVALID_PER_S_TARGET = 60_000
HTTP_PER_S_TARGET = 50_000
COMPILE_MS_TARGET = 200.0
BATCH = 500
AJV_PACKAGES = ("ajv@8", "ajv-formats@3")

SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {
        "properties": {
            "type": "object",
            "required": ["order_id", "total", "currency", "products"],
            "properties": {
                "order_id": {"type": "string", "pattern": "^ord_[0-9a-f]{8}$"},
                "total": {"type": "number", "minimum": 0},
                "revenue": {"type": "number"},
                "currency": {"type": "string", "enum": ["USD", "EUR", "GBP"]},
                "coupon": {"type": ["string", "null"]},
                "discount": {"type": "number", "maximum": 100},
                "paid": {"type": "boolean"},
                "placed_at": {"type": "string", "format": "date-time"},
                "shipping": {
                    "type": "object",
                    "required": ["method"],
                    "properties": {"method": {"enum": ["ground", "air"]}, "cost": {"type": "number"}},
                },
                "products": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["sku", "price"],
                        "properties": {
                            "sku": {"type": "string"},
                            "price": {"type": "number"},
                            "quantity": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
        }
    },
}

_BREAKS: list[Callable[[dict[str, Any]], None]] = [
    lambda p: p.pop("currency"),
    lambda p: p.update(total="27.5"),
    lambda p: p.update(order_id="order-1"),
    lambda p: p["shipping"].update(method="sea"),
    lambda p: p["products"][1].update(quantity=0),
    lambda p: p["products"][0].pop("price"),
    lambda p: p.update(placed_at="yesterday"),
    lambda p: p.update(discount=150),
]


def events(count: int) -> list[bytes]:
    """`count` Order Completed calls as JSON: even ones valid, odd ones with 1 to 3 violations."""
    rng = random.Random(7)
    found = []
    for n in range(count):
        properties = {
            "order_id": f"ord_{n:08x}",
            "total": 27.5 + n % 10,
            "revenue": 25,
            "currency": "USD",
            "coupon": None,
            "discount": 2.5,
            "paid": True,
            "placed_at": "2026-01-02T03:04:05.678Z",
            "shipping": {"method": "ground", "cost": 3},
            "products": [{"sku": f"sku-{i}", "price": 9.5 + i, "quantity": 1 + i} for i in range(3)],
        }
        if n % 2:
            for brk in rng.sample(_BREAKS, rng.randint(1, 3)):
                brk(properties)
        event = {
            "type": "track",
            "event": "Order Completed",
            "userId": f"u-{n}",
            "messageId": f"m-{n}",
            "timestamp": "2026-01-02T03:04:05.678Z",
            "properties": properties,
            "context": {"library": {"name": "analytics.js", "version": "1.64.0"}, "locale": "en-US"},
        }
        found.append(msgspec.json.encode(event))
    return found


def _median_rate(run: Callable[[], int], rounds: int) -> float:
    """Median events per CPU second of this process: what one core does, however busy the machine is."""
    rates = []
    for _ in range(rounds):
        started = time.process_time()
        done = run()
        rates.append(done / (time.process_time() - started))
    return statistics.median(rates)


AJV_SCRIPT = r"""
const fs = require("fs");
const Ajv = require("ajv");
const addFormats = require("ajv-formats");
const [schemaFile, validFile, invalidFile, rounds] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
function rate(file, wantErrors) {
  const lines = fs.readFileSync(file, "utf8").split("\n").filter((line) => line);
  const rates = [];
  for (let round = 0; round < Number(rounds); round++) {
    const started = process.cpuUsage();
    let kept = 0;
    for (const line of lines) {
      const ok = validate(JSON.parse(line));
      if (wantErrors && !ok) kept += validate.errors.length;
    }
    const used = process.cpuUsage(started);
    rates.push(lines.length / ((used.user + used.system) / 1e6));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)];
}
console.log(JSON.stringify({ valid: rate(validFile, false), invalid: rate(invalidFile, true) }));
"""


def ajv_rates(valid: list[bytes], invalid: list[bytes], rounds: int) -> dict[str, float]:
    """ajv's median events per second on the same schema and events, installed from npm into a temporary dir."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise RuntimeError("node and npm are needed to measure ajv")
    with tempfile.TemporaryDirectory(prefix="ajv-bench-") as work:
        root = Path(work)
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", work, *AJV_PACKAGES],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        (root / "schema.json").write_text(json.dumps(SCHEMA))
        (root / "valid.jsonl").write_bytes(b"\n".join(valid))
        (root / "invalid.jsonl").write_bytes(b"\n".join(invalid))
        (root / "bench.js").write_text(AJV_SCRIPT)
        files = [str(root / name) for name in ("schema.json", "valid.jsonl", "invalid.jsonl")]
        out = subprocess.run(
            ["node", str(root / "bench.js"), *files, str(rounds)], check=True, capture_output=True, text=True, cwd=work
        ).stdout
    rates: dict[str, float] = json.loads(out)
    return rates


def compile_ms(rules: int, rounds: int) -> tuple[float, float]:
    """Median CPU milliseconds to compile a plan of `rules` TRACK rules like the benchmark's: from nothing, and as
    the service does after a write that changed one of them (its previous revision at hand)."""
    text = json.dumps(SCHEMA)
    plan_rules = [
        PlanRule(type="TRACK", key=f"Event {i}", version=1, json_schema=SCHEMA, text=text) for i in range(rules)
    ]
    changed = {**SCHEMA, "description": "changed"}
    one_changed = [
        *plan_rules[:-1],
        PlanRule(type="TRACK", key=f"Event {rules - 1}", version=1, json_schema=changed, text=json.dumps(changed)),
    ]
    full, again = [], []
    for _ in range(rounds):
        started = time.process_time()
        previous = compile_plan(plan_rules)
        full.append((time.process_time() - started) * 1000)
        started = time.process_time()
        compile_plan(one_changed, previous)
        again.append((time.process_time() - started) * 1000)
    return statistics.median(full), statistics.median(again)


async def _seed(dsn: str) -> str:
    await migrate(dsn)
    conn = await asyncpg.connect(dsn)
    try:
        _, owner = await workspaces.create_workspace(conn, "bench", "Benchmark workspace")
    finally:
        await conn.close()
    return owner.secret


def http_rate(batch: list[bytes], seconds: float, connections: int) -> tuple[float, float | None]:
    """Events per second `POST /tracking-plans/{id}/validate` answers from one uvicorn worker: per second of
    wall-clock time, and per CPU second of the worker (None where /proc is not there).

    `connections` clients post at once, so the worker is not idle while a client sends or reads.
    """
    with fresh_database(server_dsn()) as dsn:
        token = asyncio.run(_seed(dsn))
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        with running_server("api.app:app_from_env", "/", headers, env={"DATABASE_URL": dsn}) as server:
            host, port = server.base_url.removeprefix("http://").split(":")

            def call(conn: http.client.HTTPConnection, method: str, path: str, body: bytes) -> bytes:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                answer = response.read()
                if response.status != 200:
                    raise RuntimeError(f"{method} {path} answered {response.status}: {answer[:500]!r}")
                return answer

            setup = http.client.HTTPConnection(host, int(port), timeout=60)
            plan = msgspec.json.decode(call(setup, "POST", "/tracking-plans", b'{"name": "Bench", "type": "LIVE"}'))
            plan_id = plan["data"]["trackingPlan"]["id"]
            rule = {"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": SCHEMA}
            call(setup, "PATCH", f"/tracking-plans/{plan_id}/rules", msgspec.json.encode({"rules": [rule]}))
            body = b'{"events": [' + b",".join(batch) + b"]}"
            path = f"/tracking-plans/{plan_id}/validate"
            answer = msgspec.json.decode(call(setup, "POST", path, body))
            setup.close()
            if answer["data"]["summary"]["events"] != len(batch):
                raise RuntimeError("the validate call did not check every event")
            started = time.perf_counter()
            cpu_before = process_cpu_seconds(server.pid)

            def client() -> int:
                conn = http.client.HTTPConnection(host, int(port), timeout=60)
                calls = 0
                while time.perf_counter() - started < seconds:
                    call(conn, "POST", path, body)
                    calls += 1
                conn.close()
                return calls

            with ThreadPoolExecutor(connections) as pool:
                calls = sum(pool.map(lambda _: client(), range(connections)))
            elapsed = time.perf_counter() - started
            cpu_after = process_cpu_seconds(server.pid)
    done = calls * len(batch)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return done / elapsed, (done / cpu if cpu else None)


def main() -> None:
    count = int(os.environ.get("BENCH_EVENTS", "2000"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    seconds = float(os.environ.get("BENCH_SECONDS", "5"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "2"))
    busy = busy_cores()
    if busy is not None and busy > BUSY_MACHINE_CORES:
        print(f"warning: other processes keep {busy:.1f} CPUs busy; the figures will be low", file=sys.stderr)
    raw = events(count)
    valid, invalid = raw[0::2], raw[1::2]
    plan = compile_plan([PlanRule(type="TRACK", key="Order Completed", version=1, json_schema=SCHEMA)])
    assert all(plan.is_valid(read_event(event)) for event in valid)
    assert all(1 <= len(plan.check(read_event(event)).violations) <= 3 for event in invalid)

    def verdicts() -> int:
        is_valid = plan.is_valid
        for event in valid:
            is_valid(read_event(event))
        return len(valid)

    def violation_lists() -> int:
        check = plan.check
        for event in invalid:
            check(read_event(event)).all_violations  # noqa: B018  # the list is what is measured
        return len(invalid)

    ours_valid = _median_rate(verdicts, rounds)
    ours_invalid = _median_rate(violation_lists, rounds)
    print("measuring ajv ...", file=sys.stderr, flush=True)
    ajv = ajv_rates(valid, invalid, rounds)
    compile_time, recompile_time = compile_ms(1000, rounds)
    print("measuring the validate call ...", file=sys.stderr, flush=True)
    over_http_wall, over_http_cpu = http_rate(raw[:BATCH], seconds, connections)
    over_http = over_http_cpu if over_http_cpu is not None else over_http_wall

    size = sum(map(len, raw)) // len(raw)
    print(
        f"\nValidation: {count:,} Order Completed events of ~{size} bytes (half valid, half with 1-3 violations), "
        f"median of {rounds} rounds;\n{os.cpu_count()} CPUs shared with whatever else runs. In-process rates, ajv's "
        "and ours, are events per CPU second of\nthe one process (one core's work, however busy the machine); the HTTP "
        f"rate is per CPU second of the uvicorn worker ({over_http_wall:,.0f} events per wall-clock second here).\n"
    )
    valid_ratio = ours_valid / ajv["valid"]
    rows = [
        (
            "valid events, bytes to verdict",
            ours_valid,
            ajv["valid"],
            f"{valid_ratio:.2f}x",
            f">= {VALID_RATIO_TARGET}x ajv",
            valid_ratio >= VALID_RATIO_TARGET,
        ),
        (
            "invalid events, full violation list",
            ours_invalid,
            ajv["invalid"],
            f"{ours_invalid / ajv['invalid']:.2f}x",
            f">= {INVALID_PER_S_TARGET:,}/s",
            ours_invalid >= INVALID_PER_S_TARGET,
        ),
        (
            f"POST .../validate, {BATCH}-event batches, 1 worker, {connections} clients",
            over_http,
            None,
            "-",
            f">= {HTTP_PER_S_TARGET:,}/s",
            over_http >= HTTP_PER_S_TARGET,
        ),
    ]
    header = ("case", "events/s", "ajv events/s", "ratio", "target", "result")
    lines = [
        (name, f"{rate:,.0f}", "-" if other is None else f"{other:,.0f}", ratio, target, "pass" if ok else "FAIL")
        for name, rate, other, ratio, target, ok in rows
    ]
    compiled_ok = compile_time < COMPILE_MS_TARGET
    lines.append(
        (
            "compile a 1,000-rule plan",
            f"{compile_time:.0f} ms",
            "-",
            "-",
            f"< {COMPILE_MS_TARGET:.0f} ms",
            "pass" if compiled_ok else "FAIL",
        )
    )
    lines.append(("the same after a write changed one rule", f"{recompile_time:.1f} ms", "-", "-", "-", "-"))
    print("\n".join(_format_table(header, lines)))
    if not (all(ok for *_, ok in rows) and compiled_ok):
        sys.exit(1)


if __name__ == "__main__":
    main()
