"""What operators and automation rely on besides the API itself: ids, logs, HEAD, bad bytes, health, metrics, docs."""

import asyncio
import json
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from typing import Any

import pytest
from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.testing import TestClient

from api.app import create_app
from api.operations.logs import configure_logging
from api.settings import Settings
from tests.conftest import Tenant, execute, with_database

Client = TestClient[Litestar]


def _concrete(path: str) -> str:
    """A route template with each parameter filled in: ids that exist nowhere, a file that the docs page serves."""
    path = re.sub(r"\{[^}]*:path\}", "swagger-ui.css", path)
    return re.sub(r"\{([^}:]*)(:[^}]*)?\}", lambda match: f"no-such-{match[1]}", path)


def test_head_answers_every_get_route_as_get_does_without_a_body(app: Litestar, client: Client, tenant: Tenant) -> None:
    paths = sorted({route.path for route in app.routes if isinstance(route, HTTPRoute) and "GET" in route.methods})
    assert len(paths) > 20
    for path in paths:
        url = _concrete(path)
        got = client.get(url, headers=tenant.headers())
        head = client.head(url, headers=tenant.headers())
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        assert head.headers["content-type"] == got.headers["content-type"], url
        if path != "/metrics":  # the figures change between the two calls
            assert head.headers["content-length"] == str(len(got.content)), url


@pytest.mark.parametrize("text", [b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"ok \x80"])
def test_a_body_that_is_not_utf8_is_a_400_naming_the_body_on_both_apis(
    client: Client, tenant: Tenant, text: bytes
) -> None:
    headers = {**tenant.headers(), "Content-Type": "application/json"}
    public_body = b'{"name": "' + text + b'", "type": "LIVE"}'
    config_body = b'{"tracking_plan": {"display_name": "' + text + b'"}}'
    public = client.post("/tracking-plans", content=public_body, headers=headers)
    config = client.post(f"/v1beta/workspaces/{tenant.slug}/tracking-plans", content=config_body, headers=headers)

    assert public.status_code == 400, public.text
    [error] = public.json()["errors"]
    assert error["type"] == "bad-request" and error["field"] == "body"
    assert config.status_code == 400 and config.json()["code"] == 3
    assert config.json()["error"].startswith("body: ")


@pytest.mark.parametrize("path", ["/no-such-thing", "/schema/no-such-thing", "/schema/nope.json", "/docs/assets/nope"])
def test_every_404_is_the_envelope(client: Client, tenant: Tenant, path: str) -> None:
    answer = client.get(path, headers=tenant.headers())
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/json"
    assert answer.json()["errors"][0]["type"] == "not-found"


def test_a_long_url_is_a_414_in_the_envelope(client: Client, tenant: Tenant) -> None:
    answer = client.get("/tracking-plans?q=" + "a" * 9000, headers=tenant.headers())
    assert answer.status_code == 414
    assert answer.json()["errors"][0]["type"] == "uri-too-long"
    config = client.get(f"/v1beta/workspaces/{tenant.slug}/tracking-plans?q=" + "a" * 9000, headers=tenant.headers())
    assert config.status_code == 414 and config.json()["code"] == 3


def test_a_request_id_is_echoed_or_made_and_is_in_error_bodies(client: Client, tenant: Tenant) -> None:
    echoed = client.get("/tracking-plans/tp_none", headers={**tenant.headers(), "X-Request-Id": "job-42.step:7"})
    assert echoed.headers["X-Request-Id"] == "job-42.step:7"
    assert echoed.json()["requestId"] == "job-42.step:7"

    made = [client.get("/health").headers["X-Request-Id"] for _ in range(2)]
    assert made[0] != made[1] and all(re.fullmatch(r"[0-9a-f]{32}", made_id) for made_id in made)

    # an id that would garble a log line or a header is replaced, not echoed
    replaced = client.get("/health", headers={"X-Request-Id": "a b\tc" + "x" * 300})
    assert re.fullmatch(r"[0-9a-f]{32}", replaced.headers["X-Request-Id"])

    config = client.get("/v1beta/workspaces/no-such/tracking-plans", headers={**tenant.headers(), "X-Request-Id": "r1"})
    assert config.json()["requestId"] == "r1"


@pytest.fixture
def json_logs(database_url: str) -> Iterator[Client]:
    with TestClient(
        create_app(Settings(database_url=database_url, log_format="json")), raise_server_exceptions=False
    ) as c:
        yield c
    configure_logging("text", "INFO")


