"""Transformations through the Public API: the five calls, uniqueness, permissions, bad input and the preview."""

import concurrent.futures
import hashlib
import json
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import RACE_ROUNDS, Tenant, data
from tests.routes.conftest import create_source, nested_json, race

Client = TestClient[Litestar]


@pytest.fixture
def source_id(client: Client, tenant: Tenant) -> str:
    return str(create_source(client, tenant, "web")["id"])


def rename_event(source_id: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": "Rename checkout",
        "sourceId": source_id,
        "enabled": True,
        "if": "event = 'Order Completed'",
        "newEventName": "Checkout Finished",
        **extra,
    }


def create(client: Client, tenant: Tenant, body: dict[str, Any]) -> Any:
    return client.post("/transformations", json=body, headers=tenant.headers())


def listed(client: Client, tenant: Tenant) -> list[dict[str, Any]]:
    return list(data(client.get("/transformations", headers=tenant.headers("reader")))["transformations"])


def test_create_get_list_update_delete(client: Client, tenant: Tenant, source_id: str) -> None:
    body = rename_event(source_id, propertyRenames=[{"oldName": "total", "newName": "revenue"}])

    created = data(create(client, tenant, body))["transformation"]

    assert created["id"].startswith("tf_")
    assert {key: created[key] for key in body} == body
    assert "destinationMetadataId" not in created and "drop" not in created
    url = f"/transformations/{created['id']}"
    assert data(client.get(url, headers=tenant.headers("reader")))["transformation"] == created
    assert listed(client, tenant) == [created]

    changed = client.patch(url, json={"name": "Renamed", "propertyRenames": None}, headers=tenant.headers())
    after = data(changed)["transformation"]
    assert after["name"] == "Renamed" and "propertyRenames" not in after
    assert after["newEventName"] == "Checkout Finished" and after["if"] == body["if"]
    assert data(client.get(url, headers=tenant.headers()))["transformation"] == after

    assert data(client.delete(url, headers=tenant.headers())) == {"status": "SUCCESS"}
    assert client.get(url, headers=tenant.headers()).status_code == 404
    assert client.delete(url, headers=tenant.headers()).status_code == 404
    assert listed(client, tenant) == []


def test_only_owners_change_transformations_every_role_reads_them(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    created = data(create(client, tenant, rename_event(source_id)))["transformation"]
    url = f"/transformations/{created['id']}"

    for role in ("admin", "reader"):
        headers = tenant.headers(role)
        assert client.post("/transformations", json=rename_event(source_id), headers=headers).status_code == 403
        assert client.patch(url, json={"enabled": False}, headers=headers).status_code == 403
        assert client.delete(url, headers=headers).status_code == 403
        assert data(client.get(url, headers=headers))["transformation"] == created
    assert listed(client, tenant) == [created]


@pytest.mark.parametrize(
    ("second", "clashes"),
    [
        ({}, True),
        ({"if": "event='Order Completed'"}, True),
        ({"if": 'event = "Order Completed" and properties.revenue > 10'}, True),
        ({"if": "'Order Completed' = event"}, True),
        ({"if": "event = 'Order Refunded'"}, False),
        ({"if": "event = 'Order Completed' or event = 'Order Refunded'"}, False),
        ({"destinationMetadataId": "amplitude"}, False),
        ({"newEventName": None, "allowProperties": ["revenue"]}, False),
        ({"newEventName": None, "propertyRenames": [{"oldName": "a", "newName": "b"}]}, True),
    ],
)
def test_one_transformation_per_source_event_destination_and_type(
    client: Client, tenant: Tenant, source_id: str, second: dict[str, Any], clashes: bool
) -> None:
    first = rename_event(source_id, propertyRenames=[{"oldName": "total", "newName": "revenue"}])
    first_id = data(create(client, tenant, first))["transformation"]["id"]

    answer = create(client, tenant, {**rename_event(source_id), **second})

    if clashes:
        assert answer.status_code == 409, answer.text
        assert first_id in answer.json()["errors"][0]["message"] and answer.json()["errors"][0]["field"] == "if"
        assert [t["id"] for t in listed(client, tenant)] == [first_id]
    else:
        assert answer.status_code == 200, answer.text
        assert len(listed(client, tenant)) == 2


def test_conditions_without_an_event_clash_when_they_normalise_alike(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    body = {"name": "Hash emails", "sourceId": source_id, "enabled": True, "if": "type = 'identify'"}
    body["hashPropertiesConfiguration"] = {"algorithm": "SHA256", "paths": ["traits.email"]}
    first_id = data(create(client, tenant, body))["transformation"]["id"]

    respaced = create(client, tenant, {**body, "if": '  type   =  "identify" '})
    other_source = create_source(client, tenant, "ios", metadataId="ios")["id"]

    assert respaced.status_code == 409 and first_id in respaced.json()["errors"][0]["message"]
    assert create(client, tenant, {**body, "sourceId": other_source}).status_code == 200


def test_parallel_identical_creates_make_exactly_one(client: Client, tenant: Tenant, source_id: str) -> None:
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: create(client, tenant, rename_event(source_id)), range(20)))

    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200] + [409] * 19
    (made,) = listed(client, tenant)
    assert all(made["id"] in answer.text for answer in answers if answer.status_code == 409)


