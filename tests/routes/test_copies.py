"""Duplicates, cross-workspace copies, library imports and exports, through the Public API."""

import csv
import io
import re
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import connect, create_plan, create_source

Client = TestClient[Litestar]

# spelled oddly on purpose: key order and `1.50` must survive every copy
CHECKOUT = '{"type":"object","properties":{"properties":{"type":"object","required":["total"],"properties":{"total":{"type":"number","minimum":1.50},"currency":{"enum":["USD","EUR"]}}}},"labels":{"area":"checkout"}}'  # noqa: E501
SIGNUP = '{"properties": {"properties": {"properties": {"plan": {"type": "string", "pattern": "^(free|pro)$"}}}}}'
TRAITS = '{"properties": {"traits": {"required": ["email"], "properties": {"email": {"type": "string"}}}}}'


def rules_body(*rules: tuple[str, str | None, int, str | None], **extra: Any) -> str:
    """A rules body written by hand, so each schema's text is exactly as above."""
    items = []
    for type_, key, version, schema in rules:
        key_part = f'"key": "{key}", ' if key else ""
        items.append(f'{{"type": "{type_}", {key_part}"version": {version}, "jsonSchema": {schema or "null"}}}')
    return '{"rules": [' + ", ".join(items) + "]}"


def put_rules(client: Client, tenant: Tenant, plan_id: str, body: str) -> None:
    headers = {**tenant.headers(), "Content-Type": "application/json"}
    assert client.put(f"/tracking-plans/{plan_id}/rules", content=body, headers=headers).status_code == 200


def live_rules(client: Client, tenant: Tenant, plan_id: str) -> list[dict[str, Any]]:
    found = data(client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers("reader")))["rules"]
    return sorted(
        ({k: rule.get(k) for k in ("type", "key", "version", "jsonSchema", "labels", "description")} for rule in found),
        key=lambda rule: (rule["type"], rule["key"] or "", rule["version"]),
    )


def raw_rules(client: Client, tenant: Tenant, plan_id: str) -> str:
    """The rules answer as text, to compare schema spelling."""
    return client.get(f"/tracking-plans/{plan_id}/rules", headers=tenant.headers()).text


def changelog_actions(client: Client, tenant: Tenant, plan_id: str) -> list[str]:
    entries = data(client.get(f"/tracking-plans/{plan_id}/changelog", headers=tenant.headers()))["changelog"]
    return [entry["action"] for entry in entries]


@pytest.fixture
def source_plan(client: Client, other_tenant: Tenant) -> str:
    """A plan in the source workspace (`other_tenant`) with every kind of rule, a removed one, and a source."""
    plan_id = create_plan(client, other_tenant, "Checkout")
    put_rules(
        client,
        other_tenant,
        plan_id,
        rules_body(
            ("TRACK", "Order Completed", 1, CHECKOUT),
            ("TRACK", "Order Completed", 2, SIGNUP),
            ("TRACK", "Signed Up", 1, SIGNUP),
            ("PAGE", "Home", 1, None),
            ("IDENTIFY", None, 1, TRAITS),
            ("GROUP", None, 1, TRAITS),
            ("COMMON", None, 1, SIGNUP),
            ("TRACK", "Gone", 1, SIGNUP),
        ),
    )
    signed_up = {"type": "TRACK", "key": "Signed Up", "version": 1, "jsonSchema": None}
    labelled = {
        "rules": [{**signed_up, "labels": [{"key": "team", "value": "growth"}], "description": "A new account"}]
    }
    assert (
        client.patch(f"/tracking-plans/{plan_id}/rules", json=labelled, headers=other_tenant.headers()).status_code
        == 200
    )
    removal = {"rules": [{"type": "TRACK", "key": "Gone", "version": 1}]}
    assert (
        client.request(
            "DELETE", f"/tracking-plans/{plan_id}/rules", json=removal, headers=other_tenant.headers()
        ).status_code
        == 200
    )
    source_id = create_source(client, other_tenant, "web")["id"]
    connect(client, other_tenant, plan_id, source_id)
    settings = {"track": {"allowUnplannedEvents": False}}
    client.patch(f"/sources/{source_id}/settings", json=settings, headers=other_tenant.headers())
    return plan_id


