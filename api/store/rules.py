"""Rules of a plan: live rules by identity, history, and carrying out a change set."""

from collections.abc import Iterable, Sequence
from typing import Any

import asyncpg
import msgspec

from api.domain.pagination import PageRequest, Pagination
from api.domain.plans import StoredPlan, TrackingPlan
from api.domain.rules import (
    ChangeSet,
    Label,
    LiveRule,
    Rule,
    RuleIdentity,
    RuleSummary,
    RuleType,
    labels_in,
    schema_raw,
)
from api.store import Connection, Db, Pool, plans
from api.store.database import snapshot
from api.store.listing import keyset_page
from api.store.queries import converter, execute, fetch, load

_SQL = load("rules.sql")
# labels arrive as JSON text: a decoder per row is far cheaper than a codec asyncpg calls per value
_LABELS = msgspec.json.Decoder(list[Label])
_live = converter(LiveRule, labels=lambda row: _LABELS.decode(row["labels"]))
# the stored text goes out as it came in
_rule = converter(
    Rule, json_schema=lambda row: schema_raw(row["json_schema"]), labels=lambda row: _LABELS.decode(row["labels"])
)


class RuleFilter(msgspec.Struct, kw_only=True, frozen=True):
    type: RuleType | None = None
    key: str | None = None
    label: str | None = None
    """`key:value`."""
    include_deprecated: bool = False


def _numbered_rule(row: asyncpg.Record) -> tuple[int, Rule]:
    return row["row_id"], _rule(row)


_summary = converter(RuleSummary)


async def live_rules(conn: Db, workspace_id: str, plan_id: str, identities: Iterable[RuleIdentity]) -> list[LiveRule]:
    """Returns the live rules among `identities`."""
    wanted = list(identities)
    rows = await fetch(
        conn,
        _SQL["get_live_rules"],
        workspace_id=workspace_id,
        plan_id=plan_id,
        types=[identity.type for identity in wanted],
        keys=[identity.key or "" for identity in wanted],
        versions=[identity.version for identity in wanted],
    )
    return [_live(row) for row in rows]


async def all_live_rules(db: Db, workspace_id: str, plan_id: str) -> list[LiveRule]:
    """Returns every live rule of a plan, in creation order."""
    return (await live_rules_of_plans(db, workspace_id, [plan_id]))[plan_id]


async def live_rules_of_plans(db: Db, workspace_id: str, plan_ids: Sequence[str]) -> dict[str, list[LiveRule]]:
    """Returns every live rule of each plan, in creation order, in one query."""
    rows = await fetch(db, _SQL["get_live_rules_of_plans"], workspace_id=workspace_id, plan_ids=list(plan_ids))
    found: dict[str, list[LiveRule]] = {plan_id: [] for plan_id in plan_ids}
    for row in rows:
        found[row["plan_id"]].append(_live(row))
    return found


def _json(value: Any) -> str:
    return msgspec.json.encode(value).decode()


async def apply(conn: Connection, workspace_id: str, plan_id: str, change_set: ChangeSet) -> None:
    """Carry out a change set in the caller's transaction."""
    plan = {"workspace_id": workspace_id, "plan_id": plan_id}
    created = [write for write in change_set.writes if write.replaces is None]
    if created:
        await execute(
            conn,
            _SQL["insert_rules"],
            **plan,
            types=[write.rule.type for write in created],
            keys=[write.rule.key or "" for write in created],
            versions=[write.rule.version for write in created],
            json_schemas=[write.rule.schema_text for write in created],
            labels=[_json(write.rule.labels) for write in created],
            label_indexes=[_json(labels_in(write.rule)) for write in created],
            descriptions=[write.rule.description for write in created],
        )
    updated = [(write, write.replaces) for write in change_set.writes if write.replaces is not None]
    if updated:
        await execute(
            conn,
            _SQL["update_rules"],
            **plan,
            row_ids=[replaced.row_id for _, replaced in updated],
            keys=[write.rule.key or "" for write, _ in updated],
            json_schemas=[write.rule.schema_text for write, _ in updated],
            labels=[_json(write.rule.labels) for write, _ in updated],
            label_indexes=[_json(labels_in(write.rule)) for write, _ in updated],
            descriptions=[write.rule.description for write, _ in updated],
        )
    if change_set.removals:
        await execute(conn, _SQL["deprecate_rules"], **plan, row_ids=[rule.row_id for rule in change_set.removals])


async def list_rules(
    db: Db, workspace_id: str, plan_id: str, where: RuleFilter, page: PageRequest
) -> tuple[list[Rule], Pagination]:
    """Returns one page of a plan's rules in creation order; a missing plan is a NotFound about the `plan`."""
    stored = await plans.get_plan(db, workspace_id, plan_id)
    # the plan keeps the count of its live rules: only a filtered listing counts
    total = stored.live_rule_count if where == RuleFilter() else None
    found, pagination = await keyset_page(
        db,
        _SQL,
        "rules",
        page,
        _numbered_rule,
        lambda pair: pair[0],
        total,
        workspace_id=workspace_id,
        plan_id=plan_id,
        **msgspec.structs.asdict(where),
    )
    return [rule for _, rule in found], pagination


async def plan_with_rules(
    pool: Pool, workspace_id: str, plan_id: str, *, either_id: bool = False
) -> tuple[StoredPlan, list[LiveRule]]:
    """Returns a plan and its live rules as one state of the data saw them; `either_id` also takes its `rs_` id."""
    async with snapshot(pool) as conn:
        stored = await (plans.find_plan if either_id else plans.get_plan)(conn, workspace_id, plan_id)
        return stored, await all_live_rules(conn, workspace_id, stored.plan.id)


async def plan_with_rule_summaries(pool: Pool, workspace_id: str, plan_id: str) -> tuple[StoredPlan, list[RuleSummary]]:
    """Returns a plan and a summary of each live rule (no schemas), in creation order, as one state of the data."""
    async with snapshot(pool) as conn:
        stored = await plans.get_plan(conn, workspace_id, plan_id)
        rows = await fetch(conn, _SQL["get_rule_summaries"], workspace_id=workspace_id, plan_id=plan_id)
        return stored, [_summary(row) for row in rows]


async def plans_with_rules(
    pool: Pool, workspace_id: str, page: PageRequest
) -> tuple[list[tuple[TrackingPlan, list[LiveRule]]], Pagination]:
    """Returns a page of the workspace's plans, oldest first, each with its live rules, as one state of the data."""
    async with snapshot(pool) as conn:
        found, pagination = await plans.list_plans(conn, workspace_id, None, page)
        live = await live_rules_of_plans(conn, workspace_id, [plan.id for plan in found])
        return [(plan, live[plan.id]) for plan in found], pagination
