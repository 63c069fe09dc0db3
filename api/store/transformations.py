"""Transformations of a workspace's sources, and the slots that keep them one per (source, event, destination, type)."""

import asyncpg
import msgspec

from api.domain.ids import new_id
from api.domain.pagination import PageRequest, Pagination
from api.domain.transformations import Slot, Transformation, TransformationInput
from api.errors import Conflict, NotFound
from api.store import Db, queries, sources
from api.store.listing import page_by_creation

_SQL = queries.load("transformations.sql")
_INPUT = msgspec.json.Decoder(TransformationInput)


def _transformation(row: asyncpg.Record) -> Transformation:
    stored = _INPUT.decode(row["body"])
    fields = {name: getattr(stored, name) for name in stored.__struct_fields__}
    return Transformation(**fields, id=row["id"], created_at=row["created_at"], updated_at=row["updated_at"])


def _not_found(transformation_id: str) -> NotFound:
    return NotFound(f"No transformation {transformation_id!r} in this workspace.", field="transformationId")


async def create_transformation(
    conn: asyncpg.Connection, workspace_id: str, new: TransformationInput, slots: list[Slot]
) -> Transformation:
    """Store a checked transformation; a slot another transformation holds is a 409 naming it."""
    await sources.hold_source(conn, workspace_id, new.source_id)
    row = await conn.fetchrow(
        _SQL["insert_transformation"], workspace_id, new_id("tf"), new.source_id, msgspec.json.encode(new).decode()
    )
    assert row is not None
    await _claim(conn, workspace_id, row["id"], new.source_id, slots)
    return _transformation(row)


async def get_transformation(db: Db, workspace_id: str, transformation_id: str) -> Transformation:
    row = await db.fetchrow(_SQL["get_transformation"], workspace_id, transformation_id)
    if row is None:
        raise _not_found(transformation_id)
    return _transformation(row)


async def lock_transformation(conn: asyncpg.Connection, workspace_id: str, transformation_id: str) -> Transformation:
    row = await conn.fetchrow(_SQL["lock_transformation"], workspace_id, transformation_id)
    if row is None:
        raise _not_found(transformation_id)
    return _transformation(row)


async def update_transformation(
    conn: asyncpg.Connection, workspace_id: str, transformation_id: str, new: TransformationInput, slots: list[Slot]
) -> Transformation:
    """Replace a transformation locked by `lock_transformation` with a checked one, moving it to its new slots."""
    await sources.hold_source(conn, workspace_id, new.source_id)
    await conn.execute(_SQL["release_slots"], workspace_id, transformation_id)
    await _claim(conn, workspace_id, transformation_id, new.source_id, slots)
    row = await conn.fetchrow(
        _SQL["update_transformation"],
        workspace_id,
        transformation_id,
        new.source_id,
        msgspec.json.encode(new).decode(),
    )
    assert row is not None
    return _transformation(row)


async def delete_transformation(conn: asyncpg.Connection, workspace_id: str, transformation_id: str) -> None:
    if await conn.fetchrow(_SQL["delete_transformation"], workspace_id, transformation_id) is None:
        raise _not_found(transformation_id)


async def list_transformations(db: Db, workspace_id: str, page: PageRequest) -> tuple[list[Transformation], Pagination]:
    """One page of a workspace's transformations, oldest first."""
    return await page_by_creation(db, _SQL, "transformations", [workspace_id], page, _transformation)


async def source_transformations(db: Db, workspace_id: str, source_id: str) -> list[TransformationInput]:
    """A source's transformations, oldest first; an unknown source is a 404."""
    rows = await db.fetch(_SQL["source_transformations"], workspace_id, source_id)
    if not rows:
        raise sources.not_found(source_id)
    return [_INPUT.decode(row["body"]) for row in rows if row["body"] is not None]


async def _claim(
    conn: asyncpg.Connection, workspace_id: str, transformation_id: str, source_id: str, slots: list[Slot]
) -> None:
    """Take the slots; the unique key waits out a concurrent claim, so only one of two racing writes gets a slot."""
    taken = await conn.fetch(
        _SQL["claim_slots"],
        workspace_id,
        transformation_id,
        source_id,
        [slot.event_digest for slot in slots],
        [slot.destination for slot in slots],
        [slot.type for slot in slots],
    )
    taken_types = {row["type"] for row in taken}
    for slot in slots:
        if slot.type in taken_types:
            continue
        holder = await conn.fetchval(
            _SQL["slot_holder"], workspace_id, source_id, slot.event_digest, slot.destination, slot.type
        )
        scope = f"destination {slot.destination!r}" if slot.destination else "every destination"
        raise Conflict(
            f"Transformation {holder!r} already does {slot.type} for the {slot.event} of source "
            f"{source_id!r} and {scope}; change that one instead.",
        )
