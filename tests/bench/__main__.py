"""`make bench`: requests per second of the service's reads, as a share of a lean reference's.

The reference (reference_app) reads the same rows with one asyncpg query and encodes them with msgspec, with no
authentication; the floor (baseline_app) answers a constant. All run in one uvicorn worker started with the same
flags, in a process of their own, and wrk loads them from another. Knobs, from the environment: BENCH_SECONDS
(per case, default 10), BENCH_WARMUP (seconds, default 2), BENCH_CONNECTIONS (default 4), BENCH_THREADS
(wrk's, default 1) and DATABASE_URL (the PostgreSQL server that gets a throwaway database; default 127.0.0.1:5432).
`BENCH_SECONDS=3 BENCH_WARMUP=1 make bench` is a quick look. Exits 1 when a case misses its target.
"""

import asyncio
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from api.domain.pagination import MAX_PAGE_SIZE
from tests.bench.cpu import busy_cores
from tests.bench.database import fresh_database, seed, server_dsn
from tests.bench.load import LoadSettings, Measurement, measure, require_wrk
from tests.bench.server import get_json, running_server

PLAN_COUNT = MAX_PAGE_SIZE + 50
"""More than a page, so the listing fetches a full page and hands out a `next` cursor."""
BASELINE_APP = "tests.bench.baseline_app:create_baseline_app"
REFERENCE_APP = "tests.bench.reference_app:create_reference_app"
SERVICE_APP = "api.app:app_from_env"
BUSY_MACHINE_CORES = 0.25
"""Work from other processes above this, before the run, makes the figures suspect."""


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    target: float | None
    """The least share of its reference's requests per second that passes; None for the references themselves."""
    reference: "Case | None" = None
    """The case this one is measured against."""


@dataclass(frozen=True)
class Row:
    case: Case
    result: Measurement
    ratio: float | None

    @property
    def passed(self) -> bool | None:
        if self.case.target is None or self.ratio is None:
            return None
        return self.ratio >= self.case.target


def load_settings() -> LoadSettings:
    env = os.environ
    return LoadSettings(
        seconds=int(env.get("BENCH_SECONDS", "10")),
        warmup_seconds=int(env.get("BENCH_WARMUP", "2")),
        connections=int(env.get("BENCH_CONNECTIONS", "4")),
        threads=int(env.get("BENCH_THREADS", "1")),
    )


def _measure(case: Case, base_url: str, headers: dict[str, str], settings: LoadSettings, pid: int) -> Measurement:
    print(f"measuring {case.name} ...", file=sys.stderr, flush=True)
    return measure(require_wrk(), base_url + case.path, headers, settings, pid)


def run(settings: LoadSettings) -> list[Row]:
    with fresh_database(server_dsn()) as dsn:
        seeded = asyncio.run(seed(dsn, PLAN_COUNT))
        # the baseline gets the same request headers, so both parse the same request
        headers = {"Authorization": f"Bearer {seeded.token}"}
        floor = Case("floor: constant JSON, no DB", "/", target=None)
        reference_get = Case("reference: one plan, 1 query", f"/plans/{seeded.plan_id}", target=None)
        reference_list = Case(f"reference: {MAX_PAGE_SIZE} plans, 1 query", "/plans", target=None)
        get_plan = Case(
            "GET /tracking-plans/{id}", f"/tracking-plans/{seeded.plan_id}", target=0.9, reference=reference_get
        )
        list_plans = Case(
            f"GET /tracking-plans?pagination[count]={MAX_PAGE_SIZE}",
            f"/tracking-plans?pagination%5Bcount%5D={MAX_PAGE_SIZE}",
            target=0.8,
            reference=reference_list,
        )
        results: dict[str, Measurement] = {}
        with running_server(BASELINE_APP, floor.path, headers, env={}) as server:
            results[floor.name] = _measure(floor, server.base_url, headers, settings, server.pid)
        with running_server(REFERENCE_APP, reference_get.path, headers, env={"DATABASE_URL": dsn}) as server:
            for case in (reference_get, reference_list):
                results[case.name] = _measure(case, server.base_url, headers, settings, server.pid)
        # the service's own limits would refuse a load test: its rate limit is left off here
        service_env = {"DATABASE_URL": dsn, "RATE_LIMIT": "0", "LOG_LEVEL": "WARNING"}
        with running_server(SERVICE_APP, get_plan.path, headers, env=service_env) as server:
            listed = get_json(server.base_url + list_plans.path, headers)["data"]["trackingPlans"]
            if len(listed) != MAX_PAGE_SIZE:
                raise RuntimeError(f"the listing answered {len(listed)} plans, not {MAX_PAGE_SIZE}")
            for case in (get_plan, list_plans):
                results[case.name] = _measure(case, server.base_url, headers, settings, server.pid)
    floor_rps = results[floor.name].requests_per_s
    rows = []
    for case in (floor, reference_get, reference_list, get_plan, list_plans):
        result = results[case.name]
        against = results[case.reference.name].requests_per_s if case.reference else floor_rps
        rows.append(Row(case, result, ratio=result.requests_per_s / against))
    return rows


def _format_table(header: tuple[str, ...], lines: Sequence[tuple[str, ...]]) -> list[str]:
    """The first column left-aligned, the others right-aligned, under a rule."""
    widths = [max(len(line[column]) for line in [header, *lines]) for column in range(len(header))]

    def format_line(cells: tuple[str, ...]) -> str:
        first, *others = zip(cells, widths, strict=True)
        return "  ".join([first[0].ljust(first[1]), *(cell.rjust(width) for cell, width in others)])

    return [format_line(header), format_line(tuple("-" * width for width in widths)), *map(format_line, lines)]


def print_table(rows: list[Row], settings: LoadSettings) -> None:
    print(
        f"\nOne uvicorn worker (uvloop, httptools) on 127.0.0.1; wrk {settings.threads} thread(s) x "
        f"{settings.connections} connections, {settings.seconds} s per case after {settings.warmup_seconds} s "
        f"of warm-up; {os.cpu_count()} CPUs, Python {platform.python_version()}; {PLAN_COUNT} plans seeded.\n"
    )
    header = ("case", "req/s", "p50 ms", "p99 ms", "CPU us/req", "ratio", "target", "result")
    lines = [
        (
            row.case.name,
            f"{row.result.requests_per_s:,.0f}",
            f"{row.result.p50_ms:.2f}",
            f"{row.result.p99_ms:.2f}",
            "-" if row.result.server_cpu_us is None else f"{row.result.server_cpu_us:.0f}",
            "-" if row.ratio is None else f"{row.ratio:.0%}",
            "-" if row.case.target is None else f">= {row.case.target:.0%}",
            {None: "-", True: "pass", False: "FAIL"}[row.passed],
        )
        for row in rows
    ]
    print("\n".join(_format_table(header, lines)))
    print(
        "\nratio: req/s as a share of the reference's that reads the same rows (for the service's reads), or of the "
        "floor's (for the references), measured in the same run. "
        "CPU us/req: the uvicorn worker's CPU time per request."
    )


def main() -> None:
    require_wrk()
    settings = load_settings()
    busy = busy_cores()
    if busy is not None and busy > BUSY_MACHINE_CORES:
        print(f"warning: other processes keep {busy:.1f} CPUs busy; the figures will be low", file=sys.stderr)
    rows = run(settings)
    print_table(rows, settings)
    if any(row.passed is False for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
