"""Rules of a plan through the Public API: upsert, versions, replace, remove, history, labels, dry runs."""

import concurrent.futures
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import ORDER_COMPLETED, track

Client = TestClient[Litestar]


@pytest.fixture
def plan_url(client: Client, tenant: Tenant) -> str:
    created = data(client.post("/tracking-plans", json={"name": "Rules", "type": "LIVE"}, headers=tenant.headers()))
    return f"/tracking-plans/{created['trackingPlan']['id']}"


def rules_of(client: Client, tenant: Tenant, plan_url: str, **params: Any) -> list[dict[str, Any]]:
    return list(data(client.get(f"{plan_url}/rules", params=params, headers=tenant.headers("reader")))["rules"])


def test_upsert_creates_then_updates_and_keeps_schema_text(client: Client, tenant: Tenant, plan_url: str) -> None:
    reordered = {"type": "object", "$schema": "http://json-schema.org/draft-07/schema#", "required": ["b", "a"]}

    first = client.patch(
        f"{plan_url}/rules",
        json={"rules": [track("Order Completed"), track("Signed Up", schema=reordered)]},
        headers=tenant.headers("admin"),
    )

    assert data(first)["created"] == [
        {"type": "TRACK", "key": "Order Completed", "version": 1},
        {"type": "TRACK", "key": "Signed Up", "version": 1},
    ]
    assert data(first)["dryRun"] is False and data(first)["status"] == "SUCCESS"
    listed = rules_of(client, tenant, plan_url)
    assert [r["key"] for r in listed] == ["Order Completed", "Signed Up"]
    assert listed[1]["jsonSchema"] == reordered and list(listed[1]["jsonSchema"]) == list(reordered)
    assert all(r["deprecatedAt"] is None for r in listed)

    changed = track("Order Completed", description="Placed an order", labels=[{"key": "area", "value": "checkout"}])
    second = data(
        client.patch(
            f"{plan_url}/rules",
            json={"rules": [changed, track("Signed Up", schema=reordered)]},
            headers=tenant.headers(),
        )
    )
    assert second["updated"] == [{"type": "TRACK", "key": "Order Completed", "version": 1}]
    assert second["unchanged"] == [{"type": "TRACK", "key": "Signed Up", "version": 1}]
    stored = rules_of(client, tenant, plan_url, key="Order Completed")
    assert stored[0]["description"] == "Placed an order" and stored[0]["labels"] == [
        {"key": "area", "value": "checkout"}
    ]


def test_versions_live_side_by_side_and_keyless_types(client: Client, tenant: Tenant, plan_url: str) -> None:
    body = {
        "rules": [
            track("Order Completed", 1),
            track("Order Completed", 2),
            {"type": "IDENTIFY", "version": 1, "jsonSchema": {"type": "object"}},
            {"type": "COMMON", "version": 1, "jsonSchema": {"type": "object", "required": ["context"]}},
            {"type": "PAGE", "key": "Home", "version": 1, "jsonSchema": None},
        ]
    }

    assert len(data(client.patch(f"{plan_url}/rules", json=body, headers=tenant.headers()))["created"]) == 5

    listed = rules_of(client, tenant, plan_url)
    assert [(r["type"], r.get("key"), r["version"]) for r in listed] == [
        ("TRACK", "Order Completed", 1),
        ("TRACK", "Order Completed", 2),
        ("IDENTIFY", None, 1),
        ("COMMON", None, 1),
        ("PAGE", "Home", 1),
    ]
    assert "key" not in listed[2] and listed[4]["jsonSchema"] is None
    assert [r["version"] for r in rules_of(client, tenant, plan_url, type="TRACK")] == [1, 2]
    assert [r["type"] for r in rules_of(client, tenant, plan_url, type="COMMON")] == ["COMMON"]


