"""What the hand-written client costs over the generated one: a 1,000-rule upsert and a walk through 10,000 rules.

Run with `python -m tests.bench.client` (also part of `make bench`). One uvicorn worker serves on loopback; both
clients make the same calls (the generated one chaining `If-Match` by hand, 200 rules a call), in alternating
rounds so that drift in the machine's load falls on both. Each round of the upsert writes new rules into a new plan.
The figure is the median over BENCH_ROUNDS (default 10) rounds; the target is under 10% more than the generated client.
"""

import asyncio
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.api.rules import list_rules_from_tracking_plan, update_rules_in_tracking_plan
from tracking_plans_client.models import (
    JsonSchema,
    RulesChangeResponse,
    RulesResponse,
    RuleType,
    UpsertRule,
    UpsertRulesBody,
)

from tests.bench.database import fresh_database, server_dsn
from tests.bench.rules import SERVICE_APP, event_schema, workspace_token
from tests.bench.server import running_server
from tracking_plans import RuleInput, TrackingPlans

UPSERT_RULES = 1_000
LISTED_RULES = 10_000
BATCH = 200
TARGET_OVERHEAD = 0.10


def generated_upsert(low: AuthenticatedClient, plan_id: str, etag: str, schemas: list[dict[str, object]]) -> int:
    """The generated client's way: models built from dicts, a call per 200 rules, `If-Match` carried by hand."""
    created = 0
    for first in range(0, len(schemas), BATCH):
        rules = [
            UpsertRule(type_=RuleType.TRACK, key=f"Event {n:05d}", version=1, json_schema=JsonSchema.from_dict(schema))
            for n, schema in enumerate(schemas[first : first + BATCH], first)
        ]
        answer = update_rules_in_tracking_plan.sync_detailed(
            plan_id, client=low, body=UpsertRulesBody(rules=rules), if_match=etag
        )
        if not isinstance(answer.parsed, RulesChangeResponse):
            raise RuntimeError(f"upsert answered {answer.status_code}: {answer.content[:200]!r}")
        etag = answer.headers["ETag"]
        created += len(answer.parsed.data.created)
    return created


def high_upsert(client: TrackingPlans, plan_id: str, etag: str, schemas: list[dict[str, object]]) -> int:
    rules = [RuleInput("TRACK", f"Event {n:05d}", 1, schema) for n, schema in enumerate(schemas)]
    return len(client.rules.upsert(plan_id, rules, if_match=etag).created)


def generated_walk(low: AuthenticatedClient, plan_id: str) -> int:
    """Every rule of the plan through the generated client, following `next` by hand."""
    rules, cursor = [], None
    while True:
        page = list_rules_from_tracking_plan.sync(plan_id, client=low, paginationcount=BATCH, paginationcursor=cursor)
        if not isinstance(page, RulesResponse):
            raise RuntimeError(f"listing answered {page}")
        rules += page.data.rules
        if not (cursor := page.data.pagination.next_):
            return len(rules)


def high_walk(client: TrackingPlans, plan_id: str) -> int:
    return len(list(client.rules.list(plan_id)))


def timed(work: Callable[[], int], expected: int) -> float:
    """Seconds `work` took; the garbage of earlier rounds is collected first, so that neither client pays for it."""
    gc.collect()
    started = time.perf_counter()
    count = work()
    elapsed = time.perf_counter() - started
    if count != expected:
        raise RuntimeError(f"expected {expected} rules, got {count}")
    return elapsed


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "10"))
    schemas = [event_schema(n, 0) for n in range(UPSERT_RULES)]
    timings: dict[str, dict[str, list[float]]] = {
        "upsert": {"generated": [], "high": []},
        "walk": {"generated": [], "high": []},
    }
    with fresh_database(server_dsn()) as dsn:
        token = asyncio.run(workspace_token(dsn))
        headers = {"Authorization": f"Bearer {token}"}
        with (
            running_server(SERVICE_APP, "/", headers, {"DATABASE_URL": dsn}) as server,
            TrackingPlans(base_url=server.base_url, token=token, timeout=120) as client,
            AuthenticatedClient(base_url=server.base_url, token=token, timeout=120) as low,  # type: ignore[arg-type]
        ):
            big = client.plans.create("Walk")
            client.rules.upsert(
                big.id,
                [RuleInput("TRACK", f"Event {n:05d}", 1, schemas[n % UPSERT_RULES]) for n in range(LISTED_RULES)],
            )
            for round_number in range(rounds + 1):  # the first round warms up and is not counted
                order = ("generated", "high") if round_number % 2 else ("high", "generated")
                for who in order:
                    plan = client.plans.create(f"Upsert {round_number} {who}")
                    if who == "generated":
                        upsert = timed(partial(generated_upsert, low, plan.id, plan.etag, schemas), UPSERT_RULES)
                    else:
                        upsert = timed(partial(high_upsert, client, plan.id, plan.etag, schemas), UPSERT_RULES)
                    if round_number:
                        timings["upsert"][who].append(upsert)
            for round_number in range(rounds + 1):
                order = ("generated", "high") if round_number % 2 else ("high", "generated")
                for who in order:
                    if who == "generated":
                        walk = timed(partial(generated_walk, low, big.id), LISTED_RULES)
                    else:
                        walk = timed(partial(high_walk, client, big.id), LISTED_RULES)
                    if round_number:
                        timings["walk"][who].append(walk)
    print(f"\nThe hand-written client over the generated one, median of {rounds} rounds, one worker")
    print(f"{'case':<34} {'generated ms':>13} {'high ms':>9} {'overhead':>9} {'target':>8}  result")
    failed = False
    for case, label in (
        ("upsert", f"upsert {UPSERT_RULES:,} rules (5 calls)"),
        ("walk", f"list {LISTED_RULES:,} rules (50 pages)"),
    ):
        generated = statistics.median(timings[case]["generated"]) * 1000
        high = statistics.median(timings[case]["high"]) * 1000
        overhead = high / generated - 1
        verdict = "pass" if overhead < TARGET_OVERHEAD else "FAIL"
        failed |= verdict == "FAIL"
        target = f"<{TARGET_OVERHEAD:.0%}"
        print(f"{label:<34} {generated:>13.1f} {high:>9.1f} {overhead:>+9.1%} {target:>8}  {verdict}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
