"""Web view benchmark: each page's server time for a plan of 1,000 events (target < 100 ms a page).

Run with `python -m tests.bench.ui` (also part of `make bench`). One uvicorn worker serves on loopback; a
signed-in client asks for one page at a time, so a figure is the service's time for the page (session lookup,
reads, rendering). The plan has 1,000 TRACK events of 10 typed properties (a label each, one of ten), a source
that received 2,000 events with violations over 100 event names (so the debugger holds 100), and a rule changed
twice. A plan of 5,000 events is timed too, for the first page (no target: it must stay about as fast), and a
plan of 60 events of 1,000 properties each, whose page shows 50 properties per event and leaves out schemas over
20,000 characters (its size is the figure to watch), first as a whole and then with one event shown whole.
BENCH_ROUNDS (default 30) sets the requests per page.
"""

import asyncio
import base64
import html
import os
import re
import sys
import time
from typing import Any

import httpx
import msgspec

from tests.bench.database import fresh_database, server_dsn
from tests.bench.rules import BATCH, SERVICE_APP, Timing, event_schema, new_plan, timed, workspace_token
from tests.bench.server import running_server

PAGE_TARGET_MS = 100.0
EVENTS = 1_000
LARGE = 5_000
WIDE_EVENTS = 60
WIDE_PROPERTIES = 1_000
_CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


def add_rules(client: httpx.Client, plan: str, size: int, revision: int = 0) -> None:
    for first in range(0, size, BATCH):
        rules = [
            {
                "type": "TRACK",
                "key": f"Event {n:05d}",
                "version": 1,
                "jsonSchema": event_schema(n, revision),
                "labels": [{"key": "area", "value": f"a{n % 10}"}],
            }
            for n in range(first, min(size, first + BATCH))
        ]
        timed(lambda rules=rules: client.patch(f"/tracking-plans/{plan}/rules", json={"rules": rules}))


def add_wide_rules(client: httpx.Client, plan: str) -> None:
    """60 TRACK events of 1,000 string properties each (with a description), 10 a request."""
    properties = {f"prop_{n:04d}": {"type": "string", "description": f"Property {n}"} for n in range(WIDE_PROPERTIES)}
    schema = {"type": "object", "properties": {"properties": {"type": "object", "properties": properties}}}
    for first in range(0, WIDE_EVENTS, 10):
        rules = [
            {"type": "TRACK", "key": f"Wide {n:02d}", "version": 1, "jsonSchema": schema}
            for n in range(first, first + 10)
        ]
        answer = client.patch(f"/tracking-plans/{plan}/rules", json={"rules": rules})
        assert answer.status_code == 200, answer.text


def send_events(client: httpx.Client, write_key: str) -> None:
    """2,000 events of 100 names, each with violations (price a string, currency unknown)."""
    basic = {"Authorization": "Basic " + base64.b64encode(f"{write_key}:".encode()).decode()}
    for first in range(0, 2000, 500):
        batch = [
            {
                "type": "track",
                "event": f"Event {n % 100:05d}",
                "userId": f"user-{n}",
                "properties": {"sku": "SKU-1", "price": "12", "currency": "XXX"},
            }
            for n in range(first, first + 500)
        ]
        answer = client.post("/v1/batch", json={"batch": batch}, headers=basic)
        assert answer.status_code == 200, answer.text


def sign_in(browser: httpx.Client, token: str) -> None:
    form = browser.get("/ui/sign-in")
    csrf = html.unescape(_CSRF.search(form.text)[1])  # type: ignore[index]
    answer = browser.post("/ui/sign-in", data={"_csrf_token": csrf, "token": token, "next": ""})
    assert answer.status_code == 303, answer.text


