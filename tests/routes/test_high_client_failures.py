"""The hand-written client when things go wrong: bad set-up, no server, slow or foreign answers, 429 and 503."""

import socket
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import Tenant
from tracking_plans import (
    ApiError,
    ConfigurationError,
    ConnectionFailed,
    InvalidAnswer,
    NotFound,
    RateLimited,
    ServerError,
    Timeout,
    TrackingPlans,
)

PLAN = {
    "id": "tp_1",
    "resourceSchemaId": "rs_1",
    "name": "Checkout",
    "slug": "checkout",
    "description": None,
    "type": "LIVE",
    "createdAt": "2026-11-30T00:00:00Z",
    "updatedAt": "2026-11-30T00:00:00Z",
}


def scripted(answers: list[httpx.Response], seen: list[httpx.Request]) -> httpx.MockTransport:
    """A transport answering `answers` in turn and recording each request."""

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answers[len(seen) - 1]

    return httpx.MockTransport(handle)


def client_with(answers: list[httpx.Response], seen: list[httpx.Request], **options: object) -> TrackingPlans:
    client = TrackingPlans(base_url="http://plans.test", token="tps_x", transport=scripted(answers, seen), **options)
    client._transport.sleep = lambda seconds: waits.append(seconds)
    return client


waits: list[float] = []


@pytest.fixture(autouse=True)
def _no_waits() -> Iterator[None]:
    waits.clear()
    yield


@pytest.mark.parametrize(
    ("base_url", "says"),
    [
        ("127.0.0.1:8000", "needs a scheme"),
        ("ftp://127.0.0.1", "needs a scheme"),
        ("http://127.0.0.1:8000/tracking-plans", "has a path"),
        ("", "No base URL"),
    ],
)
def test_a_base_url_the_client_cannot_use_is_refused_naming_it(base_url: str, says: str) -> None:
    with pytest.raises(ConfigurationError, match=says) as refused:
        TrackingPlans(base_url=base_url, token="tps_x")
    assert base_url in str(refused.value)


def test_the_url_and_token_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, live_server: str, tenant: Tenant
) -> None:
    monkeypatch.delenv("TRACKING_PLANS_TOKEN", raising=False)
    monkeypatch.setenv("TRACKING_PLANS_URL", live_server + "/")
    with pytest.raises(ConfigurationError, match="TRACKING_PLANS_TOKEN"):
        TrackingPlans()
    monkeypatch.setenv("TRACKING_PLANS_TOKEN", tenant.reader)
    with TrackingPlans() as client:
        assert client.workspace.get().slug == tenant.slug


def test_a_refused_connection_names_the_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    with (
        TrackingPlans(base_url=f"http://127.0.0.1:{port}", token="tps_x") as client,
        pytest.raises(ConnectionFailed) as failed,
    ):
        client.plans.get("tp_1")
    assert failed.value.url == f"http://127.0.0.1:{port}/tracking-plans/tp_1" and "GET" in str(failed.value)


def test_a_server_that_never_answers_is_a_timeout() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        client = TrackingPlans(base_url=f"http://127.0.0.1:{port}", token="tps_x", timeout=0.2)
        with client, pytest.raises(Timeout) as late:
            list(client.plans.list())
    assert f"127.0.0.1:{port}/tracking-plans" in str(late.value)


@pytest.mark.parametrize(
    ("answer", "error", "says"),
    [
        (httpx.Response(200, html="<html>Sign in</html>"), InvalidAnswer, "text/html"),
        (httpx.Response(200), InvalidAnswer, "an empty body"),
        (httpx.Response(200, json={"hello": "world"}), InvalidAnswer, "not what the API documents"),
        (httpx.Response(502, html="<h1>Bad Gateway</h1>"), ServerError, "Bad Gateway"),
        (httpx.Response(404, text="not here"), NotFound, "not the API's error JSON"),
        (httpx.Response(418, json={"errors": [{"type": "teapot", "message": "no", "status": 418}]}), ApiError, "no"),
    ],
)
def test_answers_that_are_not_the_apis_are_clear_errors(answer: httpx.Response, error: type, says: str) -> None:
    seen: list[httpx.Request] = []
    with client_with([answer], seen) as client, pytest.raises(error, match=says) as raised:
        client.plans.get("tp_1")
    assert "http://plans.test/tracking-plans/tp_1" in str(raised.value)


def test_429_and_503_are_retried_as_retry_after_says_and_creates_keep_their_idempotency_key() -> None:
    seen: list[httpx.Request] = []
    answers = [
        httpx.Response(
            429, headers={"Retry-After": "2"}, json={"errors": [{"type": "x", "message": "slow", "status": 429}]}
        ),
        httpx.Response(
            503, headers={"Retry-After": "1"}, json={"errors": [{"type": "x", "message": "db", "status": 503}]}
        ),
        httpx.Response(200, json={"data": {"trackingPlan": PLAN}}, headers={"ETag": '"1"'}),
    ]
    with client_with(answers, seen) as client:
        plan = client.plans.create("Checkout")
    assert plan.id == "tp_1" and plan.etag == '"1"' and waits == [2.0, 1.0]
    keys = {request.headers["Idempotency-Key"] for request in seen}
    assert len(seen) == 3 and len(keys) == 1 and all(keys)


def test_retries_stop_at_the_maximum_and_nothing_else_is_retried() -> None:
    limited = httpx.Response(
        429, headers={"Retry-After": "3"}, json={"errors": [{"type": "rate", "message": "slow", "status": 429}]}
    )
    seen: list[httpx.Request] = []
    with client_with([limited] * 3, seen, max_retries=2) as client, pytest.raises(RateLimited) as raised:
        client.plans.get("tp_1")
    assert (len(seen), raised.value.retry_after, waits) == (3, 3.0, [3.0, 3.0])

    seen.clear()
    failing = httpx.Response(500, json={"errors": [{"type": "server", "message": "boom", "status": 500}]})
    with client_with([failing], seen) as client, pytest.raises(ServerError):
        client.plans.get("tp_1")
    assert len(seen) == 1 and "Idempotency-Key" not in seen[0].headers

    seen.clear()
    waits.clear()
    too_long = httpx.Response(429, headers={"Retry-After": "600"}, json={"errors": []})
    with client_with([too_long], seen, max_retry_wait=60) as client, pytest.raises(RateLimited) as raised:
        client.plans.get("tp_1")
    assert (len(seen), raised.value.retry_after, waits) == (1, 600.0, [])


def test_a_page_without_next_or_with_next_null_is_the_last() -> None:
    def page(items: list[dict[str, object]], **pagination: object) -> httpx.Response:
        return httpx.Response(
            200, json={"data": {"trackingPlans": items, "pagination": {"totalEntries": 3, **pagination}}}
        )

    seen: list[httpx.Request] = []
    answers = [page([PLAN, PLAN], current="a", next="b"), page([PLAN])]
    with client_with(answers, seen) as client:
        assert len(list(client.plans.list(page_size=2))) == 3
    assert seen[1].url.params["pagination[cursor]"] == "b"
    seen.clear()
    with client_with([page([PLAN], next=None, previous=None)], seen) as client:
        assert len(list(client.plans.list())) == 1 and len(seen) == 1
    odd = httpx.Response(200, json={"data": {"rules": [{}]}})
    with client_with([odd], []) as client, pytest.raises(InvalidAnswer, match="KeyError"):
        list(client.rules.list("tp_1"))
