"""Sources of a workspace, their schema settings and the plan each is connected to."""

import secrets

import asyncpg
import msgspec

from api.domain.ids import new_id
from api.domain.pagination import PageRequest, Pagination
from api.domain.plans import StoredPlan
from api.domain.sources import CATALOGUE, CreateSource, SchemaSettings, Source
from api.errors import Conflict, NotFound
from api.store import Connection, Db, Pool, plans
from api.store.database import snapshot
from api.store.listing import keyset_page
from api.store.queries import converter, execute, fetch, fetchrow, fetchval, load

_SQL = load("sources.sql")
_SCHEMA_SETTINGS = msgspec.json.Decoder(SchemaSettings)
_source = converter(
    Source,
    id="source_id",
    write_keys=lambda row: [row["write_key"]],
    labels=lambda row: [],
    metadata=lambda row: CATALOGUE[row["metadata_id"]],
    settings=lambda row: msgspec.json.decode(row["settings"]),
)


class StoredSource(msgspec.Struct, kw_only=True):
    source: Source
    plan_id: str | None
    """The plan it is connected to, if any."""


def _found(row: asyncpg.Record | None, source_id: str) -> StoredSource:
    if row is None:
        raise not_found(source_id)
    return StoredSource(source=_source(row), plan_id=row["plan_id"])


def not_found(source_id: str) -> NotFound:
    return NotFound(f"No source {source_id!r} in this workspace.", subject="source")


async def create_source(db: Db, workspace_id: str, new: CreateSource) -> Source:
    """Create a source with a fresh write key; returns it. A slug the workspace already uses is a Conflict."""
    row = await fetchrow(
        db,
        _SQL["insert_source"],
        workspace_id=workspace_id,
        source_id=new_id("src"),
        slug=new.slug,
        name=new.name or new.slug,
        enabled=new.enabled,
        metadata_id=new.metadata_id,
        write_key=secrets.token_urlsafe(24),
        settings=msgspec.json.encode(new.settings or {}).decode(),
    )
    if row is None:
        raise Conflict(f"The slug {new.slug!r} is taken by another source of this workspace.", subject="source slug")
    return _source(row)


async def get_source(db: Db, workspace_id: str, source_id: str) -> StoredSource:
    row = await fetchrow(db, _SQL["get_source"], workspace_id=workspace_id, source_id=source_id)
    return _found(row, source_id)


async def get_source_by_slug(db: Db, workspace_id: str, slug: str) -> StoredSource:
    row = await fetchrow(db, _SQL["get_source_by_slug"], workspace_id=workspace_id, slug=slug)
    if row is None:
        raise NotFound(f"No source with slug {slug!r} in this workspace.", subject="source")
    return _found(row, slug)


async def list_sources(
    db: Db, workspace_id: str, plan_id: str | None, page: PageRequest
) -> tuple[list[Source], Pagination]:
    """Returns a page of the workspace's sources (those of `plan_id`, which must exist, when given), oldest first."""
    if plan_id is not None:
        await plans.get_plan(db, workspace_id, plan_id)
    return await keyset_page(db, _SQL, "sources", page, _source, workspace_id=workspace_id, plan_id=plan_id)


async def lock_source(conn: Connection, workspace_id: str, source_id: str) -> None:
    """Lock a source until the transaction ends, so that no transformation is added to it; a missing one is a 404."""
    if await fetchval(conn, _SQL["lock_source"], workspace_id=workspace_id, source_id=source_id) is None:
        raise not_found(source_id)


async def delete_source(conn: Connection, workspace_id: str, source_id: str) -> StoredSource:
    """Delete a source and its transformations; returns what was deleted."""
    return _found(
        await fetchrow(conn, _SQL["delete_source"], workspace_id=workspace_id, source_id=source_id), source_id
    )


def _settings(row: asyncpg.Record) -> SchemaSettings:
    settings = _SCHEMA_SETTINGS.decode(row["schema_settings"])
    settings.forwarding_violations_to = row["forwarding_violations_to"]
    settings.forwarding_blocked_events_to = row["forwarding_blocked_events_to"]
    return settings


