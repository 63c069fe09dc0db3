"""The Config API (v1beta): the same plans as one document each, round trips with the Public API, its errors."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import create_source

Client = TestClient[Litestar]

# draft-04, as plans of the Config API era are, spelled with an odd key order and `2.50`
GLOBAL = '{"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{"context":{"type":"object","required":["ip"]}}}'
ORDER = '{"properties":{"properties":{"required":["total"],"properties":{"total":{"type":"number","minimum":2.50}}}},"type":"object"}'  # noqa: E501
TRAITS = '{"properties": {"traits": {"properties": {"email": {"type": "string"}}}}}'


def plans_url(tenant: Tenant) -> str:
    return f"/v1beta/workspaces/{tenant.slug}/tracking-plans"


def document_body(display_name: str = "Shop") -> str:
    """A create body written by hand, so the schemas' text is exactly as above."""
    events = (
        f'[{{"name": "Order Completed", "description": "Paid", "version": 1, "rules": {ORDER}}}, '
        f'{{"name": "Order Completed", "version": 2, "rules": {TRAITS}}}]'
    )
    rules = f'{{"global": {GLOBAL}, "events": {events}, "identify": {TRAITS}, "group": {{}}}}'
    return f'{{"tracking_plan": {{"display_name": "{display_name}", "rules": {rules}}}}}'


def post_text(client: Client, tenant: Tenant, url: str, body: str, **headers: str) -> Any:
    return client.post(url, content=body, headers={**tenant.headers(), "Content-Type": "application/json", **headers})


def tp_id_of(client: Client, tenant: Tenant, resource_id: str) -> str:
    plans = data(client.get("/tracking-plans", headers=tenant.headers()))["trackingPlans"]
    return next(plan["id"] for plan in plans if plan["resourceSchemaId"] == resource_id)


def public_rules(client: Client, tenant: Tenant, plan_id: str) -> list[tuple[str, str | None, int]]:
    found = data(client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers()))["rules"]
    return sorted((rule["type"], rule.get("key"), rule["version"]) for rule in found)


@pytest.fixture
def created(client: Client, tenant: Tenant) -> dict[str, Any]:
    answer = post_text(client, tenant, plans_url(tenant), document_body())
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_create_answers_the_document_with_exact_schemas(client: Client, tenant: Tenant) -> None:
    answer = post_text(client, tenant, plans_url(tenant), document_body())

    plan = answer.json()
    resource_id = plan["name"].rsplit("/", 1)[1]
    assert plan["name"] == f"workspaces/{tenant.slug}/tracking-plans/{resource_id}" and resource_id.startswith("rs_")
    assert plan["display_name"] == "Shop" and answer.headers["ETag"] == '"2"'
    assert plan["rules"]["events"][0] == {
        "name": "Order Completed",
        "description": "Paid",
        "version": 1,
        "rules": {
            "properties": {
                "properties": {"required": ["total"], "properties": {"total": {"type": "number", "minimum": 2.5}}}
            },
            "type": "object",
        },
    }
    assert f'"global":{GLOBAL}' in answer.text and '"minimum":2.50' in answer.text
    assert plan["rules"]["group"] == {} and set(plan) == {"name", "display_name", "rules", "create_time", "update_time"}


