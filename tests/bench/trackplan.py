"""`trackplan` on a 1,000-rule plan: pull, a diff with no changes, apply of 1,000 new rules; offline validate of
100,000 JSON Lines events.

Run with `python -m tests.bench.trackplan` (also part of `make bench`). One uvicorn worker serves on loopback; the
commands run in this process (`tracking_plans.cli.main`), so Python's start-up is not counted. Each figure is the
median over BENCH_ROUNDS (default 5) rounds; each apply round writes into a new plan. Targets (issue 17): pull, diff
under 1 s; apply of 1,000 new rules (5 batches, lint included) under 3 s; validate at least 30,000 events per second.
"""

import asyncio
import contextlib
import io
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

from tests.bench.database import fresh_database, server_dsn
from tests.bench.rules import SERVICE_APP, event_schema, workspace_token
from tests.bench.server import running_server
from tracking_plans import RuleInput, TrackingPlans
from tracking_plans.cli import main as trackplan

RULES = 1_000
EVENTS = 100_000


def run(*args: str) -> float:
    """Seconds one `trackplan` command took; raises when it failed."""
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = trackplan(list(args))
    elapsed = time.perf_counter() - started
    if code != 0:
        raise RuntimeError(f"trackplan {' '.join(args)} exited {code}: {err.getvalue()[-500:]}")
    return elapsed


def events_file(path: Path) -> Path:
    """100,000 events of the plan's first ten events, one in ten with a violation."""
    good = {"sku": "AB-1234", "price": 9.5, "currency": "EUR", "quantity": 2, "shipping": {"city": "Oslo"}}
    lines = []
    for n in range(EVENTS):
        properties = dict(good, price="9.5") if n % 10 == 0 else good
        event = {"type": "track", "event": f"Event {n % 10:05d}", "userId": f"u{n}", "properties": properties}
        lines.append(json.dumps(event))
    path.write_text("\n".join(lines) + "\n")
    return path


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    schemas = [event_schema(n, 0) for n in range(RULES)]
    timings: dict[str, list[float]] = {"pull": [], "diff": [], "apply": [], "validate": []}
    work = Path(tempfile.mkdtemp(prefix="trackplan-bench-"))
    try:
        with fresh_database(server_dsn()) as dsn:
            token = asyncio.run(workspace_token(dsn))
            headers = {"Authorization": f"Bearer {token}"}
            with (
                running_server(SERVICE_APP, "/", headers, {"DATABASE_URL": dsn}) as server,
                TrackingPlans(base_url=server.base_url, token=token, timeout=120) as client,
            ):
                server_args = ["--url", server.base_url, "--token", token]
                plan = client.plans.create("Pulled")
                rules = [RuleInput("TRACK", f"Event {n:05d}", 1, schemas[n]) for n in range(RULES)]
                client.rules.upsert(plan.id, rules, if_match=plan.etag)
                for round_number in range(rounds + 1):  # the first round warms up and is not counted
                    pulled = work / f"pulled-{round_number}"
                    pull = run(*server_args, "pull", plan.id, "--dir", str(pulled))
                    diff = run(*server_args, "diff", str(pulled), "--exit-code")
                    new = work / f"new-{round_number}" / "plan"
                    shutil.copytree(pulled / "pulled" / "rules", new / "rules")
                    (new / "plan.yaml").write_text(yaml.safe_dump({"name": f"Applied {round_number}"}))
                    apply = run(*server_args, "apply", str(new), "--yes")
                    if round_number:
                        timings["pull"].append(pull)
                        timings["diff"].append(diff)
                        timings["apply"].append(apply)
                events = events_file(work / "events.jsonl")
                offline = work / "pulled-0" / "pulled"
                for round_number in range(rounds + 1):
                    started = time.perf_counter()
                    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                        code = trackplan(["validate", str(events), "--plan", str(offline), "--format", "json"])
                    elapsed = time.perf_counter() - started
                    if code != 1:  # one event in ten has a violation
                        raise RuntimeError(f"validate exited {code}")
                    if round_number:
                        timings["validate"].append(elapsed)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\ntrackplan, median of {rounds} rounds, one worker on loopback")
    print(f"{'case':<44} {'median':>12} {'target':>14}  result")
    failed = False
    for case, label, target in (
        ("pull", f"pull a plan of {RULES:,} rules", 1.0),
        ("diff", f"diff {RULES:,} rules, no changes", 1.0),
        ("apply", f"apply {RULES:,} new rules (5 batches)", 3.0),
    ):
        median = statistics.median(timings[case])
        verdict = "pass" if median < target else "FAIL"
        failed |= verdict == "FAIL"
        print(f"{label:<44} {median * 1000:>9.0f} ms {'< ' + str(int(target * 1000)) + ' ms':>14}  {verdict}")
    rate = EVENTS / statistics.median(timings["validate"])
    verdict = "pass" if rate >= 30_000 else "FAIL"
    failed |= verdict == "FAIL"
    print(
        f"{f'validate {EVENTS:,} events offline (JSON Lines)':<44} {rate:>8,.0f} ev/s {'>= 30,000 ev/s':>14}  {verdict}"
    )
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
