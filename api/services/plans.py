"""Creating, renaming and deleting tracking plans."""

import msgspec

from api.domain.changelog import Change, ChangeAction
from api.domain.plans import CreateTrackingPlan, StoredPlan, TrackingPlan, UpdateTrackingPlan
from api.domain.revisions import Precondition
from api.domain.tokens import Principal
from api.store import Connection, Pool, changelog, idempotency, plans
from api.store.database import transaction

_CREATE = "createTrackingPlan"
"""The operation an `Idempotency-Key` of a plan creation is recorded under."""


async def create_plan(
    pool: Pool, by: Principal, new: CreateTrackingPlan, idempotency_key: str | None = None
) -> tuple[StoredPlan, bool]:
    """Create a plan and record it; returns it and whether it is the replay of an earlier request.

    With `idempotency_key`, the same key and body within 24 hours return the plan first created (at
    revision 1) and create nothing; the same key with another body is a Conflict about the `idempotency key`.
    """
    async with transaction(pool) as conn:
        if idempotency_key is None:
            return await _create(conn, by, new), False
        body_hash = idempotency.request_hash(msgspec.json.encode(new))
        recorded = await idempotency.recorded_response(conn, by.workspace_id, _CREATE, idempotency_key, body_hash)
        if recorded is not None:
            return StoredPlan(plan=_RECORDED.decode(recorded).data.tracking_plan, revision=1, live_rule_count=0), True
        created = await _create(conn, by, new)
        record = msgspec.json.encode(_Recorded(data=_RecordedPlan(tracking_plan=created.plan)))
        await idempotency.record_response(conn, by.workspace_id, _CREATE, idempotency_key, body_hash, record)
        return created, False


class _RecordedPlan(msgspec.Struct, kw_only=True, rename="camel"):
    tracking_plan: TrackingPlan


class _Recorded(msgspec.Struct, kw_only=True):
    """What an idempotency record holds: the first answer's body, which records written before kept too."""

    data: _RecordedPlan


_RECORDED = msgspec.json.Decoder(_Recorded)


async def _create(conn: Connection, by: Principal, new: CreateTrackingPlan) -> StoredPlan:
    stored = await plans.create_plan(conn, by.workspace_id, new)
    await changelog.record(conn, by, stored.plan.id, [Change(action=ChangeAction.PLAN_CREATED, after=stored.plan)])
    return stored


async def update_plan(
    pool: Pool, by: Principal, plan_id: str, changes: UpdateTrackingPlan, expected: Precondition | None
) -> StoredPlan:
    """Rename a plan or change its description, honouring `expected`; returns the plan after it."""
    async with transaction(pool) as conn:
        return await rename_plan(conn, by, await plans.lock_plan(conn, by.workspace_id, plan_id, expected), changes)


async def rename_plan(conn: Connection, by: Principal, locked: StoredPlan, changes: UpdateTrackingPlan) -> StoredPlan:
    """Apply `changes` to a locked plan and record them; returns the plan after it (no new revision when unchanged)."""
    after = await plans.update_plan(conn, by.workspace_id, locked, changes)
    if after is not locked:
        change = Change(action=ChangeAction.PLAN_UPDATED, before=locked.plan, after=after.plan)
        await changelog.record(conn, by, locked.plan.id, [change])
    return after


async def delete_plan(
    pool: Pool, by: Principal, plan_id: str, expected: Precondition | None, *, either_id: bool = False
) -> None:
    """Delete a plan for good, honouring `expected`; its changelog ends with PLAN_DELETED.

    With `either_id`, `plan_id` may be its `rs_` id too (the Config API's paths).
    """
    async with transaction(pool) as conn:
        deleted = await plans.lock_plan(conn, by.workspace_id, plan_id, expected, either_id=either_id)
        await plans.delete_plan(conn, by.workspace_id, deleted.plan.id)
        change = Change(action=ChangeAction.PLAN_DELETED, before=deleted.plan)
        await changelog.record(conn, by, deleted.plan.id, [change])