def test_a_plan_made_through_v1beta_reads_the_same_through_the_public_api_and_back(
    client: Client, tenant: Tenant, created: dict[str, Any]
) -> None:
    resource_id = created["name"].rsplit("/", 1)[1]
    plan_id = tp_id_of(client, tenant, resource_id)

    assert public_rules(client, tenant, plan_id) == [
        ("COMMON", None, 1),
        ("GROUP", None, 1),
        ("IDENTIFY", None, 1),
        ("TRACK", "Order Completed", 1),
        ("TRACK", "Order Completed", 2),
    ]
    public = client.get(f"/tracking-plans/{plan_id}/rules", params={"type": "COMMON"}, headers=tenant.headers())
    assert f'"jsonSchema":{GLOBAL}' in public.text

    change = {"rules": [{"type": "TRACK", "key": "Signed Up", "version": 1, "jsonSchema": {"type": "object"}}]}
    assert client.patch(f"/tracking-plans/{plan_id}/rules", json=change, headers=tenant.headers()).status_code == 200
    renamed = client.patch(f"/tracking-plans/{plan_id}", json={"name": "Shop (web)"}, headers=tenant.headers())
    assert renamed.status_code == 200

    again = client.get(f"{plans_url(tenant)}/{resource_id}", headers=tenant.headers("reader"))
    assert again.json()["display_name"] == "Shop (web)"
    assert [(e["name"], e["version"]) for e in again.json()["rules"]["events"]] == [
        ("Order Completed", 1),
        ("Order Completed", 2),
        ("Signed Up", 1),
    ]
    public_etag = client.get(f"/tracking-plans/{plan_id}", headers=tenant.headers()).headers["ETag"]
    assert again.headers["ETag"] == public_etag == '"4"'
    # the plan's tp_ id names it here too
    assert client.get(f"{plans_url(tenant)}/{plan_id}", headers=tenant.headers()).json() == again.json()


def test_a_plan_made_through_the_public_api_changes_through_v1beta(client: Client, tenant: Tenant) -> None:
    plan = data(client.post("/tracking-plans", json={"name": "Public", "type": "LIVE"}, headers=tenant.headers()))
    plan_id, resource_id = plan["trackingPlan"]["id"], plan["trackingPlan"]["resourceSchemaId"]
    rules = [
        {"type": "TRACK", "key": "Viewed", "version": 1, "jsonSchema": {}, "labels": [{"key": "area", "value": "web"}]},
        {"type": "TRACK", "key": "Dropped", "version": 1, "jsonSchema": {}},
        {"type": "PAGE", "key": "Home", "version": 1, "jsonSchema": {}},
        {"type": "IDENTIFY", "version": 2, "jsonSchema": {}},
    ]
    assert (
        client.put(f"/tracking-plans/{plan_id}/rules", json={"rules": rules}, headers=tenant.headers()).status_code
        == 200
    )
    url = f"{plans_url(tenant)}/{resource_id}"
    before = client.get(url, headers=tenant.headers()).json()
    assert [event["name"] for event in before["rules"]["events"]] == ["Viewed", "Dropped"]
    assert "identify" not in before["rules"] and "global" not in before["rules"]

    body = {
        "update_mask": {"paths": ["tracking_plan.rules"]},
        "tracking_plan": {
            "display_name": "ignored",
            "rules": {"events": [{"name": "Viewed", "rules": {"type": "object"}}], "global": {}},
        },
    }
    answer = client.put(url, json=body, headers={**tenant.headers(), "If-Match": '"2"'})

    assert answer.status_code == 200, answer.text
    assert answer.json()["display_name"] == "Public" and answer.headers["ETag"] == '"3"'
    assert public_rules(client, tenant, plan_id) == [
        ("COMMON", None, 1),
        ("IDENTIFY", None, 2),
        ("PAGE", "Home", 1),
        ("TRACK", "Viewed", 1),
    ]
    viewed = data(client.get(f"/tracking-plans/{plan_id}/rules", params={"key": "Viewed"}, headers=tenant.headers()))
    assert viewed["rules"][0]["labels"] == [{"key": "area", "value": "web"}]
    assert viewed["rules"][0]["jsonSchema"] == {"type": "object"}
    log = data(client.get(f"/tracking-plans/{plan_id}/changelog", headers=tenant.headers()))["changelog"]
    assert {entry["action"] for entry in log[:3]} == {"RULE_CREATED", "RULE_UPDATED", "RULE_REMOVED"}

    stale = client.put(url, json=body, headers={**tenant.headers(), "If-Match": '"2"'})
    request_id = stale.headers["X-Request-Id"]
    assert stale.status_code == 412 and stale.json() == {
        "error": stale.json()["error"],
        "code": 9,
        "requestId": request_id,
    }
    named = {"update_mask": {"paths": ["tracking_plan.display_name"]}, "tracking_plan": {"display_name": "Renamed"}}
    renamed = client.put(url, json=named, headers=tenant.headers())
    assert renamed.json()["display_name"] == "Renamed" and renamed.json()["rules"] == answer.json()["rules"]
    assert data(client.get(f"/tracking-plans/{plan_id}", headers=tenant.headers()))["trackingPlan"]["name"] == "Renamed"


