"""Tracking plans of a workspace."""

import asyncpg
import msgspec

from api.domain.ids import new_id
from api.domain.names import slugify
from api.domain.pagination import PageRequest, Pagination
from api.domain.plans import (
    CreateTrackingPlan,
    PlanType,
    StoredPlan,
    TrackingPlan,
    UpdateTrackingPlan,
)
from api.domain.revisions import Precondition
from api.errors import NotFound
from api.store import Connection, Db, queries
from api.store.listing import page_by_creation

_SQL = queries.load("plans.sql")


def _stored(row: asyncpg.Record) -> StoredPlan:
    plan = TrackingPlan(
        id=row["plan_id"],
        resource_schema_id=row["resource_schema_id"],
        name=row["name"],
        slug=row["slug"],
        description=row["description"],
        type=PlanType(row["type"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )
    return StoredPlan(plan=plan, revision=row["revision"], live_rule_count=row["live_rule_count"])


def _not_found(plan_id: str) -> NotFound:
    return NotFound(f"No tracking plan {plan_id!r} in this workspace.", subject="plan")


async def create_plan(db: Db, workspace_id: str, new: CreateTrackingPlan) -> StoredPlan:
    row = await db.fetchrow(
        _SQL["insert_plan"],
        workspace_id,
        new_id("tp"),
        new_id("rs"),
        new.name,
        slugify(new.name),
        new.description,
        new.type,
    )
    assert row is not None
    return _stored(row)


async def get_plan(db: Db, workspace_id: str, plan_id: str) -> StoredPlan:
    """Returns one plan; raises NotFound about the `plan`."""
    row = await db.fetchrow(_SQL["get_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id)
    return _stored(row)


async def find_plan(db: Db, workspace_id: str, plan_id: str) -> StoredPlan:
    """Returns the plan that `plan_id` names by either of its ids (`tp_…` or `rs_…`), for the Config API's paths."""
    row = await db.fetchrow(_SQL["find_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id)
    return _stored(row)


async def list_plans(
    db: Db, workspace_id: str, plan_type: PlanType | None, page: PageRequest
) -> tuple[list[TrackingPlan], Pagination]:
    """One page of a workspace's plans, oldest first."""
    return await page_by_creation(db, _SQL, "plans", [workspace_id, plan_type], page, lambda row: _stored(row).plan)


async def lock_plan(
    conn: Connection,
    workspace_id: str,
    plan_id: str,
    if_match: Precondition | None,
    *,
    either_id: bool = False,
) -> StoredPlan:
    """Lock a plan for a write in the current transaction, checking the revision the caller expects; returns it.

    With `either_id`, `plan_id` may be its `tp_` or its `rs_` id (the Config API's paths take both).
    """
    row = await conn.fetchrow(_SQL["lock_plan_by_either_id" if either_id else "lock_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id)
    stored = _stored(row)
    if if_match is not None:
        if_match.check(stored.revision)
    return stored


async def hold_plan(conn: Connection, workspace_id: str, plan_id: str) -> StoredPlan:
    """Returns a plan to read whole, share-locked: it and its rules cannot change until the transaction ends."""
    row = await conn.fetchrow(_SQL["share_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id)
    return _stored(row)


async def update_plan(
    conn: Connection, workspace_id: str, locked: StoredPlan, changes: UpdateTrackingPlan
) -> StoredPlan:
    """Apply `changes` to a plan locked by `lock_plan`; returns it after (`locked` itself when nothing changes)."""
    name = locked.plan.name if changes.name is msgspec.UNSET else changes.name
    description = locked.plan.description if changes.description is msgspec.UNSET else changes.description
    if (name, description) == (locked.plan.name, locked.plan.description):
        return locked
    row = await conn.fetchrow(_SQL["update_plan"], workspace_id, locked.plan.id, name, slugify(name), description)
    assert row is not None
    return _stored(row)


async def delete_plan(conn: Connection, workspace_id: str, plan_id: str) -> None:
    """Delete a plan locked by `lock_plan`, and its rules, for good."""
    await conn.execute(_SQL["delete_plan"], workspace_id, plan_id)


async def bump_revision(conn: Connection, workspace_id: str, plan_id: str, added_rules: int) -> StoredPlan:
    """Bump the revision of a plan locked by `lock_plan` and add to its count of live rules; returns it after."""
    row = await conn.fetchrow(_SQL["bump_revision"], workspace_id, plan_id, added_rules)
    assert row is not None
    return _stored(row)
