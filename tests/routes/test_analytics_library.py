"""Segment's own Python library (`segment-analytics-python`) pointed at the service: it posts to `/v1/batch`, and
the violation, delivery and debugger reads (through our client) show exactly what it sent."""

from typing import Any

import pytest
from segment.analytics import Client as Analytics

from tests.conftest import Tenant
from tests.routes.conftest import SIGNED_UP, eventually
from tracking_plans import TrackingPlans
from tracking_plans.models import RuleInput


@pytest.mark.parametrize("gzip", [False, True])
def test_segment_analytics_python_sends_and_the_reads_show_it(live_server: str, tenant: Tenant, gzip: bool) -> None:
    errors: list[Any] = []
    with TrackingPlans(base_url=live_server, token=tenant.owner) as client:
        plan = client.plans.create("Library")
        client.rules.upsert(plan.id, [RuleInput(type="TRACK", key="Signed Up", version=1, json_schema=SIGNED_UP)])
        source = client.sources.create(f"python-{int(gzip)}", "http-api", name="Python")
        client.plans.add_source(plan.id, source.id)
        analytics = Analytics(
            source.write_keys[0], host=live_server, gzip=gzip, on_error=lambda error, _: errors.append(error)
        )

        analytics.track("u1", "Signed Up", {"plan": "pro", "seats": 2}, message_id="ok-1")
        analytics.track("u2", "Signed Up", {"plan": "gold", "seats": 2}, message_id="bad-1")
        analytics.track("u3", "Signed Up", {"seats": "two"}, message_id="bad-2")
        analytics.identify("u1", {"email": "u1@example.com"}, message_id="id-1")
        analytics.page("u1", name="Home", message_id="page-1")
        analytics.flush()
        analytics.shutdown()

        assert errors == []
        recent = eventually(lambda: list(client.events.recent(source.id)), lambda found: len(found) == 5)
        assert [entry.event["messageId"] for entry in recent] == ["page-1", "id-1", "bad-2", "bad-1", "ok-1"]
        assert {entry.outcome for entry in recent} == {"DELIVERED"}
        assert recent[2].event["context"]["library"]["name"] == "analytics-python"
        assert recent[2].event["context"]["protocols"]["violations"] == [
            {"type": "Required", "field": "properties.plan", "description": "properties.plan is required"},
            {
                "type": "Invalid Type",
                "field": "properties.seats",
                "description": "Invalid type. Expected: integer, given: string",
            },
        ]
        [event] = list(client.events.source_violations(source.id, window="1h"))
        assert (event.event_name, event.event_type, event.version, event.count) == ("Signed Up", "track", 1, 3)
        assert sorted((found.type_, found.field, found.count) for found in event.violations) == [
            ("Enum", "properties.plan", 1),
            ("Invalid Type", "properties.seats", 1),
            ("Required", "properties.plan", 1),
        ]
        samples = {found.type_: [sample["messageId"] for sample in found.samples] for found in event.violations}
        assert samples == {"Enum": ["bad-1"], "Invalid Type": ["bad-2"], "Required": ["bad-2"]}
        [plan_event] = list(client.events.plan_violations(plan.id, window="7d"))
        assert plan_event.count == 3
        delivery = client.events.delivery(source.id, window="1h")
        assert (delivery.totals.received, delivery.totals.delivered, delivery.totals.blocked) == (5, 5, 0)
        digest = [item for item in client.events.digest() if item.source_id == source.id]
        assert sorted((item.field, item.type_, item.count) for item in digest) == [
            ("properties.plan", "Enum", 1),
            ("properties.plan", "Required", 1),
            ("properties.seats", "Invalid Type", 1),
        ]


def test_an_unknown_write_key_is_reported_to_the_library_and_not_retried(live_server: str) -> None:
    errors: list[Any] = []
    analytics = Analytics("no-such-key", host=live_server, on_error=lambda error, _: errors.append(error))

    analytics.track("u1", "Signed Up", {"plan": "pro"})
    analytics.flush()
    analytics.shutdown()

    [error] = errors
    assert error.status == 401 and "write key" in error.message


def test_segment_analytics_python_sends_and_the_client_reads_the_schema_and_imports_it(
    live_server: str, tenant: Tenant
) -> None:
    errors: list[Any] = []
    with TrackingPlans(base_url=live_server, token=tenant.owner) as client:
        source = client.sources.create("python-schema", "http-api", name="Python")
        analytics = Analytics(source.write_keys[0], host=live_server, on_error=lambda error, _: errors.append(error))

        analytics.track("u1", "Order Completed", {"total": 10, "items": [{"sku": "a"}]})
        analytics.track("u2", "Order Completed", {"total": 12.5, "coupon": "X", "items": []})
        analytics.track("u3", "Order Completed", {"total": "free"})
        analytics.identify("u1", {"email": "u1@example.com", "created": "2026-01-02T03:04:05Z"})
        analytics.page("u1", name="Home", properties={"path": "/"})
        analytics.flush()
        analytics.shutdown()

        assert errors == []
        found = eventually(lambda: list(client.events.schema(source.id, window="7d")), lambda found: len(found) == 3)
        assert [(event.event_type, event.event_name, event.count) for event in found] == [
            ("identify", None, 1),
            ("page", "Home", 1),
            ("track", "Order Completed", 3),
        ]
        order = found[2]
        assert {prop.path: {kind.type_: kind.count for kind in prop.types} for prop in order.properties} == {
            "properties.coupon": {"string": 1},
            "properties.items": {"array": 2},
            "properties.items[]": {"object": 1},
            "properties.items[].sku": {"string": 1},
            "properties.total": {"integer": 1, "number": 1, "string": 1},
        }
        assert not order.planned and not any(prop.declared for prop in order.properties)
        [tracks] = list(client.events.schema(source.id, event_type="track"))
        assert tracks.event_name == "Order Completed"

        plan = client.plans.create("From Python")
        dry = client.copies.import_observed(plan.id, source.id, window="7d", dry_run=True)
        assert dry.dry_run and len(dry.created or []) == 3 and list(client.rules.list(plan.id)) == []
        imported = client.copies.import_observed(
            plan.id, source.id, window="7d", events=[{"type": "IDENTIFY"}], required_when_always_present=True
        )
        assert [(rule.type_, rule.version) for rule in imported.created or []] == [("IDENTIFY", 1)]
        [identify] = client.rules.list(plan.id)
        traits = identify.json_schema["properties"]["traits"]
        assert traits["properties"]["created"] == {"type": "string", "format": "date-time"}
        assert traits["required"] == ["created", "email"]
        everything = client.copies.import_observed(plan.id, source.id, window="7d")
        assert [(item.key, item.path) for item in everything.ambiguous] == [("Order Completed", "properties.total")]
        assert len(everything.created or []) == 2 and len(everything.unchanged or []) == 1
        client.plans.add_source(plan.id, source.id)
        [order] = list(client.events.schema(source.id, window="24h", event="Order Completed"))
        assert order.planned and order.rule_versions == [1] and all(prop.declared for prop in order.properties)
