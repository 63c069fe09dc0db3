"""Segment's `any` type: accepted wherever a schema enters, stored verbatim, no type constraint when checking."""

import csv
import io
import json
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import create_plan

Client = TestClient[Litestar]

# the issue's example, byte for byte as Segment exports it
LOGIN_SUCCEEDED = (
    '{"rules": [{"type": "TRACK", "key": "Login Succeeded", "version": 1, "jsonSchema": {"$schema": '
    '"http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"properties": {"type": "object", '
    '"properties": {"remember device": {"type": "any", "description": "x"}, "plan": {"type": ["any", "null"]}}}}}}]}'
)


def send(client: Client, tenant: Tenant, method: str, url: str, body: str) -> Any:
    headers = {**tenant.headers(), "Content-Type": "application/json"}
    return client.request(method, url, content=body, headers=headers)


def rule_with(schema: dict[str, Any]) -> str:
    return json.dumps({"rules": [{"type": "TRACK", "key": "E", "version": 1, "jsonSchema": schema}]})


def test_the_exported_plan_is_accepted_stored_verbatim_and_checks_no_type(client: Client, tenant: Tenant) -> None:
    plan = create_plan(client, tenant)

    written = send(client, tenant, "PATCH", f"/tracking-plans/{plan}/rules", LOGIN_SUCCEEDED)

    assert written.status_code == 200, written.text
    listed = client.get(f"/tracking-plans/{plan}/rules", headers=tenant.headers()).text
    assert LOGIN_SUCCEEDED.split('"jsonSchema": ')[1][:-3] in listed  # as sent, spaces and all
    events = [
        {"type": "track", "event": "Login Succeeded", "properties": {"remember device": value, "plan": value}}
        for value in (True, 1.5, "x", None, [1], {"a": 1})
    ]
    answer = data(client.post(f"/tracking-plans/{plan}/validate", json={"events": events}, headers=tenant.headers()))
    assert answer["summary"]["valid"] == len(events)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "any"},
        {"type": ["any", "null"]},
        {"properties": {"properties": {"properties": {"list": {"type": "array", "items": {"type": "any"}}}}}},
        {"properties": {"properties": {"anyOf": [{"type": ["any"]}, {"type": "string"}]}}},
        {"definitions": {"free": {"type": "any"}}, "properties": {"properties": {"$ref": "#/definitions/free"}}},
    ],
)
def test_any_in_every_position_a_type_can_take(client: Client, tenant: Tenant, schema: dict[str, Any]) -> None:
    plan = create_plan(client, tenant)

    answer = send(client, tenant, "PUT", f"/tracking-plans/{plan}/rules", rule_with(schema))

    assert answer.status_code == 200, answer.text
    stored = data(client.get(f"/tracking-plans/{plan}/rules", headers=tenant.headers()))["rules"][0]["jsonSchema"]
    assert stored == schema


@pytest.mark.parametrize(
    ("schema", "field", "message"),
    [
        ({"type": "Any"}, "type", "'Any' is not a JSON Schema type: types are array, boolean"),
        ({"properties": {"p": {"type": "anything"}}}, "properties.p.type", "'anything' is not a JSON Schema type"),
        ({"type": ["any", "Any"]}, "type", "'Any' is not a JSON Schema type"),
        ({"type": ["any", 5]}, "type", "5 is not a JSON Schema type"),
        # the rest of the schema is still checked once `any` is taken out
        ({"type": "any", "minimum": "1"}, "minimum", "not valid JSON Schema"),
        ({"items": {"type": ["any", "null"], "maxLength": -1}}, "items", "not valid JSON Schema"),
    ],
)
def test_other_spellings_and_the_rest_of_the_schema_are_still_refused(
    client: Client, tenant: Tenant, schema: dict[str, Any], field: str, message: str
) -> None:
    plan = create_plan(client, tenant)

    answer = send(client, tenant, "PUT", f"/tracking-plans/{plan}/rules", rule_with(schema))

    assert answer.status_code == 422
    error = answer.json()["errors"][0]
    assert error["field"] == f"rules[0].jsonSchema.{field}" and message in error["message"]


def test_v1beta_documents_copies_and_the_csv_export_take_any(
    client: Client, tenant: Tenant, other_tenant: Tenant
) -> None:
    schema = (
        '{"properties": {"properties": {"properties": {"note": {"type": "any"}, "plan": {"type": ["any", "null"]}}}}}'
    )
    body = (
        '{"tracking_plan": {"display_name": "Exported", "rules": {"global": {}, "events": '
        f'[{{"name": "Signed Up", "version": 1, "rules": {schema}}}]}}}}}}'
    )
    created = send(client, tenant, "POST", f"/v1beta/workspaces/{tenant.slug}/tracking-plans", body)
    assert created.status_code == 200, created.text
    assert schema.replace(": ", ":").replace(", ", ",") in created.text.replace(": ", ":").replace(", ", ",")
    plan = next(
        found["id"]
        for found in data(client.get("/tracking-plans", headers=tenant.headers()))["trackingPlans"]
        if found["name"] == "Exported"
    )

    rows = list(
        csv.DictReader(
            io.StringIO(client.get(f"/tracking-plans/{plan}/export?format=csv", headers=tenant.headers()).text)
        )
    )
    types = {row["Name"]: row["Data Type"] for row in rows}
    assert types["properties.note"] == "any" and types["properties.plan"] == "any, null"

    document = client.get(f"/tracking-plans/{plan}/export", headers=tenant.headers()).content.decode()
    copy = '{"mode": "CREATE", "name": "Copied", "document": ' + document + "}"
    copied = send(client, other_tenant, "POST", "/tracking-plans/copies", copy)
    assert copied.status_code == 200, copied.text
