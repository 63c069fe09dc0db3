"""Sources, their schema settings, and connecting them to plans, through the Public API."""

import concurrent.futures
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import RACE_ROUNDS, Tenant, data
from tests.routes.conftest import connect, create_plan, create_source, nested_json, race

Client = TestClient[Litestar]


def plan_of(client: Client, tenant: Tenant, source_id: str) -> str | None:
    found = data(client.get(f"/sources/{source_id}", headers=tenant.headers("reader")))
    return found["trackingPlanId"]  # type: ignore[no-any-return]


def actions(client: Client, tenant: Tenant, plan_id: str) -> list[str]:
    entries = data(client.get(f"/tracking-plans/{plan_id}/changelog", headers=tenant.headers()))["changelog"]
    return [entry["action"] for entry in entries]


def test_create_answers_the_segment_source_shape(client: Client, tenant: Tenant) -> None:
    source = create_source(client, tenant, "web-app", name="Web app", settings={"domain": "shop.example"})

    assert source["slug"] == "web-app" and source["name"] == "Web app" and source["enabled"] is True
    assert source["workspaceId"] == tenant.id and source["labels"] == []
    assert source["metadata"]["id"] == "javascript" and source["metadata"]["categories"] == ["Website"]
    assert len(source["writeKeys"]) == 1 and len(source["writeKeys"][0]) >= 30
    assert source["settings"] == {"domain": "shop.example"}
    got = data(client.get(f"/sources/{source['id']}", headers=tenant.headers("reader")))
    assert got == {"source": source, "trackingPlanId": None}
    assert create_source(client, tenant, "no-name")["name"] == "no-name"


def test_a_taken_slug_or_unknown_kind_is_refused_and_writes_nothing(client: Client, tenant: Tenant) -> None:
    create_source(client, tenant, "ios-app")
    body = {"slug": "ios-app", "enabled": False, "metadataId": "ios"}

    taken = client.post("/sources", json=body, headers=tenant.headers())
    unknown = client.post("/sources", json={**body, "slug": "other", "metadataId": "cobol"}, headers=tenant.headers())
    bad_slug = client.post("/sources", json={**body, "slug": "Not A Slug"}, headers=tenant.headers())

    assert taken.status_code == 409 and taken.json()["errors"][0]["field"] == "slug"
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "metadataId"
    assert bad_slug.status_code == 422 and bad_slug.json()["errors"][0]["field"] == "slug"
    listed = data(client.get("/sources", headers=tenant.headers()))
    assert [source["slug"] for source in listed["sources"]] == ["ios-app"]


def test_deeply_nested_settings_are_refused_and_write_nothing(client: Client, tenant: Tenant) -> None:
    def create_with_settings(slug: str, depth: int) -> Any:
        body = f'{{"slug":"{slug}","enabled":true,"metadataId":"ios","settings":{nested_json(depth)}}}'
        return client.post("/sources", content=body, headers={**tenant.headers(), "content-type": "application/json"})

    deepest = create_with_settings("deepest", 64)
    too_deep = create_with_settings("too-deep", 100)
    far_too_deep = create_with_settings("far-too-deep", 900)

    assert deepest.status_code == 200, deepest.text
    assert too_deep.status_code == 422 and too_deep.json()["errors"][0]["field"] == "settings"
    assert 400 <= far_too_deep.status_code < 500, far_too_deep.text
    listed = data(client.get("/sources", headers=tenant.headers("reader")))
    assert [source["slug"] for source in listed["sources"]] == ["deepest"]
    assert data(client.get(f"/sources/{listed['sources'][0]['id']}", headers=tenant.headers()))["source"]["slug"]


def test_list_pages_through_sources(client: Client, tenant: Tenant) -> None:
    ids = [create_source(client, tenant, f"source-{n}")["id"] for n in range(5)]

    seen, cursor = [], None
    while True:
        params = {"pagination[count]": 2} | ({"pagination[cursor]": cursor} if cursor else {})
        page = data(client.get("/sources", params=params, headers=tenant.headers("reader")))
        assert page["pagination"]["totalEntries"] == 5
        seen += [source["id"] for source in page["sources"]]
        if not (cursor := page["pagination"].get("next")):
            break
    assert seen == ids


