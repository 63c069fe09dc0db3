"""What arrives through the HTTP Tracking API: the source a write key names, and the per-source aggregates
(message ids, hourly deliveries and violations, debugger entries, the daily observed schema), written in batches
and read back."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import asyncpg
import msgspec

from api.domain.event_reports import DigestViolation, EventHour, HourlyDelivery, RecentEvent, ViolationCount
from api.domain.observed import ObservedCounts, ObservedPathCount
from api.domain.sources import SchemaSettings
from api.store import Db
from api.store.queries import converter, execute, fetch, fetchrow, fetchval, load

_SQL = load("events.sql")
_SCHEMA_SETTINGS = msgspec.json.Decoder(SchemaSettings)
_RECENT_EVENT = msgspec.json.Decoder(RecentEvent)


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


def _settings(row: asyncpg.Record) -> SchemaSettings:
    settings = _SCHEMA_SETTINGS.decode(row["schema_settings"])
    settings.forwarding_violations_to = row["forwarding_violations_to"]
    settings.forwarding_blocked_events_to = row["forwarding_blocked_events_to"]
    return settings


_write_key_source = converter(WriteKeySource, settings=_settings)
_violation_count = converter(ViolationCount, samples=lambda row: row.get("samples"))
_digest_violation = converter(DigestViolation, type="violation_type", event_name=lambda row: row["event_name"] or None)
_hourly_delivery = converter(HourlyDelivery)
_event_hour = converter(EventHour)


async def source_by_write_key(db: Db, write_key: str) -> WriteKeySource | None:
    """The source of this write key, None when no source (any more) has it."""
    row = await fetchrow(db, _SQL["source_by_write_key"], write_key=write_key)
    return None if row is None else _write_key_source(row)


async def claim_message_ids(
    conn: Db, keys: list[tuple[str, str, str]], seen_at: list[datetime]
) -> set[tuple[str, str, str]]:
    """Record (workspace, source, message id) keys, distinct, seen at `seen_at`; answers those not seen in the 24 hours
    before (the rest are duplicates)."""
    rows = await fetch(
        conn,
        _SQL["claim_message_ids"],
        workspace_ids=[key[0] for key in keys],
        source_ids=[key[1] for key in keys],
        message_ids=[key[2] for key in keys],
        seen_at=seen_at,
    )
    return {(row["workspace_id"], row["source_id"], row["message_id"]) for row in rows}


async def _add_rows(conn: Db, query: str, names: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> None:
    """Run one of the `add_*` upserts: `rows` (at least one; tuples in the order of `names`), one array per column."""
    columns = [list(column) for column in zip(*rows, strict=True)]
    await execute(conn, _SQL[query], **dict(zip(names, columns, strict=True)))


async def add_deliveries(conn: Db, rows: Sequence[Sequence[Any]]) -> None:
    """Add hourly delivery counts: rows of workspace, source, hour, received, delivered, blocked, dropped, omitted."""
    names = ("workspace_ids", "source_ids", "hours", "received", "delivered", "blocked", "dropped", "omitted")
    await _add_rows(conn, "add_deliveries", names, rows)


async def add_violations(conn: Db, rows: Sequence[Sequence[Any]]) -> None:
    """Add hourly violation counts: rows of workspace, source, hour, event type, event name, version, violation type,
    field, count, description, last seen, samples (a JSON array, newest first)."""
    names = (
        "workspace_ids",
        "source_ids",
        "hours",
        "event_types",
        "event_names",
        "versions",
        "violation_types",
        "fields",
        "counts",
        "descriptions",
        "last_seen_at",
        "samples",
    )
    await _add_rows(conn, "add_violations", names, rows)


async def add_recent_events(conn: Db, rows: Sequence[Sequence[Any]]) -> None:
    """Append debugger entries (rows: workspace, source, received at, entry JSON), keeping 100 per source."""
    await _add_rows(conn, "add_recent_events", ("workspace_ids", "source_ids", "received_at", "entries"), rows)
    sources = sorted({(row[0], row[1]) for row in rows})
    trimmed = {"workspace_ids": [key[0] for key in sources], "source_ids": [key[1] for key in sources]}
    await execute(conn, _SQL["trim_recent_events"], **trimmed)


async def add_observed_events(conn: Db, rows: Sequence[Sequence[Any]]) -> None:
    """Add daily observed event counts: rows of workspace, source, day, event type, event name, count, first seen,
    last seen, dropped properties."""
    names = (
        "workspace_ids",
        "source_ids",
        "days",
        "event_types",
        "event_names",
        "counts",
        "first_seen_at",
        "last_seen_at",
        "dropped_properties",
    )
    await _add_rows(conn, "add_observed_events", names, rows)


async def add_observed_properties(conn: Db, rows: Sequence[Sequence[Any]]) -> None:
    """Add daily observed property counts: rows of workspace, source, day, event type, event name, path, JSON type,
    count, date-times."""
    names = (
        "workspace_ids",
        "source_ids",
        "days",
        "event_types",
        "event_names",
        "paths",
        "json_types",
        "counts",
        "date_times",
    )
    await _add_rows(conn, "add_observed_properties", names, rows)


async def add_observed_drops(conn: Db, rows: Sequence[Sequence[Any]]) -> None:
    """Add daily counts of events not observed: rows of workspace, source, day, dropped events."""
    names = ("workspace_ids", "source_ids", "days", "dropped_events")
    await _add_rows(conn, "add_observed_drops", names, rows)


async def expire(conn: Db, message_ids_before: datetime, aggregates_before: datetime) -> None:
    """Forget message ids seen before the first instant, and aggregates of hours (and days) before the second."""
    await execute(conn, _SQL["expire_message_ids"], before=message_ids_before)
    await execute(conn, _SQL["expire_deliveries"], before=aggregates_before)
    await execute(conn, _SQL["expire_violations"], before=aggregates_before)
    await execute(conn, _SQL["expire_recent_events"], before=aggregates_before)
    for table in ("observed_events", "observed_properties", "observed_drops"):
        await execute(conn, _SQL[f"expire_{table}"], before=aggregates_before.date())


async def violations_since(db: Db, workspace_id: str, source_ids: list[str], since: datetime) -> list[ViolationCount]:
    """Violation counts of these sources since `since`, one per (source, event, version, type, field), with samples."""
    rows = await fetch(db, _SQL["violations_since"], workspace_id=workspace_id, source_ids=source_ids, since=since)
    return [_violation_count(row) for row in rows]


async def plan_violations_since(
    db: Db, workspace_id: str, source_ids: list[str], since: datetime
) -> list[ViolationCount]:
    """Violation counts of these sources together since `since`, one per (event, version, type, field)."""
    query = _SQL["plan_violations_since"]
    rows = await fetch(db, query, workspace_id=workspace_id, source_ids=source_ids, since=since)
    return [_violation_count(row) for row in rows]


async def plan_violation_hours(db: Db, workspace_id: str, source_ids: list[str], since: datetime) -> list[EventHour]:
    """Violation counts of these sources together since `since`, per event and hour, oldest hour first."""
    rows = await fetch(db, _SQL["plan_violation_hours"], workspace_id=workspace_id, source_ids=source_ids, since=since)
    return [_event_hour(row) for row in rows]


async def workspace_violations_since(db: Db, workspace_id: str, since: datetime) -> list[DigestViolation]:
    """The workspace's violation counts since `since`, one per (source, event, type, field)."""
    rows = await fetch(db, _SQL["workspace_violations_since"], workspace_id=workspace_id, since=since)
    return [_digest_violation(row) for row in rows]