def test_new_key_renames(client: Client, tenant: Tenant, plan_url: str) -> None:
    client.patch(f"{plan_url}/rules", json={"rules": [track("Order Done"), track("Taken")]}, headers=tenant.headers())

    renamed = client.patch(
        f"{plan_url}/rules", json={"rules": [track("Order Done", newKey="Order Completed")]}, headers=tenant.headers()
    )

    assert data(renamed)["updated"] == [{"type": "TRACK", "key": "Order Completed", "version": 1}]
    assert [r["key"] for r in rules_of(client, tenant, plan_url)] == ["Order Completed", "Taken"]
    clash = client.patch(
        f"{plan_url}/rules", json={"rules": [track("Order Completed", newKey="Taken")]}, headers=tenant.headers()
    )
    assert clash.status_code == 409 and clash.json()["errors"][0]["field"] == "rules[0].newKey"
    assert [r["key"] for r in rules_of(client, tenant, plan_url)] == ["Order Completed", "Taken"]


def test_replace_makes_the_set_exact_and_keeps_history(client: Client, tenant: Tenant, plan_url: str) -> None:
    client.patch(f"{plan_url}/rules", json={"rules": [track("A"), track("B"), track("C")]}, headers=tenant.headers())

    replaced = data(client.put(f"{plan_url}/rules", json={"rules": [track("B"), track("D")]}, headers=tenant.headers()))

    assert replaced["created"] == [{"type": "TRACK", "key": "D", "version": 1}]
    assert replaced["unchanged"] == [{"type": "TRACK", "key": "B", "version": 1}]
    assert replaced["removed"] == [
        {"type": "TRACK", "key": "A", "version": 1},
        {"type": "TRACK", "key": "C", "version": 1},
    ]
    assert sorted(r["key"] for r in rules_of(client, tenant, plan_url)) == ["B", "D"]
    history = rules_of(client, tenant, plan_url, includeDeprecated="true")
    deprecated = sorted(r["key"] for r in history if r["deprecatedAt"] is not None)
    assert deprecated == ["A", "C"] and len(history) == 4


def test_remove_by_query_string_and_body(client: Client, tenant: Tenant, plan_url: str) -> None:
    client.patch(
        f"{plan_url}/rules",
        json={"rules": [track("A"), track("A", 2), track("B"), track("C")]},
        headers=tenant.headers(),
    )

    by_query = client.delete(
        f"{plan_url}/rules?rules[0][type]=TRACK&rules[0][key]=A&rules[0][version]=2&rules.1[type]=TRACK&rules.1[key]=B&rules.1[version]=1",
        headers=tenant.headers(),
    )
    by_body = client.request(
        "DELETE",
        f"{plan_url}/rules",
        json={"rules": [{"type": "TRACK", "key": "C", "version": 1}]},
        headers=tenant.headers(),
    )

    assert data(by_query)["removed"] == [
        {"type": "TRACK", "key": "A", "version": 2},
        {"type": "TRACK", "key": "B", "version": 1},
    ]
    assert data(by_body)["removed"] == [{"type": "TRACK", "key": "C", "version": 1}]
    assert [(r["key"], r["version"]) for r in rules_of(client, tenant, plan_url)] == [("A", 1)]
    missing = client.request(
        "DELETE",
        f"{plan_url}/rules",
        json={"rules": [{"type": "TRACK", "key": "A", "version": 1}, {"type": "TRACK", "key": "Z", "version": 1}]},
        headers=tenant.headers(),
    )
    assert missing.status_code == 404 and missing.json()["errors"][0]["field"] == "rules[1]"
    assert [(r["key"], r["version"]) for r in rules_of(client, tenant, plan_url)] == [("A", 1)]


def test_dry_run_reports_and_writes_nothing(client: Client, tenant: Tenant, plan_url: str) -> None:
    client.patch(f"{plan_url}/rules", json={"rules": [track("A"), track("B")]}, headers=tenant.headers())
    etag = client.get(plan_url, headers=tenant.headers()).headers["ETag"]

    preview = data(
        client.put(
            f"{plan_url}/rules",
            params={"dryRun": "true"},
            json={"rules": [track("A", description="x"), track("C")]},
            headers=tenant.headers(),
        )
    )

    assert preview["dryRun"] is True
    assert preview["created"] == [{"type": "TRACK", "key": "C", "version": 1}]
    assert preview["updated"] == [{"type": "TRACK", "key": "A", "version": 1}]
    assert preview["removed"] == [{"type": "TRACK", "key": "B", "version": 1}]
    assert sorted(r["key"] for r in rules_of(client, tenant, plan_url)) == ["A", "B"]
    assert client.get(plan_url, headers=tenant.headers()).headers["ETag"] == etag


