"""A worker stopped by SIGTERM or SIGINT writes what it counted first: events it answered 200 are not lost."""

import asyncio
import base64
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import pytest

from tests.conftest import Tenant, create_tenant

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def _add_source(dsn: str, tenant: Tenant, write_key: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(
            "INSERT INTO sources (workspace_id, source_id, slug, name, enabled, metadata_id, write_key) "
            "VALUES ($1, 'src_stop', 'stop', 'Stop', true, 'http-api', $2)",
            tenant.id,
            write_key,
        )
    finally:
        await conn.close()


async def _received(dsn: str, tenant: Tenant) -> int:
    conn = await asyncpg.connect(dsn)
    try:
        found = await conn.fetchval(
            "SELECT coalesce(sum(received), 0) FROM event_deliveries "
            "WHERE workspace_id = $1 AND source_id = 'src_stop'",
            tenant.id,
        )
        return int(found)
    finally:
        await conn.close()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_worker_writes_its_counts(database_url: str, stop: signal.Signals) -> None:
    tenant = asyncio.run(create_tenant(database_url))
    write_key = f"wk-stop-{tenant.id}"
    asyncio.run(_add_source(database_url, tenant, write_key))
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.app:app_from_env",
        "--factory",
        f"--port={port}",
        "--lifespan=on",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=PROJECT_ROOT, env={**os.environ, "DATABASE_URL": database_url})
    try:
        auth = {"Authorization": "Basic " + base64.b64encode(f"{write_key}:".encode()).decode()}
        batch = {
            "batch": [{"type": "track", "event": "Stopped", "userId": "u", "messageId": f"m-{n}"} for n in range(7)]
        }
        deadline = time.monotonic() + 30
        while True:
            try:
                answer = httpx.post(f"http://127.0.0.1:{port}/v1/batch", json=batch, headers=auth, timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "the service did not start"
                time.sleep(0.1)
        assert answer.status_code == 200

        server.send_signal(stop)
        # uvicorn shuts down gracefully, then raises the signal again so the exit says what stopped it
        assert server.wait(timeout=30) in (0, -stop)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    assert asyncio.run(_received(database_url, tenant)) == 7