def test_roles_admins_manage_sources_readers_only_read(client: Client, tenant: Tenant) -> None:
    source = create_source(client, tenant, "server")
    plan_id = create_plan(client, tenant)
    reader = tenant.headers("reader")

    for response in (
        client.post("/sources", json={"slug": "x", "enabled": True, "metadataId": "go"}, headers=reader),
        client.patch(f"/sources/{source['id']}/settings", json={}, headers=reader),
        client.delete(f"/sources/{source['id']}", headers=reader),
        client.post(f"/tracking-plans/{plan_id}/sources", json={"sourceId": source["id"]}, headers=reader),
    ):
        assert response.status_code == 403, response.text
    assert data(client.get(f"/sources/{source['id']}/settings", headers=reader))["sourceId"] == source["id"]
    assert connect(client, tenant, plan_id, source["id"]).status_code == 200
    admin = tenant.headers("admin")
    disconnected = client.delete(f"/tracking-plans/{plan_id}/sources", params={"sourceId": source["id"]}, headers=admin)
    assert data(disconnected) == {"status": "SUCCESS"}
    assert data(client.delete(f"/sources/{source['id']}", headers=admin)) == {"status": "SUCCESS"}


def test_a_source_connects_to_one_plan_at_most(client: Client, tenant: Tenant) -> None:
    source_id = create_source(client, tenant, "web")["id"]
    first, second = create_plan(client, tenant, "First"), create_plan(client, tenant, "Second")

    assert data(connect(client, tenant, first, source_id)) == {"status": "SUCCESS"}
    again = connect(client, tenant, first, source_id)
    elsewhere = connect(client, tenant, second, source_id)

    assert again.status_code == 200
    assert elsewhere.status_code == 409 and first in elsewhere.json()["errors"][0]["message"]
    assert plan_of(client, tenant, source_id) == first
    listed = data(client.get(f"/tracking-plans/{first}/sources", headers=tenant.headers("reader")))
    assert [source["id"] for source in listed["sources"]] == [source_id]
    assert data(client.get(f"/tracking-plans/{second}/sources", headers=tenant.headers()))["sources"] == []
    assert actions(client, tenant, first) == ["SOURCE_CONNECTED", "PLAN_CREATED"]
    # the revision speaks of the plan's rules, which a connection leaves alone
    assert client.get(f"/tracking-plans/{first}", headers=tenant.headers()).headers["ETag"] == '"1"'

    removed = client.delete(
        f"/tracking-plans/{first}/sources", params={"sourceId": source_id}, headers=tenant.headers()
    )
    assert data(removed) == {"status": "SUCCESS"} and plan_of(client, tenant, source_id) is None
    assert client.get(f"/tracking-plans/{first}", headers=tenant.headers()).headers["ETag"] == '"1"'
    removed_again = client.delete(
        f"/tracking-plans/{first}/sources", params={"sourceId": source_id}, headers=tenant.headers()
    )
    assert removed_again.status_code == 404
    assert data(connect(client, tenant, second, source_id)) == {"status": "SUCCESS"}
    assert actions(client, tenant, first)[0] == "SOURCE_DISCONNECTED"


def test_parallel_connections_to_two_plans_leave_one_winner(client: Client, tenant: Tenant) -> None:
    source_id = create_source(client, tenant, "contested")["id"]
    plan_ids = [create_plan(client, tenant, f"Plan {n}") for n in range(8)]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda plan_id: connect(client, tenant, plan_id, source_id).status_code, plan_ids))

    assert sorted(statuses) == [200] + [409] * 7
    assert plan_of(client, tenant, source_id) == plan_ids[statuses.index(200)]


def test_sources_forwarding_to_each_other_change_at_once_without_error(client: Client, tenant: Tenant) -> None:
    statuses = []
    for n in range(RACE_ROUNDS):
        one, two = (create_source(client, tenant, f"{name}-{n}")["id"] for name in ("one", "two"))
        statuses += race(
            client,
            ("PATCH", f"/sources/{one}/settings", {"forwardingViolationsTo": two}),
            ("PATCH", f"/sources/{two}/settings", {"forwardingViolationsTo": one}),
            headers=tenant.headers("admin"),
        )
        settings = data(client.get(f"/sources/{one}/settings", headers=tenant.headers()))["settings"]
        assert settings["forwardingViolationsTo"] == two

    assert set(statuses) == {200}