def test_labels_filter_and_only_on_track_and_page(client: Client, tenant: Tenant, plan_url: str) -> None:
    labelled = track("A", labels=[{"key": "area", "value": "checkout"}])
    in_schema = track("B", schema={"type": "object", "labels": {"area": "account"}})
    client.patch(f"{plan_url}/rules", json={"rules": [labelled, in_schema, track("C")]}, headers=tenant.headers())

    assert [r["key"] for r in rules_of(client, tenant, plan_url, label="area:checkout")] == ["A"]
    assert [r["key"] for r in rules_of(client, tenant, plan_url, label="area:account")] == ["B"]
    refused = client.patch(
        f"{plan_url}/rules",
        json={"rules": [{"type": "IDENTIFY", "version": 1, "jsonSchema": {}, "labels": [{"key": "a", "value": "b"}]}]},
        headers=tenant.headers(),
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "rules[0].labels"


def test_rules_writes_bump_revision_and_honour_if_match(client: Client, tenant: Tenant, plan_url: str) -> None:
    response = client.patch(
        f"{plan_url}/rules", json={"rules": [track("A")]}, headers={**tenant.headers(), "If-Match": '"1"'}
    )
    assert response.headers["ETag"] == '"2"'

    stale = client.patch(
        f"{plan_url}/rules", json={"rules": [track("B")]}, headers={**tenant.headers(), "If-Match": '"1"'}
    )

    assert stale.status_code == 412
    assert [r["key"] for r in rules_of(client, tenant, plan_url)] == ["A"]
    assert client.get(plan_url, headers=tenant.headers()).headers["ETag"] == '"2"'


def test_changelog_records_who_did_what(client: Client, tenant: Tenant, plan_url: str) -> None:
    client.patch(f"{plan_url}/rules", json={"rules": [track("A")]}, headers=tenant.headers("admin"))
    client.patch(f"{plan_url}/rules", json={"rules": [track("A", description="d")]}, headers=tenant.headers("admin"))
    client.delete(
        f"{plan_url}/rules?rules[0][type]=TRACK&rules[0][key]=A&rules[0][version]=1", headers=tenant.headers()
    )
    client.patch(plan_url, json={"name": "Renamed"}, headers=tenant.headers())

    entries = data(client.get(f"{plan_url}/changelog", headers=tenant.headers("reader")))["changelog"]

    assert [e["action"] for e in entries] == [
        "PLAN_UPDATED",
        "RULE_REMOVED",
        "RULE_UPDATED",
        "RULE_CREATED",
        "PLAN_CREATED",
    ]
    assert [e["tokenName"] for e in entries] == ["owner", "owner", "admin", "admin", "owner"]
    assert entries[2]["rule"] == {"type": "TRACK", "key": "A", "version": 1}
    assert entries[2]["before"]["description"] is None and entries[2]["after"]["description"] == "d"
    assert entries[1]["after"] is None and entries[1]["before"]["jsonSchema"] == ORDER_COMPLETED
    assert entries[0]["before"]["name"] == "Rules" and entries[0]["after"]["name"] == "Renamed"
    assert all(tenant.owner not in str(e) for e in entries)
    page = data(client.get(f"{plan_url}/changelog", params={"pagination[count]": 2}, headers=tenant.headers()))
    assert [e["id"] for e in page["changelog"]] == [e["id"] for e in entries[:2]]


def test_parallel_upserts_lose_nothing(live_server: str, tenant: Tenant, client: Client, plan_url: str) -> None:
    import httpx

    def upsert(n: int) -> int:
        body = {"rules": [track(f"Event {n}")]}
        return httpx.patch(
            f"{live_server}{plan_url}/rules", json=body, headers=tenant.headers(), timeout=30
        ).status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(upsert, range(20)))

    assert statuses == [200] * 20
    assert len(rules_of(client, tenant, plan_url)) == 20
    entries = data(client.get(f"{plan_url}/changelog", headers=tenant.headers()))["changelog"]
    assert sum(e["action"] == "RULE_CREATED" for e in entries) == 20
    assert client.get(plan_url, headers=tenant.headers()).headers["ETag"] == '"21"'


