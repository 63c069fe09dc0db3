"""Tracking plans through the Public API, as a client sees them."""

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data

Client = TestClient[Litestar]


def create_plan(client: Client, tenant: Tenant, name: str = "Checkout", **extra: object) -> dict:
    body = {"name": name, "type": "LIVE", **extra}
    return data(client.post("/tracking-plans", json=body, headers=tenant.headers()))["trackingPlan"]


def test_create_then_get_answers_the_stored_plan(client: Client, tenant: Tenant) -> None:
    created = create_plan(client, tenant, "Checkout Flow (v2)", description="Orders")

    assert created["id"].startswith("tp_") and len(created["id"]) >= 23
    assert created["resourceSchemaId"].startswith("rs_")
    assert created["slug"] == "checkout-flow-v2"
    assert (created["name"], created["description"], created["type"]) == ("Checkout Flow (v2)", "Orders", "LIVE")
    response = client.get(f"/tracking-plans/{created['id']}", headers=tenant.headers("reader"))
    assert data(response)["trackingPlan"] == created
    assert response.headers["ETag"] == '"1"'


def test_update_changes_only_named_fields_and_bumps_revision(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant, "Old", description="keep me")

    response = client.patch(f"/tracking-plans/{plan['id']}", json={"name": "New name"}, headers=tenant.headers("admin"))

    assert data(response) == {"status": "SUCCESS"}
    assert response.headers["ETag"] == '"2"'
    got = client.get(f"/tracking-plans/{plan['id']}", headers=tenant.headers())
    stored = data(got)["trackingPlan"]
    assert (stored["name"], stored["slug"], stored["description"]) == ("New name", "new-name", "keep me")
    assert stored["updatedAt"] > plan["updatedAt"]
    assert got.headers["ETag"] == '"2"'
    client.patch(f"/tracking-plans/{plan['id']}", json={"description": None}, headers=tenant.headers())
    assert (
        data(client.get(f"/tracking-plans/{plan['id']}", headers=tenant.headers()))["trackingPlan"]["description"]
        is None
    )


