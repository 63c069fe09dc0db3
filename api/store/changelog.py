"""The changelog of each plan, newest first."""

from collections.abc import Sequence

import asyncpg
import msgspec

from api.domain.changelog import Change, ChangeAction, ChangelogEntry
from api.domain.pagination import PageRequest, Pagination, RowPosition, paginate
from api.domain.rules import RuleIdentity
from api.domain.tokens import Principal
from api.store import Connection, Db, queries

_SQL = queries.load("changelog.sql")
_IDENTITY = msgspec.json.Decoder(RuleIdentity)


def _text(value: object) -> str | None:
    return None if value is None else msgspec.json.encode(value).decode()


async def record(conn: Connection, by: Principal, plan_id: str, changes: Sequence[Change]) -> None:
    """Record changes made by `by` in the caller's transaction, so they stand or fall with the write."""
    if not changes:
        return
    await conn.execute(
        _SQL["insert_changes"],
        by.workspace_id,
        plan_id,
        by.token_id,
        by.token_name,
        [change.action for change in changes],
        [_text(change.rule) for change in changes],
        [_text(change.before) for change in changes],
        [_text(change.after) for change in changes],
    )


def _entry(row: asyncpg.Record) -> ChangelogEntry:
    return ChangelogEntry(
        id=row["entry_id"],
        at=row["at"],
        token_id=row["token_id"],
        token_name=row["token_name"],
        action=ChangeAction(row["action"]),
        rule=_IDENTITY.decode(row["rule"]) if row["rule"] else None,
        before=msgspec.json.decode(row["before"]) if row["before"] else None,
        after=msgspec.json.decode(row["after"]) if row["after"] else None,
    )


async def list_changes(
    db: Db, workspace_id: str, plan_id: str, page: PageRequest
) -> tuple[list[ChangelogEntry], Pagination]:
    """One page of a plan's changelog, newest first."""
    position = page.position(RowPosition)
    if page.cursor.direction == "before":
        rows = list(
            reversed(await db.fetch(_SQL["list_changes_before"], workspace_id, plan_id, position, page.count + 1))
        )
    else:
        rows = await db.fetch(_SQL["list_changes_after"], workspace_id, plan_id, position, page.count + 1)
    total: int = await db.fetchval(_SQL["count_changes"], workspace_id, plan_id)
    entries = [_entry(row) for row in rows]
    return paginate(entries, page, total, lambda entry: entry.id)