async def deliveries_since(db: Db, workspace_id: str, source_id: str, since: datetime) -> list[HourlyDelivery]:
    """The source's hourly delivery counts since `since`, oldest first."""
    rows = await fetch(db, _SQL["deliveries_since"], workspace_id=workspace_id, source_id=source_id, since=since)
    return [_hourly_delivery(row) for row in rows]


async def recent_events(db: Db, workspace_id: str, source_id: str) -> list[RecentEvent]:
    """The source's debugger entries, newest first."""
    rows = await fetch(db, _SQL["recent_events"], workspace_id=workspace_id, source_id=source_id)
    return [_RECENT_EVENT.decode(row["entry"]) for row in rows]


async def observed_events_since(
    db: Db, workspace_id: str, source_id: str, since: date, event_type: str | None, event_name: str | None
) -> list[ObservedCounts]:
    """The events the source sent since the day `since` (of this type and name when given), by type then name.
    Thousands of rows a read: made into structs without the generic converter."""
    common = {"workspace_id": workspace_id, "source_id": source_id, "since": since}
    if event_name is None:
        # a type alone keeps most events: they are kept here, so that one plan serves every unnamed read
        rows = await fetch(db, _SQL["observed_events_since"], **common)
    else:
        named = {"event_type": event_type, "event_name": event_name}
        rows = await fetch(db, _SQL["observed_events_named_since"], **common, **named)
    return [
        ObservedCounts(
            event_type=row[0],
            event_name=row[1],
            count=row[2],
            first_seen_at=row[3],
            last_seen_at=row[4],
            dropped_properties=row[5],
        )
        for row in rows
        if event_type is None or row[0] == event_type
    ]


async def observed_properties_since(
    db: Db, workspace_id: str, source_id: str, since: date, events: list[tuple[str, str]]
) -> list[ObservedPathCount]:
    """The (path, JSON type) counts of these (type, name) events of the source since the day `since`, by event (in
    the order given), path and type. Thousands of rows a page: made into structs without the generic converter."""
    rows = await fetch(
        db,
        _SQL["observed_properties_since"],
        workspace_id=workspace_id,
        source_id=source_id,
        since=since,
        event_types=[event[0] for event in events],
        event_names=[event[1] for event in events],
    )
    return [
        ObservedPathCount(
            event_type=row[0], event_name=row[1], path=row[2], json_type=row[3], count=row[4], date_times=row[5]
        )
        for row in rows
    ]


async def observed_drops_since(db: Db, workspace_id: str, source_id: str, since: date) -> int:
    """Events the source sent since the day `since` that were not observed."""
    dropped: int = await fetchval(
        db, _SQL["observed_drops_since"], workspace_id=workspace_id, source_id=source_id, since=since
    )
    return dropped


async def violation_counts_since(
    db: Db, workspace_id: str, source_id: str, since: datetime
) -> dict[tuple[str, str], int]:
    """The source's violations since `since` per event (type, name: '' when it has none), every version together."""
    rows = await fetch(
        db, _SQL["event_violation_counts_since"], workspace_id=workspace_id, source_id=source_id, since=since
    )
    return {(row["event_type"], row["event_name"]): row["count"] for row in rows}
