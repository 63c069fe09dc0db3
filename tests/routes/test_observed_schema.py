"""The observed schema: what a source sent, read per window (`GET /sources/{id}/schema`), and rules imported from it
(`POST /tracking-plans/{id}/imports/observed`), with Segment's limits and every bad input."""

import json
from typing import Any

import pytest

from tests.conftest import Tenant, data
from tests.routes.conftest import (
    Client,
    assert_error,
    basic,
    connect,
    create_plan,
    create_source,
    flush,
    payload_schema,
    put_rules,
    send,
)
from tests.routes.conftest import tracking_call as track

AT = "2026-01-02T03:04:05.123Z"
ORDERED = payload_schema({"properties": {"total": {"type": "number"}, "coupon": {"type": "string"}}})


def schema_of(client: Client, tenant: Tenant, source_id: str, **params: Any) -> dict[str, Any]:
    answer = client.get(f"/sources/{source_id}/schema", params=params, headers=tenant.headers("reader"))
    return dict(data(answer))


def events_of(found: dict[str, Any]) -> dict[tuple[str, str | None], dict[str, Any]]:
    return {(event["eventType"], event["eventName"]): event for event in found["events"]}


def types_of(event: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {prop["path"]: {kind["type"]: kind["count"] for kind in prop["types"]} for prop in event["properties"]}


def import_observed(client: Client, tenant: Tenant, plan_id: str, body: dict[str, Any], **extra: Any) -> Any:
    return client.post(
        f"/tracking-plans/{plan_id}/imports/observed",
        json=body,
        params=extra.pop("params", {}),
        headers={**tenant.headers(), **extra.pop("headers", {})},
    )


def rules_of(client: Client, tenant: Tenant, plan_id: str) -> dict[tuple[str, str | None, int], Any]:
    found = data(client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers()))["rules"]
    return {(rule["type"], rule.get("key"), rule["version"]): rule["jsonSchema"] for rule in found}


@pytest.fixture
def shop(client: Client, tenant: Tenant) -> dict[str, Any]:
    """A source connected to a plan that has a rule for `Order Completed` (v1 and v2); it has sent a mix of calls."""
    plan = create_plan(client, tenant, "Shop")
    put_rules(
        client,
        tenant,
        plan,
        [
            {"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": ORDERED},
            {"type": "TRACK", "key": "Order Completed", "version": 2, "jsonSchema": ORDERED},
        ],
    )
    source = create_source(client, tenant, "shop", name="Shop")
    assert connect(client, tenant, plan, source["id"]).status_code == 200
    key = source["writeKeys"][0]
    sent = [
        track("Order Completed", {"total": 10, "coupon": "A", "at": AT, "items": [{"sku": "x", "price": 1.5}]}),
        track("Order Completed", {"total": 12.5, "coupon": None, "at": AT, "items": [{"sku": "y", "price": 2}]}),
        track("Order Completed", {"total": "13", "at": "yesterday", "items": []}),
        track("Product Viewed", {"sku": "x", "tags": ["a", "b"], "dims": {"w": 1, "h": {"cm": 2}}}),
        {"type": "identify", "userId": "u1", "traits": {"email": "u1@example.com", "age": 30, "since": AT}},
        {"type": "identify", "userId": "u2", "traits": {"email": "u2@example.com"}},
        {"type": "page", "userId": "u1", "name": "Home", "properties": {"path": "/"}},
        {"type": "page", "userId": "u1", "properties": {"path": "/x"}},
        {"type": "group", "userId": "u1", "groupId": "g1", "traits": {"plan": "pro"}},
        {"type": "alias", "userId": "u1", "previousId": "a1"},
    ]
    assert send(client, key, sent).status_code == 200
    flush(client)
    return source | {"planId": plan, "writeKey": key}


