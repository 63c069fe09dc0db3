"""The generated client copies a plan between two workspaces, duplicates it, imports a library and exports both ways."""

import csv
import io

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.api.copies import (
    copy_tracking_plan,
    duplicate_tracking_plan,
    export_tracking_plan,
    import_rules_from_library,
)
from tracking_plans_client.api.rules import list_rules_from_tracking_plan, update_rules_in_tracking_plan
from tracking_plans_client.api.tracking_plans import create_tracking_plan
from tracking_plans_client.models import (
    CopyMode,
    CopyResponse,
    CopyTrackingPlan,
    CreateTrackingPlan,
    DuplicateTrackingPlan,
    ExportTrackingPlanFormat,
    ImportRules,
    JsonSchema,
    PlanDocument,
    PlanType,
    RulesResponse,
    RuleType,
    TrackingPlanResponse,
    UpsertRule,
    UpsertRulesBody,
)

from tests.conftest import Tenant

SCHEMA = {"properties": {"properties": {"required": ["sku"], "properties": {"sku": {"type": "string"}}}}}


def new_plan(client: AuthenticatedClient, name: str, plan_type: PlanType = PlanType.LIVE) -> str:
    created = create_tracking_plan.sync(client=client, body=CreateTrackingPlan(name=name, type_=plan_type))
    assert isinstance(created, TrackingPlanResponse)
    return created.data.tracking_plan.id


def add_events(client: AuthenticatedClient, plan_id: str, *keys: str) -> None:
    rules = [
        UpsertRule(type_=RuleType.TRACK, key=key, version=1, json_schema=JsonSchema.from_dict(SCHEMA)) for key in keys
    ]
    update_rules_in_tracking_plan.sync(plan_id, client=client, body=UpsertRulesBody(rules=rules))


def keys_of(client: AuthenticatedClient, plan_id: str) -> list[str]:
    listed = list_rules_from_tracking_plan.sync(plan_id, client=client)
    assert isinstance(listed, RulesResponse)
    return sorted(str(rule.key) for rule in listed.data.rules)


def test_client_copies_duplicates_imports_and_exports(live_server: str, tenant: Tenant, other_tenant: Tenant) -> None:
    with (
        AuthenticatedClient(base_url=live_server, token=other_tenant.owner) as staging,
        AuthenticatedClient(base_url=live_server, token=tenant.admin) as production,
    ):
        source = new_plan(staging, "Checkout")
        add_events(staging, source, "Order Completed", "Cart Viewed")

        copied = copy_tracking_plan.sync(
            client=production,
            body=CopyTrackingPlan(mode=CopyMode.CREATE, source_tracking_plan_id=source),
            x_source_authorization=f"Bearer {other_tenant.reader}",
        )
        assert isinstance(copied, CopyResponse) and copied.data.tracking_plan is not None
        target = copied.data.tracking_plan.id
        assert len(copied.data.created) == 2 and keys_of(production, target) == ["Cart Viewed", "Order Completed"]

        duplicate = duplicate_tracking_plan.sync(target, client=production, body=DuplicateTrackingPlan(name="Copy"))
        assert isinstance(duplicate, TrackingPlanResponse)
        assert keys_of(production, duplicate.data.tracking_plan.id) == keys_of(production, target)

        library = new_plan(production, "Shared events", PlanType.RULE_LIBRARY)
        add_events(production, library, "Signed Up", "Logged In")
        imported = import_rules_from_library.sync(
            target, client=production, body=ImportRules(library_id=library, keys=["Signed Up"])
        )
        assert isinstance(imported, CopyResponse) and [rule.key for rule in imported.data.created] == ["Signed Up"]

        document = export_tracking_plan.sync(target, client=production, format_=ExportTrackingPlanFormat.JSON)
        assert isinstance(document, PlanDocument)
        assert [rule.key for rule in document.rules] == ["Cart Viewed", "Order Completed", "Signed Up"]
        restored = copy_tracking_plan.sync(
            client=staging, body=CopyTrackingPlan(mode=CopyMode.CREATE, document=document, name="Restored")
        )
        assert isinstance(restored, CopyResponse) and restored.data.tracking_plan is not None
        assert keys_of(staging, restored.data.tracking_plan.id) == ["Cart Viewed", "Order Completed", "Signed Up"]

        # the generated function reads JSON answers; the CSV download goes through the client's own httpx client
        exported = production.get_httpx_client().get(f"/tracking-plans/{target}/export", params={"format": "csv"})
        assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
        assert [row["Name"] for row in rows if row["Type"] == "TRACK"] == [
            "Cart Viewed",
            "Order Completed",
            "Signed Up",
        ]
        assert {(row["Name"], row["Status"]) for row in rows if row["Type"] == "PROPERTY"} == {
            ("properties.sku", "required")
        }
