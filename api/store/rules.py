"""Rules of a plan: live rules by identity, history, and the writes a rules call plans."""

from collections.abc import Iterable
from typing import Any

import asyncpg
import msgspec

from api.domain.pagination import PageRequest, Pagination, paginate
from api.domain.rules import Label, Rule, RuleIdentity, RuleInput, RulesPlan, RuleType, labels_in
from api.store import Db, queries

_SQL = queries.load("rules.sql")
_LABELS = msgspec.json.Decoder(list[Label])


class RuleFilter(msgspec.Struct, kw_only=True, frozen=True):
    type: RuleType | None = None
    key: str | None = None
    label: str | None = None
    """`key:value`."""
    include_deprecated: bool = False


class LiveRules(msgspec.Struct, kw_only=True):
    """Live rules of a plan, and the row id of each, which the writes address."""

    rules: list[Rule]
    ids: dict[RuleIdentity, int]


def _rule(row: asyncpg.Record) -> Rule:
    return Rule(
        type=RuleType(row["type"]),
        key=row["key"] or None,
        version=row["version"],
        json_schema=msgspec.json.decode(row["json_schema"]) if row["json_schema"] is not None else None,
        labels=_LABELS.decode(row["labels"]),
        description=row["description"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        deprecated_at=row["deprecated_at"],
    )


def _live(rows: Iterable[asyncpg.Record]) -> LiveRules:
    live = LiveRules(rules=[], ids={})
    for row in rows:
        rule = _rule(row)
        live.rules.append(rule)
        live.ids[rule.identity] = row["rule_id"]
    return live


async def live_rules(
    conn: asyncpg.Connection, workspace_id: str, plan_id: str, identities: Iterable[RuleIdentity]
) -> LiveRules:
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


async def all_live_rules(conn: asyncpg.Connection, workspace_id: str, plan_id: str) -> LiveRules:
    return _live(await conn.fetch(_SQL["get_all_live_rules"], workspace_id, plan_id))


def _encode(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def _schema_text(rule: RuleInput) -> str | None:
    return None if rule.json_schema is None else _encode(rule.json_schema)


async def apply(conn: asyncpg.Connection, workspace_id: str, plan_id: str, plan: RulesPlan, live: LiveRules) -> None:
    """Carry out a planned rules write in the caller's transaction."""
    created = [write.rule for write in plan.writes if write.replaces is None]
    if created:
        await conn.execute(
            _SQL["insert_rules"],
            workspace_id,
            plan_id,
            [rule.type for rule in created],
            [rule.key or "" for rule in created],
            [rule.version for rule in created],
            [_schema_text(rule) for rule in created],
            [_encode(rule.labels) for rule in created],
            [_encode(labels_in(rule)) for rule in created],
            [rule.description for rule in created],
        )
    updated = [write for write in plan.writes if write.replaces is not None]
    if updated:
        await conn.execute(
            _SQL["update_rules"],
            workspace_id,
            plan_id,
            [live.ids[write.replaces.identity] for write in updated if write.replaces],
            [write.rule.key or "" for write in updated],
            [_schema_text(write.rule) for write in updated],
            [_encode(write.rule.labels) for write in updated],
            [_encode(labels_in(write.rule)) for write in updated],
            [write.rule.description for write in updated],
        )
    if plan.removals:
        await conn.execute(
            _SQL["deprecate_rules"], workspace_id, plan_id, [live.ids[rule.identity] for rule in plan.removals]
        )


async def list_rules(
    db: Db, workspace_id: str, plan_id: str, where: RuleFilter, page: PageRequest
) -> tuple[list[Rule], Pagination]:
    """One page of a plan's rules in creation order."""
    filters = [workspace_id, plan_id, where.type, where.key, where.label, where.include_deprecated]
    position = page.position(int)
    if page.cursor.direction == "before":
        rows = list(reversed(await db.fetch(_SQL["list_rules_before"], *filters, position, page.count + 1)))
    else:
        rows = await db.fetch(_SQL["list_rules_after"], *filters, position, page.count + 1)
    total: int = await db.fetchval(_SQL["count_rules"], *filters)
    pairs = [(row["rule_id"], _rule(row)) for row in rows]
    page_rows, pagination = paginate(pairs, page, total, lambda pair: pair[0])
    return [rule for _, rule in page_rows], pagination
