"""The generated client validates events against a plan and through a source's pipeline on a real server."""

from tracking_plans_client import AuthenticatedClient
from tracking_plans_client.api.rules import update_rules_in_tracking_plan
from tracking_plans_client.api.sources import create_source, update_schema_settings_in_source
from tracking_plans_client.api.tracking_plans import add_source_to_tracking_plan, create_tracking_plan
from tracking_plans_client.api.validation import (
    validate_events_against_tracking_plan,
    validate_events_through_source,
)
from tracking_plans_client.models import (
    AddSourceToTrackingPlan,
    CreateSource,
    ErrorEnvelope,
    Outcome,
    PlanType,
    PlanValidationResponse,
    SchemaSettingsChange,
    SourceKind,
    SourceResponse,
    SourceValidationResponse,
    TrackingPlanResponse,
    TrackSettingsChange,
    UpsertRule,
    UpsertRulesBody,
    ValidateEvents,
)
from tracking_plans_client.models import CreateTrackingPlan as NewPlan
from tracking_plans_client.types import Unset

from tests.conftest import Tenant
from tests.routes.conftest import VALIDATED_ORDER_COMPLETED as ORDER_COMPLETED
from tests.routes.conftest import track_event as track
from tracking_plans import TrackingPlans
from tracking_plans.models import RuleInput


def test_client_validates_against_a_plan_and_through_a_source(live_server: str, tenant: Tenant) -> None:
    with AuthenticatedClient(base_url=live_server, token=tenant.admin) as admin:
        plan = create_tracking_plan.sync(client=admin, body=NewPlan(name="Checkout", type_=PlanType.LIVE))
        assert isinstance(plan, TrackingPlanResponse)
        plan_id = plan.data.tracking_plan.id
        rule = UpsertRule.from_dict(
            {"type": "TRACK", "key": "Order Completed", "version": 1, "jsonSchema": ORDER_COMPLETED}
        )
        update_rules_in_tracking_plan.sync(plan_id, client=admin, body=UpsertRulesBody(rules=[rule]))
        source = create_source.sync(
            client=admin, body=CreateSource(slug="web", enabled=True, metadata_id=SourceKind.JAVASCRIPT)
        )
        assert isinstance(source, SourceResponse)
        source_id = source.data.source.id
        add_source_to_tracking_plan.sync(plan_id, client=admin, body=AddSourceToTrackingPlan(source_id=source_id))
        change = SchemaSettingsChange(track=TrackSettingsChange(allow_event_on_violations=False))
        update_schema_settings_in_source.sync(source_id, client=admin, body=change)

    events = ValidateEvents(
        events=[track("Order Completed", {"total": 5, "products": [{"sku": "a"}]}), track("Order Completed", {})]
    )
    with AuthenticatedClient(base_url=live_server, token=tenant.reader) as reader:
        checked = validate_events_against_tracking_plan.sync(plan_id, client=reader, body=events)
        piped = validate_events_through_source.sync(source_id, client=reader, body=events)
        missing = validate_events_against_tracking_plan.sync("tp_missing", client=reader, body=events)

    assert isinstance(checked, PlanValidationResponse)
    assert [result.valid for result in checked.data.results] == [True, False]
    assert [violation.field for violation in checked.data.results[1].violations] == [
        "properties.products",
        "properties.total",
    ]
    assert checked.data.results[0].rules[0].key == "Order Completed"
    assert checked.data.summary.violations.to_dict() == {"Required": 2}
    assert isinstance(piped, SourceValidationResponse)
    assert [result.outcome for result in piped.data.results] == [Outcome.DELIVERED, Outcome.BLOCKED]
    delivered = piped.data.results[0].event
    assert delivered is not None and not isinstance(delivered, Unset)
    assert delivered.to_dict()["context"]["protocols"]["sourceId"] == source_id
    assert isinstance(missing, ErrorEnvelope) and missing.errors[0].status == 404


def test_the_high_layer_validates_through_both_calls(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        plan = client.plans.create("Checkout")
        client.rules.upsert(plan.id, [RuleInput("TRACK", "Order Completed", 1, ORDER_COMPLETED)])
        source = client.sources.create("web", "javascript")
        client.plans.add_source(plan.id, source.id)
        events = [track("Order Completed", {"total": 5, "products": [{"sku": "a"}]}), track("Unplanned")]

        checked = client.plans.validate(plan.id, events)
        piped = client.sources.validate(source.id, events)

    assert [(result.valid, result.unplanned) for result in checked.results] == [(True, False), (True, True)]
    assert checked.summary.unplanned == 1
    assert [result.outcome for result in piped.results] == [Outcome.DELIVERED, Outcome.DELIVERED]
