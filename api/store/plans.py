"""Tracking plans of a workspace."""

import asyncpg
import msgspec

from api.domain.ids import new_id
from api.domain.names import slugify
from api.domain.pagination import PageRequest, Pagination
from api.domain.plans import CreateTrackingPlan, PlanType, StoredPlan, TrackingPlan, UpdateTrackingPlan
from api.domain.revisions import Precondition
from api.errors import NotFound
from api.store import Connection, Db
from api.store.listing import keyset_page
from api.store.queries import converter, execute, fetchrow, load

_SQL = load("plans.sql")
_plan = converter(TrackingPlan, id="plan_id")


def _stored(row: asyncpg.Record) -> StoredPlan:
    return StoredPlan(plan=_plan(row), revision=row["revision"], live_rule_count=row["live_rule_count"])


def _found(row: asyncpg.Record | None, plan_id: str) -> StoredPlan:
    if row is None:
        raise NotFound(f"No tracking plan {plan_id!r} in this workspace.", subject="plan")
    return _stored(row)


async def create_plan(db: Db, workspace_id: str, new: CreateTrackingPlan) -> StoredPlan:
    """Returns a new plan, at revision 1."""
    row = await fetchrow(
        db,
        _SQL["insert_plan"],
        workspace_id=workspace_id,
        plan_id=new_id("tp"),
        resource_schema_id=new_id("rs"),
        name=new.name,
        slug=slugify(new.name),
        description=new.description,
        type=new.type,
    )
    return _found(row, "new")


async def get_plan(db: Db, workspace_id: str, plan_id: str) -> StoredPlan:
    """Returns one plan; raises NotFound about the `plan`."""
    return _found(await fetchrow(db, _SQL["get_plan"], workspace_id=workspace_id, plan_id=plan_id), plan_id)


async def find_plan(db: Db, workspace_id: str, plan_id: str) -> StoredPlan:
    """Returns the plan that `plan_id` names by either of its ids (`tp_…` or `rs_…`), for the Config API's paths."""
    return _found(await fetchrow(db, _SQL["find_plan"], workspace_id=workspace_id, plan_id=plan_id), plan_id)


async def list_plans(
    db: Db, workspace_id: str, plan_type: PlanType | None, page: PageRequest, name_contains: str | None = None
) -> tuple[list[TrackingPlan], Pagination]:
    """Returns one page of a workspace's plans, oldest first; `name_contains` keeps those whose name has it (case
    aside)."""
    return await keyset_page(
        db, _SQL, "plans", page, _plan, workspace_id=workspace_id, type=plan_type, name=name_contains
    )


async def lock_plan(
    conn: Connection, workspace_id: str, plan_id: str, if_match: Precondition | None, *, either_id: bool = False
) -> StoredPlan:
    """Lock a plan for a write in the current transaction, checking the revision the caller expects; returns it.

    With `either_id`, `plan_id` may be its `tp_` or its `rs_` id (the Config API's paths take both).
    """
    query = _SQL["lock_plan_by_either_id" if either_id else "lock_plan"]
    stored = _found(await fetchrow(conn, query, workspace_id=workspace_id, plan_id=plan_id), plan_id)
    if if_match is not None:
        if_match.check(stored.revision)
    return stored


async def hold_plan(conn: Connection, workspace_id: str, plan_id: str) -> StoredPlan:
    """Returns a plan to read whole, share-locked: it and its rules cannot change until the transaction ends."""
    return _found(await fetchrow(conn, _SQL["hold_plan"], workspace_id=workspace_id, plan_id=plan_id), plan_id)


async def update_plan(
    conn: Connection, workspace_id: str, locked: StoredPlan, changes: UpdateTrackingPlan
) -> StoredPlan:
    """Apply `changes` to a plan locked by `lock_plan`; returns it after (`locked` itself when nothing changes)."""
    name = locked.plan.name if changes.name is msgspec.UNSET else changes.name
    description = locked.plan.description if changes.description is msgspec.UNSET else changes.description
    if (name, description) == (locked.plan.name, locked.plan.description):
        return locked
    row = await fetchrow(
        conn,
        _SQL["update_plan"],
        workspace_id=workspace_id,
        plan_id=locked.plan.id,
        name=name,
        slug=slugify(name),
        description=description,
    )
    return _found(row, locked.plan.id)


async def delete_plan(conn: Connection, workspace_id: str, plan_id: str) -> None:
    """Delete a plan locked by `lock_plan`, and its rules, for good."""
    await execute(conn, _SQL["delete_plan"], workspace_id=workspace_id, plan_id=plan_id)


async def bump_revision(conn: Connection, workspace_id: str, plan_id: str, added_rules: int) -> StoredPlan:
    """Bump the revision of a plan locked by `lock_plan` and add to its count of live rules; returns it after."""
    row = await fetchrow(
        conn, _SQL["bump_revision"], workspace_id=workspace_id, plan_id=plan_id, added_rules=added_rules
    )
    return _found(row, plan_id)