def test_the_schema_shows_each_event_its_counts_types_and_what_the_plan_declares(
    client: Client, tenant: Tenant, shop: dict[str, Any]
) -> None:
    found = schema_of(client, tenant, shop["id"], window="7d")

    assert (found["sourceId"], found["trackingPlanId"], found["window"]) == (shop["id"], shop["planId"], "7d")
    assert found["limits"] == {
        "maxEvents": 4000,
        "maxPropertiesPerEvent": 300,
        "droppedEvents": 0,
        "eventsTruncated": False,
    }
    events = events_of(found)
    assert list(events) == [
        ("alias", None),
        ("group", None),
        ("identify", None),
        ("page", None),
        ("page", "Home"),
        ("track", "Order Completed"),
        ("track", "Product Viewed"),
    ]
    order = events[("track", "Order Completed")]
    assert (order["count"], order["planned"], order["ruleVersions"], order["droppedProperties"]) == (3, True, [1, 2], 0)
    assert order["violations"] == 2  # a null coupon, a string total
    assert types_of(order) == {
        "properties.at": {"string": 3},
        "properties.coupon": {"string": 1, "null": 1},
        "properties.items": {"array": 3},
        "properties.items[]": {"object": 2},
        "properties.items[].price": {"number": 1, "integer": 1},
        "properties.items[].sku": {"string": 2},
        "properties.total": {"integer": 1, "number": 1, "string": 1},
    }
    declared = {prop["path"]: prop["declared"] for prop in order["properties"]}
    assert declared["properties.total"] and declared["properties.coupon"] and not declared["properties.at"]
    date_times = {prop["path"] for prop in order["properties"] if prop["dateTime"]}
    assert date_times == set()  # `yesterday` is not a date-time
    viewed = events[("track", "Product Viewed")]
    assert (viewed["planned"], viewed["ruleVersions"], viewed["violations"]) == (False, [], 0)
    assert set(types_of(viewed)) == {
        "properties.sku",
        "properties.tags",
        "properties.tags[]",
        "properties.dims",
        "properties.dims.w",
        "properties.dims.h",
        "properties.dims.h.cm",
    }
    identify = events[("identify", None)]
    assert identify["count"] == 2
    assert types_of(identify) == {
        "traits.email": {"string": 2},
        "traits.age": {"integer": 1},
        "traits.since": {"string": 1},
    }
    assert [prop["dateTime"] for prop in identify["properties"] if prop["path"] == "traits.since"] == [True]
    assert types_of(events[("alias", None)]) == {}
    assert order["firstSeenAt"] <= order["lastSeenAt"]


def test_filters_and_pages(client: Client, tenant: Tenant, shop: dict[str, Any]) -> None:
    tracks = schema_of(client, tenant, shop["id"], type="track")
    named = schema_of(client, tenant, shop["id"], event="Home")
    first = schema_of(client, tenant, shop["id"], **{"pagination[count]": 3})
    second = schema_of(
        client, tenant, shop["id"], **{"pagination[count]": 3, "pagination[cursor]": first["pagination"]["next"]}
    )

    assert [event["eventName"] for event in tracks["events"]] == ["Order Completed", "Product Viewed"]
    assert [(event["eventType"], event["eventName"]) for event in named["events"]] == [("page", "Home")]
    assert first["pagination"]["totalEntries"] == 7 and len(first["events"]) == 3
    assert [event["eventType"] for event in second["events"]] == ["page", "page", "track"]
    assert "previous" in second["pagination"]


def test_bad_reads_are_clear_4xx(client: Client, tenant: Tenant, other_tenant: Tenant, shop: dict[str, Any]) -> None:
    path = f"/sources/{shop['id']}/schema"

    assert_error(client.get(path, params={"window": "1h"}, headers=tenant.headers()), 422, "window")
    assert_error(client.get(path, params={"window": "30"}, headers=tenant.headers()), 422, "window")
    assert_error(client.get(path, params={"type": "purchase"}, headers=tenant.headers()), 422, "type")
    for name in ("\x00", "Order\x00", "a\nb"):  # no event name holds these: refused as the violations read does
        assert_error(client.get(path, params={"event": name}, headers=tenant.headers()), 422, "event")
        violations = client.get(f"/sources/{shop['id']}/violations", params={"event": name}, headers=tenant.headers())
        assert_error(violations, 422, "event")
    assert_error(client.get(path, params={"pagination[cursor]": "nope"}, headers=tenant.headers()), 400)
    assert_error(client.get(path, headers=other_tenant.headers()), 404)
    assert_error(client.get("/sources/src_nothing/schema", headers=tenant.headers()), 404)
    quiet = create_source(client, tenant, "quiet")
    assert schema_of(client, tenant, quiet["id"], window="30d")["events"] == []