def test_list_pages_delete_and_the_older_clients_habits(client: Client, tenant: Tenant) -> None:
    for n in range(3):
        post_text(client, tenant, plans_url(tenant), document_body(f"Plan {n}"))

    first = client.get(f"{plans_url(tenant)}/", params={"page_size": 2}, headers=tenant.headers())
    # older clients send `{}` as the body of GET and DELETE
    second = client.request(
        "GET",
        plans_url(tenant),
        params={"page_size": 2, "page_token": first.json()["next_page_token"]},
        content="{}",
        headers={**tenant.headers(), "Content-Type": "application/json"},
    )

    assert [plan["display_name"] for plan in first.json()["tracking_plans"]] == ["Plan 0", "Plan 1"]
    assert [plan["display_name"] for plan in second.json()["tracking_plans"]] == ["Plan 2"]
    assert second.json()["next_page_token"] == ""
    assert len(first.json()["tracking_plans"][0]["rules"]["events"]) == 2
    doomed = first.json()["tracking_plans"][0]["name"]
    deleted = client.request(
        "DELETE", f"/v1beta/{doomed}", content="{}", headers={**tenant.headers(), "Content-Type": "application/json"}
    )
    assert deleted.status_code == 200 and deleted.json() == {}
    assert client.get(f"/v1beta/{doomed}", headers=tenant.headers()).json()["code"] == 5


def test_source_connections(client: Client, tenant: Tenant, created: dict[str, Any]) -> None:
    source = create_source(client, tenant, "ios-app", metadataId="ios")
    other = post_text(client, tenant, plans_url(tenant), document_body("Other")).json()
    url = f"/v1beta/{created['name']}/source-connections"
    source_name = f"workspaces/{tenant.slug}/sources/ios-app"

    connected = client.post(url, json={"source_name": source_name}, headers=tenant.headers("admin"))
    elsewhere = client.post(
        f"/v1beta/{other['name']}/source-connections", json={"source_name": source_name}, headers=tenant.headers()
    )

    resource_id = created["name"].rsplit("/", 1)[1]
    assert connected.json() == {"source_name": source_name, "tracking_plan_id": resource_id}
    assert elsewhere.status_code == 409 and elsewhere.json()["code"] == 6
    assert client.get(url, headers=tenant.headers("reader")).json() == {"connections": [connected.json()]}
    assert data(client.get(f"/sources/{source['id']}", headers=tenant.headers()))["trackingPlanId"] == tp_id_of(
        client, tenant, resource_id
    )
    assert client.delete(f"{url}/ios-app", headers=tenant.headers()).json() == {}
    assert client.get(url, headers=tenant.headers()).json() == {"connections": []}
    assert client.delete(f"{url}/ios-app", headers=tenant.headers()).json()["code"] == 5
    missing = client.post(url, json={"source_name": f"workspaces/{tenant.slug}/sources/nope"}, headers=tenant.headers())
    assert missing.status_code == 404 and "source_name" in missing.json()["error"]


def test_other_workspaces_are_not_found(
    client: Client, tenant: Tenant, other_tenant: Tenant, created: dict[str, Any]
) -> None:
    resource_id = created["name"].rsplit("/", 1)[1]

    wrong_slug = client.get(f"{plans_url(other_tenant)}/{resource_id}", headers=tenant.headers())
    theirs = client.get(f"{plans_url(other_tenant)}/{resource_id}", headers=other_tenant.headers())
    no_token = client.get(plans_url(tenant))

    assert (wrong_slug.status_code, wrong_slug.json()["code"]) == (404, 5)
    assert (theirs.status_code, theirs.json()["code"]) == (404, 5)
    assert (no_token.status_code, no_token.json()["code"]) == (401, 16)
    update = {"update_mask": {"paths": ["tracking_plan.display_name"]}, "tracking_plan": {"display_name": "Mine"}}
    assert (
        client.put(f"{plans_url(other_tenant)}/{resource_id}", json=update, headers=other_tenant.headers()).status_code
        == 404
    )
    assert client.delete(f"{plans_url(other_tenant)}/{resource_id}", headers=other_tenant.headers()).status_code == 404
    reader = client.put(f"{plans_url(tenant)}/{resource_id}", json=update, headers=tenant.headers("reader"))
    assert (reader.status_code, reader.json()["code"]) == (403, 7)
    assert client.get(f"{plans_url(tenant)}/{resource_id}", headers=tenant.headers()).json() == created


