"""Config API benchmark: reading a plan of 2,000 event rules as one v1beta document.

Run with `python -m tests.bench.config_api` (also part of `make bench`). One uvicorn worker serves
on loopback; reads go one at a time from this process, so the figure is the service's latency,
token lookup and rule read included. For comparison, the same plan's rules read through the
Public API, 200 a page (ten pages), in the same run. BENCH_ROUNDS (default 30) sets the reads.
"""

import asyncio
import os
import sys

import httpx

from tests.bench.copies import source_plan
from tests.bench.database import fresh_database, server_dsn
from tests.bench.rules import BATCH, SERVICE_APP, Timing, timed, workspace_token
from tests.bench.server import running_server

DOCUMENT_TARGET_MS = 50.0
EVENTS = 2_000


def bench_document(client: httpx.Client, rounds: int) -> tuple[Timing, Timing, int]:
    plan = source_plan(client, EVENTS)
    resource_id = client.get(f"/tracking-plans/{plan}").json()["data"]["trackingPlan"]["resourceSchemaId"]
    url = f"/v1beta/workspaces/bench/tracking-plans/{resource_id}"
    first = client.get(url)
    assert len(first.json()["rules"]["events"]) == EVENTS, first.text[:200]
    documents = Timing.of([timed(lambda: client.get(url)) for _ in range(rounds)])

    def all_pages() -> httpx.Response:
        cursor, response = None, None
        while True:
            params = {"pagination[count]": BATCH, **({"pagination[cursor]": cursor} if cursor else {})}
            response = client.get(f"/tracking-plans/{plan}/rules", params=params)
            if not (cursor := response.json()["data"]["pagination"].get("next")):
                return response

    pages = Timing.of([timed(all_pages) for _ in range(max(3, rounds // 3))])
    return documents, pages, len(first.content)


def main() -> None:
    rounds = int(os.environ.get("BENCH_ROUNDS", "30"))
    with fresh_database(server_dsn()) as dsn:
        token = asyncio.run(workspace_token(dsn))
        headers = {"Authorization": f"Bearer {token}"}
        with (
            running_server(SERVICE_APP, "/", headers, {"DATABASE_URL": dsn}) as server,
            httpx.Client(base_url=server.base_url, headers=headers, timeout=120) as client,
        ):
            documents, pages, size = bench_document(client, rounds)
    verdict = "pass" if documents.median_ms < DOCUMENT_TARGET_MS else "FAIL"
    print(f"\nGET /v1beta/…/tracking-plans/{{rs_id}}: one document of {EVENTS} events ({size // 1024} KiB), one worker")
    print(f"{'read':<36} {'median ms':>10} {'p90 ms':>8} {'target':>8}  result")
    target = f"<{DOCUMENT_TARGET_MS}"
    print(f"{'v1beta document':<36} {documents.median_ms:>10.1f} {documents.p90_ms:>8.1f} {target:>8}  {verdict}")
    print(f"{'Public API rules, 10 pages of 200':<36} {pages.median_ms:>10.1f} {pages.p90_ms:>8.1f} {'':>8}  -")
    if verdict == "FAIL":
        sys.exit(1)


if __name__ == "__main__":
    main()
