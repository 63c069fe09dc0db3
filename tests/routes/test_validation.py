"""`POST /tracking-plans/{id}/validate`: events checked against a plan, violations in Segment's shape."""

import json
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import DRAFT_07, create_plan, payload_schema, put_rules
from tests.routes.conftest import VALIDATED_ORDER_COMPLETED as ORDER_COMPLETED
from tests.routes.conftest import track_event as track

Client = TestClient[Litestar]


def validate(client: Client, tenant: Tenant, plan_id: str, events: list[Any], role: str = "reader") -> Any:
    return client.post(f"/tracking-plans/{plan_id}/validate", json={"events": events}, headers=tenant.headers(role))


@pytest.fixture
def plan_id(client: Client, tenant: Tenant) -> str:
    plan = create_plan(client, tenant)
    put_rules(
        client, tenant, plan, [{"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": ORDER_COMPLETED}]
    )
    return plan


def test_violations_in_segments_shape_and_a_summary(client: Client, tenant: Tenant, plan_id: str) -> None:
    good = track("Order Completed", {"total": 10, "products": [{"sku": "a"}], "integer": 2.0, "coupon": None})
    bad = track(
        "Order Completed",
        {"total": -1, "integer": 1.5, "currency": "GBP", "coupon": "abc", "products": [{"sku": 1}, {}], "extra": 1},
    )
    missing = track("Order Completed", {"total": 1})

    answer = data(validate(client, tenant, plan_id, [good, bad, missing]))

    rule = {"type": "TRACK", "key": "Order Completed", "version": 1}
    first, second, third = answer["results"]
    assert first == {
        "index": 0,
        "valid": True,
        "rules": [rule],
        "unplanned": False,
        "violations": [],
        "unplannedProperties": [],
        "error": None,
    }
    assert second["valid"] is False and second["rules"] == [rule] and second["unplannedProperties"] == ["extra"]
    assert second["violations"] == [  # sorted by field
        {"type": "Pattern", "field": "properties.coupon", "description": "Does not match pattern '^[A-Z]+$'"},
        {
            "type": "Enum",
            "field": "properties.currency",
            "description": 'properties.currency must be one of the following: "USD", "EUR"',
        },
        {
            "type": "Invalid Type",
            "field": "properties.integer",
            "description": "Invalid type. Expected: integer, given: number",
        },
        {
            "type": "Invalid Type",
            "field": "properties.products.0.sku",
            "description": "Invalid type. Expected: string, given: integer",
        },
        {
            "type": "Required",
            "field": "properties.products.1.sku",
            "description": "properties.products.1.sku is required",
        },
        {"type": "Number Gte", "field": "properties.total", "description": "Must be greater than or equal to 0"},
    ]
    assert third["violations"] == [
        {"type": "Required", "field": "properties.products", "description": "properties.products is required"}
    ]
    assert answer["summary"] == {
        "events": 3,
        "valid": 1,
        "invalid": 2,
        "unplanned": 0,
        "rejected": 0,
        "violations": {"Enum": 1, "Invalid Type": 2, "Number Gte": 1, "Pattern": 1, "Required": 2},
    }
    assert answer["trackingPlanId"] == plan_id and answer["revision"] >= 1


def test_every_role_may_validate_and_another_workspace_sees_no_plan(
    client: Client, tenant: Tenant, other_tenant: Tenant, plan_id: str
) -> None:
    for role in ("owner", "admin", "reader"):
        assert validate(client, tenant, plan_id, [track("Order Completed")], role).status_code == 200

    elsewhere = validate(client, other_tenant, plan_id, [track("Order Completed")])
    unknown = validate(client, tenant, "tp_nope", [track("Order Completed")])

    for answer in (elsewhere, unknown):
        assert answer.status_code == 404 and answer.json()["errors"][0]["field"] == "trackingPlanId"
    assert client.post(f"/tracking-plans/{plan_id}/validate", json={"events": [{}]}).status_code == 401


