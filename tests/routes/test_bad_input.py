"""Bad input of every kind gets the right 4xx in the error envelope and changes nothing."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import assert_error

Client = TestClient[Litestar]


def plan_count(client: Client, tenant: Tenant) -> int:
    return int(data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"])


@pytest.fixture
def plan(client: Client, tenant: Tenant) -> dict[str, Any]:
    body = {"name": "Existing", "description": "as created", "type": "LIVE"}
    return dict(data(client.post("/tracking-plans", json=body, headers=tenant.headers()))["trackingPlan"])


@pytest.mark.parametrize(
    "raw", [b'{"name": "x", "type": "LIVE"', b"{name: x}", b"", b"\xff\xfe", b'{"name": "x", "type": "LIVE"}garbage']
)
def test_malformed_json_is_400(client: Client, tenant: Tenant, raw: bytes) -> None:
    headers = {**tenant.headers(), "Content-Type": "application/json"}

    error = assert_error(client.post("/tracking-plans", content=raw, headers=headers), 400)

    assert error["type"] == "bad-request"
    assert plan_count(client, tenant) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": 5, "type": "LIVE"}, "name"),
        ({"name": None, "type": "LIVE"}, "name"),
        ({"name": ["x"], "type": "LIVE"}, "name"),
        ({"name": "x", "type": "live"}, "type"),
        ({"name": "x", "type": 1}, "type"),
        ({"name": "x", "type": "LIVE", "description": 7}, "description"),
        ({"name": "x", "type": "LIVE", "description": {"a": 1}}, "description"),
        ({"name": "x", "type": "LIVE", "workspaceId": "ws_other"}, "workspaceId"),
        ({"name": "x"}, "type"),
        ({"type": "LIVE"}, "name"),
        ({"name": "", "type": "LIVE"}, "name"),
        ({"name": "   ", "type": "LIVE"}, "name"),
        ({"name": "x" * 10_000, "type": "LIVE"}, "name"),
        ({"name": "nul\u0000byte", "type": "LIVE"}, "name"),
        ({"name": "x", "type": "LIVE", "description": "nul\u0000byte"}, "description"),
        ({"name": "x", "type": "LIVE", "description": "d" * 10_000}, "description"),
    ],
)
def test_invalid_create_bodies_are_422_naming_the_field(
    client: Client, tenant: Tenant, body: dict[str, Any], field: str
) -> None:
    assert_error(client.post("/tracking-plans", json=body, headers=tenant.headers()), 422, field)

    assert plan_count(client, tenant) == 0


@pytest.mark.parametrize("body", [[], None, "plan", 42, [{"name": "x", "type": "LIVE"}]])
def test_bodies_that_are_not_objects_are_refused(client: Client, tenant: Tenant, body: Any) -> None:
    response = client.post("/tracking-plans", json=body, headers=tenant.headers())

    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)
    assert plan_count(client, tenant) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": 5}, "name"),
        ({"name": ""}, "name"),
        ({"name": "y" * 10_000}, "name"),
        ({"description": False}, "description"),
        ({"type": "RULE_LIBRARY"}, "type"),
        ({"slug": "mine"}, "slug"),
    ],
)
def test_invalid_updates_are_422_and_change_nothing(
    client: Client, tenant: Tenant, plan: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    url = f"/tracking-plans/{plan['id']}"

    assert_error(client.patch(url, json=body, headers=tenant.headers()), 422, field)

    response = client.get(url, headers=tenant.headers())
    assert data(response)["trackingPlan"] == plan
    assert response.headers["ETag"] == '"1"'


@pytest.mark.parametrize("plan_id", ["tp_doesnotexist000000000000", "rs_x", "x" * 100])
def test_unknown_ids_are_404(client: Client, tenant: Tenant, plan_id: str) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        body = {"name": "x"} if method == "PATCH" else None
        response = client.request(method, f"/tracking-plans/{plan_id}", json=body, headers=tenant.headers())
        assert_error(response, 404)


@pytest.mark.parametrize("plan_id", ["%00", "tp%20x", "x" * 101, "tp_%C3%A9", "..%2F"])
def test_ids_that_cannot_be_ids_are_422(client: Client, tenant: Tenant, plan_id: str) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        body = {"name": "x"} if method == "PATCH" else None
        response = client.request(method, f"/tracking-plans/{plan_id}", json=body, headers=tenant.headers())
        assert response.status_code in (404, 422)
        assert_error(response, response.status_code)


@pytest.mark.parametrize("value", ["0", "-1", "201", "abc", "1.5", ""])
@pytest.mark.parametrize("name", ["pagination[count]", "pagination.count"])
def test_page_counts_out_of_range_are_422(client: Client, tenant: Tenant, name: str, value: str) -> None:
    response = client.get("/tracking-plans", params={name: value}, headers=tenant.headers())

    assert_error(response, 422, name)


@pytest.mark.parametrize(
    "cursor",
    [
        "forged",
        "eyJkaXJlY3Rpb24iOiJ1cCJ9",  # {"direction":"up"}
        "eyJkaXJlY3Rpb24iOiJhZnRlciJ9",  # {"direction":"after"} without a position
        "e30",  # {} is the first page: fine
        # {"direction":"after","position":["2020-01-01T00:00:00Z","\u0000"]}
        "eyJkaXJlY3Rpb24iOiJhZnRlciIsInBvc2l0aW9uIjpbIjIwMjAtMDEtMDFUMDA6MDA6MDBaIiwiXHUwMDAwIl19",
        "%%%",
        "x" * 501,
    ],
)
def test_forged_cursors_are_refused(client: Client, tenant: Tenant, plan: dict[str, Any], cursor: str) -> None:
    response = client.get("/tracking-plans", params={"pagination[cursor]": cursor}, headers=tenant.headers())

    if cursor == "e30":
        assert data(response)["trackingPlans"] == [plan]
    else:
        assert response.status_code in (400, 422)
        assert_error(response, response.status_code, "pagination[cursor]")


@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token tps_x", "Bearer a b", "Bearer tps_unknown", "tps_x"],
)
def test_missing_or_bad_authorization_is_401(client: Client, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}

    for method, path in (("GET", "/"), ("GET", "/tracking-plans"), ("POST", "/tracking-plans"), ("GET", "/tokens")):
        response = client.request(method, path, headers=headers, json={"name": "x", "type": "LIVE"})
        error = assert_error(response, 401, "Authorization")
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert "tps_" not in error["message"]


def test_body_over_4_mib_is_413_before_parsing(client: Client, tenant: Tenant) -> None:
    huge = b'{"name": "' + b"x" * (4 * 1024 * 1024) + b'", "type": "LIVE"}'
    headers = {**tenant.headers(), "Content-Type": "application/json"}

    assert_error(client.post("/tracking-plans", content=huge, headers=headers), 413)

    assert plan_count(client, tenant) == 0


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_non_json_content_type_is_415(client: Client, tenant: Tenant, content_type: str) -> None:
    headers = {**tenant.headers(), "Content-Type": content_type}

    response = client.post("/tracking-plans", content=b'{"name": "x", "type": "LIVE"}', headers=headers)

    assert_error(response, 415)
    assert plan_count(client, tenant) == 0


def test_unknown_routes_and_methods_answer_the_envelope(client: Client, tenant: Tenant) -> None:
    assert_error(client.get("/no-such-thing", headers=tenant.headers()), 404)
    assert_error(client.get("/no-such-thing"), 404)
    assert_error(client.put("/tracking-plans", json={}, headers=tenant.headers()), 405)


def test_stale_or_garbage_if_match_is_412(client: Client, tenant: Tenant, plan: dict[str, Any]) -> None:
    url = f"/tracking-plans/{plan['id']}"
    for if_match in ('"2"', 'W/"0"', "banana", '"-1"'):
        headers = {**tenant.headers(), "If-Match": if_match}
        assert_error(client.patch(url, json={"name": "x"}, headers=headers), 412, "If-Match")
        assert_error(client.delete(url, headers=headers), 412, "If-Match")
    for if_match in ('"1"', "1", 'W/"1"', "*"):
        headers = {**tenant.headers(), "If-Match": if_match}
        assert client.get(url, headers=headers).status_code == 200
    assert data(client.get(url, headers=tenant.headers()))["trackingPlan"] == plan


def test_overlong_idempotency_key_is_422(client: Client, tenant: Tenant) -> None:
    headers = {**tenant.headers(), "Idempotency-Key": "k" * 256}

    response = client.post("/tracking-plans", json={"name": "x", "type": "LIVE"}, headers=headers)

    assert_error(response, 422, "Idempotency-Key")
    assert plan_count(client, tenant) == 0