def test_unknown_paths_and_methods_answer_in_the_config_apis_shape(client: Client, tenant: Tenant) -> None:
    unknown_path = client.get(f"/v1beta/workspaces/{tenant.slug}/no-such-thing", headers=tenant.headers())
    unknown_method = client.patch(plans_url(tenant), json={}, headers=tenant.headers())
    public_unknown = client.get("/no-such-thing", headers=tenant.headers())

    assert (unknown_path.status_code, unknown_path.json()["code"]) == (404, 5), unknown_path.text
    assert set(unknown_path.json()) == {"error", "code", "requestId"}
    assert (unknown_method.status_code, unknown_method.json()["code"]) == (405, 12), unknown_method.text
    assert public_unknown.status_code == 404 and public_unknown.json()["errors"][0]["type"] == "not-found"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"update_mask": {"paths": ["tracking_plan.owner"]}, "tracking_plan": {}}, "update_mask.paths[0]"),
        ({"update_mask": "tracking_plan.rules", "tracking_plan": {}}, "update_mask"),
        ({"update_mask": {"paths": []}, "tracking_plan": {}}, "update_mask.paths"),
        ({"update_mask": {"paths": ["tracking_plan.rules"]}}, "tracking_plan"),
        ({"update_mask": {"paths": ["tracking_plan.rules"]}, "tracking_plan": {}}, "tracking_plan.rules"),
        (
            {"update_mask": {"paths": ["tracking_plan.rules"]}, "tracking_plan": {"rules": {"global": []}}},
            "tracking_plan.rules.global",
        ),
        (
            {
                "update_mask": {"paths": ["tracking_plan.rules"]},
                "tracking_plan": {
                    "rules": {"events": [{"name": "A", "rules": {}}, {"name": "A", "version": 1, "rules": {}}]}
                },
            },
            "tracking_plan.rules.events[1]",
        ),
        (
            {
                "update_mask": {"paths": ["tracking_plan.rules"]},
                "tracking_plan": {"rules": {"events": [{"name": "A", "rules": {"type": "Integer"}}]}},
            },
            "tracking_plan.rules.events[0].rules.type",
        ),
        (
            {
                "update_mask": {"paths": ["tracking_plan.rules"]},
                "tracking_plan": {"rules": {"identify": {"properties": {"a": {"pattern": "(?!x)"}}}}},
            },
            "tracking_plan.rules.identify.properties.a.pattern",
        ),
    ],
)
def test_bad_updates_name_the_path_and_write_nothing(
    client: Client, tenant: Tenant, created: dict[str, Any], body: dict[str, Any], where: str
) -> None:
    url = f"/v1beta/{created['name']}"

    answer = client.put(url, json=body, headers=tenant.headers())

    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == 3 and answer.json()["error"].startswith(f"{where}:")
    assert client.get(url, headers=tenant.headers()).json() == created


def test_a_create_without_tracking_plan_or_over_the_size_limit_is_refused(client: Client, tenant: Tenant) -> None:
    events = [{"name": f"Event {n}", "rules": {}} for n in range(5_001)]

    missing = client.post(plans_url(tenant), json={"display_name": "Flat"}, headers=tenant.headers())
    too_big = client.post(
        plans_url(tenant),
        json={"tracking_plan": {"display_name": "Big", "rules": {"events": events}}},
        headers=tenant.headers(),
    )

    assert missing.status_code == 400 and missing.json()["code"] == 3
    assert too_big.status_code == 400 and "5000" in too_big.json()["error"]
    assert client.get(plans_url(tenant), headers=tenant.headers()).json()["tracking_plans"] == []