def test_versions_come_from_context_protocols_event_version(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)
    needs = {
        version: payload_schema({"required": [f"v{version}"]}) for version in (2, 3)
    }  # versions 2 and 3 live, 1 never was
    put_rules(
        client,
        tenant,
        plan,
        [{"type": "TRACK", "key": "Signed Up", "version": v, "jsonSchema": schema} for v, schema in needs.items()],
    )

    def checked_version(event_version: Any) -> Any:
        context = {} if event_version is None else {"protocols": {"event_version": event_version}}
        result = data(validate(client, tenant, plan, [track("Signed Up", context=context)]))["results"][0]
        return result["rules"][0]["version"], [violation["field"] for violation in result["violations"]]

    assert checked_version(3) == (3, ["properties.v3"])
    assert checked_version(3.0) == (3, ["properties.v3"])
    assert checked_version(None) == (2, ["properties.v2"])  # the oldest live version
    assert checked_version(3.2) == (2, ["properties.v2"])
    assert checked_version("3") == (2, ["properties.v2"])
    assert checked_version(7) == (2, ["properties.v2"])
    assert checked_version(True) == (2, ["properties.v2"])


def test_page_screen_identify_group_and_the_common_rule(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)
    common = {
        "$schema": DRAFT_07,
        "type": "object",
        "allOf": [{"anyOf": [{"required": ["userId"]}, {"required": ["anonymousId"]}]}],
        "properties": {"context": {"type": "object", "required": ["app"]}},
    }
    put_rules(
        client,
        tenant,
        plan,
        [
            {"type": "TRACK", "key": "Page Viewed", "version": 1, "jsonSchema": payload_schema({"required": ["url"]})},
            {"type": "PAGE", "key": "Home", "version": 1, "jsonSchema": payload_schema({"required": ["hero"]})},
            {"type": "IDENTIFY", "version": 1, "jsonSchema": payload_schema({"required": ["email"]}, key="traits")},
            {
                "type": "GROUP",
                "version": 1,
                "jsonSchema": payload_schema({"properties": {"size": {"type": "integer"}}}, key="traits"),
            },
            {"type": "COMMON", "version": 1, "jsonSchema": common},
        ],
    )
    context = {"app": {"version": "1.0"}}
    events = [
        {"type": "page", "name": "Home", "properties": {"url": "/"}, "userId": "u", "context": context},
        {"type": "page", "name": "Pricing", "properties": {}, "userId": "u", "context": context},
        {"type": "screen", "name": "Home", "properties": {}, "userId": "u", "context": context},
        {"type": "identify", "traits": {"name": "Ada"}, "userId": "u", "context": context},
        {"type": "group", "groupId": "g", "traits": {"size": "big", "plan": "pro"}, "context": {}},
    ]

    results = data(validate(client, tenant, plan, events))["results"]

    def fields(result: dict[str, Any]) -> list[tuple[str, str]]:
        return [(violation["type"], violation["field"]) for violation in result["violations"]]

    common_ref = {"type": "COMMON", "version": 1}
    assert results[0]["rules"] == [
        {"type": "TRACK", "key": "Page Viewed", "version": 1},
        {"type": "PAGE", "key": "Home", "version": 1},
        common_ref,
    ]
    assert fields(results[0]) == [("Required", "properties.hero")]
    assert fields(results[1]) == [("Required", "properties.url")]
    assert results[2]["unplanned"] is True and results[2]["rules"] == [common_ref] and results[2]["valid"] is True
    assert fields(results[3]) == [("Required", "traits.email")] and results[3]["unplannedProperties"] == ["name"]
    # the common rule's violations come last, at the top of the payload as (root)
    assert fields(results[4]) == [
        ("Invalid Type", "traits.size"),
        ("Number All Of", "(root)"),
        ("Number Any Of", "(root)"),
        ("Required", "context.app"),
    ]
    assert results[4]["violations"][1]["description"] == "Must validate all the schemas (allOf)"
    assert results[4]["unplannedProperties"] == ["plan"]


def test_unplanned_events_and_a_plan_without_rules(client: Client, tenant: Tenant, plan_id: str) -> None:
    empty = create_plan(client, tenant, "Empty")
    event = track("Unheard Of", {"a": 1})

    for plan in (plan_id, empty):
        answer = data(validate(client, tenant, plan, [event]))
        assert answer["results"][0] | {"rules": None} == {
            "index": 0,
            "valid": True,
            "rules": None,
            "unplanned": True,
            "violations": [],
            "unplannedProperties": [],
            "error": None,
        }
        assert answer["summary"]["unplanned"] == 1


def test_a_rules_write_is_seen_by_the_next_check(client: Client, tenant: Tenant, plan_id: str) -> None:
    event = track("Order Completed", {"total": 1, "products": [{"sku": "a"}]})
    assert data(validate(client, tenant, plan_id, [event]))["results"][0]["valid"] is True

    stricter = payload_schema({"required": ["orderId"]})
    put_rules(
        client, tenant, plan_id, [{"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": stricter}]
    )

    result = data(validate(client, tenant, plan_id, [event]))["results"][0]
    assert [violation["field"] for violation in result["violations"]] == ["properties.orderId"]


