"""Bad rules: each call is refused whole with a 4xx naming the place, and nothing is written."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import assert_error, track

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


def _cursor(payload: str) -> str:
    import base64

    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/rules", '{"direction":"after","position":9223372036854775808}'),
        ("/rules", '{"direction":"before","position":-1}'),
        ("/rules", '{"direction":"after","position":1000000000000000000000000000000}'),
        ("/changelog", '{"direction":"before","position":9223372036854775808}'),
        ("", '{"direction":"after","position":["0001-01-01T00:00:00+01:00","tp_x"]}'),
        ("", '{"direction":"before","position":["9999-12-31T23:59:59-01:00","tp_x"]}'),
        ("", '{"direction":"after","position":["2026-01-01T00:00:00","tp_x"]}'),
    ],
)
def test_forged_cursor_positions_are_400(
    client: Client, tenant: Tenant, plan_url: str, path: str, payload: str
) -> None:
    url = f"{plan_url}{path}" if path else "/tracking-plans"

    response = client.get(url, params={"pagination[cursor]": _cursor(payload)}, headers=tenant.headers())

    assert_error(response, 400, "pagination[cursor]")


@pytest.mark.parametrize(
    ("params", "field"),
    [({"key": "\x00"}, "key"), ({"key": ""}, "key"), ({"label": "a:\x00"}, "label"), ({"label": "\x00:b"}, "label")],
)
def test_filters_that_cannot_match_are_422(
    client: Client, tenant: Tenant, plan_url: str, params: dict[str, str], field: str
) -> None:
    assert_error(client.get(f"{plan_url}/rules", params=params, headers=tenant.headers()), 422, field)


def test_huge_query_index_and_huge_repetition_are_4xx(client: Client, tenant: Tenant, plan_url: str) -> None:
    huge_index = client.delete(f"{plan_url}/rules?rules[{'1' * 4400}][type]=TRACK", headers=tenant.headers())
    assert huge_index.status_code in (400, 422)
    assert_error(huge_index, huge_index.status_code)
    rule = track("A", schema={"type": "string", "pattern": "a{4294967296}"})
    assert_error(
        client.patch(f"{plan_url}/rules", json={"rules": [rule]}, headers=tenant.headers()),
        422,
        "rules[0].jsonSchema.pattern",
    )
    assert unchanged(client, tenant, plan_url)


def test_new_key_onto_another_rule_is_409_even_without_the_old_key(
    client: Client, tenant: Tenant, plan_url: str
) -> None:
    clash = track("Never Existed", newKey="Existing", schema={"type": "object", "title": "clobbered"})

    response = client.patch(f"{plan_url}/rules", json={"rules": [clash]}, headers=tenant.headers())

    assert_error(response, 409, "rules[0].newKey")
    assert unchanged(client, tenant, plan_url)


def test_nul_in_labels_inside_the_schema_is_not_a_500(client: Client, tenant: Tenant, plan_url: str) -> None:
    rule = track("A", schema={"type": "object", "labels": {"a": "\x00", "\x00": "b", "beta": True}})

    assert client.patch(f"{plan_url}/rules", json={"rules": [rule]}, headers=tenant.headers()).status_code == 200

    found = data(client.get(f"{plan_url}/rules", params={"label": "beta:true"}, headers=tenant.headers()))["rules"]
    assert [r["key"] for r in found] == ["A"]
