"""Sources of a workspace, their schema settings and the plan each is connected to."""

import secrets

import asyncpg
import msgspec

from api.domain.ids import new_id
from api.domain.pagination import PageRequest, Pagination
from api.domain.plans import StoredPlan
from api.domain.sources import CATALOGUE, CreateSource, SchemaSettings, Source
from api.errors import Conflict, NotFound
from api.store import Connection, Db, Pool, plans, queries
from api.store.database import snapshot
from api.store.listing import page_by_creation

_SQL = queries.load("sources.sql")
_SCHEMA_SETTINGS = msgspec.json.Decoder(SchemaSettings)


class StoredSource(msgspec.Struct, kw_only=True):
    source: Source
    plan_id: str | None
    """The plan it is connected to, if any."""


def _stored(row: asyncpg.Record) -> StoredSource:
    source = Source(
        id=row["id"],
        slug=row["slug"],
        name=row["name"],
        workspace_id=row["workspace_id"],
        enabled=row["enabled"],
        write_keys=[row["write_key"]],
        labels=[],
        metadata=CATALOGUE[row["metadata_id"]],
        settings=msgspec.json.decode(row["settings"]),
        created_at=row["created_at"],
    )
    return StoredSource(source=source, plan_id=row["plan_id"])


def not_found(source_id: str) -> NotFound:
    return NotFound(f"No source {source_id!r} in this workspace.", subject="source")


async def create_source(db: Db, workspace_id: str, new: CreateSource) -> Source:
    """Create a source with a fresh write key; a slug the workspace already uses is a 409."""
    row = await db.fetchrow(
        _SQL["insert_source"],
        workspace_id,
        new_id("src"),
        new.slug,
        new.name or new.slug,
        new.enabled,
        new.metadata_id,
        secrets.token_urlsafe(24),
        msgspec.json.encode(new.settings or {}).decode(),
    )
    if row is None:
        raise Conflict(f"The slug {new.slug!r} is taken by another source of this workspace.", subject="source slug")
    return _stored(row).source


async def get_source(db: Db, workspace_id: str, source_id: str) -> StoredSource:
    row = await db.fetchrow(_SQL["get_source"], workspace_id, source_id)
    if row is None:
        raise not_found(source_id)
    return _stored(row)


async def list_sources(
    db: Db, workspace_id: str, plan_id: str | None, page: PageRequest
) -> tuple[list[Source], Pagination]:
    """Returns a page of the workspace's sources (those of `plan_id`, which must exist, when given), oldest first."""
    if plan_id is not None:
        await plans.get_plan(db, workspace_id, plan_id)
    return await page_by_creation(db, _SQL, "sources", [workspace_id, plan_id], page, lambda row: _stored(row).source)


async def delete_source(db: Db, workspace_id: str, source_id: str) -> StoredSource:
    """Delete a source and its transformations; answers what was deleted."""
    row = await db.fetchrow(_SQL["delete_source"], workspace_id, source_id)
    if row is None:
        raise not_found(source_id)
    return _stored(row)


def _settings(row: asyncpg.Record) -> SchemaSettings:
    settings = _SCHEMA_SETTINGS.decode(row["schema_settings"])
    settings.forwarding_violations_to = row["forwarding_violations_to"]
    settings.forwarding_blocked_events_to = row["forwarding_blocked_events_to"]
    return settings


async def get_schema_settings(db: Db, workspace_id: str, source_id: str, *, lock: bool = False) -> SchemaSettings:
    row = await db.fetchrow(_SQL["lock_schema_settings" if lock else "get_schema_settings"], workspace_id, source_id)
    if row is None:
        raise not_found(source_id)
    return _settings(row)


async def set_schema_settings(conn: Connection, workspace_id: str, source_id: str, settings: SchemaSettings) -> None:
    """Store settings read with `lock=True`, whose new forwarding targets `hold_sources` holds."""
    own = msgspec.structs.replace(settings, forwarding_violations_to=None, forwarding_blocked_events_to=None)
    await conn.execute(
        _SQL["update_schema_settings"],
        workspace_id,
        source_id,
        msgspec.json.encode(own).decode(),
        settings.forwarding_violations_to,
        settings.forwarding_blocked_events_to,
    )


async def connect_source(conn: Connection, workspace_id: str, source_id: str, plan_id: str) -> bool:
    """Connect a source to a plan locked by the caller; False when it already was. A source on another plan is 409."""
    before: str | None = await conn.fetchval(_SQL["source_plan"], workspace_id, source_id)
    if await conn.fetchrow(_SQL["connect_source"], workspace_id, source_id, plan_id) is not None:
        return before != plan_id
    # not free: say which plan holds it (read again, so a connection committed meanwhile is seen)
    row = await conn.fetchrow(_SQL["source_plan"], workspace_id, source_id)
    if row is None:
        raise not_found(source_id)
    raise Conflict(
        f"Source {source_id!r} is connected to tracking plan {row['plan_id']!r}; a source has at most one plan. "
        "Disconnect it there first.",
        subject="source",
    )


async def disconnect_source(conn: Connection, workspace_id: str, source_id: str, plan_id: str) -> None:
    if await conn.fetchrow(_SQL["disconnect_source"], workspace_id, source_id, plan_id) is None:
        raise NotFound(f"Source {source_id!r} is not connected to tracking plan {plan_id!r}.", subject="source")


async def hold_sources(conn: Connection, workspace_id: str, source_ids: list[str]) -> set[str]:
    """Which of `source_ids` the workspace has, kept from being deleted until the transaction ends."""
    return {row["source_id"] for row in await conn.fetch(_SQL["existing_sources"], workspace_id, source_ids)}


async def hold_source(conn: Connection, workspace_id: str, source_id: str) -> None:
    """Check that a source exists, and keep it from being deleted until the transaction ends."""
    if not await hold_sources(conn, workspace_id, [source_id]):
        raise not_found(source_id)


async def connected_sources(db: Db, workspace_id: str, plan_id: str) -> list[tuple[Source, SchemaSettings]]:
    """Every source connected to a plan, with its schema settings."""
    rows = await db.fetch(_SQL["connected_sources"], workspace_id, plan_id)
    return [(_stored(row).source, _settings(row)) for row in rows]


async def get_source_by_slug(db: Db, workspace_id: str, slug: str) -> StoredSource:
    row = await db.fetchrow(_SQL["get_source_by_slug"], workspace_id, slug)
    if row is None:
        raise NotFound(f"No source with slug {slug!r} in this workspace.", subject="source")
    return _stored(row)


async def plan_connections(pool: Pool, workspace_id: str, plan_id: str) -> tuple[StoredPlan, list[Source]]:
    """Returns a plan (by its `tp_` or `rs_` id) and every source connected to it, as one state of the data."""
    async with snapshot(pool) as conn:
        stored = await plans.find_plan(conn, workspace_id, plan_id)
        return stored, [source for source, _ in await connected_sources(conn, workspace_id, stored.plan.id)]