def test_a_source_is_deleted_while_one_forwarding_to_it_changes_without_error(client: Client, tenant: Tenant) -> None:
    statuses = []
    for n in range(RACE_ROUNDS):
        target, forwarding = (create_source(client, tenant, f"{name}-{n}")["id"] for name in ("target", "fwd"))
        client.patch(
            f"/sources/{forwarding}/settings", json={"forwardingViolationsTo": target}, headers=tenant.headers()
        )
        statuses += race(
            client,
            ("PATCH", f"/sources/{forwarding}/settings", {"track": {"allowUnplannedEvents": False}}),
            ("DELETE", f"/sources/{target}", None),
            headers=tenant.headers("admin"),
        )
        settings = data(client.get(f"/sources/{forwarding}/settings", headers=tenant.headers()))["settings"]
        assert settings["forwardingViolationsTo"] is None and settings["track"]["allowUnplannedEvents"] is False

    assert set(statuses) == {200}


def test_sources_forwarding_to_each_other_are_deleted_at_once_without_error(client: Client, tenant: Tenant) -> None:
    statuses = []
    for n in range(RACE_ROUNDS):
        one, two = (create_source(client, tenant, f"{name}-{n}")["id"] for name in ("one", "two"))
        client.patch(f"/sources/{one}/settings", json={"forwardingViolationsTo": two}, headers=tenant.headers())
        client.patch(f"/sources/{two}/settings", json={"forwardingViolationsTo": one}, headers=tenant.headers())
        statuses += race(
            client, ("DELETE", f"/sources/{one}", None), ("DELETE", f"/sources/{two}", None), headers=tenant.headers()
        )

    # each deletion locks its source, then the other one to stop forwarding to it: when the two deadlock,
    # the one rolled back answers 409 and its source stays, to be deleted again
    assert set(statuses) <= {200, 409}
    remaining = data(client.get("/sources", headers=tenant.headers()))["sources"]
    assert len(remaining) == statuses.count(409)


def test_deleting_a_plan_disconnects_its_sources(client: Client, tenant: Tenant) -> None:
    source_id = create_source(client, tenant, "web")["id"]
    plan_id = create_plan(client, tenant)
    connect(client, tenant, plan_id, source_id)

    assert client.delete(f"/tracking-plans/{plan_id}", headers=tenant.headers()).status_code == 200

    assert plan_of(client, tenant, source_id) is None
    assert data(connect(client, tenant, create_plan(client, tenant, "Next"), source_id)) == {"status": "SUCCESS"}


def test_deleting_a_source_disconnects_it_and_is_final(client: Client, tenant: Tenant) -> None:
    source_id = create_source(client, tenant, "web")["id"]
    plan_id = create_plan(client, tenant)
    connect(client, tenant, plan_id, source_id)

    assert client.delete(f"/sources/{source_id}", headers=tenant.headers()).status_code == 200

    assert client.get(f"/sources/{source_id}", headers=tenant.headers()).status_code == 404
    assert client.delete(f"/sources/{source_id}", headers=tenant.headers()).status_code == 404
    assert data(client.get(f"/tracking-plans/{plan_id}/sources", headers=tenant.headers()))["sources"] == []
    assert actions(client, tenant, plan_id)[0] == "SOURCE_DISCONNECTED"


def test_libraries_take_no_sources(client: Client, tenant: Tenant) -> None:
    source_id = create_source(client, tenant, "web")["id"]
    library = create_plan(client, tenant, "Library", "RULE_LIBRARY")

    refused = connect(client, tenant, library, source_id)

    assert refused.status_code == 409 and "RULE_LIBRARY" in refused.json()["errors"][0]["message"]
    assert plan_of(client, tenant, source_id) is None


