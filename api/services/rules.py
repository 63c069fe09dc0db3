"""Writing a plan's rules: upsert, replace and remove, and a new plan that holds rules from the start.

Every rules write takes the same steps (`write_rules`): lock the plan (concurrent writes to one plan
take turns, each working from what the last wrote), check `If-Match`, read the live rules it touches,
work out the change set, and, unless it is a dry run, apply it, bump the revision once and record
each rule's change.
"""

from collections.abc import Callable, Sequence

from api.domain.changelog import Change, ChangeAction, rule_changes
from api.domain.plans import CreateTrackingPlan, StoredPlan
from api.domain.revisions import Precondition
from api.domain.rules import (
    ChangeSet,
    LiveRule,
    RuleIdentity,
    RuleInput,
    RulesChange,
    UpsertRule,
    changes_to_remove,
    changes_to_replace,
    changes_to_upsert,
    check_batch,
    check_rules,
)
from api.domain.tokens import Principal
from api.store import Connection, Pool, changelog, plans, rules
from api.store.database import transaction

ChangeSetFor = Callable[[list[LiveRule]], ChangeSet]
"""Works out a change set from the live rules it touches."""


async def upsert_rules(
    pool: Pool, by: Principal, plan_id: str, upserts: Sequence[UpsertRule], expected: Precondition | None, dry_run: bool
) -> tuple[RulesChange, StoredPlan]:
    """Create or update up to 200 rules (`newKey` renames); returns the change and the plan after it."""
    check_batch(len(upserts))
    check_rules(upserts)
    wanted = [rule.identity for rule in upserts]
    wanted += [RuleIdentity(type=r.type, key=r.new_key, version=r.version) for r in upserts if r.new_key]
    async with transaction(pool) as conn:
        return await write_rules(
            conn, by, plan_id, expected, dry_run, lambda live: changes_to_upsert(upserts, live), wanted
        )


async def replace_rules(
    pool: Pool, by: Principal, plan_id: str, inputs: Sequence[RuleInput], expected: Precondition | None, dry_run: bool
) -> tuple[RulesChange, StoredPlan]:
    """Make the plan's live rules exactly `inputs` (up to 200); returns the change and the plan after it."""
    check_batch(len(inputs))
    check_rules(inputs)
    async with transaction(pool) as conn:
        return await write_rules(conn, by, plan_id, expected, dry_run, lambda live: changes_to_replace(inputs, live))


async def remove_rules(
    pool: Pool,
    by: Principal,
    plan_id: str,
    identities: Sequence[RuleIdentity],
    expected: Precondition | None,
    dry_run: bool,
) -> tuple[RulesChange, StoredPlan]:
    """Remove up to 200 live rules, kept as history; naming one that is not live is a NotFound that removes nothing."""
    check_batch(len(identities))
    async with transaction(pool) as conn:
        return await write_rules(
            conn, by, plan_id, expected, dry_run, lambda live: changes_to_remove(identities, live), identities
        )


async def write_rules(
    conn: Connection,
    by: Principal,
    plan_id: str,
    expected: Precondition | None,
    dry_run: bool,
    change_set_for: ChangeSetFor,
    wanted: Sequence[RuleIdentity] | None = None,
    also_record: Sequence[Change] = (),
) -> tuple[RulesChange, StoredPlan]:
    """Lock the plan, work out the change against its live rules (those `wanted`, or all), then apply and record it.

    The lock comes first: concurrent writes to one plan take turns, and each works from what the last wrote.
    `also_record` goes into the changelog with the rule changes (unless it is a dry run or changes nothing).
    Returns the change and the plan after it.
    """
    stored = await plans.lock_plan(conn, by.workspace_id, plan_id, expected)
    if wanted is None:
        live = await rules.all_live_rules(conn, by.workspace_id, plan_id)
    else:
        live = await rules.live_rules(conn, by.workspace_id, plan_id, wanted)
    change_set = change_set_for(live)
    if dry_run or not (change_set.writes or change_set.removals):
        # a write that changes nothing records nothing and keeps the revision
        return change_set.change, stored
    return change_set.change, await _apply(conn, by, stored, change_set, also_record)


async def _apply(
    conn: Connection, by: Principal, stored: StoredPlan, change_set: ChangeSet, also_record: Sequence[Change]
) -> StoredPlan:
    """Carry out a change set on a locked plan and record it; one that changes nothing keeps the revision."""
    if change_set.writes or change_set.removals:
        await rules.apply(conn, by.workspace_id, stored.plan.id, change_set)
        added = len(change_set.change.created) - len(change_set.change.removed)
        stored = await plans.bump_revision(conn, by.workspace_id, stored.plan.id, added)
    await changelog.record(conn, by, stored.plan.id, [*also_record, *rule_changes(change_set)])
    return stored


async def create_plan_with_rules(
    conn: Connection,
    by: Principal,
    new: CreateTrackingPlan,
    inputs: Sequence[RuleInput],
    also_record: Sequence[Change] = (),
) -> tuple[RulesChange, StoredPlan]:
    """Create a plan holding `inputs` (checked already), recording its creation, `also_record` and each rule."""
    created = await plans.create_plan(conn, by.workspace_id, new)
    change_set = changes_to_replace(inputs, [])
    born = Change(action=ChangeAction.PLAN_CREATED, after=created.plan)
    return change_set.change, await _apply(conn, by, created, change_set, [born, *also_record])
