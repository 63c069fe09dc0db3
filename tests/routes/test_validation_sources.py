"""`POST /sources/{id}/validate`: the Protocols pipeline as a dry run (transformations, checks, schema controls)."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import connect, create_plan, create_source, payload_schema, put_rules
from tests.routes.conftest import track_event as track

Client = TestClient[Litestar]

SIGNED_UP = payload_schema(
    {"required": ["plan"], "properties": {"plan": {"enum": ["free", "pro"]}, "seats": {"type": "integer"}}}
)
COMMON = {"type": "object", "properties": {"properties": {"properties": {"coupon": {"type": "string"}}}}}


def run(client: Client, tenant: Tenant, source_id: str, events: list[Any], role: str = "reader") -> Any:
    return client.post(f"/sources/{source_id}/validate", json={"events": events}, headers=tenant.headers(role))


def settings(client: Client, tenant: Tenant, source_id: str, **change: Any) -> None:
    data(client.patch(f"/sources/{source_id}/settings", json=change, headers=tenant.headers()))


@pytest.fixture
def source(client: Client, tenant: Tenant) -> dict[str, Any]:
    plan = create_plan(client, tenant, "Checkout")
    put_rules(
        client,
        tenant,
        plan,
        [
            {"type": "TRACK", "key": "Signed Up", "version": 1, "jsonSchema": SIGNED_UP},
            {
                "type": "IDENTIFY",
                "version": 1,
                "jsonSchema": payload_schema({"properties": {"email": {"type": "string"}}}, key="traits"),
            },
            {"type": "COMMON", "version": 1, "jsonSchema": COMMON},
        ],
    )
    created = create_source(client, tenant, "web", name="Web")
    assert connect(client, tenant, plan, created["id"]).status_code == 200
    return created | {"planId": plan}


def test_a_planned_event_is_delivered_with_context_protocols(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    event = track("Signed Up", {"plan": "pro", "seats": 2}, context={"protocols": {"event_version": 1}})

    answer = data(run(client, tenant, source["id"], [event]))

    result = answer["results"][0]
    assert answer["sourceId"] == source["id"] and answer["trackingPlanId"] == source["planId"]
    assert result["outcome"] == "DELIVERED" and result["checked"] is True and result["violations"] == []
    assert result["event"]["context"]["protocols"] == {
        "event_version": 1,
        "sourceId": source["id"],
        "omitted": [],
        "omitted_on_violation": [],
        "violations": [],
    }
    assert result["event"]["properties"] == {"plan": "pro", "seats": 2} and result["violationEvents"] == []
    assert answer["summary"] == {
        "events": 1,
        "delivered": 1,
        "blocked": 0,
        "dropped": 0,
        "rejected": 0,
        "violations": {},
    }


def test_default_settings_deliver_everything_and_report_violations(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    events = [track("Unplanned"), track("Signed Up", {"plan": "team", "seats": "2", "extra": 1})]

    results = data(run(client, tenant, source["id"], events))["results"]

    assert [result["outcome"] for result in results] == ["DELIVERED", "DELIVERED"]
    assert results[0]["unplanned"] is True
    protocols = results[1]["event"]["context"]["protocols"]
    assert [violation["field"] for violation in protocols["violations"]] == ["properties.plan", "properties.seats"]
    assert protocols["violations"][1] == {
        "type": "Invalid Type",
        "field": "properties.seats",
        "description": "Invalid type. Expected: integer, given: string",
    }
    assert results[1]["event"]["properties"] == {"plan": "team", "seats": "2", "extra": 1}


def test_blocking_controls_and_where_blocked_events_go(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    quarantine = create_source(client, tenant, "quarantine")
    settings(
        client,
        tenant,
        source["id"],
        track={"allowUnplannedEvents": False, "allowEventOnViolations": False},
        forwardingBlockedEventsTo=quarantine["id"],
    )

    results = data(
        run(
            client,
            tenant,
            source["id"],
            [track("Unplanned"), track("Signed Up", {"plan": "x"}), track("Signed Up", {"plan": "pro"})],
        )
    )["results"]

    assert [result["outcome"] for result in results] == ["BLOCKED", "BLOCKED", "DELIVERED"]
    assert (
        "allowUnplannedEvents" in results[0]["blockedReason"]
        and "allowEventOnViolations" in results[1]["blockedReason"]
    )
    assert results[0]["forwardedTo"] == quarantine["id"] and results[2]["forwardedTo"] is None

    settings(client, tenant, source["id"], forwardingBlockedEventsTo=None)
    assert data(run(client, tenant, source["id"], [track("Unplanned")]))["results"][0]["forwardedTo"] is None


def test_omitting_unplanned_and_violating_properties(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    settings(
        client,
        tenant,
        source["id"],
        track={"allowUnplannedEventProperties": False, "allowPropertiesOnViolations": False},
        identify={"allowUnplannedTraits": False},
    )
    events = [
        track("Signed Up", {"plan": "pro", "seats": 1.5, "newProperty": 1, "coupon": "X"}),
        track("Unplanned", {"anything": 1}),
        {"type": "identify", "userId": "u", "traits": {"email": "a@b.c", "age": 3}},
        {"type": "page", "name": "Home", "properties": {"whatever": 1}},
    ]

    results = data(run(client, tenant, source["id"], events))["results"]

    first = results[0]
    assert first["outcome"] == "DELIVERED"
    # coupon is planned by the common schema
    assert first["event"]["properties"] == {"plan": "pro", "coupon": "X"}
    assert first["omitted"] == ["newProperty"] and first["omitted_on_violation"] == ["seats"]
    protocols = first["event"]["context"]["protocols"]
    assert protocols["omitted"] == ["newProperty"] and protocols["omitted_on_violation"] == ["seats"]
    assert results[1]["event"]["properties"] == {"anything": 1}  # an unplanned event keeps its properties
    assert results[2]["event"]["traits"] == {"email": "a@b.c"} and results[2]["omitted"] == ["age"]
    assert results[3]["event"]["properties"] == {"whatever": 1}  # no controls on page calls


@pytest.mark.parametrize(
    ("action", "outcome", "properties"),
    [
        ("ALLOW", "DELIVERED", {"plan": "pro", "coupon": 5}),
        ("BLOCK", "BLOCKED", None),
        ("OMIT_PROPERTIES", "DELIVERED", {"plan": "pro"}),
    ],
)
def test_common_event_on_violations(
    client: Client, tenant: Tenant, source: dict[str, Any], action: str, outcome: str, properties: Any
) -> None:
    settings(client, tenant, source["id"], track={"commonEventOnViolations": action})

    result = data(run(client, tenant, source["id"], [track("Signed Up", {"plan": "pro", "coupon": 5})]))["results"][0]

    assert result["outcome"] == outcome
    assert [violation["field"] for violation in result["violations"]] == ["properties.coupon"]
    if properties is not None:
        assert result["event"]["properties"] == properties


def test_transformations_apply_first_and_a_drop_drops(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    def transformation(name: str, condition: str, **actions: Any) -> None:
        body = {"name": name, "sourceId": source["id"], "enabled": True, "if": condition, **actions}
        data(client.post("/transformations", json=body, headers=tenant.headers()))

    transformation(
        "rename",
        "event = 'Registered'",
        newEventName="Signed Up",
        propertyRenames=[{"oldName": "tier", "newName": "plan"}],
    )
    transformation("drop", "event = 'Debug'", drop=True)
    transformation("amplitude", "event = 'Signed Up'", destinationMetadataId="amplitude", drop=True)

    results = data(run(client, tenant, source["id"], [track("Registered", {"tier": "pro"}), track("Debug")]))["results"]

    assert results[0]["outcome"] == "DELIVERED" and results[0]["violations"] == []
    assert results[0]["event"]["event"] == "Signed Up" and results[0]["event"]["properties"] == {"plan": "pro"}
    assert results[0]["rules"][0] == {"type": "TRACK", "key": "Signed Up", "version": 1}
    assert results[1] == results[1] | {"outcome": "DROPPED", "event": None, "checked": False}


def test_violation_events_for_forwarding(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    violations = create_source(client, tenant, "violations")
    event = track(
        "Signed Up",
        {"plan": "pro", "seats": "many"},
        messageId="m-1",
        sentAt="2026-01-01T00:00:01Z",
        timestamp="2026-01-01T00:00:00Z",
        context={"app": {"version": "4.2"}},
    )
    assert data(run(client, tenant, source["id"], [event]))["results"][0]["violationEvents"] == []

    settings(client, tenant, source["id"], forwardingViolationsTo=violations["id"])
    first = data(run(client, tenant, source["id"], [event]))["results"][0]["violationEvents"]
    again = data(run(client, tenant, source["id"], [event]))["results"][0]["violationEvents"]

    assert first == again and len(first) == 1
    generated = first[0]
    assert generated["type"] == "track" and generated["event"] == "Violation Generated"
    assert generated["userId"] == "schema-violations" and generated["messageId"].startswith("sch-")
    plan = data(client.get(f"/tracking-plans/{source['planId']}", headers=tenant.headers()))["trackingPlan"]
    assert generated["properties"] == {
        "appVersion": "4.2",
        "eventMessageID": "m-1",
        "eventName": "Signed Up",
        "eventSentAt": "2026-01-01T00:00:01Z",
        "eventTimestamp": "2026-01-01T00:00:00Z",
        "eventType": "track",
        "sourceID": source["id"],
        "sourceName": "Web",
        "sourceSlug": "web",
        "trackingPlanID": plan["resourceSchemaId"],
        "trackingPlanName": "Checkout",
        "violationDescription": "Invalid type. Expected: integer, given: string",
        "violationField": "properties.seats",
        "violationType": "Invalid Type",
    }


def test_a_source_without_a_plan_delivers_unchecked(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    lone = create_source(client, tenant, "lone")
    data(client.delete(f"/tracking-plans/{source['planId']}", headers=tenant.headers()))
    event = track("Signed Up", {"plan": 1})

    for source_id in (lone["id"], source["id"]):
        answer = data(run(client, tenant, source_id, [event]))
        result = answer["results"][0]
        assert answer["trackingPlanId"] is None
        assert result["outcome"] == "DELIVERED" and result["checked"] is False and result["event"] == event


def test_bad_events_other_workspaces_and_every_role(
    client: Client, tenant: Tenant, other_tenant: Tenant, source: dict[str, Any]
) -> None:
    deep: Any = 1
    for _ in range(70):
        deep = [deep]
    deeply = data(run(client, tenant, source["id"], [track("Signed Up", {"plan": "pro", "deep": deep})]))["results"][0]
    assert deeply["outcome"] == "REJECTED" and "64 levels" in deeply["error"]
    for role in ("owner", "admin", "reader"):
        results = data(
            run(client, tenant, source["id"], [5, {"type": "track"}, track("Signed Up", {"plan": "pro"})], role)
        )["results"]
        assert [result["outcome"] for result in results] == ["REJECTED", "REJECTED", "DELIVERED"]
        assert "JSON object" in results[0]["error"] and results[0]["event"] is None

    for answer in (
        run(client, other_tenant, source["id"], [track("X")]),
        run(client, tenant, "src_nope", [track("X")]),
    ):
        assert answer.status_code == 404 and answer.json()["errors"][0]["field"] == "sourceId"
    assert run(client, tenant, source["id"], [{}] * 1001).status_code == 422
