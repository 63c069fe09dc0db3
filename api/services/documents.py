"""The Config API's writes: a plan as one document (`global`, `events`, `identify`, `group`).

They are the plan's own use cases seen through the document: the same locks, revision, `If-Match`
and changelog as the Public API's (`api.services.plans`, `api.services.rules`).
"""

from api.domain.config_api import DISPLAY_NAME, in_document, keeping_unsaid
from api.domain.plans import CreateTrackingPlan, PlanType, StoredPlan, UpdateTrackingPlan
from api.domain.revisions import Precondition
from api.domain.rules import LiveRule, RuleInput, changes_to_replace
from api.domain.tokens import Principal
from api.services.plans import rename_plan
from api.services.rules import create_plan_with_rules, write_rules
from api.store import Pool, plans, rules
from api.store.database import transaction


async def create_document_plan(
    pool: Pool, by: Principal, display_name: str, wanted: list[RuleInput]
) -> tuple[StoredPlan, list[LiveRule]]:
    """Create a LIVE plan holding a document's rules (checked already); returns it and its live rules."""
    async with transaction(pool) as conn:
        new = CreateTrackingPlan(name=display_name, type=PlanType.LIVE)
        _, stored = await create_plan_with_rules(conn, by, new, wanted)
        return stored, await rules.all_live_rules(conn, by.workspace_id, stored.plan.id)


async def update_document(
    pool: Pool,
    by: Principal,
    plan_id: str,
    masked: set[str],
    display_name: str | None,
    wanted: list[RuleInput] | None,
    expected: Precondition | None,
) -> tuple[StoredPlan, list[LiveRule]]:
    """Rename the plan (when `masked` names the display name) and make its document's rules `wanted` (when given).

    The revision is checked once, before either change bumps it; the rules the document cannot show
    (PAGE and SCREEN, other versions of the keyless types) and the labels of the rules that stay are
    kept. Returns the plan and its live rules after the change. `plan_id` may be either id.
    """
    async with transaction(pool) as conn:
        stored = await plans.lock_plan(conn, by.workspace_id, plan_id, expected, either_id=True)
        if DISPLAY_NAME in masked:
            stored = await rename_plan(conn, by, stored, UpdateTrackingPlan(name=display_name or ""))
        if wanted is not None:
            _, stored = await write_rules(
                conn,
                by,
                stored.plan.id,
                None,
                False,
                lambda live: changes_to_replace(
                    keeping_unsaid(wanted, live), [rule for rule in live if in_document(rule)]
                ),
            )
        return stored, await rules.all_live_rules(conn, by.workspace_id, stored.plan.id)