def test_importing_infers_segment_shaped_rules_and_reports_ambiguity(
    client: Client, tenant: Tenant, shop: dict[str, Any]
) -> None:
    plan = create_plan(client, tenant, "Started from the shop")

    answer = import_observed(client, tenant, plan, {"sourceId": shop["id"], "window": "24h"})

    body = data(answer)
    assert answer.headers["ETag"] == '"2"' and body["dryRun"] is False
    assert sorted((rule["type"], rule.get("key")) for rule in body["created"]) == [
        ("GROUP", None),
        ("IDENTIFY", None),
        ("PAGE", "Home"),
        ("TRACK", "Order Completed"),
        ("TRACK", "Product Viewed"),
    ]
    assert body["updated"] == [] and body["unchanged"] == []
    assert body["ambiguous"] == [
        {
            "type": "TRACK",
            "key": "Order Completed",
            "path": "properties.total",
            "types": [{"type": "integer", "count": 1}, {"type": "number", "count": 1}, {"type": "string", "count": 1}],
        }
    ]
    rules = rules_of(client, tenant, plan)
    assert rules[("TRACK", "Order Completed", 1)] == {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {
            "properties": {
                "type": "object",
                "properties": {
                    "at": {"type": "string"},
                    "coupon": {"type": ["string", "null"]},
                    "items": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"price": {"type": "number"}, "sku": {"type": "string"}},
                        },
                    },
                    "total": {},
                },
            }
        },
    }
    assert rules[("IDENTIFY", None, 1)]["properties"]["traits"]["properties"] == {
        "age": {"type": "integer"},
        "email": {"type": "string"},
        "since": {"type": "string", "format": "date-time"},
    }
    dims = rules[("TRACK", "Product Viewed", 1)]["properties"]["properties"]["properties"]["dims"]
    assert dims == {
        "type": "object",
        "properties": {"h": {"type": "object", "properties": {"cm": {"type": "integer"}}}, "w": {"type": "integer"}},
    }
    assert all("required" not in str(schema) for schema in rules.values())
    log = data(client.get(f"/tracking-plans/{plan}/changelog", headers=tenant.headers()))["changelog"]
    imported = [entry for entry in log if entry["action"] == "RULES_IMPORTED"]
    assert imported[0]["after"] == {"sourceId": shop["id"], "window": "24h", "events": None}
    again = import_observed(client, tenant, plan, {"sourceId": shop["id"]})  # the window is 24h when absent
    assert len(data(again)["unchanged"]) == 5 and data(again)["created"] == data(again)["updated"] == []
    assert "notCopied" not in data(again)
    # a write that changes nothing records nothing and keeps the revision
    assert again.headers["ETag"] == '"2"'
    assert data(client.get(f"/tracking-plans/{plan}/changelog", headers=tenant.headers()))["changelog"] == log


def test_required_when_always_present_and_named_events(client: Client, tenant: Tenant, shop: dict[str, Any]) -> None:
    plan = create_plan(client, tenant, "Required")
    body = {
        "sourceId": shop["id"],
        "window": "30d",
        "events": [{"type": "TRACK", "key": "Product Viewed"}, {"type": "IDENTIFY"}],
        "requiredWhenAlwaysPresent": True,
    }

    answer = data(import_observed(client, tenant, plan, body))

    assert sorted(rule["type"] for rule in answer["created"]) == ["IDENTIFY", "TRACK"]
    rules = rules_of(client, tenant, plan)
    viewed = rules[("TRACK", "Product Viewed", 1)]["properties"]["properties"]
    assert viewed["required"] == ["dims", "sku", "tags"]
    assert viewed["properties"]["dims"]["required"] == ["h", "w"]
    assert rules[("IDENTIFY", None, 1)]["properties"]["traits"]["required"] == ["email"]


def test_existing_rules_keep_what_they_declare_and_gain_what_is_missing(
    client: Client, tenant: Tenant, shop: dict[str, Any]
) -> None:
    plan = shop["planId"]
    headers = {"If-Match": '"1"'}
    stale = import_observed(client, tenant, plan, {"sourceId": shop["id"], "window": "7d"}, headers=headers)
    assert_error(stale, 412)
    before = rules_of(client, tenant, plan)
    dry = import_observed(client, tenant, plan, {"sourceId": shop["id"], "window": "7d"}, params={"dryRun": "true"})
    assert data(dry)["dryRun"] is True and len(data(dry)["created"]) == 4 and rules_of(client, tenant, plan) == before

    answer = data(import_observed(client, tenant, plan, {"sourceId": shop["id"], "window": "7d"}))

    assert sorted(rule["version"] for rule in answer["updated"]) == [1, 2]
    # the rules keep what they declare, and the answer says where the source sent something else
    assert [(found["version"], found["path"], found["declaredType"]) for found in answer["conflicting"]] == [
        (1, "properties.coupon", "string"),
        (1, "properties.total", "number"),
        (2, "properties.coupon", "string"),
        (2, "properties.total", "number"),
    ]
    assert answer["conflicting"][1]["types"] == [
        {"type": "integer", "count": 1},
        {"type": "number", "count": 1},
        {"type": "string", "count": 1},
    ]
    assert answer["conflicting"][0]["types"] == [{"type": "null", "count": 1}, {"type": "string", "count": 1}]
    assert answer["skipped"] == []
    for version in (1, 2):
        payload = rules_of(client, tenant, plan)[("TRACK", "Order Completed", version)]["properties"]["properties"]
        assert payload["properties"]["total"] == {"type": "number"}
        assert payload["properties"]["coupon"] == {"type": "string"}
        assert set(payload["properties"]) == {"total", "coupon", "at", "items"}
    schema = schema_of(client, tenant, shop["id"])
    order = events_of(schema)[("track", "Order Completed")]
    assert all(prop["declared"] for prop in order["properties"])


