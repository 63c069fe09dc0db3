"""Event versions sent as JSON numbers without a fractional part (`1.0`, `1e0`) are those integers everywhere.

JSON has one number type and Terraform keeps versions as floats; `1.5` names no version and stays a 422.
"""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data

Client = TestClient[Litestar]


def _plan(client: Client, tenant: Tenant) -> str:
    created = data(client.post("/tracking-plans", json={"name": "Versions", "type": "LIVE"}, headers=tenant.headers()))
    return str(created["trackingPlan"]["id"])


def _send(client: Client, tenant: Tenant, method: str, url: str, body: str) -> Any:
    """A body written by hand, so the numbers keep the spelling a float-keeping client gives them."""
    headers = {**tenant.headers(), "Content-Type": "application/json"}
    return client.request(method, url, content=body, headers=headers)


def _listed(client: Client, tenant: Tenant, plan_id: str) -> list[tuple[str, int]]:
    answer = client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers())
    assert '"version":1.0' not in answer.text
    return [(rule["key"], rule["version"]) for rule in data(answer)["rules"]]


def test_rules_calls_read_integral_numbers_as_versions(client: Client, tenant: Tenant) -> None:
    plan_id = _plan(client, tenant)
    url = f"/tracking-plans/{plan_id}/rules"
    upsert = (
        '{"rules": [{"type": "TRACK", "key": "Login Succeeded", "version": 1.0, "jsonSchema": null},'
        ' {"type": "TRACK", "key": "Login Succeeded", "version": 2e0, "jsonSchema": null},'
        ' {"type": "TRACK", "key": "Signed Out", "version": 1E+0, "jsonSchema": null}]}'
    )

    created = _send(client, tenant, "PATCH", url, upsert)

    assert created.status_code == 200, created.text
    assert [(rule["key"], rule["version"]) for rule in data(created)["created"]] == [
        ("Login Succeeded", 1),
        ("Login Succeeded", 2),
        ("Signed Out", 1),
    ]
    assert _listed(client, tenant, plan_id) == [("Login Succeeded", 1), ("Login Succeeded", 2), ("Signed Out", 1)]
    # the same rules sent as integers are the same rules, unchanged
    again = client.patch(
        url,
        json={"rules": [{"type": "TRACK", "key": "Login Succeeded", "version": 1, "jsonSchema": None}]},
        headers=tenant.headers(),
    )
    assert data(again)["unchanged"] == [{"type": "TRACK", "key": "Login Succeeded", "version": 1}]

    removed = _send(
        client, tenant, "DELETE", url, '{"rules": [{"type": "TRACK", "key": "Login Succeeded", "version": 2.0}]}'
    )
    assert data(removed)["removed"] == [{"type": "TRACK", "key": "Login Succeeded", "version": 2}]
    by_query = client.delete(
        url,
        params={"rules[0][type]": "TRACK", "rules[0][key]": "Signed Out", "rules[0][version]": "1.0"},
        headers=tenant.headers(),
    )
    assert data(by_query)["removed"] == [{"type": "TRACK", "key": "Signed Out", "version": 1}]

    replaced = _send(
        client, tenant, "PUT", url, '{"rules": [{"type": "IDENTIFY", "version": 1.000, "jsonSchema": null}]}'
    )
    assert data(replaced)["created"] == [{"type": "IDENTIFY", "version": 1}]
    assert data(replaced)["removed"] == [{"type": "TRACK", "key": "Login Succeeded", "version": 1}]
    rules = data(client.get(url, headers=tenant.headers()))["rules"]
    assert [(rule["type"], rule["version"]) for rule in rules] == [("IDENTIFY", 1)]


@pytest.mark.parametrize(
    ("method", "body"),
    [
        ("PATCH", '{"rules": [{"type": "TRACK", "key": "A", "version": 1.5, "jsonSchema": null}]}'),
        ("PUT", '{"rules": [{"type": "TRACK", "key": "A", "version": 1.5, "jsonSchema": null}]}'),
        ("DELETE", '{"rules": [{"type": "TRACK", "key": "A", "version": 1.5}]}'),
        ("PATCH", '{"rules": [{"type": "TRACK", "key": "A", "version": 0.0, "jsonSchema": null}]}'),
        ("PATCH", '{"rules": [{"type": "TRACK", "key": "A", "version": 1e7, "jsonSchema": null}]}'),
        ("PATCH", '{"rules": [{"type": "TRACK", "key": "A", "version": "1", "jsonSchema": null}]}'),
    ],
)
def test_a_version_that_is_no_positive_integer_is_a_422_naming_it(
    client: Client, tenant: Tenant, method: str, body: str
) -> None:
    plan_id = _plan(client, tenant)

    answer = _send(client, tenant, method, f"/tracking-plans/{plan_id}/rules", body)

    assert answer.status_code == 422, answer.text
    assert answer.json()["errors"][0]["field"] == "rules[0].version"
    assert _listed(client, tenant, plan_id) == []


def test_a_fractional_version_in_the_query_string_is_a_422_naming_it(client: Client, tenant: Tenant) -> None:
    plan_id = _plan(client, tenant)

    answer = client.delete(
        f"/tracking-plans/{plan_id}/rules",
        params={"rules[0][type]": "TRACK", "rules[0][key]": "A", "rules[0][version]": "1.5"},
        headers=tenant.headers(),
    )

    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "rules[0].version"


def test_v1beta_events_read_integral_numbers_as_versions(client: Client, tenant: Tenant) -> None:
    url = f"/v1beta/workspaces/{tenant.slug}/tracking-plans"
    events = '[{"name": "Login Succeeded", "version": 1.0, "rules": null}, {"name": "Login Succeeded", "version": 2e0}]'
    body = '{"tracking_plan": {"display_name": "Shop", "rules": {"events": ' + events + "}}}"

    created = _send(client, tenant, "POST", url, body.replace(', "version": 2e0}', ', "version": 2e0, "rules": {}}'))

    assert created.status_code == 200, created.text
    assert [(event["name"], event["version"]) for event in created.json()["rules"]["events"]] == [
        ("Login Succeeded", 1),
        ("Login Succeeded", 2),
    ]
    refused = _send(client, tenant, "POST", url, body.replace("2e0", "2.5"))
    assert refused.status_code == 400 and refused.json()["code"] == 3
    assert refused.json()["error"].startswith("tracking_plan.rules.events[1].version:")


def test_copy_documents_read_integral_numbers_as_versions(client: Client, tenant: Tenant) -> None:
    rule = '{"type": "TRACK", "key": "Login Succeeded", "version": 3.0, "jsonSchema": null}'
    document = '{"trackingPlan": {"name": "Restored", "type": "LIVE"}, "rules": [' + rule + "]}"

    copied = _send(client, tenant, "POST", "/tracking-plans/copies", '{"mode": "CREATE", "document": ' + document + "}")

    assert copied.status_code == 200, copied.text
    assert data(copied)["created"] == [{"type": "TRACK", "key": "Login Succeeded", "version": 3}]
    plan_id = data(copied)["trackingPlan"]["id"]
    assert _listed(client, tenant, plan_id) == [("Login Succeeded", 3)]
    refused = _send(
        client,
        tenant,
        "POST",
        "/tracking-plans/copies",
        '{"mode": "CREATE", "document": ' + document.replace("3.0", "3.25") + "}",
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "document.rules[0].version"