def copy(
    client: Client, target: Tenant, source: Tenant | None, body: dict[str, Any], role: str = "admin", **params: Any
) -> Any:
    headers = target.headers(role)
    if source is not None:
        headers["X-Source-Authorization"] = f"Bearer {source.reader}"
    return client.post("/tracking-plans/copies", json=body, headers=headers, params=params)


def test_duplicate_copies_every_live_rule_and_no_source(client: Client, other_tenant: Tenant, source_plan: str) -> None:
    answer = client.post(
        f"/tracking-plans/{source_plan}/duplicate", json={"name": "Checkout (copy)"}, headers=other_tenant.headers()
    )

    duplicate = data(answer)["trackingPlan"]
    assert duplicate["name"] == "Checkout (copy)" and duplicate["id"] != source_plan and answer.headers["ETag"] == '"2"'
    assert live_rules(client, other_tenant, duplicate["id"]) == live_rules(client, other_tenant, source_plan)
    assert '"minimum":1.50},"currency"' in raw_rules(client, other_tenant, duplicate["id"])
    assert len(live_rules(client, other_tenant, duplicate["id"])) == 7
    assert (
        data(client.get(f"/tracking-plans/{duplicate['id']}/sources", headers=other_tenant.headers()))["sources"] == []
    )
    assert changelog_actions(client, other_tenant, duplicate["id"])[-2:] == ["PLAN_COPIED_FROM", "PLAN_CREATED"]
    assert changelog_actions(client, other_tenant, source_plan)[0] == "PLAN_COPIED_TO"


def test_copy_creates_the_plan_in_the_target_workspace(
    client: Client, tenant: Tenant, other_tenant: Tenant, source_plan: str
) -> None:
    answer = copy(client, tenant, other_tenant, {"sourceTrackingPlanId": source_plan, "mode": "CREATE"})

    copied = data(answer)
    target = copied["trackingPlan"]
    assert target["name"] == "Checkout" and copied["dryRun"] is False
    assert len(copied["created"]) == 7 and copied["updated"] == copied["removed"] == copied["unchanged"] == []
    assert live_rules(client, tenant, target["id"]) == live_rules(client, other_tenant, source_plan)
    assert '"minimum":1.50},"currency"' in raw_rules(client, tenant, target["id"])
    (not_copied,) = copied["notCopied"]
    assert not_copied["slug"] == "web" and not_copied["settings"]["track"]["allowUnplannedEvents"] is False
    assert "not copied" in not_copied["message"]
    target_log = data(client.get(f"/tracking-plans/{target['id']}/changelog", headers=tenant.headers()))["changelog"]
    assert target_log[-2]["action"] == "PLAN_COPIED_FROM"
    assert target_log[-2]["after"] == {
        "workspaceSlug": other_tenant.slug,
        "trackingPlanId": source_plan,
        "mode": "CREATE",
    }
    source_log = data(client.get(f"/tracking-plans/{source_plan}/changelog", headers=other_tenant.headers()))[
        "changelog"
    ]
    assert source_log[0]["action"] == "PLAN_COPIED_TO" and source_log[0]["tokenName"] == "reader"
    assert source_log[0]["after"]["trackingPlanId"] == target["id"]


