"""The hand-written client's other groups (tokens, sources, transformations, v1beta), its async twin, and coverage."""

import asyncio
from pathlib import Path

import pytest
import yaml

from tests.conftest import Tenant
from tracking_plans import AsyncTrackingPlans, Forbidden, NotFound, RuleInput, TrackingPlans

SCHEMA = {"type": "object"}


def test_tokens_sources_settings_and_transformations(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.owner) as client:
        issued = client.tokens.create("ci", "PROTOCOLS_READ_ONLY")
        assert issued.secret and issued.id in [token.id for token in client.tokens.list()]
        with TrackingPlans(base_url=live_server, token=issued.secret) as reader:
            assert reader.workspace.get().slug == tenant.slug
            client.tokens.delete(issued.id)
            try:
                reader.workspace.get()
                raise AssertionError("a revoked token still works")
            except Exception as exc:
                assert type(exc).__name__ == "Unauthorized"

        source = client.sources.create("web", "javascript", name="Web shop")
        plan = client.plans.create("Shop")
        client.plans.add_source(plan.id, source.id)
        assert [s.id for s in client.plans.sources(plan.id)] == [source.id]
        assert client.sources.get(source.id)[1] == plan.id
        assert [s.slug for s in client.sources.list()] == ["web"]
        changed = client.sources.update_settings(source.id, {"track": {"allowUnplannedEvents": False}})
        assert changed.settings.track.allow_unplanned_events is False
        assert client.sources.settings(source.id).settings.track.allow_unplanned_events is False

        created = client.transformations.create(
            {
                "name": "Tidy",
                "sourceId": source.id,
                "enabled": True,
                "if": "event = 'Order Completed'",
                "newEventName": "Checkout Finished",
            }
        )
        assert client.transformations.get(created.id).new_event_name == "Checkout Finished"
        updated = client.transformations.update(created.id, {"name": "Tidier"})
        assert updated.name == "Tidier" and [t.id for t in client.transformations.list()] == [created.id]
        preview = client.transformations.preview(source.id, {"type": "track", "event": "Order Completed"})
        assert preview.event is not None and preview.event.to_dict()["event"] == "Checkout Finished"
        client.transformations.delete(created.id)

        client.plans.remove_source(plan.id, source.id)
        assert client.sources.get(source.id)[1] is None
        client.sources.delete(source.id)
        with pytest.raises(NotFound):
            client.sources.get(source.id)


def test_the_config_api_group(live_server: str, tenant: Tenant) -> None:
    with TrackingPlans(base_url=live_server, token=tenant.admin) as client:
        rules = {"global": SCHEMA, "events": [{"name": "Order Completed", "version": 1, "rules": SCHEMA}]}
        created = client.v1beta.create_plan("Shop", rules)
        plan_id = created.name.rsplit("/", 1)[1]
        assert plan_id.startswith("rs_")
        updated = client.v1beta.update_plan(plan_id, display_name="Web shop")
        assert updated.display_name == "Web shop" and client.v1beta.get_plan(plan_id).display_name == "Web shop"
        assert [plan.display_name for plan in client.v1beta.list_plans(page_size=1)] == ["Web shop"]

        with TrackingPlans(base_url=live_server, token=tenant.owner) as owner:
            owner.sources.create("app", "ios")
        connected = client.v1beta.connect_source(plan_id, "app")
        assert connected.source_name.endswith("/sources/app")
        assert [c.source_name for c in client.v1beta.list_connections(plan_id)] == [connected.source_name]
        client.v1beta.disconnect_source(plan_id, "app")
        assert client.v1beta.list_connections(plan_id) == []
        client.v1beta.delete_plan(plan_id)
        with pytest.raises(NotFound) as gone:
            client.v1beta.get_plan(plan_id)
        assert gone.value.type == "code-5"


def test_the_async_client_does_the_same(live_server: str, tenant: Tenant) -> None:
    async def work() -> None:
        async with AsyncTrackingPlans(base_url=live_server, token=tenant.admin) as client:
            plan = await client.plans.create("Async")
            rules = [RuleInput("TRACK", f"Event {n:03}", 1, SCHEMA) for n in range(250)]
            change = await client.rules.upsert(plan.id, rules, if_match=plan.etag)
            assert (change.batches, len(change.created)) == (2, 250)
            listed = [rule async for rule in client.rules.list(plan.id, page_size=100)]
            assert len(listed) == 250 and listed[0].json_schema_text == '{"type":"object"}'
            assert [len(page.items) async for page in client.rules.list(plan.id, page_size=100).pages()] == [
                100,
                100,
                50,
            ]
            assert [p.display_name async for p in client.v1beta.list_plans()] == ["Async"]
            export = await client.plans.export(plan.id, format="csv")
            assert export.filename.endswith(".csv")
            with pytest.raises(Forbidden):
                await client.tokens.list()

    asyncio.run(work())


def _covered(client: object) -> set[str]:
    groups = [value for value in vars(client).values() if hasattr(value, "_t")]
    return {
        method.__operation_id__
        for group in groups
        for name in dir(group)
        if hasattr(method := getattr(group, name), "__operation_id__")
    }


def test_every_operation_of_openapi_yaml_has_a_method_in_both_clients() -> None:
    document = yaml.safe_load(Path("openapi.yaml").read_text())
    operations = {
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    sync = _covered(TrackingPlans(base_url="http://127.0.0.1:1", token="tps_x"))
    asynchronous = _covered(AsyncTrackingPlans(base_url="http://127.0.0.1:1", token="tps_x"))
    # a new operation needs a method in client/tracking_plans/client.py marked @operation("itsId"); make client
    # then writes its async twin into aio.py
    assert sorted(operations - sync) == [], "operations without a method in TrackingPlans"
    assert sorted(operations - asynchronous) == [], "operations without a method in AsyncTrackingPlans"
    assert sync == asynchronous <= operations
