"""Sources: creating and deleting them, changing their schema settings, connecting them to plans.

Connections are recorded in the plan's changelog and leave its revision alone (it speaks of rules).
A connection locks the plan first, then the source, as every write to a plan does.
"""

from collections.abc import Sequence
from typing import Any

from api.domain.changelog import Change, ChangeAction
from api.domain.plans import StoredPlan
from api.domain.sources import (
    CreateSource,
    SchemaSettings,
    SchemaSettingsChange,
    Source,
    change_settings,
    forwarding_targets,
)
from api.domain.tokens import Principal, Role
from api.domain.transformations import Transformation
from api.errors import Forbidden, NotFound
from api.store import Connection, Pool, changelog, plans, sources, transformations
from api.store.database import transaction


async def create_source(pool: Pool, by: Principal, new: CreateSource) -> Source:
    """Create a source with a fresh write key; returns it. A slug the workspace uses is a Conflict."""
    new.check()
    return await sources.create_source(pool, by.workspace_id, new)


async def delete_source(pool: Pool, by: Principal, source_id: str) -> None:
    """Delete a source and its transformations; its plan's changelog records the disconnection and what went.

    Deleting transformations is a workspace owner's act: a source that has some is Forbidden to other
    roles. The source is locked first, so that no transformation is added to it meanwhile.
    """
    async with transaction(pool) as conn:
        await sources.lock_source(conn, by.workspace_id, source_id)
        doomed = await transformations.transformations_of_source(conn, by.workspace_id, source_id)
        if doomed and by.role is not Role.WORKSPACE_OWNER:
            count = f"{len(doomed)} transformation{'s' if len(doomed) > 1 else ''}"
            raise Forbidden(
                f"Source {source_id!r} has {count}, which deleting it would delete too; only a workspace owner "
                "may delete transformations.",
                subject="source",
            )
        deleted = await sources.delete_source(conn, by.workspace_id, source_id)
        if deleted.plan_id is not None:
            await _record(conn, by, deleted.plan_id, ChangeAction.SOURCE_DISCONNECTED, deleted.source, doomed)


async def update_schema_settings(
    pool: Pool, by: Principal, source_id: str, change: SchemaSettingsChange
) -> SchemaSettings:
    """Change the settings `change` names, at any depth; returns them all.

    The forwarding targets are held first, then the source is locked: the lock order that keeps
    concurrent changes and deletions of sources that forward to each other from deadlocking.
    """
    targets = forwarding_targets(change, source_id)
    async with transaction(pool) as conn:
        held = await sources.hold_sources(conn, by.workspace_id, list(targets.values()))
        for field, target in targets.items():
            if target not in held:
                raise NotFound(f"No source {target!r} in this workspace.", field=field)
        settings = change_settings(
            await sources.get_schema_settings(conn, by.workspace_id, source_id, lock=True), change
        )
        await sources.set_schema_settings(conn, by.workspace_id, source_id, settings)
        return settings


async def connect_source(
    pool: Pool,
    by: Principal,
    plan_id: str,
    source_id: str | None = None,
    *,
    source_slug: str | None = None,
    either_id: bool = False,
) -> tuple[StoredPlan, Source]:
    """Connect a source (by id, or by `source_slug`) to a plan; returns both. `either_id`: see `plans.lock_plan`.

    A source on another plan is a Conflict naming that plan; connecting it again changes nothing.
    """
    async with transaction(pool) as conn:
        plan, source = await _lock(conn, by, plan_id, source_id, source_slug, either_id)
        plan.plan.check_connectable()
        if await sources.connect_source(conn, by.workspace_id, source.id, plan.plan.id):
            await _record(conn, by, plan.plan.id, ChangeAction.SOURCE_CONNECTED, source)
        return plan, source


async def disconnect_source(
    pool: Pool,
    by: Principal,
    plan_id: str,
    source_id: str | None = None,
    *,
    source_slug: str | None = None,
    either_id: bool = False,
) -> None:
    """Disconnect a source (by id, or by `source_slug`) from a plan; one not on it is a NotFound."""
    async with transaction(pool) as conn:
        plan, source = await _lock(conn, by, plan_id, source_id, source_slug, either_id)
        await sources.disconnect_source(conn, by.workspace_id, source.id, plan.plan.id)
        await _record(conn, by, plan.plan.id, ChangeAction.SOURCE_DISCONNECTED, source)


async def _lock(
    conn: Connection, by: Principal, plan_id: str, source_id: str | None, source_slug: str | None, either_id: bool
) -> tuple[StoredPlan, Source]:
    """Returns the plan, locked, then the source."""
    plan = await plans.lock_plan(conn, by.workspace_id, plan_id, None, either_id=either_id)
    if source_slug is not None:
        return plan, (await sources.get_source_by_slug(conn, by.workspace_id, source_slug)).source
    return plan, (await sources.get_source(conn, by.workspace_id, source_id or "")).source


async def _record(
    conn: Connection,
    by: Principal,
    plan_id: str,
    action: ChangeAction,
    source: Source,
    deleted: Sequence[Transformation] | None = None,
) -> None:
    """Record a connection or disconnection; a source's deletion also records the transformations that went with it."""
    described: dict[str, Any] = {"sourceId": source.id, "slug": source.slug, "name": source.name}
    if deleted is not None:
        # the whole of each, as GET /transformations/{id} answered it, so an owner can make them again
        described["transformations"] = deleted
    before, after = (None, described) if action is ChangeAction.SOURCE_CONNECTED else (described, None)
    await changelog.record(conn, by, plan_id, [Change(action=action, before=before, after=after)])