def setup(api: httpx.Client) -> dict[str, Any]:
    plan = new_plan(api, "Bench web view")
    add_rules(api, plan, EVENTS)
    add_rules(api, plan, 1, revision=1)
    add_rules(api, plan, 1, revision=2)
    large = new_plan(api, "Bench web view, large")
    add_rules(api, large, LARGE)
    wide = new_plan(api, "Bench web view, wide")
    add_wide_rules(api, wide)
    source = api.post("/sources", json={"slug": "web", "enabled": True, "metadataId": "javascript"}).json()["data"]
    source_id = source["source"]["id"]
    assert api.post(f"/tracking-plans/{plan}/sources", json={"sourceId": source_id}).status_code == 200
    send_events(api, source["source"]["writeKeys"][0])
    time.sleep(1.5)  # the worker writes its counts once a second
    return {"plan": plan, "large": large, "wide": wide, "source": source_id}


def pages(made: dict[str, Any]) -> dict[str, str]:
    plan, source = made["plan"], made["source"]
    return {
        "plans": "/ui/plans",
        "plan, first page": f"/ui/plans/{plan}",
        "plan, last page": f"/ui/plans/{plan}?page=20",
        "plan, label filter": f"/ui/plans/{plan}?label=area:a3",
        "plan, text in every schema": f"/ui/plans/{plan}?q=shipping",
        "rule history": f"/ui/plans/{plan}/history?type=TRACK&key=Event%2000000&version=1",
        "violations, 7 days": f"/ui/plans/{plan}/violations?window=7d",
        "sources": "/ui/sources",
        "debugger": f"/ui/sources/{source}/debugger",
        "observed schema, 7 days": f"/ui/sources/{source}/schema?window=7d",
    }


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "30"))
    with fresh_database(server_dsn()) as dsn:
        token = asyncio.run(workspace_token(dsn))
        headers = {"Authorization": f"Bearer {token}"}
        with (
            running_server(SERVICE_APP, "/", headers, {"DATABASE_URL": dsn}) as server,
            httpx.Client(base_url=server.base_url, headers=headers, timeout=120) as api,
            httpx.Client(base_url=server.base_url, timeout=60) as browser,
        ):
            made = setup(api)
            sign_in(browser, token)
            timings: dict[str, tuple[Timing, int]] = {}
            for name, path in pages(made).items():
                size = len(browser.get(path).content)  # one untimed: caches warm, the page checked once
                timings[name] = (Timing.of([timed(lambda path=path: browser.get(path)) for _ in range(rounds)]), size)
            large = f"/ui/plans/{made['large']}"
            browser.get(large)
            large_timing = Timing.of([timed(lambda: browser.get(large)) for _ in range(rounds)])
            wide_pages = {
                f"{WIDE_EVENTS} x {WIDE_PROPERTIES:,} properties": f"/ui/plans/{made['wide']}",
                "the same, one event whole": f"/ui/plans/{made['wide']}?event=TRACK:Wide%2000",
            }
            wide_timings = {}
            for name, path in wide_pages.items():
                size = len(browser.get(path).content)
                wide_timings[name] = (
                    Timing.of([timed(lambda path=path: browser.get(path)) for _ in range(rounds)]),
                    size,
                )
    failed = any(timing.median_ms >= PAGE_TARGET_MS for timing, _ in timings.values())
    print(f"\nGET /ui pages, a plan of {EVENTS:,} events of 10 properties, {rounds} rounds, one worker")
    print(f"{'page':<28} {'median ms':>10} {'p90 ms':>8} {'KiB':>6} {'target':>8}  result")
    for name, (timing, size) in timings.items():
        verdict = "pass" if timing.median_ms < PAGE_TARGET_MS else "FAIL"
        print(
            f"{name:<28} {timing.median_ms:>10.1f} {timing.p90_ms:>8.1f} {size / 1024:>6.0f}"
            f" {'<' + str(PAGE_TARGET_MS):>8}  {verdict}"
        )
    print(f"{'plan of 5,000, first page':<28} {large_timing.median_ms:>10.1f} {large_timing.p90_ms:>8.1f}")
    for name, (timing, size) in wide_timings.items():
        print(f"{name:<28} {timing.median_ms:>10.1f} {timing.p90_ms:>8.1f} {size / 1024:>6.0f}")
    print(msgspec.json.encode({"load_average": os.getloadavg()}).decode())
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
