"""The worker's aggregates across a PostgreSQL outage: kept (within their bound), written once it is back."""

import asyncio
from datetime import UTC, datetime
from typing import Any

import asyncpg
import pytest

from api.domain.observed import MAX_EVENTS
from api.domain.validation import Outcome, Violation
from api.services.aggregates import Aggregator
from api.store import events
from tests.conftest import Tenant, create_tenant


class Outage:
    """A pool whose database is away: every acquire fails as a refused connection does."""

    def acquire(self) -> Any:
        raise ConnectionRefusedError(111, "Connection refused")


async def _source(conn: asyncpg.Connection, tenant: Tenant) -> str:
    await conn.execute(
        "INSERT INTO sources (workspace_id, source_id, slug, name, enabled, metadata_id, write_key) "
        "VALUES ($1, 'src_outage', 'outage', 'Outage', true, 'http-api', $2)",
        tenant.id,
        f"wk-{tenant.id}",
    )
    return "src_outage"


def _record(aggregator: Aggregator, tenant: Tenant, source_id: str, message_id: str) -> None:
    event = {"type": "track", "event": "Signed Up", "messageId": message_id}
    violation = Violation(type="Required", field="properties.plan", description="properties.plan is required")
    aggregator.record(
        tenant.id,
        source_id,
        datetime.now(UTC),
        event,
        Outcome.DELIVERED,
        violations=[violation],
        version=1,
        entry={"receivedAt": "now", "outcome": "DELIVERED", "event": event},
    )


def test_an_outage_keeps_counts_within_the_bound_and_writes_them_when_the_database_is_back(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        tenant = await create_tenant(database_url)
        pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
        assert pool is not None
        try:
            async with pool.acquire() as conn:
                source_id = await _source(conn, tenant)
            aggregator = Aggregator(max_pending=3)
            for n in range(2):
                _record(aggregator, tenant, source_id, f"m-{n}")
            outage: Any = Outage()
            with pytest.raises(ConnectionRefusedError):
                await aggregator.flush(outage)
            for n in range(2, 5):  # one over the bound
                _record(aggregator, tenant, source_id, f"m-{n}")
            with pytest.raises(ConnectionRefusedError):
                await aggregator.flush(outage)
            assert (aggregator.pending, aggregator.dropped) == (3, 2)

            assert await aggregator.flush(pool) == 3

            start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
            [hour] = await events.deliveries_since(pool, tenant.id, source_id, start)
            assert (hour.received, hour.delivered) == (3, 3)
            [violation] = await events.violations_since(pool, tenant.id, [source_id], start)
            assert violation.count == 3
            assert len(await events.recent_events(pool, tenant.id, source_id)) == 3
            assert aggregator.pending == 0 and await aggregator.flush(pool) == 0
        finally:
            await pool.close()

    asyncio.run(scenario())
    assert any("dropped" in record.getMessage() for record in caplog.records)


def test_the_observed_schema_survives_an_outage_and_keeps_to_segments_limits(database_url: str) -> None:
    async def scenario() -> None:
        tenant = await create_tenant(database_url)
        pool = await asyncpg.create_pool(database_url, min_size=1, max_size=2)
        assert pool is not None
        try:
            async with pool.acquire() as conn:
                source_id = await _source(conn, tenant)
            aggregator = Aggregator()
            now = datetime.now(UTC)
            sent = [{"type": "track", "event": f"E{n}", "properties": {}} for n in range(MAX_EVENTS + 1)]
            aggregator.observe(tenant.id, source_id, now, sent)
            outage: Any = Outage()
            with pytest.raises(ConnectionRefusedError):
                await aggregator.flush(outage)
            aggregator.observe(tenant.id, source_id, now, [{"type": "track", "event": "E0", "properties": {"a": 1}}])

            await aggregator.flush(pool)

            found = await events.observed_events_since(pool, tenant.id, source_id, now.date(), None, None)
            assert len(found) == MAX_EVENTS and sum(event.count for event in found) == MAX_EVENTS + 1
            assert await events.observed_drops_since(pool, tenant.id, source_id, now.date()) == 1
            [path] = await events.observed_properties_since(pool, tenant.id, source_id, now.date(), [("track", "E0")])
            assert (path.path, path.json_type, path.count) == ("properties.a", "integer", 1)
        finally:
            await pool.close()

    asyncio.run(scenario())
