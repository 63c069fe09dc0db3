"""The generated Python client against a real server on a random local port."""

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.api.rules import (
    list_rules_from_tracking_plan,
    remove_rules_from_tracking_plan,
    replace_rules_in_tracking_plan,
    update_rules_in_tracking_plan,
)
from tracking_plans_client.api.tracking_plans import (
    create_tracking_plan,
    delete_tracking_plan,
    get_tracking_plan,
    list_tracking_plan_changelog,
    list_tracking_plans,
    update_tracking_plan,
)
from tracking_plans_client.api.workspaces import get_workspace
from tracking_plans_client.models import (
    ChangelogResponse,
    CreateTrackingPlan,
    ErrorEnvelope,
    JsonSchema,
    PlanType,
    RemoveRulesBody,
    ReplaceRulesBody,
    RuleIdentity,
    RuleInput,
    RulesChangeResponse,
    RulesResponse,
    RuleType,
    StatusResponse,
    TrackingPlanResponse,
    TrackingPlansResponse,
    UpdateTrackingPlan,
    UpsertRule,
    UpsertRulesBody,
)
from tracking_plans_client.types import Unset

from tests.conftest import Tenant


def test_client_creates_lists_gets_updates_and_deletes(live_server: str, tenant: Tenant) -> None:
    with AuthenticatedClient(base_url=live_server, token=tenant.owner) as client:
        workspace = get_workspace.sync(client=client)
        assert workspace is not None and not isinstance(workspace, ErrorEnvelope)
        assert workspace.data.workspace.slug == tenant.slug

        created_ids = []
        for n in range(3):
            body = CreateTrackingPlan(name=f"Plan {n}", type_=PlanType.LIVE, description=f"number {n}")
            created = create_tracking_plan.sync(client=client, body=body)
            assert isinstance(created, TrackingPlanResponse)
            assert created.data.tracking_plan.name == f"Plan {n}"
            created_ids.append(created.data.tracking_plan.id)

        seen, cursor, pages = [], None, []
        while True:
            page = list_tracking_plans.sync(client=client, paginationcount=2, paginationcursor=cursor)
            assert isinstance(page, TrackingPlansResponse)
            assert page.data.pagination.total_entries == 3
            pages.append(page.data.pagination)
            seen += [plan.id for plan in page.data.tracking_plans]
            if isinstance(page.data.pagination.next_, Unset):
                break
            cursor = page.data.pagination.next_
        assert seen == created_ids
        # the first page has no `previous` and the last no `next`: the client reads both as UNSET
        assert len(pages) == 2 and isinstance(pages[0].previous, Unset) and isinstance(pages[0].next_, str)
        assert isinstance(pages[1].previous, str) and isinstance(pages[1].next_, Unset)

        plan_id = created_ids[0]
        got = get_tracking_plan.sync_detailed(plan_id, client=client)
        assert isinstance(got.parsed, TrackingPlanResponse) and got.headers["ETag"] == '"1"'
        updated = update_tracking_plan.sync(
            plan_id, client=client, body=UpdateTrackingPlan(name="Renamed"), if_match=got.headers["ETag"]
        )
        assert isinstance(updated, StatusResponse)
        stale = update_tracking_plan.sync_detailed(
            plan_id, client=client, body=UpdateTrackingPlan(name="Again"), if_match='"1"'
        )
        assert stale.status_code == 412 and isinstance(stale.parsed, ErrorEnvelope)
        after = get_tracking_plan.sync(plan_id, client=client)
        assert isinstance(after, TrackingPlanResponse)
        assert (after.data.tracking_plan.name, after.data.tracking_plan.description) == ("Renamed", "number 0")

        deleted = delete_tracking_plan.sync(plan_id, client=client)
        assert isinstance(deleted, StatusResponse)
        gone = get_tracking_plan.sync(plan_id, client=client)
        assert isinstance(gone, ErrorEnvelope) and gone.errors[0].status == 404


def test_client_drives_rules_versions_replace_remove_and_changelog(live_server: str, tenant: Tenant) -> None:
    schema = {"type": "object", "properties": {"properties": {"type": "object", "required": ["revenue"]}}}

    def track(key: str, version: int = 1, **extra: object) -> UpsertRule:
        return UpsertRule(
            type_=RuleType.TRACK,
            key=key,
            version=version,
            json_schema=JsonSchema.from_dict(schema),
            **extra,
        )

    with AuthenticatedClient(base_url=live_server, token=tenant.admin) as client:
        plan = create_tracking_plan.sync(client=client, body=CreateTrackingPlan(name="Rules", type_=PlanType.LIVE))
        assert isinstance(plan, TrackingPlanResponse)
        plan_id = plan.data.tracking_plan.id

        upserted = update_rules_in_tracking_plan.sync(
            plan_id,
            client=client,
            body=UpsertRulesBody(rules=[track("Order Completed", 1), track("Order Completed", 2)]),
        )
        assert isinstance(upserted, RulesChangeResponse) and len(upserted.data.created) == 2

        renamed = update_rules_in_tracking_plan.sync(
            plan_id, client=client, body=UpsertRulesBody(rules=[track("Order Completed", 2, new_key="Order Placed")])
        )
        assert isinstance(renamed, RulesChangeResponse) and renamed.data.updated[0].key == "Order Placed"

        preview = replace_rules_in_tracking_plan.sync(
            plan_id,
            client=client,
            body=ReplaceRulesBody(rules=[RuleInput.from_dict(track("Checkout Started").to_dict())]),
            dry_run=True,
        )
        assert isinstance(preview, RulesChangeResponse) and preview.data.dry_run
        assert {r.key for r in preview.data.removed} == {"Order Completed", "Order Placed"}

        listed = list_rules_from_tracking_plan.sync(plan_id, client=client, type_=RuleType.TRACK)
        assert isinstance(listed, RulesResponse)
        assert [(r.key, r.version) for r in listed.data.rules] == [("Order Completed", 1), ("Order Placed", 2)]
        assert listed.data.rules[0].json_schema is not None and listed.data.rules[0].json_schema.to_dict() == schema

        removed = remove_rules_from_tracking_plan.sync(
            plan_id,
            client=client,
            body=RemoveRulesBody(rules=[RuleIdentity(type_=RuleType.TRACK, key="Order Completed", version=1)]),
        )
        assert isinstance(removed, RulesChangeResponse) and removed.data.removed[0].key == "Order Completed"
        replaced = replace_rules_in_tracking_plan.sync(
            plan_id,
            client=client,
            body=ReplaceRulesBody(rules=[RuleInput.from_dict(track("Checkout Started").to_dict())]),
        )
        assert isinstance(replaced, RulesChangeResponse) and not replaced.data.dry_run
        assert [r.key for r in replaced.data.created] == ["Checkout Started"]
        assert [r.key for r in replaced.data.removed] == ["Order Placed"]
        history = list_rules_from_tracking_plan.sync(plan_id, client=client, include_deprecated=True)
        assert isinstance(history, RulesResponse)
        assert [(r.key, r.deprecated_at is not None) for r in history.data.rules] == [
            ("Order Completed", True),
            ("Order Placed", True),
            ("Checkout Started", False),
        ]

        log = list_tracking_plan_changelog.sync(plan_id, client=client)
        assert isinstance(log, ChangelogResponse)
        assert [e.action.value for e in log.data.changelog] == [
            "RULE_REMOVED",
            "RULE_CREATED",
            "RULE_REMOVED",
            "RULE_UPDATED",
            "RULE_CREATED",
            "RULE_CREATED",
            "PLAN_CREATED",
        ]
        assert {e.token_name for e in log.data.changelog} == {"admin"}