def test_replace_and_merge_into_an_existing_plan(
    client: Client, tenant: Tenant, other_tenant: Tenant, source_plan: str
) -> None:
    target = create_plan(client, tenant, "Target")
    put_rules(client, tenant, target, rules_body(("TRACK", "Order Completed", 1, SIGNUP), ("TRACK", "Local", 1, None)))

    merged = data(
        copy(
            client,
            tenant,
            other_tenant,
            {"sourceTrackingPlanId": source_plan, "mode": "MERGE", "targetTrackingPlanId": target},
        )
    )

    assert merged["updated"] == [{"type": "TRACK", "key": "Order Completed", "version": 1}]
    assert len(merged["created"]) == 6 and merged["removed"] == []
    assert {"type": "TRACK", "key": "Local", "version": 1} in [
        {k: r[k] for k in ("type", "key", "version")} for r in live_rules(client, tenant, target)
    ]
    replaced = data(
        copy(
            client,
            tenant,
            other_tenant,
            {"sourceTrackingPlanId": source_plan, "mode": "REPLACE", "targetTrackingPlanId": target},
        )
    )
    assert replaced["removed"] == [{"type": "TRACK", "key": "Local", "version": 1}]
    assert len(replaced["unchanged"]) == 7
    assert live_rules(client, tenant, target) == live_rules(client, other_tenant, source_plan)
    # each copy is one entry saying where the rules came from, then one per rule it changed
    assert changelog_actions(client, tenant, target) == [
        "RULE_REMOVED",
        "PLAN_COPIED_FROM",
        *["RULE_CREATED"] * 6,
        "RULE_UPDATED",
        "PLAN_COPIED_FROM",
        *["RULE_CREATED"] * 2,
        "PLAN_CREATED",
    ]


@pytest.mark.parametrize("role", ["owner", "admin", "reader"])
def test_any_role_of_the_source_workspace_may_be_copied_from(
    client: Client, tenant: Tenant, other_tenant: Tenant, source_plan: str, role: str
) -> None:
    headers = {**tenant.headers(), "X-Source-Authorization": f"Bearer {getattr(other_tenant, role)}"}
    body = {"sourceTrackingPlanId": source_plan, "mode": "CREATE"}

    answer = client.post("/tracking-plans/copies", json=body, headers=headers)

    assert len(data(answer)["created"]) == 7


def test_a_document_larger_than_other_bodies_may_be_copied(client: Client, tenant: Tenant) -> None:
    big = {"type": "object", "description": "x" * 150_000}
    rules = [{"type": "TRACK", "key": f"Event {n}", "version": 1, "jsonSchema": big} for n in range(40)]
    document = {"trackingPlan": {"name": "Big", "type": "LIVE"}, "rules": rules}
    body = {"mode": "CREATE", "document": document}

    answer = client.post("/tracking-plans/copies", json=body, headers=tenant.headers())

    assert len(answer.request.content) > 4 * 1024 * 1024
    assert len(data(answer)["created"]) == 40
    too_big_elsewhere = client.put(
        f"/tracking-plans/{data(answer)['trackingPlan']['id']}/rules", json={"rules": rules}, headers=tenant.headers()
    )
    assert too_big_elsewhere.status_code == 413


