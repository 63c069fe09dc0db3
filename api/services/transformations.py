"""Transformations: creating, changing and deleting them, and previewing what they do to an event."""

from typing import Any

from api.domain.sources import MAX_JSON_DEPTH, check_json_depth
from api.domain.tokens import Principal
from api.domain.transformations import Transformation, TransformationInput, UpdateTransformation, check, updated
from api.domain.transforming import apply_transformations
from api.errors import InvalidInput
from api.store import Db, Pool, transformations
from api.store.database import transaction


async def create_transformation(pool: Pool, by: Principal, new: TransformationInput) -> Transformation:
    """Create a transformation; returns it. One per (source, event, destination, type): a second is a Conflict."""
    slots = check(new)
    async with transaction(pool) as conn:
        return await transformations.create_transformation(conn, by.workspace_id, new, slots)


async def update_transformation(
    pool: Pool, by: Principal, transformation_id: str, change: UpdateTransformation
) -> Transformation:
    """Change the fields `change` names (`null` removes an action), checked like a new one; returns it after."""
    moving_to = change.source_id if isinstance(change.source_id, str) else None
    async with transaction(pool) as conn:
        current = await transformations.lock_transformation(conn, by.workspace_id, transformation_id, moving_to)
        changed = updated(current.as_input(), change)
        slots = check(changed)
        return await transformations.update_transformation(conn, by.workspace_id, transformation_id, changed, slots)


async def delete_transformation(pool: Pool, by: Principal, transformation_id: str) -> None:
    async with transaction(pool) as conn:
        await transformations.delete_transformation(conn, by.workspace_id, transformation_id)


async def preview(
    db: Db, by: Principal, source_id: str, destination_metadata_id: str | None, event: dict[str, Any]
) -> dict[str, Any] | None:
    """Returns `event` as it would leave the source (for the destination, when named), or None when dropped.

    Source-scoped transformations are selected on the event as sent, the destination's on the event as
    the source's left it (see `apply_transformations`).
    """
    check_json_depth(event, "event")
    found = await transformations.source_transformations(db, by.workspace_id, source_id)
    scopes = [None, destination_metadata_id] if destination_metadata_id else [None]
    applicable = [
        transformation
        for scope in scopes
        for transformation in found
        if transformation.destination_metadata_id == scope
    ]
    transformed = apply_transformations(applicable, event)
    try:
        # renames can move a deep value under a deep path, again in each transformation; answers
        # may nest deeper than requests, up to what encoding them safely allows
        check_json_depth(transformed, "event", limit=4 * MAX_JSON_DEPTH)
    except InvalidInput as exc:
        raise InvalidInput(f"As transformed, {exc.message}", field="event") from None
    return transformed