def test_bad_imports_are_clear_4xx_and_write_nothing(
    client: Client, tenant: Tenant, other_tenant: Tenant, shop: dict[str, Any]
) -> None:
    plan = create_plan(client, tenant, "Target")
    source = shop["id"]

    def refused(body: dict[str, Any], status: int, field: str | None = None, who: Tenant = tenant) -> str:
        return str(assert_error(import_observed(client, who, plan, body), status, field)["message"])

    refused({"sourceId": source, "window": "1h"}, 422, "window")
    refused({"sourceId": "src_\u0000", "window": "24h"}, 422, "sourceId")
    refused({"sourceId": "src 1"}, 422, "sourceId")
    assert "An IDENTIFY rule has no key" in refused(
        {"sourceId": source, "events": [{"type": "IDENTIFY", "key": "x"}]}, 422, "events[0].key"
    )
    refused({"sourceId": source, "window": "24h", "events": [{"type": "COMMON"}]}, 422, "events[0].type")
    refused({"sourceId": source, "window": "24h", "events": [{"type": "TRACK"}]}, 422, "events[0].key")
    refused({"sourceId": source, "window": "24h", "events": [{"type": "IDENTIFY", "key": "x"}]}, 422, "events[0].key")
    twice = [{"type": "IDENTIFY"}, {"type": "IDENTIFY"}]
    refused({"sourceId": source, "window": "24h", "events": twice}, 422, "events[1]")
    never = [
        {"type": "TRACK", "key": "Order Completed"},
        {"type": "TRACK", "key": "Never Sent"},
        {"type": "SCREEN", "key": "S"},
    ]
    message = refused({"sourceId": source, "window": "24h", "events": never}, 404, "events[1]")
    assert "'Never Sent'" in message and "'S'" in message and "Order Completed" not in message
    quiet = create_source(client, tenant, "quiet")
    assert "sent no events" in refused({"sourceId": quiet["id"], "window": "30d"}, 404, "sourceId")
    refused({"sourceId": "src_none", "window": "24h"}, 404)
    other = create_source(client, other_tenant, "elsewhere")
    refused({"sourceId": other["id"], "window": "24h"}, 404)
    library = create_plan(client, tenant, "Library", type="RULE_LIBRARY")
    assert_error(import_observed(client, tenant, library, {"sourceId": source, "window": "24h"}), 409)
    assert_error(
        import_observed(client, tenant, plan, {"sourceId": source, "window": "24h"}, headers=tenant.headers("reader")),
        403,
    )
    assert rules_of(client, tenant, plan) == {}


def test_names_no_path_can_spell_are_dropped_and_counted_and_the_rules_pass_the_checks(
    client: Client, tenant: Tenant
) -> None:
    source = create_source(client, tenant, "odd")
    properties = {
        "a.b": 1,
        "c[0]": 2,
        "d]": 3,
        'quote"s': 4,
        "nul\x00": 5,
        "x" * 10_000: 6,
        "ok": 7,
        "émoji 🎉": "yes",
    }
    deep: Any = "bottom"
    for _ in range(60):
        deep = {"n": deep}
    many = {f"p{i:03}": i for i in range(350)}
    sent = [track("Odd", properties), track("Deep", {"deep": deep}), track("Many", many), track("x" * 201)]
    assert send(client, source["writeKeys"][0], sent).status_code == 200
    for _ in range(200):
        deep = {"n": deep}
    assert send(client, source["writeKeys"][0], [track("Deeper", {"deep": deep})]).status_code == 400
    flush(client)

    found = schema_of(client, tenant, source["id"])

    events = events_of(found)
    assert found["limits"]["droppedEvents"] == 1  # a name no rule key can hold
    odd = events[("track", "Odd")]
    assert set(types_of(odd)) == {'properties.quote"s', "properties.ok", "properties.émoji 🎉"}
    assert odd["droppedProperties"] == 5
    deep_paths = types_of(events[("track", "Deep")])
    assert max(path.count(".") for path in deep_paths) == 30 and events[("track", "Deep")]["droppedProperties"] == 1
    many_event = events[("track", "Many")]
    assert len(many_event["properties"]) == 300 and many_event["droppedProperties"] == 50

    plan = create_plan(client, tenant, "Odd")
    answer = data(import_observed(client, tenant, plan, {"sourceId": source["id"], "window": "24h"}))
    assert len(answer["created"]) == 3
    rules = rules_of(client, tenant, plan)
    assert set(rules[("TRACK", "Odd", 1)]["properties"]["properties"]["properties"]) == {'quote"s', "ok", "émoji 🎉"}
    assert len(rules[("TRACK", "Many", 1)]["properties"]["properties"]["properties"]) == 300
    # the rules are live: events are checked against them without errors
    assert connect(client, tenant, plan, source["id"]).status_code == 200
    assert client.post("/v1/batch", json={"batch": sent[:3]}, headers=basic(source["writeKeys"][0])).status_code == 200
    flush(client)


