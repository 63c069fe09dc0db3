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
from api.store import Db, queries
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


def _not_found(plan_id: str, field: str | None = "trackingPlanId") -> NotFound:
    return NotFound(f"No tracking plan {plan_id!r} in this workspace.", field=field)


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


async def get_plan(db: Db, workspace_id: str, plan_id: str, field: str = "trackingPlanId") -> StoredPlan:
    """One plan; a 404 names `field`, the input that named the plan."""
    row = await db.fetchrow(_SQL["get_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id, field)
    return _stored(row)


async def find_plan(db: Db, workspace_id: str, plan_id: str) -> StoredPlan:
    """The plan that `plan_id` names by either of its ids (`tp_…` or `rs_…`), for the Config API's paths."""
    row = await db.fetchrow(_SQL["find_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id, None)
    return _stored(row)


async def list_plans(
    db: Db, workspace_id: str, plan_type: PlanType | None, page: PageRequest
) -> tuple[list[TrackingPlan], Pagination]:
    """One page of a workspace's plans, oldest first."""
    return await page_by_creation(db, _SQL, "plans", [workspace_id, plan_type], page, lambda row: _stored(row).plan)


async def lock_plan(
    conn: asyncpg.Connection,
    workspace_id: str,
    plan_id: str,
    if_match: Precondition | None,
    field: str = "trackingPlanId",
) -> StoredPlan:
    """Lock a plan for a write in the current transaction, checking the revision the caller expects."""
    row = await conn.fetchrow(_SQL["lock_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id, field)
    stored = _stored(row)
    if if_match is not None:
        if_match.check(stored.revision)
    return stored


async def hold_plan(
    conn: asyncpg.Connection, workspace_id: str, plan_id: str, field: str = "trackingPlanId"
) -> StoredPlan:
    """A plan to read whole: it and its rules cannot change until the transaction ends, nor can it be deleted."""
    row = await conn.fetchrow(_SQL["share_plan"], workspace_id, plan_id)
    if row is None:
        raise _not_found(plan_id, field)
    return _stored(row)


async def update_plan(
    conn: asyncpg.Connection,
    workspace_id: str,
    plan_id: str,
    changes: UpdateTrackingPlan,
    if_match: Precondition | None,
) -> tuple[StoredPlan, StoredPlan]:
    """Apply `changes`; answers the plan before and after (the same when nothing changes: no new revision)."""
    before = await lock_plan(conn, workspace_id, plan_id, if_match)
    name = before.plan.name if changes.name is msgspec.UNSET else changes.name
    description = before.plan.description if changes.description is msgspec.UNSET else changes.description
    if (name, description) == (before.plan.name, before.plan.description):
        return before, before
    row = await conn.fetchrow(_SQL["update_plan"], workspace_id, plan_id, name, slugify(name), description)
    assert row is not None
    return before, _stored(row)


async def delete_plan(
    conn: asyncpg.Connection, workspace_id: str, plan_id: str, if_match: Precondition | None
) -> StoredPlan:
    """Delete a plan and its rules for good; answers what was deleted."""
    deleted = await lock_plan(conn, workspace_id, plan_id, if_match)
    await conn.execute(_SQL["delete_plan"], workspace_id, plan_id)
    return deleted


async def touch_plan(conn: asyncpg.Connection, workspace_id: str, plan_id: str, added_rules: int) -> StoredPlan:
    """Bump the revision of a plan locked by `lock_plan` and count its live rules; answers the plan as it is now."""
    row = await conn.fetchrow(_SQL["touch_plan"], workspace_id, plan_id, added_rules)
    assert row is not None
    return _stored(row)