def test_a_clash_with_a_transformation_deleted_meanwhile_names_no_id(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    clashes = []
    for _ in range(30):
        held = data(create(client, tenant, rename_event(source_id)))["transformation"]["id"]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            deleted = pool.submit(client.delete, f"/transformations/{held}", headers=tenant.headers())
            answers = list(pool.map(lambda _: create(client, tenant, rename_event(source_id)), range(3)))
        assert deleted.result().status_code == 200
        clashes += [answer.json()["errors"][0] for answer in answers if answer.status_code == 409]
        for made in listed(client, tenant):
            client.delete(f"/transformations/{made['id']}", headers=tenant.headers())

    assert clashes and all(clash["field"] == "if" and "None" not in clash["message"] for clash in clashes)


def test_an_update_that_would_clash_is_refused_and_changes_nothing(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    first = data(create(client, tenant, rename_event(source_id)))["transformation"]
    second = data(create(client, tenant, rename_event(source_id, **{"if": "event = 'Signed Up'"})))["transformation"]

    clash = client.patch(
        f"/transformations/{second['id']}", json={"if": "event = 'Order Completed'"}, headers=tenant.headers()
    )

    assert clash.status_code == 409 and first["id"] in clash.json()["errors"][0]["message"]
    assert data(client.get(f"/transformations/{second['id']}", headers=tenant.headers()))["transformation"] == second
    # the clash left the second one's slot in place
    assert create(client, tenant, rename_event(source_id, **{"if": "event = 'Signed Up'"})).status_code == 409
    # a deleted transformation frees its slot
    client.delete(f"/transformations/{first['id']}", headers=tenant.headers())
    moved = client.patch(
        f"/transformations/{second['id']}", json={"if": "event = 'Order Completed'"}, headers=tenant.headers()
    )
    assert data(moved)["transformation"]["if"] == "event = 'Order Completed'"
    assert create(client, tenant, rename_event(source_id, **{"if": "event = 'Signed Up'"})).status_code == 200


def test_only_an_owner_deletes_a_source_that_has_transformations(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    plan = data(client.post("/tracking-plans", json={"name": "Web", "type": "LIVE"}, headers=tenant.headers()))
    plan_id = plan["trackingPlan"]["id"]
    client.post(f"/tracking-plans/{plan_id}/sources", json={"sourceId": source_id}, headers=tenant.headers())
    first = data(create(client, tenant, rename_event(source_id)))["transformation"]
    second = data(create(client, tenant, rename_event(source_id, **{"if": "event = 'Cart Viewed'"})))["transformation"]

    refused = client.delete(f"/sources/{source_id}", headers=tenant.headers("admin"))

    assert refused.status_code == 403, refused.text
    error = refused.json()["errors"][0]
    assert error["field"] == "sourceId" and "has 2 transformations" in error["message"]
    assert "workspace owner" in error["message"]
    assert [t["id"] for t in listed(client, tenant)] == [first["id"], second["id"]]
    assert data(client.get(f"/sources/{source_id}", headers=tenant.headers()))["trackingPlanId"] == plan_id

    assert data(client.delete(f"/sources/{source_id}", headers=tenant.headers())) == {"status": "SUCCESS"}

    assert client.get(f"/sources/{source_id}", headers=tenant.headers()).status_code == 404
    assert client.get(f"/transformations/{first['id']}", headers=tenant.headers()).status_code == 404
    assert listed(client, tenant) == []
    # the plan's changelog keeps what went: the source and each of its transformations, whole
    entries = data(client.get(f"/tracking-plans/{plan_id}/changelog", headers=tenant.headers("reader")))["changelog"]
    gone = entries[0]
    assert gone["action"] == "SOURCE_DISCONNECTED" and gone["tokenName"] == "owner"
    assert gone["before"] == {"sourceId": source_id, "slug": "web", "name": "web", "transformations": [first, second]}


def test_an_admin_never_deletes_a_transformation_created_meanwhile(client: Client, tenant: Tenant) -> None:
    for n in range(8):
        source_id = str(create_source(client, tenant, f"race-{n}")["id"])
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            created = pool.submit(create, client, tenant, rename_event(source_id))
            deleted = pool.submit(client.delete, f"/sources/{source_id}", headers=tenant.headers("admin"))
            made, gone = created.result(), deleted.result()

        # either the source went first (and the create found no source), or the admin was refused
        if gone.status_code == 200:
            assert made.status_code == 404, made.text
        else:
            assert (made.status_code, gone.status_code) == (200, 403)
            assert [t["id"] for t in listed(client, tenant)] == [data(made)["transformation"]["id"]]
            client.delete(f"/sources/{source_id}", headers=tenant.headers())
        assert listed(client, tenant) == []


def test_an_admin_deletes_a_source_without_transformations(client: Client, tenant: Tenant, source_id: str) -> None:
    created = data(create(client, tenant, rename_event(source_id)))["transformation"]
    assert data(client.delete(f"/transformations/{created['id']}", headers=tenant.headers())) == {"status": "SUCCESS"}

    assert data(client.delete(f"/sources/{source_id}", headers=tenant.headers("admin"))) == {"status": "SUCCESS"}

    assert client.get(f"/sources/{source_id}", headers=tenant.headers()).status_code == 404


def test_sources_and_transformations_of_another_workspace_are_not_found(
    client: Client, tenant: Tenant, other_tenant: Tenant, source_id: str
) -> None:
    theirs = data(create(client, tenant, rename_event(source_id)))["transformation"]["id"]
    their_source = source_id
    mine = create_source(client, other_tenant, "mine")["id"]
    mine_id = data(create(client, other_tenant, rename_event(mine)))["transformation"]["id"]
    headers = other_tenant.headers()

    assert create(client, other_tenant, rename_event(their_source)).status_code == 404
    assert client.get(f"/transformations/{theirs}", headers=headers).status_code == 404
    assert client.patch(f"/transformations/{theirs}", json={"enabled": False}, headers=headers).status_code == 404
    assert client.delete(f"/transformations/{theirs}", headers=headers).status_code == 404
    moved = client.patch(f"/transformations/{mine_id}", json={"sourceId": their_source}, headers=headers)
    assert moved.status_code == 404 and moved.json()["errors"][0]["field"] == "sourceId"
    preview = {"sourceId": their_source, "event": {"type": "track", "event": "Order Completed"}}
    assert client.post("/transformations/preview", json=preview, headers=headers).status_code == 404
    assert [t["id"] for t in listed(client, tenant)] == [theirs]
    assert data(client.get(f"/transformations/{theirs}", headers=tenant.headers()))["transformation"]["enabled"]


@pytest.mark.parametrize(
    ("change", "field", "in_message"),
    [
        ({"if": "event = = 'x'"}, "if", "Expected a value, found '=' (at position 8)"),
        ({"if": "event = 'x' and"}, "if", "position"),
        ({"if": "event = 'x" + "x" * 10_000 + "'"}, "if", "2000"),
        ({"if": "(" * 1000 + "true" + ")" * 996}, "if", "32 levels"),
        ({"if": "colour = 'red'"}, "if", "colour"),
        ({"propertyRenames": [{"oldName": "", "newName": "b"}]}, "propertyRenames[0].oldName", ""),
        ({"propertyRenames": [{"oldName": ".a", "newName": "b"}]}, "propertyRenames[0].oldName", ""),
        ({"allowProperties": ["a..b"]}, "allowProperties[0]", ""),
        (
            {"propertyRenames": [{"oldName": "a", "newName": "c"}, {"oldName": "b", "newName": "c"}]},
            "propertyRenames[1].newName",
            "'c'",
        ),
        (
            {"propertyRenames": [{"oldName": "a", "newName": "b"}, {"oldName": "a", "newName": "c"}]},
            "propertyRenames[1].oldName",
            "'a'",
        ),
        (
            {"propertyRenames": [{"oldName": "a", "newName": "c"}, {"oldName": "b", "newName": "properties.c"}]},
            "propertyRenames[1].newName",
            "'properties.c' and 'c'",
        ),
        ({"propertyRenames": [{"oldName": "a", "newName": "a"}]}, "propertyRenames[0].newName", "'a'"),
        (
            {"hashPropertiesConfiguration": {"algorithm": "MD5", "paths": ["e", "properties.e"]}},
            "hashPropertiesConfiguration.paths[1]",
            "hashed twice",
        ),
        ({"allowProperties": ["a. "]}, "allowProperties[0]", "blank"),
        (
            {"hashPropertiesConfiguration": {"algorithm": "ROT13", "paths": ["email"]}},
            "hashPropertiesConfiguration.algorithm",
            "",
        ),
        (
            {"hashPropertiesConfiguration": {"algorithm": "MD5", "encoding": "BASE32", "paths": ["email"]}},
            "hashPropertiesConfiguration.encoding",
            "",
        ),
        (
            {"propertyValueTransformations": [{"propertyPaths": [f"p{n}" for n in range(11)], "propertyValue": "x"}]},
            "propertyValueTransformations[0].propertyPaths",
            "",
        ),
        ({"newEventName": None}, None, "action"),
        ({"drop": True}, "drop", "drop"),
        (
            {"newEventName": None, "fqlDefinedProperties": [{"fql": "lowercase(", "propertyName": "x"}]},
            "fqlDefinedProperties[0].fql",
            "position",
        ),
        (
            {
                "newEventName": None,
                "fqlDefinedProperties": [{"fql": "lowercase(properties.email)", "propertyName": "email"}],
                "propertyRenames": [{"oldName": "a", "newName": "b"}],
            },
            "fqlDefinedProperties",
            "renames",
        ),
        ({"sourceId": "src_missing"}, "sourceId", "src_missing"),
        ({"colour": "red"}, "colour", ""),
        (
            {
                "newEventName": None,
                "fqlDefinedProperties": [{"fql": "true", "propertyName": f"p{n}"} for n in range(2)],
            },
            "fqlDefinedProperties",
            "",
        ),
        (
            {
                "newEventName": None,
                "fqlDefinedProperties": [{"fql": "true", "propertyName": "p"}],
                "propertyValueTransformations": [{"propertyPaths": ["q"], "propertyValue": "x"}],
            },
            "fqlDefinedProperties",
            "value changes",
        ),
    ],
)
def test_bad_transformations_are_refused_and_write_nothing(
    client: Client, tenant: Tenant, source_id: str, change: dict[str, Any], field: str | None, in_message: str
) -> None:
    refused = create(client, tenant, {**rename_event(source_id), **change})

    assert 400 <= refused.status_code < 500, refused.text
    error = refused.json()["errors"][0]
    assert error.get("field") == field and in_message in error["message"]
    assert listed(client, tenant) == []


TRACK = {
    "type": "track",
    "event": "Order Completed",
    "userId": "u1",
    "properties": {"total": 25, "email": "A@Example.com", "coupon": "SPRING", "debug": True},
    "context": {"library": {"name": "analytics.js"}},
}


def test_preview_selects_transformations_on_the_event_as_it_arrived(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    def make(name: str, condition: str, **actions: Any) -> None:
        body = {"name": name, "sourceId": source_id, "enabled": True, "if": condition, **actions}
        assert create(client, tenant, body).status_code == 200

    completed = "event = 'Order Completed'"
    make(
        "rename",
        completed,
        newEventName="Checkout Finished",
        propertyRenames=[{"oldName": "total", "newName": "revenue"}],
    )
    make(
        "lower",
        "event = 'Order Completed' and properties.total > 10",
        fqlDefinedProperties=[{"fql": "lowercase(properties.email)", "propertyName": "email"}],
    )
    make("renamed name", "event = 'Checkout Finished'", drop=True)  # no event arrives with that name
    make(
        "coupon",
        "properties.total > 10",
        propertyValueTransformations=[{"propertyPaths": ["coupon"], "propertyValue": "REDACTED"}],
    )
    make("allow", "type = 'track'", allowProperties=["revenue", "email", "coupon"])
    make("hash", "userId = 'u1'", hashPropertiesConfiguration={"algorithm": "SHA256", "paths": ["email"]})
    make("off", "type = 'track'", enabled=False, drop=True)
    make(
        "amplitude only",
        "event = 'Checkout Finished' and properties.revenue > 10",  # matched on the source's result
        destinationMetadataId="amplitude",
        propertyValueTransformations=[{"propertyPaths": ["revenue"], "propertyValue": "0"}],
    )

    answer = client.post(
        "/transformations/preview", json={"sourceId": source_id, "event": TRACK}, headers=tenant.headers("reader")
    )

    event = data(answer)["event"]
    assert data(answer)["dropped"] is False
    assert event["event"] == "Checkout Finished"
    assert event["properties"] == {
        "revenue": 25,
        "email": hashlib.sha256(b"a@example.com").hexdigest(),
        "coupon": "REDACTED",
    }
    assert event["context"] == TRACK["context"] and event["userId"] == "u1"

    for_amplitude = client.post(
        "/transformations/preview",
        json={"sourceId": source_id, "destinationMetadataId": "amplitude", "event": TRACK},
        headers=tenant.headers(),
    )
    assert data(for_amplitude)["event"]["properties"]["revenue"] == "0"


@pytest.mark.parametrize("rename_event_first", [True, False])
def test_transformations_apply_whatever_order_they_were_created_in(
    client: Client, tenant: Tenant, source_id: str, rename_event_first: bool
) -> None:
    rename_event = {"name": "Done", "newEventName": "Order Done"}
    rename_property = {"name": "Revenue", "propertyRenames": [{"oldName": "rev", "newName": "revenue"}]}
    for body in [rename_event, rename_property] if rename_event_first else [rename_property, rename_event]:
        full = {"sourceId": source_id, "enabled": True, "if": "event = 'Order Completed'", **body}
        assert create(client, tenant, full).status_code == 200
    event = {"type": "track", "event": "Order Completed", "properties": {"rev": 12}}

    answer = client.post(
        "/transformations/preview", json={"sourceId": source_id, "event": event}, headers=tenant.headers()
    )

    assert data(answer) == {
        "event": {"type": "track", "event": "Order Done", "properties": {"revenue": 12}},
        "dropped": False,
    }


@pytest.mark.parametrize(
    ("changes", "field", "in_message"),
    [
        (
            [{"propertyPaths": ["price"], "propertyValue": "1"}, {"propertyPaths": ["price"], "propertyValue": "2"}],
            "propertyValueTransformations[1].propertyPaths[0]",
            "set twice",
        ),
        (
            [
                {"propertyPaths": ["a", "product"], "propertyValue": "1"},
                {"propertyPaths": ["product.price"], "propertyValue": "2"},
            ],
            "propertyValueTransformations[1].propertyPaths[0]",
            "'product.price' and 'product'",
        ),
        (
            [
                {"propertyPaths": ["total"], "propertyValue": "1"},
                {"propertyPaths": ["properties.total"], "propertyValue": "2"},
            ],
            "propertyValueTransformations[1].propertyPaths[0]",
            "set twice",
        ),
        (
            [{"propertyPaths": ["coupon", "rev"], "propertyValue": "0"}],
            "propertyValueTransformations[0].propertyPaths[1]",
            "'rev' and 'rev' (at propertyRenames[0].oldName)",
        ),
        (
            [{"propertyPaths": ["properties.rev.cents"], "propertyValue": "0"}],
            "propertyValueTransformations[0].propertyPaths[0]",
            "renamed and changed at once",
        ),
    ],
)
def test_value_changes_that_conflict_are_refused_naming_the_second_place(
    client: Client, tenant: Tenant, source_id: str, changes: list[dict[str, Any]], field: str, in_message: str
) -> None:
    body = rename_event(source_id, propertyRenames=[{"oldName": "rev", "newName": "revenue"}])
    refused = create(client, tenant, {**body, "propertyValueTransformations": changes})

    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert error["field"] == field and in_message in error["message"]
    assert listed(client, tenant) == []


def test_value_changes_apart_from_each_other_and_from_renamed_paths_are_kept(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    changes = [
        {"propertyPaths": ["price"], "propertyValue": "1"},
        {"propertyPaths": ["product.name"], "propertyValue": "x"},
    ]
    body = rename_event(source_id, propertyRenames=[{"oldName": "rev", "newName": "revenue"}])
    created = create(client, tenant, {**body, "propertyValueTransformations": changes})
    event = {
        "type": "track",
        "event": "Order Completed",
        "properties": {"rev": 1, "price": 9, "product": {"name": "a"}},
    }

    answer = client.post(
        "/transformations/preview", json={"sourceId": source_id, "event": event}, headers=tenant.headers()
    )

    assert created.status_code == 200, created.text
    assert data(answer)["event"]["properties"] == {"revenue": 1, "price": "1", "product": {"name": "x"}}


def test_preview_of_a_dropped_event_answers_null(client: Client, tenant: Tenant, source_id: str) -> None:
    body = {"name": "drop debug", "sourceId": source_id, "enabled": True, "if": "properties.debug = true", "drop": True}
    create(client, tenant, body)

    dropped = client.post(
        "/transformations/preview", json={"sourceId": source_id, "event": TRACK}, headers=tenant.headers()
    )
    kept_event = {**TRACK, "properties": {"debug": False}}
    kept = client.post(
        "/transformations/preview", json={"sourceId": source_id, "event": kept_event}, headers=tenant.headers()
    )

    assert data(dropped) == {"event": None, "dropped": True}
    assert data(kept) == {"event": kept_event, "dropped": False}


def test_preview_refuses_a_deeply_nested_event(client: Client, tenant: Tenant, source_id: str) -> None:
    copy = {"fqlDefinedProperties": [{"fql": "properties", "propertyName": "copy"}]}
    create(client, tenant, {"name": "copy", "sourceId": source_id, "enabled": True, "if": "true", **copy})

    def preview(depth: int) -> Any:
        body = f'{{"sourceId":"{source_id}","event":{{"properties":{nested_json(depth - 1)}}}}}'
        return client.post(
            "/transformations/preview", content=body, headers={**tenant.headers(), "content-type": "application/json"}
        )

    deepest, too_deep, far_too_deep = preview(64), preview(100), preview(900)

    assert data(deepest)["event"]["properties"]["copy"] == json.loads(nested_json(63))
    assert too_deep.status_code == 422 and too_deep.json()["errors"][0]["field"] == "event"
    assert 400 <= far_too_deep.status_code < 500, far_too_deep.text


HUGE = "1" + "0" * 309
"""An integer past the largest float."""


def test_integers_too_large_for_a_float_are_kept_exactly(client: Client, tenant: Tenant, source_id: str) -> None:
    pinned = rename_event(source_id, **{"if": f"properties.x = {HUGE}"})
    defined = {"name": "huge", "sourceId": source_id, "enabled": True, "if": "true"}
    defined["fqlDefinedProperties"] = [{"fql": HUGE, "propertyName": "y"}]

    assert data(create(client, tenant, pinned))["transformation"]["if"] == pinned["if"]
    assert data(create(client, tenant, defined))["transformation"]["fqlDefinedProperties"][0]["fql"] == HUGE
    event = {"type": "track", "event": "Order Completed", "properties": {"x": 10**309}}
    preview = client.post(
        "/transformations/preview", json={"sourceId": source_id, "event": event}, headers=tenant.headers()
    )
    assert data(preview)["event"] == {**event, "event": "Checkout Finished", "properties": {"x": 10**309, "y": 10**309}}


def test_a_transformation_changes_while_its_source_is_deleted_without_error(client: Client, tenant: Tenant) -> None:
    statuses = []
    for n in range(RACE_ROUNDS):
        source = create_source(client, tenant, f"web-{n}")["id"]
        made = data(create(client, tenant, rename_event(source)))["transformation"]["id"]
        statuses += race(
            client,
            ("PATCH", f"/transformations/{made}", {"name": "Renamed"}),
            ("DELETE", f"/sources/{source}", None),
            headers=tenant.headers(),
        )
        assert client.get(f"/transformations/{made}", headers=tenant.headers()).status_code == 404

    assert set(statuses) <= {200, 404} and statuses[1::2] == [200] * RACE_ROUNDS


def test_preview_refuses_an_event_that_transformations_nest_too_deep(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    deeper = ".".join(f"k{n}" for n in range(40))
    for n in range(6):
        # each moves the whole tree 40 levels further down; distinct conditions keep them in distinct slots
        renames = [{"oldName": f"t{n}", "newName": f"t{n + 1}.{deeper}.v"}]
        body = {"name": f"deeper {n}", "sourceId": source_id, "enabled": True, "if": f"{n} = {n}"}
        assert create(client, tenant, {**body, "propertyRenames": renames}).status_code == 200

    event = f'{{"type": "track", "properties": {{"t0": {nested_json(50)}}}}}'
    answer = client.post(
        "/transformations/preview",
        content=f'{{"sourceId": "{source_id}", "event": {event}}}',
        headers={**tenant.headers(), "content-type": "application/json"},
    )

    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "event"
    assert answer.json()["errors"][0]["message"].startswith("As transformed")
