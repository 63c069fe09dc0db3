"""The generated client drives sources, schema settings, plan connections and transformations on a real server."""

import hashlib

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.api.sources import (
    create_source,
    delete_source,
    get_source,
    list_schema_settings_in_source,
    list_sources,
    update_schema_settings_in_source,
)
from tracking_plans_client.api.tracking_plans import (
    add_source_to_tracking_plan,
    create_tracking_plan,
    list_sources_from_tracking_plan,
    remove_source_from_tracking_plan,
)
from tracking_plans_client.api.transformations import (
    create_transformation,
    delete_transformation,
    get_transformation,
    list_transformations,
    preview_transformations,
    update_transformation,
)
from tracking_plans_client.models import (
    AddSourceToTrackingPlan,
    CommonEventAction,
    ConnectedSourceResponse,
    CreateSource,
    ErrorEnvelope,
    Event,
    HashAlgorithm,
    HashEncoding,
    HashPropertiesConfiguration,
    PlanType,
    PreviewResponse,
    PreviewTransformations,
    PropertyRename,
    SchemaSettingsChange,
    SchemaSettingsResponse,
    SourceKind,
    SourceResponse,
    SourcesResponse,
    StatusResponse,
    TrackingPlanResponse,
    TrackSettingsChange,
    TransformationInput,
    TransformationResponse,
    TransformationsResponse,
    UpdateTransformation,
)
from tracking_plans_client.models import CreateTrackingPlan as NewPlan

from tests.conftest import Tenant


def test_client_drives_sources_settings_and_connections(live_server: str, tenant: Tenant) -> None:
    with AuthenticatedClient(base_url=live_server, token=tenant.admin) as client:
        created = create_source.sync(
            client=client, body=CreateSource(slug="checkout", enabled=True, metadata_id=SourceKind.IOS)
        )
        assert isinstance(created, SourceResponse) and created.data.source.metadata.id == "ios"
        source_id = created.data.source.id
        violations = create_source.sync(
            client=client, body=CreateSource(slug="dlq", enabled=True, metadata_id=SourceKind.GO)
        )
        assert isinstance(violations, SourceResponse)

        listed = list_sources.sync(client=client, paginationcount=1)
        assert isinstance(listed, SourcesResponse) and [s.id for s in listed.data.sources] == [source_id]
        assert listed.data.pagination.total_entries == 2

        change = SchemaSettingsChange(
            track=TrackSettingsChange(allow_unplanned_events=False, common_event_on_violations=CommonEventAction.BLOCK),
            forwarding_blocked_events_to=violations.data.source.id,
        )
        changed = update_schema_settings_in_source.sync(source_id, client=client, body=change)
        assert isinstance(changed, SchemaSettingsResponse)
        settings = list_schema_settings_in_source.sync(source_id, client=client)
        assert isinstance(settings, SchemaSettingsResponse)
        assert settings.data.settings.track.allow_unplanned_events is False
        assert settings.data.settings.track.allow_unplanned_event_properties is True
        assert settings.data.settings.forwarding_blocked_events_to == violations.data.source.id

        plan = create_tracking_plan.sync(client=client, body=NewPlan(name="Checkout", type_=PlanType.LIVE))
        assert isinstance(plan, TrackingPlanResponse)
        plan_id = plan.data.tracking_plan.id
        body = AddSourceToTrackingPlan(source_id=source_id)
        assert isinstance(add_source_to_tracking_plan.sync(plan_id, client=client, body=body), StatusResponse)
        connected = get_source.sync(source_id, client=client)
        assert isinstance(connected, ConnectedSourceResponse) and connected.data.tracking_plan_id == plan_id
        of_plan = list_sources_from_tracking_plan.sync(plan_id, client=client)
        assert isinstance(of_plan, SourcesResponse) and [s.id for s in of_plan.data.sources] == [source_id]

        removed = remove_source_from_tracking_plan.sync(plan_id, client=client, source_id=source_id)
        assert isinstance(removed, StatusResponse)
        assert isinstance(delete_source.sync(source_id, client=client), StatusResponse)
        gone = get_source.sync(source_id, client=client)
        assert isinstance(gone, ErrorEnvelope) and gone.errors[0].status == 404


def test_client_drives_transformations_and_their_preview(live_server: str, tenant: Tenant) -> None:
    with AuthenticatedClient(base_url=live_server, token=tenant.owner) as client:
        source = create_source.sync(
            client=client, body=CreateSource(slug="web", enabled=True, metadata_id=SourceKind.JAVASCRIPT)
        )
        assert isinstance(source, SourceResponse)
        source_id = source.data.source.id

        body = TransformationInput(
            name="Tidy checkout",
            source_id=source_id,
            enabled=True,
            if_="event = 'Order Completed'",
            new_event_name="Checkout Finished",
            property_renames=[PropertyRename(old_name="total", new_name="revenue")],
        )
        created = create_transformation.sync(client=client, body=body)
        assert isinstance(created, TransformationResponse) and created.data.transformation.if_ == body.if_
        transformation_id = created.data.transformation.id
        twice = create_transformation.sync_detailed(client=client, body=body)
        assert twice.status_code == 409 and transformation_id in twice.content.decode()

        hashing = HashPropertiesConfiguration(
            algorithm=HashAlgorithm.SHA256, encoding=HashEncoding.HEX, paths=["properties.email"]
        )
        changed = update_transformation.sync(
            transformation_id, client=client, body=UpdateTransformation(hash_properties_configuration=hashing)
        )
        assert isinstance(changed, TransformationResponse)
        got = get_transformation.sync(transformation_id, client=client)
        assert isinstance(got, TransformationResponse) and got.data.transformation.new_event_name == "Checkout Finished"
        listed = list_transformations.sync(client=client)
        assert isinstance(listed, TransformationsResponse) and len(listed.data.transformations) == 1

        event = {"type": "track", "event": "Order Completed", "properties": {"total": 10, "email": "a@example.com"}}
        preview = preview_transformations.sync(
            client=client,
            body=PreviewTransformations(source_id=source_id, event=Event.from_dict(event)),
        )
        assert isinstance(preview, PreviewResponse) and not preview.data.dropped
        assert preview.data.event is not None
        left = preview.data.event.to_dict()
        assert left["event"] == "Checkout Finished"
        assert left["properties"] == {"revenue": 10, "email": hashlib.sha256(b"a@example.com").hexdigest()}

        assert isinstance(delete_transformation.sync(transformation_id, client=client), StatusResponse)
        gone = get_transformation.sync(transformation_id, client=client)
        assert isinstance(gone, ErrorEnvelope) and gone.errors[0].status == 404
