"""Rules of a plan: live rules by identity, history, and the writes a rules call plans."""

from collections.abc import Iterable, Sequence
from typing import Any, cast

import asyncpg
import msgspec

from api.domain.pagination import PageRequest, Pagination, RowPosition, paginate
from api.domain.plans import StoredPlan, TrackingPlan
from api.domain.rules import ChangeSet, Label, LiveRule, Rule, RuleIdentity, RuleType, labels_in
from api.store import Connection, Db, Pool, plans, queries
from api.store.database import snapshot

_SQL = queries.load("rules.sql")
_LABELS = msgspec.json.Decoder(list[Label])


class RuleFilter(msgspec.Struct, kw_only=True, frozen=True):
    type: RuleType | None = None
    key: str | None = None
    label: str | None = None
    """`key:value`."""
    include_deprecated: bool = False


def _rule(row: asyncpg.Record) -> Rule:
    return Rule(
        type=RuleType(row["type"]),
        key=row["key"] or None,
        version=row["version"],
        # the stored text goes out as it came in (see `sent_schemas`)
        json_schema=cast(Any, msgspec.Raw(row["json_schema"].encode())) if row["json_schema"] is not None else None,
        labels=_LABELS.decode(row["labels"]),
        description=row["description"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        deprecated_at=row["deprecated_at"],
    )


def _live(rows: Iterable[asyncpg.Record]) -> list[LiveRule]:
    return [
        LiveRule(
            row_id=row["rule_id"],
            type=RuleType(row["type"]),
            key=row["key"] or None,
            version=row["version"],
            schema_text=row["json_schema"],
            labels=_LABELS.decode(row["labels"]),
            description=row["description"],
        )
        for row in rows
    ]


async def live_rules(
    conn: Connection, workspace_id: str, plan_id: str, identities: Iterable[RuleIdentity]
) -> list[LiveRule]:
    """The live rules among `identities`."""
    wanted = list(identities)
    rows = await conn.fetch(
        _SQL["get_live_rules"],
        workspace_id,
        plan_id,
        [identity.type for identity in wanted],
        [identity.key or "" for identity in wanted],
        [identity.version for identity in wanted],
    )
    return _live(rows)


async def all_live_rules(db: Db, workspace_id: str, plan_id: str) -> list[LiveRule]:
    return _live(await db.fetch(_SQL["get_all_live_rules"], workspace_id, plan_id))


async def live_rules_of_plans(db: Db, workspace_id: str, plan_ids: Sequence[str]) -> dict[str, list[LiveRule]]:
    """Every live rule of each plan, in creation order, in one query."""
    rows = await db.fetch(_SQL["get_live_rules_of_plans"], workspace_id, list(plan_ids))
    found: dict[str, list[LiveRule]] = {plan_id: [] for plan_id in plan_ids}
    for row in rows:
        found[row["plan_id"]] += _live([row])
    return found


def _encode(value: Any) -> str:
    return msgspec.json.encode(value).decode()


async def apply(conn: Connection, workspace_id: str, plan_id: str, plan: ChangeSet) -> None:
    """Carry out a planned rules write in the caller's transaction."""
    created = [write for write in plan.writes if write.replaces is None]
    if created:
        await conn.execute(
            _SQL["insert_rules"],
            workspace_id,
            plan_id,
            [write.rule.type for write in created],
            [write.rule.key or "" for write in created],
            [write.rule.version for write in created],
            [write.schema_text for write in created],
            [_encode(write.rule.labels) for write in created],
            [_encode(labels_in(write.rule)) for write in created],
            [write.rule.description for write in created],
        )
    updated = [(write, write.replaces) for write in plan.writes if write.replaces is not None]
    if updated:
        await conn.execute(
            _SQL["update_rules"],
            workspace_id,
            plan_id,
            [replaced.row_id for _, replaced in updated],
            [write.rule.key or "" for write, _ in updated],
            [write.schema_text for write, _ in updated],
            [_encode(write.rule.labels) for write, _ in updated],
            [_encode(labels_in(write.rule)) for write, _ in updated],
            [write.rule.description for write, _ in updated],
        )
    if plan.removals:
        await conn.execute(_SQL["deprecate_rules"], workspace_id, plan_id, [rule.row_id for rule in plan.removals])


async def list_rules(
    db: Db, workspace_id: str, plan_id: str, where: RuleFilter, page: PageRequest
) -> tuple[list[Rule], Pagination]:
    """Returns one page of a plan's rules in creation order; a missing plan is a NotFound about the `plan`."""
    stored = await plans.get_plan(db, workspace_id, plan_id)
    # the plan keeps the count of its live rules: only a filtered listing counts
    total = stored.live_rule_count if where == RuleFilter() else None
    filters = [workspace_id, plan_id, where.type, where.key, where.label, where.include_deprecated]
    position = page.position(RowPosition)
    if page.cursor.direction == "before":
        rows = list(reversed(await db.fetch(_SQL["list_rules_before"], *filters, position, page.count + 1)))
    else:
        rows = await db.fetch(_SQL["list_rules_after"], *filters, position, page.count + 1)
    if total is None:
        total = await db.fetchval(_SQL["count_rules"], *filters)
    pairs = [(row["rule_id"], _rule(row)) for row in rows]
    page_rows, pagination = paginate(pairs, page, total, lambda pair: pair[0])
    return [rule for _, rule in page_rows], pagination


async def plan_with_rules(
    pool: Pool, workspace_id: str, plan_id: str, *, either_id: bool = False
) -> tuple[StoredPlan, list[LiveRule]]:
    """Returns a plan and its live rules as one state of the data saw them; `either_id` also takes its `rs_` id."""
    async with snapshot(pool) as conn:
        stored = await (plans.find_plan if either_id else plans.get_plan)(conn, workspace_id, plan_id)
        return stored, await all_live_rules(conn, workspace_id, stored.plan.id)


async def plans_with_rules(
    pool: Pool, workspace_id: str, page: PageRequest
) -> tuple[list[tuple[TrackingPlan, list[LiveRule]]], Pagination]:
    """Returns a page of the workspace's plans, oldest first, each with its live rules, as one state of the data."""
    async with snapshot(pool) as conn:
        found, pagination = await plans.list_plans(conn, workspace_id, None, page)
        live = await live_rules_of_plans(conn, workspace_id, [plan.id for plan in found])
        return [(plan, live[plan.id]) for plan in found], pagination
