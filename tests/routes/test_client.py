"""The generated Python client against a real server on a random local port."""

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.api.tracking_plans import (
    create_tracking_plan,
    delete_tracking_plan,
    get_tracking_plan,
    list_tracking_plans,
    update_tracking_plan,
)
from tracking_plans_client.api.workspaces import get_workspace
from tracking_plans_client.models import (
    CreateTrackingPlan,
    ErrorEnvelope,
    PlanType,
    StatusResponse,
    TrackingPlanResponse,
    TrackingPlansResponse,
    UpdateTrackingPlan,
)

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

        seen, cursor = [], None
        while True:
            page = list_tracking_plans.sync(client=client, paginationcount=2, paginationcursor=cursor)
            assert isinstance(page, TrackingPlansResponse)
            assert page.data.pagination.total_entries == 3
            seen += [plan.id for plan in page.data.tracking_plans]
            if not (cursor := page.data.pagination.next_):
                break
        assert seen == created_ids

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
