"""Transformations of a workspace's sources, and the slots that keep them one per (source, event, destination, type)."""

import asyncpg
import msgspec

from api.domain.ids import new_id
from api.domain.pagination import PageRequest, Pagination
from api.domain.transformations import Slot, Transformation, TransformationInput
from api.errors import Conflict, NotFound
from api.store import Connection, Db, queries, sources
from api.store.listing import page_by_creation

_SQL = queries.load("transformations.sql")
_INPUT = msgspec.json.Decoder(TransformationInput)


def _transformation(row: asyncpg.Record) -> Transformation:
    stored = _INPUT.decode(row["body"])
    fields = {name: getattr(stored, name) for name in stored.__struct_fields__}
    return Transformation(**fields, id=row["id"], created_at=row["created_at"], updated_at=row["updated_at"])


def _not_found(transformation_id: str) -> NotFound:
    return NotFound(f"No transformation {transformation_id!r} in this workspace.", subject="transformation")


async def create_transformation(
    conn: Connection, workspace_id: str, new: TransformationInput, slots: list[Slot]
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


async def lock_transformation(
    conn: Connection, workspace_id: str, transformation_id: str, moving_to: str | None
) -> Transformation:
    """Lock a transformation to update it, after holding its source and `moving_to` (the source it moves to).

    Deleting a source locks the source, then its transformations; taking them in the same order here
    keeps an update from deadlocking with the deletion of either source.
    """
    while True:
        seen = await get_transformation(conn, workspace_id, transformation_id)
        held = await sources.hold_sources(conn, workspace_id, [seen.source_id, moving_to or seen.source_id])
        if moving_to is not None and moving_to not in held:
            raise sources.not_found(moving_to)
        if seen.source_id not in held:
            raise _not_found(transformation_id)  # its source was deleted, and it with it
        row = await conn.fetchrow(_SQL["lock_transformation"], workspace_id, transformation_id)
        if row is None:
            raise _not_found(transformation_id)
        locked = _transformation(row)
        if locked.source_id == seen.source_id:
            return locked
        # moved to another source since it was read: hold that one first, then lock it again


async def update_transformation(
    conn: Connection, workspace_id: str, transformation_id: str, new: TransformationInput, slots: list[Slot]
) -> Transformation:
    """Replace a transformation locked by `lock_transformation` with a checked one, moving it to its new slots."""
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


async def delete_transformation(conn: Connection, workspace_id: str, transformation_id: str) -> None:
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
    conn: Connection, workspace_id: str, transformation_id: str, source_id: str, slots: list[Slot]
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
        # None when the holder was deleted since the claim: it still held the slot when this write had to wait
        who = f"Transformation {holder!r}" if holder is not None else "Another transformation"
        scope = f"destination {slot.destination!r}" if slot.destination else "every destination"
        raise Conflict(
            f"{who} already does {slot.type} for the {slot.event} of source {source_id!r} and {scope}; "
            "change that one instead.",
            subject="condition",
        )