def test_formats_any_types_and_combinators(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)
    schema = payload_schema(
        {
            "properties": {
                "at": {"type": "string", "format": "date-time"},
                "email": {"type": "string", "format": "email"},
                "id": {"type": "string", "format": "uuid"},
                "anything": {"type": "any"},
                "maybe": {"type": ["any", "null"]},
                "one": {"oneOf": [{"type": "integer"}, {"type": "number"}]},
                "not": {"not": {"type": "string"}},
                "tags": {"type": "array", "uniqueItems": True, "maxItems": 2},
                "code": {"type": "string", "minLength": 2, "maxLength": 3},
                "plan": {"const": "pro"},
            },
            "additionalProperties": {"type": "boolean"},
        }
    )
    put_rules(client, tenant, plan, [{"type": "TRACK", "key": "E", "version": 1, "jsonSchema": schema}])
    event = track(
        "E",
        {
            "at": "yesterday",
            "email": "nobody",
            "id": "not-a-uuid",
            "anything": [1, {"x": None}],
            "maybe": "text",
            "one": 1,
            "not": "s",
            "tags": ["a", "b", "a"],
            "code": "x",
            "plan": "free",
            "flag": "yes",
        },
    )

    violations = data(validate(client, tenant, plan, [event]))["results"][0]["violations"]

    assert [(violation["type"], violation["field"], violation["description"]) for violation in violations] == [
        ("Format", "properties.at", "Does not match format 'date-time'"),
        ("String Gte", "properties.code", "String length must be greater than or equal to 2"),
        ("Format", "properties.email", "Does not match format 'email'"),
        ("Invalid Type", "properties.flag", "Invalid type. Expected: boolean, given: string"),
        ("Format", "properties.id", "Does not match format 'uuid'"),
        ("Number Not", "properties.not", "Must not validate the schema (not)"),
        ("Number One Of", "properties.one", "Must validate one and only one schema (oneOf)"),
        ("Const", "properties.plan", 'properties.plan does not match: "pro"'),
        ("Array Max Items", "properties.tags", "Array must have at most 2 items"),
        ("Unique", "properties.tags", "array items[0,2] must be unique"),
    ]


def test_bad_events_are_reported_one_by_one_and_the_rest_is_checked(
    client: Client, tenant: Tenant, plan_id: str
) -> None:
    deep: Any = "x"
    for _ in range(100):
        deep = {"a": deep}
    big = track("Order Completed", {"blob": "x" * 33_000})
    valid = track("Order Completed", {"total": 1, "products": [{"sku": "a"}]})
    events = [
        "text",
        {"event": "No Type"},
        {"type": "jump"},
        {"type": "track"},
        {"type": "track", "event": 5},
        big,
        track("Order Completed", {"deep": deep}),
        valid,
    ]
    body = json.dumps({"events": events}).encode()
    # JSON no float holds, and bytes that are not UTF-8, inside one event each
    body = body[:-2] + b', {"type": "track", "event": "Order Completed", "properties": {"n": 1e400}}'
    body += b', {"type": "track", "event": "Order Completed", "properties": {"s": "\xff"}}]}'

    answer = client.post(
        f"/tracking-plans/{plan_id}/validate",
        content=body,
        headers={**tenant.headers("reader"), "Content-Type": "application/json"},
    )

    results = data(answer)["results"]
    errors = [result["error"] for result in results]
    # deep events are checked: this call never encodes them again (the source pipeline, which does, refuses them)
    assert errors[6] is errors[7] is None and results[7]["valid"] is True
    assert [violation["field"] for violation in results[6]["violations"]] == ["properties.products", "properties.total"]
    assert "JSON object" in errors[0]
    assert "no type" in errors[1] and "'jump'" in errors[2]
    assert "`event`" in errors[3] and "`event`" in errors[4]
    assert "32 KB" in errors[5]
    assert "not valid JSON" in errors[8] and "not valid JSON" in errors[9]
    assert all(
        result["valid"] is False and result["rules"] == [] for i, result in enumerate(results) if i not in (6, 7)
    )
    assert data(answer)["summary"] | {"violations": None} == {
        "events": 10,
        "valid": 1,
        "invalid": 9,
        "unplanned": 0,
        "rejected": 8,
        "violations": None,
    }


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"events": []}, 422, "events"),
        ({"events": [{}] * 1001}, 422, "events"),
        ({}, 422, "events"),
        ({"events": {}}, 422, "events"),
        ({"events": [{}], "extra": 1}, 422, "extra"),
    ],
)
def test_bad_requests_are_refused_whole(
    client: Client, tenant: Tenant, plan_id: str, body: Any, status: int, field: str
) -> None:
    answer = client.post(f"/tracking-plans/{plan_id}/validate", json=body, headers=tenant.headers("reader"))

    assert answer.status_code == status and answer.json()["errors"][0]["field"] == field