async def get_schema_settings(db: Db, workspace_id: str, source_id: str, *, lock: bool = False) -> SchemaSettings:
    """Returns a source's schema settings; with `lock`, the source stays locked until the transaction ends."""
    row = await fetchrow(
        db, _SQL["lock_schema_settings" if lock else "get_source"], workspace_id=workspace_id, source_id=source_id
    )
    if row is None:
        raise not_found(source_id)
    return _settings(row)


async def set_schema_settings(conn: Connection, workspace_id: str, source_id: str, settings: SchemaSettings) -> None:
    """Store settings read with `lock=True`, whose new forwarding targets `hold_sources` holds."""
    own = msgspec.structs.replace(settings, forwarding_violations_to=None, forwarding_blocked_events_to=None)
    await execute(
        conn,
        _SQL["update_schema_settings"],
        workspace_id=workspace_id,
        source_id=source_id,
        schema_settings=msgspec.json.encode(own).decode(),
        forwarding_violations_to=settings.forwarding_violations_to,
        forwarding_blocked_events_to=settings.forwarding_blocked_events_to,
    )


async def connect_source(conn: Connection, workspace_id: str, source_id: str, plan_id: str) -> bool:
    """Connect a source to a plan locked by the caller; returns False when it already was.

    A source on another plan is a Conflict about the `source` that names that plan.
    """
    named = {"workspace_id": workspace_id, "source_id": source_id}
    before: str | None = await fetchval(conn, _SQL["source_plan"], **named)
    if await fetchrow(conn, _SQL["connect_source"], **named, plan_id=plan_id) is not None:
        return before != plan_id
    # not free: say which plan holds it (read again, so a connection committed meanwhile is seen)
    row = await fetchrow(conn, _SQL["source_plan"], **named)
    if row is None:
        raise not_found(source_id)
    raise Conflict(
        f"Source {source_id!r} is connected to tracking plan {row['plan_id']!r}; a source has at most one plan. "
        "Disconnect it there first.",
        subject="connection",
    )


async def disconnect_source(conn: Connection, workspace_id: str, source_id: str, plan_id: str) -> None:
    row = await fetchrow(
        conn, _SQL["disconnect_source"], workspace_id=workspace_id, source_id=source_id, plan_id=plan_id
    )
    if row is None:
        raise NotFound(f"Source {source_id!r} is not connected to tracking plan {plan_id!r}.", subject="connection")


async def hold_sources(conn: Connection, workspace_id: str, source_ids: list[str]) -> set[str]:
    """Returns which of `source_ids` the workspace has, share-locked against deletion until the transaction ends."""
    rows = await fetch(conn, _SQL["hold_sources"], workspace_id=workspace_id, source_ids=source_ids)
    return {row["source_id"] for row in rows}


async def hold_source(conn: Connection, workspace_id: str, source_id: str) -> None:
    """Check that a source exists, and keep it from being deleted until the transaction ends."""
    if not await hold_sources(conn, workspace_id, [source_id]):
        raise not_found(source_id)


async def connected_sources(db: Db, workspace_id: str, plan_id: str) -> list[tuple[Source, SchemaSettings]]:
    """Returns every source connected to a plan, with its schema settings."""
    rows = await fetch(db, _SQL["connected_sources"], workspace_id=workspace_id, plan_id=plan_id)
    return [(_source(row), _settings(row)) for row in rows]


async def plan_connections(pool: Pool, workspace_id: str, plan_id: str) -> tuple[StoredPlan, list[Source]]:
    """Returns a plan (by its `tp_` or `rs_` id) and every source connected to it, as one state of the data."""
    async with snapshot(pool) as conn:
        stored = await plans.find_plan(conn, workspace_id, plan_id)
        return stored, [source for source, _ in await connected_sources(conn, workspace_id, stored.plan.id)]