def test_sources_of_another_workspace_are_not_found(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    theirs = create_source(client, other_tenant, "theirs")["id"]
    plan_id = create_plan(client, tenant)
    mine = create_source(client, tenant, "mine")["id"]
    headers = tenant.headers()

    assert client.get(f"/sources/{theirs}", headers=headers).status_code == 404
    assert client.get(f"/sources/{theirs}/settings", headers=headers).status_code == 404
    assert client.patch(f"/sources/{theirs}/settings", json={}, headers=headers).status_code == 404
    assert client.delete(f"/sources/{theirs}", headers=headers).status_code == 404
    assert connect(client, tenant, plan_id, theirs).status_code == 404
    forward = client.patch(f"/sources/{mine}/settings", json={"forwardingViolationsTo": theirs}, headers=headers)
    assert forward.status_code == 404 and forward.json()["errors"][0]["field"] == "forwardingViolationsTo"
    unknown = client.patch(
        f"/sources/{mine}/settings", json={"forwardingBlockedEventsTo": "src_nothing"}, headers=headers
    )
    assert unknown.status_code == 404 and unknown.json()["errors"][0]["field"] == "forwardingBlockedEventsTo"
    assert plan_of(client, other_tenant, theirs) is None
    assert data(client.get(f"/sources/{mine}/settings", headers=headers))["settings"]["forwardingViolationsTo"] is None


DEFAULTS = {
    "track": {
        "allowUnplannedEvents": True,
        "allowUnplannedEventProperties": True,
        "allowEventOnViolations": True,
        "allowPropertiesOnViolations": True,
        "commonEventOnViolations": "ALLOW",
    },
    "identify": {"allowUnplannedTraits": True, "allowTraitsOnViolations": True, "commonEventOnViolations": "ALLOW"},
    "group": {"allowUnplannedTraits": True, "allowTraitsOnViolations": True, "commonEventOnViolations": "ALLOW"},
    "forwardingViolationsTo": None,
    "forwardingBlockedEventsTo": None,
}


def test_settings_allow_everything_until_changed_and_patch_changes_only_what_it_names(
    client: Client, tenant: Tenant
) -> None:
    source_id = create_source(client, tenant, "web")["id"]
    violations_id = create_source(client, tenant, "violations", metadataId="http-api")["id"]
    url = f"/sources/{source_id}/settings"
    assert data(client.get(url, headers=tenant.headers("reader"))) == {"sourceId": source_id, "settings": DEFAULTS}

    changed = client.patch(
        url,
        json={
            "track": {"allowUnplannedEvents": False, "commonEventOnViolations": "OMIT_PROPERTIES"},
            "group": {"commonEventOnViolations": "OMIT_TRAITS"},
            "forwardingViolationsTo": violations_id,
        },
        headers=tenant.headers("admin"),
    )

    expected = {
        **DEFAULTS,
        "track": {**DEFAULTS["track"], "allowUnplannedEvents": False, "commonEventOnViolations": "OMIT_PROPERTIES"},
        "group": {**DEFAULTS["group"], "commonEventOnViolations": "OMIT_TRAITS"},
        "forwardingViolationsTo": violations_id,
    }
    assert data(changed)["settings"] == expected
    assert data(client.get(url, headers=tenant.headers()))["settings"] == expected
    unchanged = client.patch(url, json={"identify": {}}, headers=tenant.headers())
    assert data(unchanged)["settings"] == expected

    client.delete(f"/sources/{violations_id}", headers=tenant.headers())
    assert data(client.get(url, headers=tenant.headers()))["settings"]["forwardingViolationsTo"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"track": {"allowUnplannedEvents": "no"}}, "track.allowUnplannedEvents"),
        ({"track": {"commonEventOnViolations": "OMIT_TRAITS"}}, "track.commonEventOnViolations"),
        ({"identify": {"commonEventOnViolations": "OMIT_PROPERTIES"}}, "identify.commonEventOnViolations"),
        ({"group": {"allowUnplannedEvents": True}}, "group.allowUnplannedEvents"),
        ({"forwardingBlockedEventsTo": "SELF"}, "forwardingBlockedEventsTo"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(
    client: Client, tenant: Tenant, body: dict[str, Any], field: str
) -> None:
    source_id = create_source(client, tenant, "web")["id"]
    if body.get("forwardingBlockedEventsTo") == "SELF":
        body = {"track": {"allowUnplannedEvents": False}, "forwardingBlockedEventsTo": source_id}

    refused = client.patch(f"/sources/{source_id}/settings", json=body, headers=tenant.headers())

    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == field
    assert data(client.get(f"/sources/{source_id}/settings", headers=tenant.headers()))["settings"] == DEFAULTS


@pytest.mark.parametrize(
    "kind",
    [
        *("javascript", "ios", "android", "react-native", "flutter", "http-api", "node"),
        *("python", "go", "java", "ruby", "php", "dotnet"),
    ],
)
def test_every_kind_of_the_catalogue_makes_a_source(client: Client, tenant: Tenant, kind: str) -> None:
    source = create_source(client, tenant, f"{kind}-app", metadataId=kind)

    assert source["metadata"]["id"] == kind and source["metadata"]["name"]


def test_write_keys_are_unique_across_workspaces(client: Client, tenant: Tenant, other_tenant: Tenant) -> None:
    keys = [
        key
        for owner in (tenant, other_tenant)
        for n in range(5)
        for key in create_source(client, owner, f"web-{n}")["writeKeys"]
    ]

    assert len(set(keys)) == len(keys) == 10
