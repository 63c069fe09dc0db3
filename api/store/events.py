"""What arrives through the HTTP Tracking API: the source a write key names, and the per-source aggregates
(message ids, hourly deliveries and violations, debugger entries), written in batches and read back."""

from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from api.domain.sources import SchemaSettings
from api.store import Db, queries

_SQL = queries.load("events.sql")
_SCHEMA_SETTINGS = msgspec.json.Decoder(SchemaSettings)


class WriteKeySource(msgspec.Struct, kw_only=True):
    """The source a write key names, with what its pipeline needs."""

    workspace_id: str
    source_id: str
    slug: str
    name: str
    enabled: bool
    settings: SchemaSettings
    plan_id: str | None
    plan_revision: int | None
    resource_schema_id: str | None
    plan_name: str | None


async def source_by_write_key(db: Db, write_key: str) -> WriteKeySource | None:
    """The source of this write key, None when no source (any more) has it."""
    row = await db.fetchrow(_SQL["source_by_write_key"], write_key)
    if row is None:
        return None
    settings = _SCHEMA_SETTINGS.decode(row["schema_settings"])
    settings.forwarding_violations_to = row["forwarding_violations_to"]
    settings.forwarding_blocked_events_to = row["forwarding_blocked_events_to"]
    return WriteKeySource(
        workspace_id=row["workspace_id"],
        source_id=row["source_id"],
        slug=row["slug"],
        name=row["name"],
        enabled=row["enabled"],
        settings=settings,
        plan_id=row["plan_id"],
        plan_revision=row["plan_revision"],
        resource_schema_id=row["resource_schema_id"],
        plan_name=row["plan_name"],
    )


async def claim_message_ids(
    conn: Db, keys: list[tuple[str, str, str]], seen_at: list[datetime]
) -> set[tuple[str, str, str]]:
    """Record (workspace, source, message id) keys, distinct, seen at `seen_at`; answers those not seen in the 24 hours
    before (the rest are duplicates)."""
    rows = await conn.fetch(
        _SQL["claim_message_ids"],
        [key[0] for key in keys],
        [key[1] for key in keys],
        [key[2] for key in keys],
        seen_at,
    )
    return {(row["workspace_id"], row["source_id"], row["message_id"]) for row in rows}


async def add_deliveries(conn: Db, columns: list[list[Any]]) -> None:
    """Add hourly delivery counts: columns workspace, source, hour, received, delivered, blocked, dropped, omitted."""
    await conn.execute(_SQL["add_deliveries"], *columns)


async def add_violations(conn: Db, columns: list[list[Any]]) -> None:
    """Add hourly violation counts: columns workspace, source, hour, event type, event name, version, violation type,
    field, count, description, last seen, samples (a JSON array, newest first)."""
    await conn.execute(_SQL["add_violations"], *columns)


async def add_recent_events(conn: Db, columns: list[list[Any]]) -> None:
    """Append debugger entries (columns workspace, source, received at, entry JSON), keeping 100 per source."""
    await conn.execute(_SQL["add_recent_events"], *columns)
    sources = sorted(set(zip(columns[0], columns[1], strict=True)))
    await conn.execute(_SQL["trim_recent_events"], [key[0] for key in sources], [key[1] for key in sources])


async def expire(conn: Db, message_ids_before: datetime, aggregates_before: datetime) -> None:
    """Forget message ids seen before the first instant, and aggregates of hours before the second."""
    await conn.execute(_SQL["expire_message_ids"], message_ids_before)
    await conn.execute(_SQL["expire_deliveries"], aggregates_before)
    await conn.execute(_SQL["expire_violations"], aggregates_before)
    await conn.execute(_SQL["expire_recent_events"], aggregates_before)


async def violations_since(db: Db, workspace_id: str, source_ids: list[str], since: datetime) -> list[asyncpg.Record]:
    """Violation counts of these sources since `since`, one row per (source, event, version, type, field)."""
    return list(await db.fetch(_SQL["violations_since"], workspace_id, source_ids, since))


async def plan_violations_since(
    db: Db, workspace_id: str, source_ids: list[str], since: datetime
) -> list[asyncpg.Record]:
    """Violation counts of these sources together since `since`, one row per (event, version, type, field)."""
    return list(await db.fetch(_SQL["plan_violations_since"], workspace_id, source_ids, since))


async def workspace_violations_since(db: Db, workspace_id: str, since: datetime) -> list[asyncpg.Record]:
    """The workspace's violation counts since `since`, one row per (source, event, type, field)."""
    return list(await db.fetch(_SQL["workspace_violations_since"], workspace_id, since))


async def deliveries_since(db: Db, workspace_id: str, source_id: str, since: datetime) -> list[asyncpg.Record]:
    """The source's hourly delivery counts since `since`, oldest first."""
    return list(await db.fetch(_SQL["deliveries_since"], workspace_id, source_id, since))


async def recent_events(db: Db, workspace_id: str, source_id: str) -> list[str]:
    """The source's debugger entries (JSON text), newest first."""
    return [row["entry"] for row in await db.fetch(_SQL["recent_events"], workspace_id, source_id)]
