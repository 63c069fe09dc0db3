"""Bad rules: each call is refused whole with a 4xx naming the place, and nothing is written."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.test_bad_input import assert_error
from tests.routes.test_rules import track

Client = TestClient[Litestar]


@pytest.fixture
def plan_url(client: Client, tenant: Tenant) -> str:
    created = data(client.post("/tracking-plans", json={"name": "Rules", "type": "LIVE"}, headers=tenant.headers()))
    url = f"/tracking-plans/{created['trackingPlan']['id']}"
    client.patch(f"{url}/rules", json={"rules": [track("Existing")]}, headers=tenant.headers())
    return url


def unchanged(client: Client, tenant: Tenant, plan_url: str) -> bool:
    listed = data(client.get(f"{plan_url}/rules", params={"includeDeprecated": "true"}, headers=tenant.headers()))
    etag = client.get(plan_url, headers=tenant.headers()).headers["ETag"]
    return [r["key"] for r in listed["rules"]] == ["Existing"] and etag == '"2"'


@pytest.mark.parametrize("method", ["PATCH", "PUT", "DELETE"])
def test_more_than_200_rules_is_400_and_says_to_batch(
    client: Client, tenant: Tenant, plan_url: str, method: str
) -> None:
    if method == "DELETE":
        body = {"rules": [{"type": "TRACK", "key": f"E{i}", "version": 1} for i in range(201)]}
    else:
        body = {"rules": [track(f"E{i}") for i in range(201)]}

    error = assert_error(client.request(method, f"{plan_url}/rules", json=body, headers=tenant.headers()), 400, "rules")

    assert "batches of at most 200" in error["message"]
    assert unchanged(client, tenant, plan_url)


def test_one_bad_rule_in_200_writes_nothing(client: Client, tenant: Tenant, plan_url: str) -> None:
    rules = [track(f"E{i}") for i in range(200)]
    rules[137] = track(
        "E137", schema={"type": "object", "properties": {"properties": {"properties": {"price": {"type": "strin"}}}}}
    )

    response = client.patch(f"{plan_url}/rules", json={"rules": rules}, headers=tenant.headers())

    assert_error(response, 422, "rules[137].jsonSchema.properties.properties.properties.price.type")
    assert unchanged(client, tenant, plan_url)


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        ({"type": "EVENT", "key": "A", "version": 1, "jsonSchema": {}}, "rules[0].type"),
        ({"type": "TRACK", "version": 1, "jsonSchema": {}}, "rules[0].key"),
        ({"type": "IDENTIFY", "key": "A", "version": 1, "jsonSchema": {}}, "rules[0].key"),
        (track("A", 0), "rules[0].version"),
        (track("A", -1), "rules[0].version"),
        ({**track("A"), "version": 1.5}, "rules[0].version"),
        ({**track("A"), "version": "1"}, "rules[0].version"),
        ({**track("A"), "jsonSchema": "{}"}, "rules[0].jsonSchema"),
        ({**track("A"), "jsonSchema": []}, "rules[0].jsonSchema"),
        ({**track("A"), "jsonSchema": True}, "rules[0].jsonSchema"),
        (track("A", schema={"type": "strin"}), "rules[0].jsonSchema.type"),
        (track("A", schema={"required": "a"}), "rules[0].jsonSchema.required"),
        (track("A", schema={"type": "String"}), "rules[0].jsonSchema.type"),
        (track("A", schema={"properties": {"at": {"type": "date-time"}}}), "rules[0].jsonSchema.properties.at.type"),
        (
            track("A", schema={"properties": {"x": {"type": "string", "pattern": "(?!x)"}}}),
            "rules[0].jsonSchema.properties.x.pattern",
        ),
        (track("A", schema={"pattern": "(a)\\1"}), "rules[0].jsonSchema.pattern"),
        (track("A", schema={"pattern": "(?<=a)b"}), "rules[0].jsonSchema.pattern"),
        (track("A", schema={"patternProperties": {"^(?!x)": {}}}), "rules[0].jsonSchema.patternProperties.^(?!x)"),
        (track("A", schema={"pattern": "[unclosed"}), "rules[0].jsonSchema.pattern"),
        (track("A", schema={"$schema": "http://example.com/my-schema"}), "rules[0].jsonSchema.$schema"),
        (track("A", schema={"properties": {"big": {"enum": ["x" * 1000] * 300}}}), "rules[0].jsonSchema"),
        ({**track("A"), "surprise": 1}, "rules[0].surprise"),
        ({**track("A"), "labels": [{"key": "a"}]}, "rules[0].labels[0].value"),
        ({**track("A"), "key": ""}, "rules[0].key"),
    ],
)
def test_bad_rules_are_422_naming_the_place(
    client: Client, tenant: Tenant, plan_url: str, rule: dict[str, Any], field: str
) -> None:
    body = {"rules": [rule]}

    for method in ("PATCH", "PUT"):
        assert_error(client.request(method, f"{plan_url}/rules", json=body, headers=tenant.headers()), 422, field)
    assert unchanged(client, tenant, plan_url)


def test_300_kib_schema_is_refused(client: Client, tenant: Tenant, plan_url: str) -> None:
    schema = {"type": "object", "description": "x" * (300 * 1024)}

    error = assert_error(
        client.patch(f"{plan_url}/rules", json={"rules": [track("A", schema=schema)]}, headers=tenant.headers()),
        422,
        "rules[0].jsonSchema",
    )

    assert "256 KiB" in error["message"]
    assert unchanged(client, tenant, plan_url)


@pytest.mark.parametrize("levels", [65, 500, 1000, 100_000])
def test_deep_schemas_are_refused(client: Client, tenant: Tenant, plan_url: str, levels: int) -> None:
    schema = '{"not": ' * levels + "{}" + "}" * levels
    body = '{"rules": [{"type": "TRACK", "key": "A", "version": 1, "jsonSchema": ' + schema + "}]}"

    response = client.patch(
        f"{plan_url}/rules", content=body, headers={**tenant.headers(), "Content-Type": "application/json"}
    )

    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)
    assert unchanged(client, tenant, plan_url)


def test_duplicate_identities_in_one_call_are_refused(client: Client, tenant: Tenant, plan_url: str) -> None:
    body = {"rules": [track("A"), track("B"), track("A")]}

    assert_error(client.patch(f"{plan_url}/rules", json=body, headers=tenant.headers()), 422, "rules[2]")
    assert unchanged(client, tenant, plan_url)


@pytest.mark.parametrize(
    "query",
    [
        "rules[0][type]=TRACK&rules[0][key]=Existing",
        "rules[0][type]=TRACK&rules[0][key]=Existing&rules[0][version]=one",
        "rules[0][type]=BOGUS&rules[0][key]=Existing&rules[0][version]=1",
        "rules[1][type]=TRACK&rules[1][key]=Existing&rules[1][version]=1",
        "",
    ],
)
def test_bad_removals_in_the_query_string(client: Client, tenant: Tenant, plan_url: str, query: str) -> None:
    response = client.delete(f"{plan_url}/rules?{query}", headers=tenant.headers())

    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)
    assert unchanged(client, tenant, plan_url)


def test_rules_of_another_workspace_are_not_found(
    client: Client, tenant: Tenant, other_tenant: Tenant, plan_url: str
) -> None:
    assert_error(client.get(f"{plan_url}/rules", headers=other_tenant.headers()), 404)
    assert_error(client.patch(f"{plan_url}/rules", json={"rules": [track("X")]}, headers=other_tenant.headers()), 404)
    assert_error(client.get(f"{plan_url}/changelog", headers=other_tenant.headers()), 404)
    assert_error(client.patch(f"{plan_url}/rules", json={"rules": [track("X")]}, headers=tenant.headers("reader")), 403)
    assert unchanged(client, tenant, plan_url)
