"""A database outage: every call answers 503 with `Retry-After`, one log line each, and the service recovers alone."""

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests import serving
from tests.conftest import Tenant
from tests.proxy import CuttableProxy

pytestmark = pytest.mark.slow  # real processes: left out of make test-fast


@pytest.fixture
def proxy(database_url: str) -> Iterator[CuttableProxy]:
    parts = urlsplit(database_url)
    proxy = CuttableProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
    yield proxy
    proxy.stop()


def _calls(base: str, tenant: Tenant) -> list[httpx.Response]:
    """Calls that read or write the database (`GET /` answers from the token the worker remembers)."""
    auth = tenant.headers()
    return [
        httpx.get(f"{base}/tracking-plans", headers=auth),
        httpx.get(f"{base}/tracking-plans/tp_nosuch", headers=auth),
        httpx.post(f"{base}/tracking-plans", json={"name": "During the outage", "type": "LIVE"}, headers=auth),
    ]


def test_an_outage_answers_503_with_retry_after_and_the_service_recovers(
    database_url: str, tenant: Tenant, proxy: CuttableProxy, tmp_path: Path
) -> None:
    log_path = tmp_path / "service.log"
    with log_path.open("wb") as log:
        server, base = serving.start({"DATABASE_URL": proxy.dsn(database_url), "RETRY_AFTER": "3"}, stderr=log)
        try:
            assert httpx.get(f"{base}/tracking-plans", headers=tenant.headers()).status_code == 200
            lines_before = len(log_path.read_text().splitlines())

            proxy.cut()
            answers = [answer for _ in range(5) for answer in _calls(base, tenant)]
            config = httpx.get(f"{base}/v1beta/workspaces/{tenant.slug}/tracking-plans", headers=tenant.headers())
            ready = httpx.get(f"{base}/ready")
            alive = httpx.get(f"{base}/health")

            for answer in [*answers, ready]:
                assert answer.status_code == 503, answer.text
                assert answer.headers["Retry-After"] == "3"
                [error] = answer.json()["errors"]
                assert error["type"] == "unavailable" and error["status"] == 503
            assert config.status_code == 503 and config.json()["code"] == 14
            assert config.headers["Retry-After"] == "3"
            assert alive.status_code == 200, "liveness does not depend on the database"

            failed_requests = len(answers) + 2
            outage_lines = log_path.read_text().splitlines()[lines_before:]
            assert "Traceback" not in "\n".join(outage_lines)
            assert len([line for line in outage_lines if "status=503" in line]) == failed_requests
            others = [line for line in outage_lines if " request " not in line]
            # besides: asyncpg's attempts to reconnect its pool, with a backoff that doubles from 1 s to 60 s
            assert all("Failed to restore the pool connection floor" in line for line in others), others
            assert len(others) <= 4, others

            proxy.restore()
            deadline = time.monotonic() + 30
            while (answer := httpx.get(f"{base}/tracking-plans", headers=tenant.headers())).status_code != 200:
                assert answer.status_code == 503 and time.monotonic() < deadline, answer.text
                time.sleep(0.2)
            assert httpx.get(f"{base}/ready").status_code == 200
        finally:
            serving.stop(server)
