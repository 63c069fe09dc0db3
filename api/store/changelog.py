"""The changelog of each plan, newest first."""

from collections.abc import Sequence
from typing import Any

import msgspec

from api.domain.changelog import Change, ChangelogEntry
from api.domain.pagination import PageRequest, Pagination
from api.domain.rules import RuleIdentity
from api.domain.tokens import Principal
from api.store import Connection, Db
from api.store.listing import keyset_page
from api.store.queries import converter, execute, fetch, load

_SQL = load("changelog.sql")
_entry = converter(
    ChangelogEntry,
    id="entry_id",
    rule=lambda row: _json(row["rule"]),
    before=lambda row: _json(row["before"]),
    after=lambda row: _json(row["after"]),
)


def _json(text: str | None) -> Any:
    return None if text is None else msgspec.json.decode(text)


def _text(value: object) -> str | None:
    return None if value is None else msgspec.json.encode(value).decode()


async def record(conn: Connection, by: Principal, plan_id: str, changes: Sequence[Change]) -> None:
    """Record changes made by `by` in the caller's transaction, so they stand or fall with the write."""
    if not changes:
        return
    await execute(
        conn,
        _SQL["insert_changes"],
        workspace_id=by.workspace_id,
        plan_id=plan_id,
        token_id=by.token_id,
        token_name=by.token_name,
        actions=[change.action for change in changes],
        rules=[_text(change.rule) for change in changes],
        befores=[_text(change.before) for change in changes],
        afters=[_text(change.after) for change in changes],
    )


async def list_changes(
    db: Db, workspace_id: str, plan_id: str, page: PageRequest
) -> tuple[list[ChangelogEntry], Pagination]:
    """Returns one page of a plan's changelog, newest first."""
    return await keyset_page(
        db, _SQL, "changes", page, _entry, lambda entry: entry.id, workspace_id=workspace_id, plan_id=plan_id
    )


async def rule_changes(db: Db, workspace_id: str, plan_id: str, rule: RuleIdentity) -> list[ChangelogEntry]:
    """Returns every change recorded for one rule of a plan (created, updated, removed), newest first."""
    rows = await fetch(
        db, _SQL["list_rule_changes"], workspace_id=workspace_id, plan_id=plan_id, rule=_text(rule) or "null"
    )
    return [_entry(row) for row in rows]