def test_one_json_log_line_per_request_without_secrets(
    json_logs: Client, tenant: Tenant, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    json_logs.get("/tracking-plans/tp_secretish", headers={**tenant.headers(), "X-Request-Id": "find-me"})
    json_logs.get("/health")

    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["message"] == "request"]
    assert [line["route"] for line in requests] == ["/tracking-plans/{trackingPlanId}", "/health"]
    first = requests[0]
    assert first["method"] == "GET" and first["status"] == 404 and first["request_id"] == "find-me"
    assert first["token_id"].startswith("tok_") and first["duration_ms"] >= 0
    assert requests[1]["token_id"] is None
    assert tenant.owner not in json.dumps(lines) and "tp_secretish" not in json.dumps(lines)


def test_health_ready_metrics_and_docs_need_no_token(client: Client) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/ready").json() == {"status": "ready"}
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    docs = client.get("/docs")
    assert docs.status_code == 200 and "SwaggerUIBundle" in docs.text
    # the page's scripts come from the service, not a CDN
    for asset in re.findall(r'(?:src|href)="([^"]+)"', docs.text):
        assert asset.startswith("/docs/assets/"), asset
        assert client.get(asset).status_code == 200


def _samples(text: str, name: str) -> dict[str, float]:
    return {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name)
    }


def test_metrics_count_requests_by_route_template_never_by_id(client: Client, tenant: Tenant) -> None:
    key = 'http_requests_total{method="GET",route="/tracking-plans/{trackingPlanId}",status="404"}'
    before = _samples(client.get("/metrics").text, "http_requests_total").get(key, 0)
    for _ in range(3):
        client.get("/tracking-plans/tp_private_id_123", headers=tenant.headers())
    client.request("BREW", "/coffee-pot-9876", headers=tenant.headers())

    text = client.get("/metrics").text
    assert _samples(text, "http_requests_total")[key] == before + 3
    assert "tp_private_id_123" not in text and "coffee-pot-9876" not in text and "BREW" not in text
    assert 'route="unmatched"' in text and 'method="OTHER"' in text
    assert "http_request_duration_seconds_bucket" in text
    assert "db_pool_connections_in_use" in text


@pytest.fixture
def limited(database_url: str) -> Iterator[Client]:
    settings = Settings(database_url=database_url, rate_limit=3, rate_limit_window=3600)
    with TestClient(create_app(settings), raise_server_exceptions=False) as limited_client:
        yield limited_client


def test_rate_limits_per_token_with_segments_headers(limited: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    answers = [limited.get("/tracking-plans", headers=tenant.headers()) for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert [answer.headers["X-RateLimit-Remaining"] for answer in answers] == ["2", "1", "0", "0"]
    assert {answer.headers["X-RateLimit-Limit"] for answer in answers} == {"3"}
    resets = {int(answer.headers["X-RateLimit-Reset"]) for answer in answers}
    assert len(resets) == 1 and resets.pop() % 3600 == 0
    refused = answers[-1]
    assert 1 <= int(refused.headers["Retry-After"]) <= 3600
    assert refused.json()["errors"][0] == {
        "type": "too-many-requests",
        "message": refused.json()["errors"][0]["message"],
        "status": 429,
    }
    config = limited.get(f"/v1beta/workspaces/{tenant.slug}/tracking-plans", headers=tenant.headers())
    assert config.status_code == 429 and config.json()["code"] == 8

    # another token of the same workspace, and another workspace, are not held back
    assert limited.get("/tracking-plans", headers=tenant.headers("reader")).status_code == 200
    assert limited.get("/tracking-plans", headers=other_tenant.headers()).status_code == 200


def test_one_version_number(client: Client) -> None:
    printed = subprocess.run(
        [sys.executable, "-m", "api", "--version"], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()[-1]
    document: dict[str, Any] = client.get("/schema/openapi.json").json()
    assert printed == document["info"]["version"] == version("tracking-plans")


def test_ready_is_503_while_a_migration_is_missing(server_dsn: str) -> None:
    name = f"tp_ready_{secrets.token_hex(4)}"
    asyncio.run(execute(server_dsn, f'CREATE DATABASE "{name}"'))
    try:
        dsn = with_database(server_dsn, name)
        with TestClient(create_app(Settings(database_url=dsn)), raise_server_exceptions=False) as fresh:
            assert fresh.get("/ready").status_code == 200
            asyncio.run(
                execute(
                    dsn, "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"
                )
            )
            answer = fresh.get("/ready")
            assert answer.status_code == 503 and int(answer.headers["Retry-After"]) >= 1
            [error] = answer.json()["errors"]
            assert error["type"] == "unavailable" and "migrate" in error["message"]
            assert fresh.get("/health").status_code == 200
    finally:
        asyncio.run(execute(server_dsn, f'DROP DATABASE "{name}" WITH (FORCE)'))