def test_a_copy_is_not_limited_to_200_rules(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    plan_id = create_plan(client, other_tenant, "Big")
    for first in range(0, 450, 150):
        put_body = {
            "rules": [
                {"type": "TRACK", "key": f"Event {n}", "version": 1, "jsonSchema": {}}
                for n in range(first, first + 150)
            ]
        }
        assert (
            client.patch(f"/tracking-plans/{plan_id}/rules", json=put_body, headers=other_tenant.headers()).status_code
            == 200
        )

    copied = data(copy(client, tenant, other_tenant, {"sourceTrackingPlanId": plan_id, "mode": "CREATE"}))

    assert len(copied["created"]) == 450
    listed = data(client.get(f"/tracking-plans/{copied['trackingPlan']['id']}/rules", headers=tenant.headers()))
    assert listed["pagination"]["totalEntries"] == 450


def test_dry_runs_and_stale_revisions_write_nothing(
    client: Client, tenant: Tenant, other_tenant: Tenant, source_plan: str
) -> None:
    target = create_plan(client, tenant, "Target")
    plans_before = data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"]

    created = data(
        copy(client, tenant, other_tenant, {"sourceTrackingPlanId": source_plan, "mode": "CREATE"}, dryRun="true")
    )
    replaced = copy(
        client,
        tenant,
        other_tenant,
        {"sourceTrackingPlanId": source_plan, "mode": "REPLACE", "targetTrackingPlanId": target},
        dryRun="true",
    )
    headers = {**tenant.headers(), "X-Source-Authorization": f"Bearer {other_tenant.reader}", "If-Match": '"7"'}
    body = {"sourceTrackingPlanId": source_plan, "mode": "MERGE", "targetTrackingPlanId": target}
    stale = client.post("/tracking-plans/copies", json=body, headers=headers)

    assert created["dryRun"] is True and created["trackingPlan"] is None and len(created["created"]) == 7
    assert (
        data(replaced)["dryRun"] is True and len(data(replaced)["created"]) == 7 and replaced.headers["ETag"] == '"1"'
    )
    assert stale.status_code == 412
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"] == plans_before
    assert live_rules(client, tenant, target) == []
    assert changelog_actions(client, tenant, target) == ["PLAN_CREATED"]
    assert changelog_actions(client, other_tenant, source_plan)[0] != "PLAN_COPIED_TO"


def test_tokens_grant_nothing_across_workspaces(
    client: Client, tenant: Tenant, other_tenant: Tenant, source_plan: str
) -> None:
    target = create_plan(client, tenant, "Target")
    body = {"sourceTrackingPlanId": source_plan, "mode": "CREATE"}
    plans_before = data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"]

    # a read-only target token may not copy, whatever the source token may do
    reader = {**tenant.headers("reader"), "X-Source-Authorization": f"Bearer {other_tenant.owner}"}
    assert client.post("/tracking-plans/copies", json=body, headers=reader).status_code == 403
    # the source token reads its own workspace only: it does not reach the target workspace's plans
    onto_own = {"sourceTrackingPlanId": source_plan, "mode": "MERGE", "targetTrackingPlanId": target}
    assert copy(client, other_tenant, other_tenant, onto_own).status_code == 404
    # and the target token does not read the source workspace
    own_token = {**tenant.headers(), "X-Source-Authorization": f"Bearer {tenant.owner}"}
    answer = client.post("/tracking-plans/copies", json=body, headers=own_token)
    assert answer.status_code == 404 and answer.json()["errors"][0]["field"] == "sourceTrackingPlanId"
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"] == plans_before


@pytest.mark.parametrize(
    ("header", "status"),
    [(None, 400), ("Token abc", 400), ("Bearer", 400), ("Bearer tps_unknown", 403)],
)
def test_a_missing_malformed_or_unknown_source_token_is_refused(
    client: Client, tenant: Tenant, source_plan: str, header: str | None, status: int
) -> None:
    headers = tenant.headers() | ({"X-Source-Authorization": header} if header is not None else {})

    answer = client.post(
        "/tracking-plans/copies", json={"sourceTrackingPlanId": source_plan, "mode": "CREATE"}, headers=headers
    )

    assert answer.status_code == status
    assert answer.json()["errors"][0]["field"] == "X-Source-Authorization"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mode": "CREATE"}, "document"),
        ({"mode": "MERGE", "sourceTrackingPlanId": "SOURCE"}, "targetTrackingPlanId"),
        (
            {"mode": "CREATE", "sourceTrackingPlanId": "SOURCE", "targetTrackingPlanId": "TARGET"},
            "targetTrackingPlanId",
        ),
        (
            {"mode": "REPLACE", "sourceTrackingPlanId": "SOURCE", "targetTrackingPlanId": "SOURCE"},
            "targetTrackingPlanId",
        ),
        ({"mode": "MERGE", "sourceTrackingPlanId": "SOURCE", "targetTrackingPlanId": "THEIRS"}, "targetTrackingPlanId"),
        ({"mode": "CREATE", "sourceTrackingPlanId": "THEIRS"}, "sourceTrackingPlanId"),
        ({"mode": "COPY", "sourceTrackingPlanId": "SOURCE"}, "mode"),
    ],
)
def test_bad_copies_are_refused_and_write_nothing(
    client: Client, tenant: Tenant, other_tenant: Tenant, body: dict[str, Any], field: str
) -> None:
    own = create_plan(client, tenant, "Own")
    third = create_plan(client, other_tenant, "Third workspace's")
    ids = {"SOURCE": own, "TARGET": own, "THEIRS": third}
    body = {name: ids.get(value, value) for name, value in body.items()}
    headers = {**tenant.headers(), "X-Source-Authorization": f"Bearer {tenant.reader}"}

    answer = client.post("/tracking-plans/copies", json=body, headers=headers)

    assert 400 <= answer.status_code < 500 and answer.json()["errors"][0]["field"] == field, answer.text
    if body.get("targetTrackingPlanId") == body.get("sourceTrackingPlanId"):
        assert answer.status_code == 422  # a plan copied onto itself
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["pagination"]["totalEntries"] == 1
    assert changelog_actions(client, tenant, own) == ["PLAN_CREATED"]


