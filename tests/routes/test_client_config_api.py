"""The generated client drives the Config API (v1beta) on a real server: documents, field masks, connections."""

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.api.config_api_v_1_beta import (
    config_create_source_connection,
    config_create_tracking_plan,
    config_delete_source_connection,
    config_delete_tracking_plan,
    config_get_tracking_plan,
    config_list_source_connections,
    config_list_tracking_plans,
    config_update_tracking_plan,
)
from tracking_plans_client.api.sources import create_source
from tracking_plans_client.models import (
    ConfigApiError,
    ConfigEvent,
    ConfigRules,
    ConfigTrackingPlan,
    ConfigTrackingPlanInput,
    ConfigTrackingPlans,
    CreateConfigTrackingPlan,
    CreateSource,
    CreateSourceConnection,
    JsonSchema,
    NewConfigTrackingPlan,
    SourceConnection,
    SourceConnections,
    SourceKind,
    UpdateConfigTrackingPlan,
    UpdateMask,
)

from tests.conftest import Tenant

SCHEMA = {"properties": {"properties": {"required": ["total"], "properties": {"total": {"type": "number"}}}}}


def test_client_drives_the_config_api(live_server: str, tenant: Tenant) -> None:
    with AuthenticatedClient(base_url=live_server, token=tenant.admin) as client:
        rules = ConfigRules(
            global_=JsonSchema.from_dict({"type": "object"}),
            events=[ConfigEvent(name="Order Completed", rules=JsonSchema.from_dict(SCHEMA), description="Paid")],
        )
        body = CreateConfigTrackingPlan(tracking_plan=NewConfigTrackingPlan(display_name="Shop", rules=rules))
        created = config_create_tracking_plan.sync(tenant.slug, client=client, body=body)
        assert isinstance(created, ConfigTrackingPlan)
        resource_id = created.name.rsplit("/", 1)[1]
        assert created.rules.events[0].name == "Order Completed"

        listed = config_list_tracking_plans.sync(tenant.slug, client=client, page_size=5)
        assert isinstance(listed, ConfigTrackingPlans) and [p.name for p in listed.tracking_plans] == [created.name]

        mask = UpdateMask(paths=["tracking_plan.display_name"])
        renamed = config_update_tracking_plan.sync(
            tenant.slug,
            resource_id,
            client=client,
            body=UpdateConfigTrackingPlan(update_mask=mask, tracking_plan=ConfigTrackingPlanInput(display_name="Web")),
        )
        assert isinstance(renamed, ConfigTrackingPlan) and renamed.display_name == "Web"
        got = config_get_tracking_plan.sync(tenant.slug, resource_id, client=client)
        assert isinstance(got, ConfigTrackingPlan) and got.rules.to_dict() == created.rules.to_dict()

        bad = config_update_tracking_plan.sync_detailed(
            tenant.slug,
            resource_id,
            client=client,
            body=UpdateConfigTrackingPlan(
                update_mask=UpdateMask(paths=["tracking_plan.owner"]), tracking_plan=ConfigTrackingPlanInput()
            ),
        )
        assert bad.status_code == 400 and isinstance(bad.parsed, ConfigApiError) and bad.parsed.code == 3

        create_source.sync(
            client=client, body=CreateSource(slug="web", enabled=True, metadata_id=SourceKind.JAVASCRIPT)
        )
        source_name = f"workspaces/{tenant.slug}/sources/web"
        connection = config_create_source_connection.sync(
            tenant.slug, resource_id, client=client, body=CreateSourceConnection(source_name=source_name)
        )
        assert isinstance(connection, SourceConnection) and connection.tracking_plan_id == resource_id
        connections = config_list_source_connections.sync(tenant.slug, resource_id, client=client)
        assert isinstance(connections, SourceConnections) and [c.source_name for c in connections.connections] == [
            source_name
        ]
        config_delete_source_connection.sync(tenant.slug, resource_id, "web", client=client)
        connections = config_list_source_connections.sync(tenant.slug, resource_id, client=client)
        assert isinstance(connections, SourceConnections) and connections.connections == []

        assert config_delete_tracking_plan.sync_detailed(tenant.slug, resource_id, client=client).status_code == 200
        gone = config_get_tracking_plan.sync(tenant.slug, resource_id, client=client)
        assert isinstance(gone, ConfigApiError) and gone.code == 5
