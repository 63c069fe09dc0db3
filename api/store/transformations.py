"""Transformations of a workspace's sources, and the slots that keep them one per (source, event, destination, type)."""

import asyncpg
import msgspec

from api.domain.ids import new_id
from api.domain.pagination import PageRequest, Pagination
from api.domain.transformations import Slot, Transformation, TransformationInput
from api.errors import Conflict, NotFound
from api.store import Connection, Db, sources
from api.store.listing import keyset_page
from api.store.queries import execute, fetch, fetchrow, fetchval, load

_SQL = load("transformations.sql")
_INPUT = msgspec.json.Decoder(TransformationInput)
_TRANSFORMATION = msgspec.json.Decoder(Transformation)


def _transformation(row: asyncpg.Record) -> Transformation:
    return _TRANSFORMATION.decode(row["transformation"])


def _not_found(transformation_id: str) -> NotFound:
    return NotFound(f"No transformation {transformation_id!r} in this workspace.", subject="transformation")


async def create_transformation(
    conn: Connection, workspace_id: str, new: TransformationInput, slots: list[Slot]
) -> Transformation:
    """Store a checked transformation; a slot another transformation holds is a 409 naming it."""
    await sources.hold_source(conn, workspace_id, new.source_id)
    row = await fetchrow(
        conn,
        _SQL["insert_transformation"],
        workspace_id=workspace_id,
        transformation_id=new_id("tf"),
        source_id=new.source_id,
        body=msgspec.json.encode(new).decode(),
    )
    assert row is not None
    created = _transformation(row)
    await _claim(conn, workspace_id, created.id, new.source_id, slots)
    return created


async def get_transformation(db: Db, workspace_id: str, transformation_id: str) -> Transformation:
    row = await fetchrow(db, _SQL["get_transformation"], workspace_id=workspace_id, transformation_id=transformation_id)
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
        row = await fetchrow(
            conn, _SQL["lock_transformation"], workspace_id=workspace_id, transformation_id=transformation_id
        )
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
    await execute(conn, _SQL["release_slots"], workspace_id=workspace_id, transformation_id=transformation_id)
    await _claim(conn, workspace_id, transformation_id, new.source_id, slots)
    row = await fetchrow(
        conn,
        _SQL["update_transformation"],
        workspace_id=workspace_id,
        transformation_id=transformation_id,
        source_id=new.source_id,
        body=msgspec.json.encode(new).decode(),
    )
    assert row is not None
    return _transformation(row)


async def delete_transformation(conn: Connection, workspace_id: str, transformation_id: str) -> None:
    named = {"workspace_id": workspace_id, "transformation_id": transformation_id}
    if await fetchrow(conn, _SQL["delete_transformation"], **named) is None:
        raise _not_found(transformation_id)


async def list_transformations(db: Db, workspace_id: str, page: PageRequest) -> tuple[list[Transformation], Pagination]:
    """Returns one page of a workspace's transformations, oldest first."""
    return await keyset_page(db, _SQL, "transformations", page, _transformation, workspace_id=workspace_id)


async def transformations_of_source(db: Db, workspace_id: str, source_id: str) -> list[Transformation]:
    """Every transformation of a source, oldest first (none for an unknown source)."""
    rows = await fetch(db, _SQL["transformations_of_source"], workspace_id=workspace_id, source_id=source_id)
    return [_transformation(row) for row in rows]


async def source_transformations(db: Db, workspace_id: str, source_id: str) -> list[TransformationInput]:
    """A source's transformations, oldest first; an unknown source is a 404."""
    rows = await fetch(db, _SQL["source_transformations"], workspace_id=workspace_id, source_id=source_id)
    if not rows:
        raise sources.not_found(source_id)
    return [_INPUT.decode(row["body"]) for row in rows if row["body"] is not None]


async def _claim(
    conn: Connection, workspace_id: str, transformation_id: str, source_id: str, slots: list[Slot]
) -> None:
    """Take the slots; the unique key waits out a concurrent claim, so only one of two racing writes gets a slot."""
    taken = await fetch(
        conn,
        _SQL["claim_slots"],
        workspace_id=workspace_id,
        transformation_id=transformation_id,
        source_id=source_id,
        event_digests=[slot.event_digest for slot in slots],
        destinations=[slot.destination for slot in slots],
        types=[slot.type for slot in slots],
    )
    taken_types = {row["type"] for row in taken}
    for slot in slots:
        if slot.type in taken_types:
            continue
        holder = await fetchval(
            conn,
            _SQL["slot_holder"],
            workspace_id=workspace_id,
            source_id=source_id,
            event_digest=slot.event_digest,
            destination=slot.destination,
            type=slot.type,
        )
        # None when the holder was deleted since the claim: it still held the slot when this write had to wait
        who = f"Transformation {holder!r}" if holder is not None else "Another transformation"
        scope = f"destination {slot.destination!r}" if slot.destination else "every destination"
        raise Conflict(
            f"{who} already does {slot.type} for the {slot.event} of source {source_id!r} and {scope}; "
            "change that one instead.",
            subject="condition",
        )