def test_export_json_restores_through_a_copy(
    client: Client, tenant: Tenant, other_tenant: Tenant, source_plan: str
) -> None:
    url = f"/tracking-plans/{source_plan}/export"

    first = client.get(url, params={"format": "json"}, headers=other_tenant.headers("reader"))
    second = client.get(url, headers=other_tenant.headers())

    assert first.status_code == 200 and first.headers["content-type"].startswith("application/json")
    assert first.content == second.content
    assert re.fullmatch(
        rf'attachment; filename="{other_tenant.slug}-checkout--\d{{4}}-\d\d-\d\d--\d\d-\d\d-utc\.json"',
        first.headers["content-disposition"],
    )
    document = first.content.decode()
    assert '"minimum":1.50},"currency"' in document
    body = '{"mode": "CREATE", "name": "Restored", "document": ' + document + "}"
    restored = client.post(
        "/tracking-plans/copies", content=body, headers={**tenant.headers(), "Content-Type": "application/json"}
    )
    plan = data(restored)["trackingPlan"]
    assert plan["name"] == "Restored" and data(restored)["notCopied"] == []
    assert live_rules(client, tenant, plan["id"]) == live_rules(client, other_tenant, source_plan)
    assert client.get(
        f"/tracking-plans/{plan['id']}/export", headers=tenant.headers()
    ).content == first.content.replace(b'"name":"Checkout"', b'"name":"Restored"')


def test_a_document_with_a_bad_rule_is_refused_whole(client: Client, tenant: Tenant) -> None:
    rules = [
        {"type": "TRACK", "key": "Fine", "version": 1, "jsonSchema": {}, "labels": []},
        {"type": "TRACK", "key": "Bad", "version": 1, "jsonSchema": {"type": "Integer"}, "labels": []},
    ]
    document = {"format": "tracking-plan/v1", "trackingPlan": {"name": "Doc", "type": "LIVE"}, "rules": rules}

    answer = client.post(
        "/tracking-plans/copies", json={"mode": "CREATE", "document": document}, headers=tenant.headers()
    )

    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "document.rules[1].jsonSchema.type"
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["trackingPlans"] == []


def test_export_csv_lists_each_event_and_property(client: Client, other_tenant: Tenant, source_plan: str) -> None:
    answer = client.get(
        f"/tracking-plans/{source_plan}/export", params={"format": "csv"}, headers=other_tenant.headers()
    )

    assert answer.status_code == 200 and answer.headers["content-type"] == "text/csv; charset=utf-8"
    assert answer.headers["content-disposition"].endswith('-utc.csv"')
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    events = [(row["Type"], row["Name"], row["Version"]) for row in rows if row["Type"] != "PROPERTY"]
    assert sorted(events) == sorted(
        (rule["type"], rule["key"] or rule["type"], str(rule["version"]))
        for rule in live_rules(client, other_tenant, source_plan)
    )
    total = next(row for row in rows if row["Name"] == "properties.total")
    assert (total["Status"], total["Data Type"], total["Version"]) == ("required", "number", "1")
    currency = next(row for row in rows if row["Name"] == "properties.currency")
    assert (currency["Status"], currency["Permitted Values"]) == ("optional", '["USD","EUR"]')
    checkout = next(row for row in rows if row["Name"] == "Order Completed" and row["Version"] == "1")
    assert checkout["Labels"] == "area:checkout"
    assert (
        client.get(
            f"/tracking-plans/{source_plan}/export", params={"format": "xml"}, headers=other_tenant.headers()
        ).status_code
        == 422
    )


