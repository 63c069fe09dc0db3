"""Segment's HTTP Tracking API (`/v1/...`): write keys, answers, limits, stamping, de-duplication, and what the
violation, delivery and debugger reads then show."""

import gzip
import json
import os
from datetime import datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from api.app import create_app
from api.settings import Settings
from tests.conftest import Tenant, data
from tests.routes.conftest import basic, connect, create_plan, create_source, flush, payload_schema, put_rules, send
from tests.routes.conftest import tracking_call as track

Client = TestClient[Litestar]

SIGNED_UP = payload_schema(
    {"required": ["plan"], "properties": {"plan": {"enum": ["free", "pro"]}, "seats": {"type": "integer"}}}
)


@pytest.fixture
def source(client: Client, tenant: Tenant) -> dict[str, Any]:
    """A source connected to a plan with one TRACK rule; events are delivered with violations by default."""
    plan = create_plan(client, tenant, "Checkout")
    put_rules(client, tenant, plan, [{"type": "TRACK", "key": "Signed Up", "version": 1, "jsonSchema": SIGNED_UP}])
    created = create_source(client, tenant, "web", name="Web")
    assert connect(client, tenant, plan, created["id"]).status_code == 200
    return created | {"planId": plan, "writeKey": created["writeKeys"][0]}


