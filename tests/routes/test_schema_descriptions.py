"""A rule without a description of its own shows its schema's top-level `description` wherever one is shown.

Segment's rule objects have no description field, so sync jobs keep an event's description in
`jsonSchema.description`: the CSV's Description column, the v1beta event's `description` and the
plan-as-code export show it. The Public API's rule listing shows each rule's own fields as stored.
"""

import csv
import io
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data

Client = TestClient[Litestar]

RULES = [
    # the schema's description only
    {"type": "TRACK", "key": "A", "version": 1, "jsonSchema": {"description": "Schema of A", "type": "object"}},
    # both: its own wins
    {
        "type": "TRACK",
        "key": "B",
        "version": 1,
        "jsonSchema": {"description": "Schema of B", "type": "object"},
        "description": "Own B",
    },
    # neither
    {"type": "TRACK", "key": "C", "version": 1, "jsonSchema": {"type": "object"}},
    # nested descriptions are the properties'
    {"type": "TRACK", "key": "D", "version": 1, "jsonSchema": {"properties": {"properties": {"description": "Props"}}}},
    # its own, equal to its schema's
    {"type": "TRACK", "key": "E", "version": 1, "jsonSchema": {"description": "Same"}, "description": "Same"},
]
SHOWN = {"A": "Schema of A", "B": "Own B", "C": None, "D": None, "E": "Same"}
OWN = {"A": None, "B": "Own B", "C": None, "D": None, "E": "Same"}


@pytest.fixture
def plan(client: Client, tenant: Tenant) -> dict[str, Any]:
    created = data(client.post("/tracking-plans", json={"name": "Described", "type": "LIVE"}, headers=tenant.headers()))
    plan = created["trackingPlan"]
    assert client.put(f"/tracking-plans/{plan['id']}/rules", json={"rules": RULES}, headers=tenant.headers()).is_success
    return dict(plan)


def _own(client: Client, tenant: Tenant, plan_id: str) -> dict[str, str | None]:
    rules = data(client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers()))["rules"]
    return {rule["key"]: rule.get("description") for rule in rules}


def test_the_csv_shows_the_schemas_description_where_a_rule_has_none(
    client: Client, tenant: Tenant, plan: dict[str, Any]
) -> None:
    answer = client.get(f"/tracking-plans/{plan['id']}/export", params={"format": "csv"}, headers=tenant.headers())

    rows = list(csv.DictReader(io.StringIO(answer.text)))
    events = {row["Name"]: row["Description"] for row in rows if row["Type"] == "TRACK"}
    assert events == {key: shown or "" for key, shown in SHOWN.items()}


def test_the_public_api_lists_each_rules_own_description(client: Client, tenant: Tenant, plan: dict[str, Any]) -> None:
    assert _own(client, tenant, plan["id"]) == OWN


def test_the_json_export_shows_it_and_restores_the_rules_as_they_were(
    client: Client, tenant: Tenant, plan: dict[str, Any]
) -> None:
    url = f"/tracking-plans/{plan['id']}/export"

    document = client.get(url, params={"format": "json"}, headers=tenant.headers())

    assert {rule["key"]: rule.get("description") for rule in document.json()["rules"]} == SHOWN
    body = '{"mode": "CREATE", "name": "Restored", "document": ' + document.text + "}"
    headers = {**tenant.headers(), "Content-Type": "application/json"}
    restored = data(client.post("/tracking-plans/copies", content=body, headers=headers))["trackingPlan"]
    assert _own(client, tenant, restored["id"]) == {**OWN, "E": None}
    again = client.get(f"/tracking-plans/{restored['id']}/export", params={"format": "json"}, headers=tenant.headers())
    assert again.json()["rules"] == document.json()["rules"]
    # merged back into the plan it came from, it changes only the rule whose own description was its schema's
    merge = '{"mode": "MERGE", "targetTrackingPlanId": "' + plan["id"] + '", "document": ' + document.text + "}"
    merged = data(client.post("/tracking-plans/copies", content=merge, headers=headers))
    assert (merged["created"], merged["updated"]) == ([], [{"type": "TRACK", "key": "E", "version": 1}])
    assert len(merged["unchanged"]) == 4


def test_v1beta_shows_it_and_a_document_sent_back_as_read_changes_nothing(
    client: Client, tenant: Tenant, plan: dict[str, Any]
) -> None:
    url = f"/v1beta/workspaces/{tenant.slug}/tracking-plans/{plan['resourceSchemaId']}"

    read = client.get(url, headers=tenant.headers())

    assert {event["name"]: event.get("description") for event in read.json()["rules"]["events"]} == SHOWN
    body = {"update_mask": {"paths": ["tracking_plan.rules"]}, "tracking_plan": read.json()}
    again = client.put(url, json=body, headers=tenant.headers())
    assert again.status_code == 200 and again.headers["ETag"] == read.headers["ETag"]
    assert again.json() == read.json()
    assert _own(client, tenant, plan["id"]) == OWN


def test_v1beta_events_described_as_their_schema_keep_no_description_of_their_own(
    client: Client, tenant: Tenant
) -> None:
    events = [
        {"name": "Same", "description": "In schema", "rules": {"description": "In schema"}},
        {"name": "Other", "description": "Own", "rules": {"description": "In schema"}},
    ]
    body = {"tracking_plan": {"display_name": "Doc", "rules": {"events": events}}}

    created = client.post(f"/v1beta/workspaces/{tenant.slug}/tracking-plans", json=body, headers=tenant.headers())

    assert [event["description"] for event in created.json()["rules"]["events"]] == ["In schema", "Own"]
    plans = data(client.get("/tracking-plans", headers=tenant.headers()))["trackingPlans"]
    plan_id = next(p["id"] for p in plans if p["name"] == "Doc")
    assert _own(client, tenant, plan_id) == {"Same": None, "Other": "Own"}