def test_an_event_nested_a_thousand_levels_is_a_400(client: Client, tenant: Tenant, plan_id: str) -> None:
    body = b'{"events": [' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"]}"

    answer = client.post(
        f"/tracking-plans/{plan_id}/validate",
        content=body,
        headers={**tenant.headers("reader"), "Content-Type": "application/json"},
    )

    assert answer.status_code == 400 and "nested too deeply" in answer.json()["errors"][0]["message"]


def test_hostile_patterns_run_in_linear_time(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)
    schema = payload_schema({"properties": {"s": {"type": "string", "pattern": "^(a+)+$"}}})
    put_rules(client, tenant, plan, [{"type": "TRACK", "key": "E", "version": 1, "jsonSchema": schema}])

    # a backtracking engine takes 2**40 steps here; the linear one answers at once
    result = data(validate(client, tenant, plan, [track("E", {"s": "a" * 40 + "!"})]))["results"][0]

    assert result["violations"] == [
        {"type": "Pattern", "field": "properties.s", "description": "Does not match pattern '^(a+)+$'"}
    ]


@pytest.mark.parametrize(
    ("ref", "field"),
    [
        ("https://example.com/schemas/price.json", "rules[0].jsonSchema.properties.properties.properties.price.$ref"),
        ("file:///etc/passwd", "rules[0].jsonSchema.properties.properties.properties.price.$ref"),
        ("#/definitions/missing", "rules[0].jsonSchema.properties.properties.properties.price.$ref"),
    ],
)
def test_a_ref_that_points_outside_the_rule_is_refused_when_written(
    client: Client, tenant: Tenant, ref: str, field: str
) -> None:
    plan = create_plan(client, tenant)
    schema = payload_schema({"properties": {"price": {"$ref": ref}}})

    answer = client.put(
        f"/tracking-plans/{plan}/rules",
        json={"rules": [{"type": "TRACK", "key": "E", "version": 1, "jsonSchema": schema}]},
        headers=tenant.headers(),
    )

    assert answer.status_code == 422
    error = answer.json()["errors"][0]
    assert error["field"] == field and "must point inside the schema" in error["message"]
    assert data(client.get(f"/tracking-plans/{plan}/rules", headers=tenant.headers()))["rules"] == []


@pytest.mark.parametrize(
    "schema_text",
    [
        '{"$id": "%%% not a uri", "type": "object"}',
        '{"properties": {"properties": {"$schema": "::", "type": "object"}}}',
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "$dynamicRef": "#meta"}',
        # the same `$ref` as above, its `$` escaped: JSON reads it as `$ref` all the same
        '{"properties": {"properties": {"\\u0024ref": "https://example.com/schemas/price.json"}}}',
    ],
)
def test_dollar_keywords_the_engine_cannot_use_are_refused_when_written(
    client: Client, tenant: Tenant, schema_text: str
) -> None:
    plan = create_plan(client, tenant)
    body = f'{{"rules": [{{"type": "TRACK", "key": "E", "version": 1, "jsonSchema": {schema_text}}}]}}'

    answer = client.put(
        f"/tracking-plans/{plan}/rules", content=body, headers={**tenant.headers(), "Content-Type": "application/json"}
    )

    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["field"].startswith("rules[0].jsonSchema")
    assert data(client.get(f"/tracking-plans/{plan}/rules", headers=tenant.headers()))["rules"] == []


def test_a_schema_with_comments_and_a_root_dialect_is_taken_and_then_used(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": "prices are in cents",
        "properties": {"properties": {"properties": {"$price": {"type": "integer", "$comment": "cents"}}}},
    }
    put_rules(client, tenant, plan, [{"type": "TRACK", "key": "E", "version": 1, "jsonSchema": schema}])

    result = data(validate(client, tenant, plan, [track("E", {"$price": 1.5})]))["results"][0]

    assert [violation["field"] for violation in result["violations"]] == ["properties.$price"]