def test_if_match_refuses_stale_writes(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)
    url = f"/tracking-plans/{plan['id']}"
    assert client.patch(url, json={"name": "A"}, headers={**tenant.headers(), "If-Match": '"1"'}).status_code == 200

    stale = client.patch(url, json={"name": "B"}, headers={**tenant.headers(), "If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["errors"][0]["field"] == "If-Match"
    assert client.delete(url, headers={**tenant.headers(), "If-Match": '"1"'}).status_code == 412
    assert data(client.get(url, headers=tenant.headers()))["trackingPlan"]["name"] == "A"
    assert client.delete(url, headers={**tenant.headers(), "If-Match": '"2"'}).status_code == 200
    assert client.get(url, headers=tenant.headers()).status_code == 404


def test_delete_is_final(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)

    assert data(client.delete(f"/tracking-plans/{plan['id']}", headers=tenant.headers())) == {"status": "SUCCESS"}

    assert client.get(f"/tracking-plans/{plan['id']}", headers=tenant.headers()).status_code == 404
    assert client.delete(f"/tracking-plans/{plan['id']}", headers=tenant.headers()).status_code == 404
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["trackingPlans"] == []


def test_list_pages_forward_and_back_in_both_spellings(client: Client, tenant: Tenant) -> None:
    ids = [create_plan(client, tenant, f"Plan {i}")["id"] for i in range(5)]

    first = data(client.get("/tracking-plans", params={"pagination[count]": 2}, headers=tenant.headers()))
    assert [p["id"] for p in first["trackingPlans"]] == ids[:2]
    assert first["pagination"]["totalEntries"] == 5 and "previous" not in first["pagination"]
    second = data(
        client.get(
            "/tracking-plans",
            params={"pagination.count": 2, "pagination.cursor": first["pagination"]["next"]},
            headers=tenant.headers(),
        )
    )
    assert [p["id"] for p in second["trackingPlans"]] == ids[2:4]
    third = data(
        client.get(
            "/tracking-plans",
            params={"pagination[count]": 2, "pagination[cursor]": second["pagination"]["next"]},
            headers=tenant.headers(),
        )
    )
    assert [p["id"] for p in third["trackingPlans"]] == ids[4:]
    assert "next" not in third["pagination"]
    back = data(
        client.get(
            "/tracking-plans",
            params={"pagination[count]": 2, "pagination[cursor]": third["pagination"]["previous"]},
            headers=tenant.headers(),
        )
    )
    assert [p["id"] for p in back["trackingPlans"]] == ids[2:4]
    assert back["pagination"]["current"] == third["pagination"]["previous"]
    all_plans = data(client.get("/tracking-plans", headers=tenant.headers()))
    assert [p["id"] for p in all_plans["trackingPlans"]] == ids


def test_list_filters_by_type(client: Client, tenant: Tenant) -> None:
    live = create_plan(client, tenant, "Live")
    library = create_plan(client, tenant, "Library", type="RULE_LIBRARY")

    listed = data(client.get("/tracking-plans", params={"type": "RULE_LIBRARY"}, headers=tenant.headers()))

    assert [p["id"] for p in listed["trackingPlans"]] == [library["id"]]
    assert listed["pagination"]["totalEntries"] == 1
    assert live["id"] not in str(listed)


def test_plans_of_another_workspace_are_not_found(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    plan = create_plan(client, tenant, "Mine")
    url = f"/tracking-plans/{plan['id']}"

    for method in ("get", "delete"):
        response = client.request(method, url, headers=other_tenant.headers())
        assert response.status_code == 404, method
        assert response.json()["errors"][0]["type"] == "not-found"
    assert client.patch(url, json={"name": "Theirs"}, headers=other_tenant.headers()).status_code == 404
    assert data(client.get("/tracking-plans", headers=other_tenant.headers()))["trackingPlans"] == []
    assert data(client.get(url, headers=tenant.headers()))["trackingPlan"]["name"] == "Mine"


def test_read_only_tokens_read_but_do_not_write(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)
    reader = tenant.headers("reader")

    assert client.get(f"/tracking-plans/{plan['id']}", headers=reader).status_code == 200
    for response in (
        client.post("/tracking-plans", json={"name": "X", "type": "LIVE"}, headers=reader),
        client.patch(f"/tracking-plans/{plan['id']}", json={"name": "X"}, headers=reader),
        client.delete(f"/tracking-plans/{plan['id']}", headers=reader),
    ):
        assert response.status_code == 403
        assert response.json()["errors"][0]["type"] == "forbidden"
    assert data(client.get("/tracking-plans", headers=reader))["pagination"]["totalEntries"] == 1


def test_idempotency_key_replays_the_first_answer(client: Client, tenant: Tenant) -> None:
    headers = {**tenant.headers(), "Idempotency-Key": "sync-job-42"}
    body = {"name": "Once", "type": "LIVE"}

    first = client.post("/tracking-plans", json=body, headers=headers)
    again = client.post("/tracking-plans", json=body, headers=headers)
    other_body = client.post("/tracking-plans", json={**body, "name": "Twice"}, headers=headers)

    assert data(again) == data(first)
    assert again.headers["Idempotent-Replayed"] == "true" and again.headers["ETag"] == first.headers["ETag"] == '"1"'
    assert other_body.status_code == 409
    assert other_body.json()["errors"][0]["field"] == "Idempotency-Key"
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"] == 1


def test_get_workspace_answers_the_tokens_workspace(client: Client, tenant: Tenant) -> None:
    workspace = data(client.get("/", headers=tenant.headers("reader")))["workspace"]

    assert workspace == {"id": tenant.id, "slug": tenant.slug, "name": f"Workspace {tenant.slug}"}


@pytest.mark.parametrize(
    "accept", ["application/json", "application/vnd.segment.v1+json", "application/vnd.segment.v1beta+json"]
)
def test_every_segment_accept_header_gets_json(client: Client, tenant: Tenant, accept: str) -> None:
    response = client.get("/tracking-plans", headers={**tenant.headers(), "Accept": accept})

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")


def test_idempotency_keys_expire_after_24_hours(client: Client, tenant: Tenant, database_url: str) -> None:
    import asyncio

    import asyncpg

    headers = {**tenant.headers(), "Idempotency-Key": "nightly-sync"}
    first = data(client.post("/tracking-plans", json={"name": "Monday", "type": "LIVE"}, headers=headers))

    async def age_keys() -> None:
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute(
                "UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE workspace_id = $1",
                tenant.id,
            )
        finally:
            await conn.close()

    asyncio.run(age_keys())
    second = data(client.post("/tracking-plans", json={"name": "Tuesday", "type": "LIVE"}, headers=headers))

    assert second["trackingPlan"]["id"] != first["trackingPlan"]["id"]
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"] == 2
    again = data(client.post("/tracking-plans", json={"name": "Tuesday", "type": "LIVE"}, headers=headers))
    assert again == second