def recent(client: Client, tenant: Tenant, source_id: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = data(
        client.get(f"/sources/{source_id}/events/recent", headers=tenant.headers("reader"))
    )["events"]
    return events


def test_a_batch_is_taken_checked_counted_and_shown_in_the_debugger(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    answer = send(
        client,
        source["writeKey"],
        [
            track("Signed Up", {"plan": "pro"}, messageId="m-1"),
            track("Signed Up", {"plan": "gold", "seats": 1.5}, messageId="m-2"),
        ],
    )

    assert answer.status_code == 200 and answer.json() == {"success": True}
    flush(client)
    entries = recent(client, tenant, source["id"])
    assert [entry["event"]["messageId"] for entry in entries] == ["m-2", "m-1"]
    assert all(entry["outcome"] == "DELIVERED" for entry in entries)
    assert entries[0]["event"]["context"]["protocols"]["violations"] == [
        {
            "type": "Enum",
            "field": "properties.plan",
            "description": 'properties.plan must be one of the following: "free", "pro"',
        },
        {
            "type": "Invalid Type",
            "field": "properties.seats",
            "description": "Invalid type. Expected: integer, given: number",
        },
    ]
    delivery = data(client.get(f"/sources/{source['id']}/delivery?window=1h", headers=tenant.headers("reader")))
    assert delivery["totals"] == {"received": 2, "delivered": 2, "blocked": 0, "dropped": 0, "omitted": 0}
    violations = data(client.get(f"/sources/{source['id']}/violations?window=1h", headers=tenant.headers("reader")))
    [event] = violations["events"]
    assert (event["eventName"], event["eventType"], event["version"], event["count"]) == ("Signed Up", "track", 1, 2)
    assert [(found["type"], found["field"], found["count"]) for found in event["violations"]] == [
        ("Enum", "properties.plan", 1),
        ("Invalid Type", "properties.seats", 1),
    ]
    assert [sample["messageId"] for sample in event["violations"][0]["samples"]] == ["m-2"]
    plan_view = data(
        client.get(f"/tracking-plans/{source['planId']}/violations?window=7d", headers=tenant.headers("reader"))
    )
    assert [(found["eventName"], found["count"]) for found in plan_view["events"]] == [("Signed Up", 2)]
    assert "samples" not in plan_view["events"][0]["violations"][0]


def test_every_call_and_short_path_takes_events_with_the_write_key_in_the_body(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    key = source["writeKey"]
    calls = {
        "track": {"event": "Signed Up", "properties": {"plan": "free"}},
        "identify": {"traits": {"email": "a@example.com"}},
        "page": {"name": "Home"},
        "screen": {"name": "Settings"},
        "group": {"groupId": "g1"},
        "alias": {"previousId": "u0"},
    }
    for path, body in calls.items():
        answer = client.post(
            f"/v1/{path}", json={"userId": "u1", "messageId": f"long-{path}", **body}, headers=basic(key)
        )
        assert answer.status_code == 200 and answer.json() == {"success": True}, answer.text
    for short, path in {"t": "track", "i": "identify", "p": "page", "s": "screen", "g": "group", "a": "alias"}.items():
        text = f'{{"writeKey": "{key}", "anonymousId": "a1", "messageId": "short-{short}", '
        text += ", ".join(f'"{name}": "{value}"' for name, value in calls[path].items() if isinstance(value, str))
        answer = client.post(
            f"/v1/{short}",
            content=(text.rstrip(", ") + "}").encode(),
            headers={"Content-Type": "text/plain", "Origin": "https://shop.example"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.headers["access-control-allow-origin"] == "https://shop.example"
    batch = client.post(
        "/v1/b",
        content=f'{{"writeKey": "{key}", "batch": [{{"type": "track", "event": "Signed Up", "userId": "u"}}]}}',
        headers={"Content-Type": "text/plain"},
    )
    assert batch.status_code == 200
    preflight = client.options("/v1/batch", headers={"Origin": "https://shop.example"})
    assert preflight.status_code == 204 and "POST" in preflight.headers["access-control-allow-methods"]

    flush(client)
    entries = recent(client, tenant, source["id"])
    assert sorted(entry["event"]["type"] for entry in entries) == sorted(
        ["track", "identify", "page", "screen", "group", "alias"] * 2 + ["track"]
    )
    delivery = data(client.get(f"/sources/{source['id']}/delivery", headers=tenant.headers("reader")))
    assert delivery["totals"]["received"] == 13 and delivery["totals"]["delivered"] == 13


def test_received_at_timestamp_and_message_id_are_stamped(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    skewed = track("Signed Up", {"plan": "pro"}, timestamp="2020-01-01T00:00:00Z", sentAt="2020-01-01T00:00:10Z")
    plain = track("Signed Up", {"plan": "pro"})

    assert send(client, source["writeKey"], [skewed, plain]).status_code == 200
    flush(client)

    newest, oldest = (entry["event"] for entry in recent(client, tenant, source["id"]))
    assert newest["messageId"].startswith("api-") and newest["timestamp"] == newest["receivedAt"]
    assert oldest["originalTimestamp"] == "2020-01-01T00:00:00Z"
    received = datetime.fromisoformat(oldest["receivedAt"])
    assert datetime.fromisoformat(oldest["timestamp"]) == received - timedelta(seconds=10)


def test_a_message_id_seen_again_is_counted_once(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    event = track("Signed Up", {"plan": "gold"}, messageId="retry-1")
    for _ in range(2):
        assert send(client, source["writeKey"], [event, event]).status_code == 200
        flush(client)

    delivery = data(client.get(f"/sources/{source['id']}/delivery", headers=tenant.headers("reader")))
    assert delivery["totals"]["received"] == 1
    violations = data(client.get(f"/sources/{source['id']}/violations", headers=tenant.headers("reader")))
    assert violations["events"][0]["count"] == 1


def test_gzip_bodies_are_taken(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    body = json.dumps({"batch": [track("Signed Up", {"plan": "pro"})]}).encode()

    answer = client.post(
        "/v1/batch", content=gzip.compress(body), headers={**basic(source["writeKey"]), "Content-Encoding": "gzip"}
    )

    assert answer.status_code == 200
    flush(client)
    assert len(recent(client, tenant, source["id"])) == 1


def test_a_disabled_source_accepts_and_drops(client: Client, tenant: Tenant) -> None:
    created = create_source(client, tenant, "off", enabled=False)

    assert send(client, created["writeKeys"][0], [track("Anything")]).status_code == 200
    flush(client)

    assert recent(client, tenant, created["id"]) == []
    assert data(client.get(f"/sources/{created['id']}/delivery", headers=tenant.headers()))["totals"]["received"] == 0


def error_of(answer: Any, status: int) -> str:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["success"] is False and body["message"] == body["error"] and body["code"]
    return str(body["message"])


def test_write_keys_unknown_missing_revoked_or_disagreeing_are_refused(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    doomed = create_source(client, tenant, "doomed")
    assert client.delete(f"/sources/{doomed['id']}", headers=tenant.headers()).status_code == 200

    assert "write key" in error_of(send(client, "no-such-key", [track("Signed Up")]), 401)
    assert "write key" in error_of(client.post("/v1/batch", json={"batch": [track("Signed Up")]}), 401)
    assert "write key" in error_of(send(client, doomed["writeKeys"][0], [track("Signed Up")]), 401)
    assert "differ" in error_of(send(client, source["writeKey"], [track("Signed Up")], writeKey="other"), 400)
    bearer = client.post("/v1/batch", json={"batch": []}, headers=tenant.headers())
    assert "Basic" in error_of(bearer, 401)
    flush(client)
    assert recent(client, tenant, source["id"]) == []


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b'{"batch": [', "not valid JSON"),
        (b"not json", "not valid JSON"),
        (b'{"batch": {"type": "track"}}', "must be a JSON array"),
        (b'{"batch": [{"type": "purchase", "userId": "u"}]}', "purchase"),
        (b'{"batch": [{"type": "track", "event": "X"}]}', "userId"),
        (b'{"batch": [42]}', "not a JSON object"),
        (b'{"batch": [{"type": "track", "event": "X", "userId": "\xff\xfe"}]}', "not valid JSON"),
        (b'{"batch": [{"type": "track", "event": "X", "userId": "u", "timestamp": "yesterday"}]}', "ISO-8601"),
        (b'{"batch": [], "writeKey": 7}', "writeKey"),
    ],
)
def test_bad_bodies_are_400s_that_say_why(
    client: Client, tenant: Tenant, source: dict[str, Any], body: bytes, says: str
) -> None:
    answer = client.post("/v1/batch", content=body, headers=basic(source["writeKey"]))

    assert says in error_of(answer, 400)


def test_limits_are_400s_that_say_which(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    key = source["writeKey"]

    many = error_of(send(client, key, [track("Signed Up")] * 2501), 400)
    big_event = error_of(send(client, key, [track("Signed Up", {"blob": "x" * 33 * 1024})]), 400)
    long_id = error_of(send(client, key, [track("Signed Up", messageId="m" * 10_000)]), 400)
    big_request = error_of(send(client, key, [track("Signed Up", {"blob": "x" * 30_000})] * 20), 400)
    single = error_of(
        client.post("/v1/track", json=track("Signed Up", {"blob": "x" * 33 * 1024}), headers=basic(key)), 400
    )

    assert "2501 events" in many and "2500" in many
    assert "batch[0]" in big_event and "32 KB" in big_event
    assert "10000 characters" in long_id
    assert "500 KB" in big_request and "32 KB" in single
    flush(client)
    assert recent(client, tenant, source["id"]) == []


def test_a_gzip_bomb_is_refused_without_inflating_it_all(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    gzipped = {**basic(source["writeKey"]), "Content-Encoding": "gzip"}
    # about 50 KB on the wire, 50 MB inflated: refused once 500 KB are inflated
    bomb = gzip.compress(b'{"batch": [' + b" " * (50 * 1024 * 1024) + b"]}")
    assert len(bomb) < 100 * 1024
    # 1 MB on the wire: refused before inflating anything
    big_bomb = gzip.compress(b" " * (2 * 1024 * 1024)) + os.urandom(1024 * 1024)

    assert "inflated" in error_of(client.post("/v1/batch", content=bomb, headers=gzipped), 400)
    assert "500 KB" in error_of(client.post("/v1/batch", content=big_bomb, headers=gzipped), 400)
    truncated = gzip.compress(b'{"batch": []}')[:-6]
    assert "gzip" in error_of(client.post("/v1/batch", content=truncated, headers=gzipped), 400)
    assert "gzip" in error_of(client.post("/v1/batch", content=b"plain", headers=gzipped), 400)
    flush(client)
    assert recent(client, tenant, source["id"]) == []


def test_reads_are_for_every_role_of_the_workspace_only(
    client: Client, tenant: Tenant, other_tenant: Tenant, source: dict[str, Any]
) -> None:
    paths = [
        f"/sources/{source['id']}/violations",
        f"/sources/{source['id']}/delivery",
        f"/sources/{source['id']}/events/recent",
        f"/tracking-plans/{source['planId']}/violations",
    ]
    for path in paths:
        for role in ("owner", "admin", "reader"):
            assert client.get(path, headers=tenant.headers(role)).status_code == 200
        assert client.get(path, headers=other_tenant.headers()).status_code == 404
        assert client.get(path).status_code == 401
    assert client.get("/sources/src_x/violations?window=2h", headers=tenant.headers()).status_code in (404, 422)
    bad_window = client.get(f"/sources/{source['id']}/violations?window=2h", headers=tenant.headers())
    assert bad_window.status_code == 422 and bad_window.json()["errors"][0]["field"] == "window"


def settings(client: Client, tenant: Tenant, source_id: str, **change: Any) -> None:
    data(client.patch(f"/sources/{source_id}/settings", json=change, headers=tenant.headers()))


def test_violations_and_blocked_events_are_forwarded_one_hop(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    violations_to = create_source(client, tenant, "violations")
    blocked_to = create_source(client, tenant, "blocked")
    # the targets forward on too: forwarded events must not go further
    settings(client, tenant, violations_to["id"], forwardingViolationsTo=blocked_to["id"])
    settings(
        client,
        tenant,
        source["id"],
        forwardingViolationsTo=violations_to["id"],
        forwardingBlockedEventsTo=blocked_to["id"],
        track={"allowEventOnViolations": False},
    )
    blocked = track("Signed Up", {"plan": "gold"}, messageId="bad-1", context={"app": {"version": "2.1"}})

    assert send(client, source["writeKey"], [blocked, track("Signed Up", {"plan": "pro"})]).status_code == 200
    flush(client)

    [own_blocked, own_delivered] = reversed(recent(client, tenant, source["id"]))
    assert own_delivered["outcome"] == "DELIVERED"
    assert own_blocked["outcome"] == "BLOCKED" and "allowEventOnViolations" in own_blocked["blockedReason"]
    [violation] = recent(client, tenant, violations_to["id"])
    assert violation["forwardedFrom"] == source["id"]
    forwarded = violation["event"]
    assert forwarded["event"] == "Violation Generated" and forwarded["userId"] == "schema-violations"
    assert forwarded["messageId"].startswith("sch-")
    assert forwarded["properties"] | {"eventSentAt": None} == {
        "appVersion": "2.1",
        "eventMessageID": "bad-1",
        "eventName": "Signed Up",
        "eventSentAt": None,
        "eventTimestamp": forwarded["properties"]["eventTimestamp"],
        "eventType": "track",
        "sourceID": source["id"],
        "sourceName": "Web",
        "sourceSlug": "web",
        "trackingPlanID": forwarded["properties"]["trackingPlanID"],
        "trackingPlanName": "Checkout",
        "violationDescription": 'properties.plan must be one of the following: "free", "pro"',
        "violationField": "properties.plan",
        "violationType": "Enum",
    }
    assert forwarded["properties"]["trackingPlanID"].startswith("rs_")
    [blocked_copy] = recent(client, tenant, blocked_to["id"])
    assert blocked_copy["event"]["messageId"] == "bad-1" and "protocols" not in blocked_copy["event"]["context"]
    assert blocked_copy["event"]["properties"] == {"plan": "gold"}
    own = data(client.get(f"/sources/{source['id']}/delivery", headers=tenant.headers()))["totals"]
    assert own == {"received": 2, "delivered": 1, "blocked": 1, "dropped": 0, "omitted": 0}
    for target in (violations_to, blocked_to):
        totals = data(client.get(f"/sources/{target['id']}/delivery", headers=tenant.headers()))["totals"]
        assert totals["received"] == totals["delivered"] == 1


def test_the_digest_lists_unique_violations_of_the_workspace(
    client: Client, tenant: Tenant, other_tenant: Tenant, source: dict[str, Any]
) -> None:
    bad = [track("Signed Up", {"plan": "gold"}), track("Signed Up", {"plan": "gold", "seats": "2"}), track("Signed Up")]
    assert send(client, source["writeKey"], bad).status_code == 200
    flush(client)

    digest = data(client.get("/violations/digest", headers=tenant.headers("reader")))

    assert [(item["field"], item["type"], item["count"]) for item in digest["violations"]] == [
        ("properties.plan", "Enum", 2),
        ("properties.plan", "Required", 1),
        ("properties.seats", "Invalid Type", 1),
    ]
    assert {(item["sourceId"], item["sourceSlug"], item["eventName"]) for item in digest["violations"]} == {
        (source["id"], "web", "Signed Up")
    }
    assert data(client.get("/violations/digest", headers=other_tenant.headers()))["violations"] == []
    first = data(client.get("/violations/digest?pagination[count]=2", headers=tenant.headers()))
    assert len(first["violations"]) == 2 and first["pagination"]["totalEntries"] == 3
    second = data(
        client.get(
            f"/violations/digest?pagination[count]=2&pagination[cursor]={first['pagination']['next']}",
            headers=tenant.headers(),
        )
    )
    assert second["violations"] == digest["violations"][2:] and "next" not in second["pagination"]


def test_the_debugger_keeps_the_last_100_events(client: Client, tenant: Tenant, source: dict[str, Any]) -> None:
    for start in (0, 80):
        events = [track("Signed Up", {"plan": "pro"}, messageId=f"n-{n}") for n in range(start, start + 80)]
        assert send(client, source["writeKey"], events).status_code == 200
        flush(client)

    entries = recent(client, tenant, source["id"])

    assert [entry["event"]["messageId"] for entry in entries] == [f"n-{n}" for n in range(159, 59, -1)]


def test_unknown_calls_deep_events_and_other_methods_answer_in_the_tracking_api_shape(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    key = source["writeKey"]
    deep: Any = "x"
    for _ in range(100):
        deep = {"a": deep}

    assert "No Tracking API call" in error_of(client.post("/v1/purchase", json=track("X"), headers=basic(key)), 404)
    assert "nests deeper" in error_of(send(client, key, [track("Signed Up", {"deep": deep})]), 400)
    assert error_of(client.get("/v1/batch", headers=basic(key)), 405)
    flush(client)
    assert recent(client, tenant, source["id"]) == []


def test_events_a_transformation_drops_are_counted_as_dropped(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    transformation = {
        "name": "Drop tests",
        "sourceId": source["id"],
        "enabled": True,
        "if": "event = 'Test Event'",
        "drop": True,
    }
    data(client.post("/transformations", json=transformation, headers=tenant.headers()))

    events = [track("Test Event", messageId="t-1"), track("Signed Up", {"plan": "pro"}, messageId="s-1")]
    assert send(client, source["writeKey"], events).status_code == 200
    flush(client)

    totals = data(client.get(f"/sources/{source['id']}/delivery", headers=tenant.headers()))["totals"]
    assert totals == {"received": 2, "delivered": 1, "blocked": 0, "dropped": 1, "omitted": 0}
    assert [(entry["event"]["messageId"], entry["outcome"]) for entry in recent(client, tenant, source["id"])] == [
        ("s-1", "DELIVERED"),
        ("t-1", "DROPPED"),
    ]


def test_events_delivered_without_some_properties_are_counted_as_omitted(
    client: Client, tenant: Tenant, source: dict[str, Any]
) -> None:
    settings(client, tenant, source["id"], track={"allowUnplannedEventProperties": False})

    events = [track("Signed Up", {"plan": "pro", "coupon": "X"}), track("Signed Up", {"plan": "pro"})]
    assert send(client, source["writeKey"], events).status_code == 200
    flush(client)

    totals = data(client.get(f"/sources/{source['id']}/delivery", headers=tenant.headers()))["totals"]
    assert totals == {"received": 2, "delivered": 2, "blocked": 0, "dropped": 0, "omitted": 1}
    omitted = recent(client, tenant, source["id"])[1]["event"]
    assert omitted["properties"] == {"plan": "pro"} and omitted["context"]["protocols"]["omitted"] == ["coupon"]


def test_a_write_key_over_the_rate_limit_is_refused_in_the_tracking_api_shape(
    database_url: str, tenant: Tenant
) -> None:
    settings = Settings(database_url=database_url, rate_limit=2, rate_limit_window=3600)
    with TestClient(create_app(settings), raise_server_exceptions=False) as limited:
        key = create_source(limited, tenant, "limited")["writeKeys"][0]
        answers = [send(limited, key, [track("Signed Up", messageId=f"r-{n}")]) for n in range(2)]
        refused = limited.post(
            "/v1/batch",
            json={"batch": [track("Signed Up", messageId="r-2")]},
            headers={**basic(key), "Origin": "https://shop.example"},
        )
        assert [answer.status_code for answer in answers] == [200, 200]
        assert "rate limit" in error_of(refused, 429)
        # a browser page (analytics.js) can read the refusal and its Retry-After
        assert refused.headers["Access-Control-Allow-Origin"] == "https://shop.example"
        assert int(refused.headers["Retry-After"]) >= 1