def test_total_entries_follow_every_kind_of_write(client: Client, tenant: Tenant, plan_url: str) -> None:
    def total(**params: Any) -> int:
        listed = data(client.get(f"{plan_url}/rules", params=params, headers=tenant.headers()))
        return int(listed["pagination"]["totalEntries"])

    client.patch(f"{plan_url}/rules", json={"rules": [track("A"), track("B"), track("C", 2)]}, headers=tenant.headers())
    assert total() == 3
    client.patch(
        f"{plan_url}/rules",
        json={"rules": [track("A", newKey="Z"), track("B", description="x")]},
        headers=tenant.headers(),
    )
    assert total() == 3
    client.put(f"{plan_url}/rules", json={"rules": [track("Z"), track("D")]}, headers=tenant.headers())
    assert total() == 2
    client.delete(
        f"{plan_url}/rules?rules[0][type]=TRACK&rules[0][key]=D&rules[0][version]=1", headers=tenant.headers()
    )
    assert total() == 1
    assert total(includeDeprecated="true") == 4
    assert total(type="TRACK", key="Z") == 1


def test_regex_checks_read_schemas_not_data(client: Client, tenant: Tenant, plan_url: str) -> None:
    schema = {
        "type": "object",
        "default": {"pattern": "(?!x)"},
        "examples": [{"pattern": "(a)\\1"}],
        "properties": {
            "pattern": {"type": "string", "pattern": "^\\\\1$"},
            "upper": {"type": "string", "pattern": "^\\p{Lu}+$"},
        },
    }

    response = client.patch(f"{plan_url}/rules", json={"rules": [track("A", schema=schema)]}, headers=tenant.headers())

    assert data(response)["created"] == [{"type": "TRACK", "key": "A", "version": 1}]
    assert rules_of(client, tenant, plan_url)[0]["jsonSchema"] == schema


def test_a_patch_that_changes_nothing_keeps_the_revision(client: Client, tenant: Tenant, plan_url: str) -> None:
    name = data(client.get(plan_url, headers=tenant.headers()))["trackingPlan"]["name"]

    for body in ({}, {"name": name}):
        response = client.patch(plan_url, json=body, headers={**tenant.headers(), "If-Match": '"1"'})
        assert response.status_code == 200 and response.headers["ETag"] == '"1"'

    entries = data(client.get(f"{plan_url}/changelog", headers=tenant.headers()))["changelog"]
    assert [e["action"] for e in entries] == ["PLAN_CREATED"]


def test_schemas_come_back_exactly_as_sent(client: Client, tenant: Tenant, plan_url: str) -> None:
    sent = '{"type": "object",\n  "properties": {"price": {"type": "number", "maximum": 1e2, "multipleOf": 0.10}}}'
    body = '{"rules": [{"type": "TRACK", "key": "A", "version": 1, "jsonSchema": ' + sent + "}]}"
    headers = {**tenant.headers(), "Content-Type": "application/json"}

    assert client.patch(f"{plan_url}/rules", content=body, headers=headers).status_code == 200

    raw = client.get(f"{plan_url}/rules", headers=tenant.headers()).text
    assert '"jsonSchema":' + sent in raw
    compact = body.replace("\n  ", "").replace(": ", ":").replace(", ", ",")
    again = data(client.patch(f"{plan_url}/rules", content=compact, headers=headers))
    assert again["unchanged"] == [{"type": "TRACK", "key": "A", "version": 1}]
    assert client.get(plan_url, headers=tenant.headers()).headers["ETag"] == '"2"'


def test_a_deleted_plans_changelog_stays_readable(
    client: Client, tenant: Tenant, other_tenant: Tenant, plan_url: str
) -> None:
    client.patch(f"{plan_url}/rules", json={"rules": [track("A")]}, headers=tenant.headers())
    assert client.delete(plan_url, headers=tenant.headers()).status_code == 200

    entries = data(client.get(f"{plan_url}/changelog", headers=tenant.headers("reader")))["changelog"]

    assert [e["action"] for e in entries] == ["PLAN_DELETED", "RULE_CREATED", "PLAN_CREATED"]
    assert entries[0]["before"]["name"] == "Rules" and entries[0]["after"] is None
    assert client.get(f"{plan_url}/changelog", headers=other_tenant.headers()).status_code == 404
    assert (
        client.get("/tracking-plans/tp_never000000000000000000/changelog", headers=tenant.headers()).status_code == 404
    )