def test_an_import_has_no_200_rule_limit(client: Client, tenant: Tenant) -> None:
    source = create_source(client, tenant, "busy")
    sent = [track(f"Event {i:03}", {"n": i, "at": AT}) for i in range(250)]
    assert send(client, source["writeKeys"][0], sent).status_code == 200
    flush(client)
    plan = create_plan(client, tenant, "Busy")

    answer = data(import_observed(client, tenant, plan, {"sourceId": source["id"], "window": "24h"}))

    listed = data(client.get(f"/tracking-plans/{plan}/rules", headers=tenant.headers()))
    assert len(answer["created"]) == 250 and listed["pagination"]["totalEntries"] == 250


def test_a_ref_declares_what_it_names_and_the_import_never_writes_beside_it(
    client: Client, tenant: Tenant, shop: dict[str, Any]
) -> None:
    plan = shop["planId"]
    defined = {"type": "object", "properties": {"total": {"type": "number"}, "at": {"type": "string"}}}
    referring = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "properties": {"properties": {"$ref": "#/definitions/p"}},
        "definitions": {"p": defined},
    }
    rules = [{"type": "TRACK", "key": "Order Completed", "version": v, "jsonSchema": ORDERED} for v in (1, 2)]
    put_rules(
        client,
        tenant,
        plan,
        [*rules, {"type": "TRACK", "key": "Order Completed", "version": 3, "jsonSchema": referring}],
    )
    stored = rules_of(client, tenant, plan)[("TRACK", "Order Completed", 3)]

    order = events_of(schema_of(client, tenant, shop["id"]))[("track", "Order Completed")]
    answer = data(import_observed(client, tenant, plan, {"sourceId": shop["id"]}))

    # v1 and v2 declare total and coupon, v3 total and at through its $ref: the view agrees with validation
    declared = {prop["path"]: prop["declared"] for prop in order["properties"]}
    assert declared["properties.at"] and declared["properties.total"] and not declared["properties.items"]
    assert rules_of(client, tenant, plan)[("TRACK", "Order Completed", 3)] == stored
    assert ("TRACK", "Order Completed", 3) in {
        (rule["type"], rule["key"], rule["version"]) for rule in answer["unchanged"]
    }
    [skipped] = answer["skipped"]
    assert (skipped["type"], skipped["key"], skipped["version"], skipped["path"]) == (
        "TRACK",
        "Order Completed",
        3,
        "properties",
    )
    assert "#/definitions/p" in skipped["reason"] and "properties.coupon" in skipped["reason"]
    after = events_of(schema_of(client, tenant, shop["id"]))[("track", "Order Completed")]
    assert all(prop["declared"] for prop in after["properties"])  # v1 and v2 gained the rest


def test_a_merged_rule_too_large_names_what_the_caller_sent(
    client: Client, tenant: Tenant, shop: dict[str, Any]
) -> None:
    plan = create_plan(client, tenant, "Full")
    schema: dict[str, Any] = payload_schema({"properties": {"total": {"type": "number"}}})
    schema["description"] = ""
    schema["description"] = "x" * (256 * 1024 - 40 - len(json.dumps(schema, separators=(",", ":"))))
    rule = {"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": schema}
    put_rules(client, tenant, plan, [rule])
    before = rules_of(client, tenant, plan)

    listed = {"sourceId": shop["id"], "events": [{"type": "IDENTIFY"}, {"type": "TRACK", "key": "Order Completed"}]}
    named = assert_error(import_observed(client, tenant, plan, listed), 422, "events[1]")
    everything = assert_error(import_observed(client, tenant, plan, {"sourceId": shop["id"]}), 422, "sourceId")

    for error in (named, everything):
        assert "TRACK 'Order Completed' v1" in error["message"] and "256 KiB" in error["message"]
    assert rules_of(client, tenant, plan) == before