def test_library_imports(client: Client, tenant: Tenant) -> None:
    library = create_plan(client, tenant, "Library", "RULE_LIBRARY")
    put_rules(
        client,
        tenant,
        library,
        rules_body(
            ("TRACK", "Order Completed", 1, CHECKOUT),
            ("TRACK", "Order Completed", 2, SIGNUP),
            ("TRACK", "Signed Up", 1, SIGNUP),
        ),
    )
    plan = create_plan(client, tenant, "Live")
    url = f"/tracking-plans/{plan}/imports"

    some = data(
        client.post(url, json={"libraryId": library, "keys": ["Order Completed"]}, headers=tenant.headers("admin"))
    )
    assert [r["version"] for r in some["created"]] == [1, 2] and some["trackingPlan"]["id"] == plan
    everything = data(client.post(url, json={"libraryId": library}, headers=tenant.headers()))
    assert (
        everything["created"] == [{"type": "TRACK", "key": "Signed Up", "version": 1}]
        and len(everything["unchanged"]) == 2
    )
    assert '"minimum":1.50},"currency"' in raw_rules(client, tenant, plan)
    assert changelog_actions(client, tenant, plan) == [
        *["RULE_CREATED", "RULES_IMPORTED"],
        *["RULE_CREATED", "RULE_CREATED", "RULES_IMPORTED"],
        "PLAN_CREATED",
    ]
    # a library rule that changed is updated in the plan on the next import
    put_rules(client, tenant, library, rules_body(("TRACK", "Signed Up", 1, TRAITS)))
    again = data(client.post(url, json={"libraryId": library, "keys": ["Signed Up"]}, headers=tenant.headers()))
    assert again["updated"] == [{"type": "TRACK", "key": "Signed Up", "version": 1}]
    assert TRAITS in raw_rules(client, tenant, plan)

    not_library = client.post(
        url, json={"libraryId": create_plan(client, tenant, "Other live")}, headers=tenant.headers()
    )
    assert not_library.status_code == 422 and not_library.json()["errors"][0]["field"] == "libraryId"
    twice = client.post(url, json={"libraryId": library, "keys": ["Signed Up", "Signed Up"]}, headers=tenant.headers())
    assert twice.status_code == 422 and twice.json()["errors"][0]["field"] == "keys[1]"
    unknown_key = client.post(url, json={"libraryId": library, "keys": ["Nope"]}, headers=tenant.headers())
    assert unknown_key.status_code == 404 and unknown_key.json()["errors"][0]["field"] == "keys[0]"
    into_library = client.post(
        f"/tracking-plans/{library}/imports", json={"libraryId": library}, headers=tenant.headers()
    )
    assert into_library.status_code == 409
    reader = client.post(url, json={"libraryId": library}, headers=tenant.headers("reader"))
    assert reader.status_code == 403
    assert len(live_rules(client, tenant, plan)) == 3


def test_a_copy_of_more_than_25000_rules_is_refused(client: Client, tenant: Tenant) -> None:
    rules = [{"type": "TRACK", "key": f"E{n}", "version": 1, "jsonSchema": None} for n in range(25_001)]
    document = {"trackingPlan": {"name": "Huge", "type": "LIVE"}, "rules": rules}

    answer = client.post(
        "/tracking-plans/copies", json={"mode": "CREATE", "document": document}, headers=tenant.headers()
    )

    assert answer.status_code == 422 and "25000" in answer.json()["errors"][0]["message"]
    assert data(client.get("/tracking-plans", headers=tenant.headers()))["trackingPlans"] == []