def test_a_document_read_back_unchanged_changes_nothing(client: Client, tenant: Tenant) -> None:
    plan = data(client.post("/tracking-plans", json={"name": "Nulls", "type": "LIVE"}, headers=tenant.headers()))
    plan_id, resource_id = plan["trackingPlan"]["id"], plan["trackingPlan"]["resourceSchemaId"]
    rules = [
        {"type": "TRACK", "key": "Bare", "version": 1, "jsonSchema": None},
        {"type": "COMMON", "version": 1, "jsonSchema": None, "description": "Every event"},
        {"type": "IDENTIFY", "version": 1, "jsonSchema": {}, "description": "Users"},
    ]
    client.put(f"/tracking-plans/{plan_id}/rules", json={"rules": rules}, headers=tenant.headers())
    url = f"{plans_url(tenant)}/{resource_id}"
    read = client.get(url, headers=tenant.headers())
    assert read.json()["rules"]["global"] is None and read.json()["rules"]["events"][0]["rules"] is None

    body = {"update_mask": {"paths": ["tracking_plan.rules"]}, "tracking_plan": read.json()}
    again = client.put(url, json=body, headers=tenant.headers())

    assert again.status_code == 200, again.text
    assert again.headers["ETag"] == read.headers["ETag"] and again.json() == read.json()
    kept = data(client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers()))["rules"]
    assert {rule["type"]: rule.get("description") for rule in kept} == {
        "TRACK": None,
        "COMMON": "Every event",
        "IDENTIFY": "Users",
    }


def test_a_page_token_that_is_not_ours_is_named(client: Client, tenant: Tenant) -> None:
    answer = client.get(plans_url(tenant), params={"page_token": "garbage!!"}, headers=tenant.headers())

    assert answer.status_code == 400 and answer.json()["error"].startswith("page_token:")


def test_schemas_written_through_the_public_api_read_back_verbatim(client: Client, tenant: Tenant) -> None:
    plan = data(client.post("/tracking-plans", json={"name": "Verbatim", "type": "LIVE"}, headers=tenant.headers()))
    body = f'{{"rules": [{{"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": {ORDER}}}]}}'
    headers = {**tenant.headers(), "Content-Type": "application/json"}
    assert (
        client.patch(f"/tracking-plans/{plan['trackingPlan']['id']}/rules", content=body, headers=headers).status_code
        == 200
    )

    read = client.get(f"{plans_url(tenant)}/{plan['trackingPlan']['resourceSchemaId']}", headers=tenant.headers())

    assert f'"rules":{ORDER}' in read.text


def test_every_call_takes_the_plans_tp_id_too(client: Client, tenant: Tenant, created: dict[str, Any]) -> None:
    plan_id = tp_id_of(client, tenant, created["name"].rsplit("/", 1)[1])
    url = f"{plans_url(tenant)}/{plan_id}"
    create_source(client, tenant, "web")
    source_name = f"workspaces/{tenant.slug}/sources/web"

    update = {"update_mask": {"paths": ["tracking_plan.display_name"]}, "tracking_plan": {"display_name": "By tp_"}}
    assert client.put(url, json=update, headers=tenant.headers()).json()["display_name"] == "By tp_"
    connected = client.post(f"{url}/source-connections", json={"source_name": source_name}, headers=tenant.headers())
    assert connected.json()["tracking_plan_id"] == created["name"].rsplit("/", 1)[1]
    assert client.get(f"{url}/source-connections/", headers=tenant.headers()).json()["connections"] == [
        connected.json()
    ]
    assert client.delete(f"{url}/source-connections/web", headers=tenant.headers()).json() == {}
    assert client.delete(url, headers=tenant.headers()).json() == {}
    assert client.get(f"/v1beta/{created['name']}", headers=tenant.headers()).json()["code"] == 5


@pytest.mark.parametrize(("page_size", "status"), [(0, 400), (1, 200), (50, 200), (51, 400)])
def test_pages_hold_1_to_50_plans(client: Client, tenant: Tenant, page_size: int, status: int) -> None:
    answer = client.get(plans_url(tenant), params={"page_size": page_size}, headers=tenant.headers())

    assert answer.status_code == status
    if status == 400:
        assert answer.json()["code"] == 3 and answer.json()["error"].startswith("page_size:")
