"""Several worker processes against one database, as `python -m api serve --workers N` runs them."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from api.operations.token_cache import TOKEN_CACHE_SECONDS
from tests.conftest import Tenant

pytestmark = pytest.mark.slow
"""Starts processes of its own: `make test` runs it, `make test-fast` leaves it out."""

WORKERS = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(database_url: str, tenant: Tenant) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "api", "serve", "--port", str(port), "--workers", str(WORKERS)]
    base = f"http://127.0.0.1:{port}"
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as server:
        yield from _until_stopped(server, base, tenant)


def _until_stopped(server: "subprocess.Popen[bytes]", base: str, tenant: Tenant) -> Iterator[str]:
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/", headers=tenant.headers(), timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"the service did not start: {server.stderr.read() if server.stderr else ''}")
            time.sleep(0.1)
        yield base
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_every_worker_refuses_a_revoked_token_within_a_second(served: str, tenant: Tenant) -> None:
    issued = httpx.post(
        f"{served}/tokens", json={"name": "short-lived", "role": "PROTOCOLS_ADMIN"}, headers=tenant.headers()
    )
    token = issued.json()["data"]["token"]
    bearer = {"Authorization": f"Bearer {token['secret']}"}
    # a fresh connection per request, so the requests spread over the workers
    assert {httpx.get(f"{served}/tracking-plans", headers=bearer).status_code for _ in range(30)} == {200}

    assert httpx.delete(f"{served}/tokens/{token['id']}", headers=tenant.headers()).status_code == 200
    # each worker trusts what it read of a token for TOKEN_CACHE_SECONDS, counted from before its query
    time.sleep(TOKEN_CACHE_SECONDS)

    assert {httpx.get(f"{served}/tracking-plans", headers=bearer).status_code for _ in range(24)} == {401}
    assert httpx.get(f"{served}/tracking-plans", headers=tenant.headers()).status_code == 200
