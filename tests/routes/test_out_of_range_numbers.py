"""A number too large for a double (`1e400`) anywhere in a body is a 4xx whose field names its real place.

Inside free-form objects (schemas, settings, events) msgspec can only write `[...]` for each key;
the answer names the keys, like every other schema error, and nothing is written.
"""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data

Client = TestClient[Litestar]


def _send(client: Client, tenant: Tenant, method: str, url: str, body: str) -> Any:
    return client.request(method, url, content=body, headers={**tenant.headers(), "Content-Type": "application/json"})


@pytest.fixture
def plan_id(client: Client, tenant: Tenant) -> str:
    created = data(client.post("/tracking-plans", json={"name": "Ranges", "type": "LIVE"}, headers=tenant.headers()))
    return str(created["trackingPlan"]["id"])


SCHEMA = (
    '{"type": "object", "properties": {"properties": {"type": "object", "properties": '
    '{"y": {"type": "number", "maximum": 1e300}, "x": {"type": "number", "maximum": 1e400}}}}}'
)
DEEP_X = "jsonSchema.properties.properties.properties.x.maximum"


@pytest.mark.parametrize(
    ("method", "body", "field"),
    [
        (
            "PATCH",
            '{"rules": [{"type": "TRACK", "key": "A", "version": 1, "jsonSchema": ' + SCHEMA + "}]}",
            f"rules[0].{DEEP_X}",
        ),
        (
            "PUT",
            '{"rules": [{"type": "IDENTIFY", "version": 1, "jsonSchema": {}}, '
            '{"type": "TRACK", "key": "A", "version": 1, "jsonSchema": {"enum": [1, -1E+400]}}]}',
            "rules[1].jsonSchema.enum.1",
        ),
        (
            "PATCH",
            '{"rules": [{"type": "TRACK", "key": "A", "version": 1, "jsonSchema": {"minimum": 2e999}}]}',
            "rules[0].jsonSchema.minimum",
        ),
    ],
)
def test_rules_bodies_name_the_number(
    client: Client, tenant: Tenant, plan_id: str, method: str, body: str, field: str
) -> None:
    answer = _send(client, tenant, method, f"/tracking-plans/{plan_id}/rules", body)

    assert answer.status_code == 422, answer.text
    error = answer.json()["errors"][0]
    assert (error["message"], error["field"]) == ("Number out of range", field)
    assert data(client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers()))["rules"] == []


def test_copy_documents_name_the_number(client: Client, tenant: Tenant) -> None:
    document = (
        '{"trackingPlan": {"name": "Doc", "type": "LIVE"}, "rules": [{"type": "TRACK", "key": "A", "version": 1, '
        '"jsonSchema": ' + SCHEMA + "}]}"
    )

    answer = _send(client, tenant, "POST", "/tracking-plans/copies", '{"mode": "CREATE", "document": ' + document + "}")

    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == f"document.rules[0].{DEEP_X}"
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["trackingPlans"] == []


def test_sources_and_previews_name_the_number(client: Client, tenant: Tenant) -> None:
    settings = '{"slug": "web", "enabled": true, "metadataId": "javascript", "settings": {"a": [{"b": 1e400}]}}'
    created = _send(client, tenant, "POST", "/sources", settings)
    assert created.status_code == 422 and created.json()["errors"][0]["field"] == "settings.a.0.b"

    source = data(
        client.post(
            "/sources", json={"slug": "web", "enabled": True, "metadataId": "javascript"}, headers=tenant.headers()
        )
    )
    event = '{"type": "track", "event": "Order Completed", "properties": {"total": 1e400}}'
    preview = _send(
        client,
        tenant,
        "POST",
        "/transformations/preview",
        '{"sourceId": "' + source["source"]["id"] + '", "event": ' + event + "}",
    )
    assert preview.status_code == 422 and preview.json()["errors"][0]["field"] == "event.properties.total"


def test_v1beta_documents_name_the_number(client: Client, tenant: Tenant) -> None:
    events = '[{"name": "A", "rules": {}}, {"name": "B", "rules": ' + SCHEMA + "}]"
    body = '{"tracking_plan": {"display_name": "Shop", "rules": {"events": ' + events + "}}}"

    answer = _send(client, tenant, "POST", f"/v1beta/workspaces/{tenant.slug}/tracking-plans", body)

    assert answer.status_code == 400 and answer.json()["code"] == 3
    where = "tracking_plan.rules.events[1].rules.properties.properties.properties.x.maximum"
    assert answer.json()["error"].startswith(f"{where}: Number out of range")
