"""The hand-written client (`tracking_plans`) against a real server: plans, pages, rules in batches, exports, copies."""

import json

import httpx
import pytest

from tests.conftest import Tenant
from tracking_plans import (
    ConfigurationError,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    RuleId,
    RuleInput,
    RulesBatchError,
    TrackingPlans,
    Unauthorized,
)

SCHEMA = {"type": "object", "properties": {"properties": {"type": "object", "properties": {"total": {"minimum": 1.0}}}}}


def track(n: int, schema: dict[str, object] | None = None) -> RuleInput:
    return RuleInput("TRACK", f"Event {n:04}", 1, SCHEMA if schema is None else schema, labels={"area": "shop"})


def test_plans_page_by_themselves_and_carry_their_etag(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        created = [client.plans.create(f"Plan {n}", description=f"number {n}") for n in range(5)]
        assert [plan.type for plan in created] == ["LIVE"] * 5 and created[0].etag == '"1"'

        assert [plan.id for plan in client.plans.list(page_size=2)] == [plan.id for plan in created]
        pages = list(client.plans.list(page_size=2).pages())
        assert [len(page.items) for page in pages] == [2, 2, 1] and pages[0].total == 5

        plan = client.plans.get(created[0].id)
        assert (plan.name, plan.description, plan.resource_schema_id[:3]) == ("Plan 0", "number 0", "rs_")
        etag = client.plans.update(plan.id, name="Renamed", if_match=plan.etag)
        assert etag == '"2"' and client.plans.get(plan.id).name == "Renamed"
        with pytest.raises(PreconditionFailed) as stale:
            client.plans.update(plan.id, name="Again", if_match=plan.etag)
        assert (stale.value.status, stale.value.field) == (412, "If-Match")
        assert stale.value.url == f"{live_server}/tracking-plans/{plan.id}" and stale.value.method == "PATCH"

        client.plans.delete(plan.id, if_match=etag)
        with pytest.raises(NotFound) as gone:
            client.plans.get(plan.id)
        assert gone.value.status == 404 and gone.value.type and gone.value.message
        assert next(iter(client.plans.changelog(plan.id))).action == "PLAN_DELETED"


def test_rules_upsert_in_batches_chaining_if_match_and_come_back_with_their_exact_text(
    live_server: str, tenant: Tenant
) -> None:
    sent: list[httpx.Request] = []
    hooks = {"request": [sent.append]}
    with TrackingPlans(base_url=live_server, token=tenant.admin, event_hooks=hooks) as client:
        plan = client.plans.create("Big")
        sent.clear()
        change = client.rules.upsert(plan.id, [track(n) for n in range(450)], if_match=plan.etag)
        assert (change.batches, len(change.created), change.updated) == (3, 450, [])
        assert change.created[0] == RuleId("TRACK", "Event 0000", 1) and change.etag == '"4"'
        # each batch is sent only if the plan is where the batch before left it
        assert [request.headers.get("If-Match") for request in sent] == ['"1"', '"2"', '"3"']

        rules = list(client.rules.list(plan.id, page_size=200))
        assert len(rules) == 450 and rules[7].key == "Event 0007" and rules[7].labels == {"area": "shop"}
        assert rules[7].json_schema == SCHEMA
        # the text as sent (httpx sends compact JSON): key order and `1.0` kept, which a parsed dict cannot tell
        assert rules[7].json_schema_text == json.dumps(SCHEMA, separators=(",", ":"))
        assert '"minimum":1.0' in rules[7].json_schema_text
        raw = httpx.get(f"{live_server}/tracking-plans/{plan.id}/rules", headers=tenant.headers("admin")).text
        assert f'"jsonSchema":{rules[0].json_schema_text}' in raw
        assert [len(page.items) for page in client.rules.list(plan.id, page_size=200).pages()] == [200, 200, 50]
        assert [r.key for r in client.rules.list(plan.id, key="Event 0003")] == ["Event 0003"]

        unchanged = client.rules.upsert(plan.id, [track(n) for n in range(3)], dry_run=True)
        assert unchanged.dry_run and len(unchanged.unchanged) == 3

        removed = client.rules.remove(plan.id, [rule.id for rule in rules[:250]])
        assert (removed.batches, len(removed.removed)) == (2, 250)
        assert len(list(client.rules.list(plan.id))) == 200
        history = list(client.rules.list(plan.id, include_deprecated=True))
        assert len(history) == 450 and sum(rule.deprecated_at is not None for rule in history) == 250


def test_a_failing_batch_says_what_was_applied_and_which_rule_failed(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        plan = client.plans.create("Half")
        rules = [track(n) for n in range(450)]
        rules[250] = track(250, {"type": "strin"})
        with pytest.raises(RulesBatchError) as failed:
            client.rules.upsert(plan.id, rules)
        error = failed.value
        assert (error.applied, error.failed, error.rule_index, error.rule) == ([1], 2, 250, "TRACK Event 0250 v1")
        assert error.status == 422 and isinstance(error.cause, InvalidInput)
        assert error.field is not None and error.field.startswith("rules[50].jsonSchema")
        assert "batch 2 of 3 failed (batches 1 of 3 were applied)" in str(error)
        assert len(list(client.rules.list(plan.id))) == 200  # the first batch stays, the second wrote nothing

        with pytest.raises(RulesBatchError) as stale:
            client.rules.upsert(plan.id, [track(1)], if_match='"1"')
        assert (stale.value.applied, stale.value.status, stale.value.rule) == ([], 412, None)
        with pytest.raises(RulesBatchError) as missing:
            client.rules.remove(plan.id, [RuleId("TRACK", "Never", 1)])
        assert missing.value.status == 404


def test_replace_over_200_rules_is_refused_before_sending(live_server: str, tenant: Tenant) -> None:
    sent: list[httpx.Request] = []
    with TrackingPlans(base_url=live_server, token=tenant.admin, event_hooks={"request": [sent.append]}) as client:
        with pytest.raises(ConfigurationError, match="trackplan apply"):
            client.rules.replace("tp_anything", [track(n) for n in range(201)])
        assert sent == []
        plan = client.plans.create("Replace")
        client.rules.upsert(plan.id, [track(n) for n in range(3)])
        change = client.rules.replace(plan.id, [track(1), track(9)])
        assert change.created == [RuleId("TRACK", "Event 0009", 1)] and len(change.removed) == 2


def test_exports_come_with_the_servers_file_name_and_restore_as_copies(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        plan = client.plans.create("Export Me")
        client.rules.upsert(plan.id, [track(n) for n in range(3)])
        csv_file = client.plans.export(plan.id, format="csv")
        assert csv_file.filename.startswith(f"{tenant.slug}-export-me--") and csv_file.filename.endswith("-utc.csv")
        assert csv_file.media_type == "text/csv" and csv_file.text.splitlines()[0].startswith("Name,Description")
        document = client.plans.export(plan.id)
        assert document.filename.endswith(".json") and document.json()["format"] == "tracking-plan/v1"

        restored = client.copies.restore(document.json(), name="Restored")
        assert restored.tracking_plan is not None and len(restored.created) == 3
        duplicate = client.copies.duplicate(plan.id, "Twin")
        assert len(list(client.rules.list(duplicate.id))) == 3


def test_copies_add_bearer_to_the_source_token(live_server: str, tenant: Tenant, other_tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=other_tenant.admin) as staging:
        source = staging.plans.create("Staging")
        staging.rules.upsert(source.id, [track(n) for n in range(2)])
    with TrackingPlans(base_url=live_server, token=tenant.admin) as production:
        copied = production.copies.copy(source.id, source_token=other_tenant.reader, name="From staging")
        assert copied.tracking_plan is not None and len(copied.created) == 2
        with pytest.raises(NotFound):
            production.plans.get(source.id)  # the source token granted nothing else


def test_errors_carry_the_envelope(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token="tps_unknown") as stranger, pytest.raises(Unauthorized) as denied:
        stranger.plans.get("tp_x")
    assert denied.value.status == 401 and denied.value.message
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client, pytest.raises(InvalidInput) as invalid:
        client.plans.create("")
    assert (invalid.value.status, invalid.value.field) == (422, "name")
