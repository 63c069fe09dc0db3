"""Copies of rules between plans: across workspaces or from a document, duplicates, and library imports.

A copy is one transaction without the 200-rule limit (up to `MAX_COPY_RULES`), and every rule check
applies. The source plan is share-locked (`hold_plan`) before the target is locked, so that it cannot
change while it is read.
"""

from typing import Any

import msgspec

from api.domain.changelog import Change, ChangeAction
from api.domain.copies import (
    CopyData,
    CopyMode,
    CopyTrackingPlan,
    ImportRules,
    NotCopied,
    check_copy_size,
    inputs_from_document,
    inputs_from_live,
    not_copied,
)
from api.domain.plans import LIBRARY_TYPES, CreateTrackingPlan, PlanType, StoredPlan
from api.domain.revisions import Precondition
from api.domain.rules import RuleInput, RulesChange, as_upserts, changes_to_replace, changes_to_upsert, check_rules
from api.domain.tokens import Principal
from api.errors import Conflict, Forbidden, InvalidInput, NotFound, regarding
from api.services.rules import create_plan_with_rules, write_rules
from api.store import Connection, Pool, changelog, plans, rules, sources, tokens
from api.store.database import transaction


class _Source(msgspec.Struct, kw_only=True):
    """The rules to copy, where they come from (for the changelog), and what the new plan is made of."""

    inputs: list[RuleInput]
    origin: dict[str, Any]
    name: str
    description: str | None
    type: PlanType


async def copy_plan(
    pool: Pool,
    by: Principal,
    copy: CopyTrackingPlan,
    source_secret: str | None,
    expected: Precondition | None,
    dry_run: bool,
) -> tuple[CopyData, int | None]:
    """Copy a plan's rules (or a document's) into `by`'s workspace.

    `copy` has passed its own `check()`.
    The source plan is read with the token whose secret is `source_secret`: any role, its own workspace
    only. Returns what the copy did and the target's revision (None for a CREATE dry run, which creates nothing).
    """
    async with transaction(pool) as conn:
        reader, source = None, None
        if copy.document is not None:
            inputs = inputs_from_document(copy.document)
            check_copy_size(len(inputs), "document.rules")
            check_rules(inputs, "document.rules")
            about = copy.document.tracking_plan
            source = _Source(
                inputs=inputs,
                origin={"document": about.name},
                name=about.name,
                description=about.description,
                type=about.type,
            )
            notes: list[NotCopied] = []
        else:
            reader = await _source_reader(conn, source_secret or "")
            held, source, notes = await _read_source(conn, reader, copy.source_tracking_plan_id or "")
            if reader.workspace_id == by.workspace_id and copy.target_tracking_plan_id == held.plan.id:
                raise InvalidInput(
                    "A plan cannot be copied onto itself: name another target plan.", field="targetTrackingPlanId"
                )
        copied_from = Change(action=ChangeAction.PLAN_COPIED_FROM, after={**source.origin, "mode": copy.mode})
        if copy.mode is CopyMode.CREATE:
            change, target = await _create_copy(conn, by, copy.name or source.name, source, copied_from, dry_run)
        else:
            with regarding("target plan"):
                change, target = await _copy_into(conn, by, copy, source, copied_from, expected, dry_run)
        if reader is not None and not dry_run:
            to = {"workspaceSlug": by.workspace_slug, "trackingPlanId": target.plan.id if target else None}
            copied_to = Change(action=ChangeAction.PLAN_COPIED_TO, after={**to, "mode": copy.mode})
            await changelog.record(conn, reader, copy.source_tracking_plan_id or "", [copied_to])
    answer = CopyData(
        dry_run=dry_run,
        tracking_plan=target.plan if target else None,
        not_copied=notes,
        **msgspec.structs.asdict(change),
    )
    return answer, target.revision if target else None


async def _source_reader(conn: Connection, secret: str) -> Principal:
    """Returns who the source token is; an unknown or revoked one is Forbidden, so clients do not blame their own."""
    reader = await tokens.find_principal(conn, secret)
    if reader is None:
        raise Forbidden("The X-Source-Authorization token is unknown or has been revoked.", subject="source token")
    return reader


async def _read_source(
    conn: Connection, reader: Principal, plan_id: str
) -> tuple[StoredPlan, _Source, list[NotCopied]]:
    """Returns the source plan (read with the source token: only its own workspace), its rules and its sources."""
    try:
        held = await plans.hold_plan(conn, reader.workspace_id, plan_id)
    except NotFound:
        raise NotFound(
            f"No tracking plan {plan_id!r} in the workspace of the X-Source-Authorization token.", subject="source plan"
        ) from None
    inputs = inputs_from_live(await rules.all_live_rules(conn, reader.workspace_id, plan_id))
    check_copy_size(len(inputs), "sourceTrackingPlanId")
    check_rules(inputs, "sourceRules")
    connected = await sources.connected_sources(conn, reader.workspace_id, plan_id)
    origin = {"workspaceSlug": reader.workspace_slug, "trackingPlanId": plan_id}
    plan = held.plan
    source = _Source(inputs=inputs, origin=origin, name=plan.name, description=plan.description, type=plan.type)
    return held, source, [not_copied(s.id, s.slug, s.name, settings) for s, settings in connected]


async def _create_copy(
    conn: Connection, by: Principal, name: str, source: _Source, copied_from: Change, dry_run: bool = False
) -> tuple[RulesChange, StoredPlan | None]:
    """Returns what a new plan holding the source's rules was made of, and the plan (none in a dry run)."""
    if dry_run:
        return changes_to_replace(source.inputs, []).change, None
    new = CreateTrackingPlan(name=name, description=source.description, type=source.type)
    return await create_plan_with_rules(conn, by, new, source.inputs, [copied_from])


async def _copy_into(
    conn: Connection,
    by: Principal,
    copy: CopyTrackingPlan,
    source: _Source,
    copied_from: Change,
    expected: Precondition | None,
    dry_run: bool,
) -> tuple[RulesChange, StoredPlan]:
    """REPLACE or MERGE the source's rules into the target plan of this workspace."""
    inputs = source.inputs
    replace = copy.mode is CopyMode.REPLACE
    return await write_rules(
        conn,
        by,
        copy.target_tracking_plan_id or "",
        expected,
        dry_run,
        lambda live: changes_to_replace(inputs, live) if replace else changes_to_upsert(as_upserts(inputs), live),
        # a merge works from the target's rules it touches; a replace from all of them
        None if replace else [rule.identity for rule in inputs],
        also_record=[copied_from],
    )


async def duplicate_plan(pool: Pool, by: Principal, plan_id: str, name: str) -> StoredPlan:
    """Returns a new plan named `name` with every live rule of this one (types, versions, labels, texts); no sources."""
    async with transaction(pool) as conn:
        original = await plans.hold_plan(conn, by.workspace_id, plan_id)
        inputs = inputs_from_live(await rules.all_live_rules(conn, by.workspace_id, plan_id))
        check_copy_size(len(inputs), "trackingPlanId")
        copied_from = Change(action=ChangeAction.PLAN_COPIED_FROM, after={"trackingPlanId": plan_id})
        new = CreateTrackingPlan(name=name, description=original.plan.description, type=original.plan.type)
        _, copy = await create_plan_with_rules(conn, by, new, inputs, [copied_from])
        copied_to = Change(action=ChangeAction.PLAN_COPIED_TO, after={"trackingPlanId": copy.plan.id})
        await changelog.record(conn, by, plan_id, [copied_to])
        return copy


async def import_rules(
    pool: Pool, by: Principal, plan_id: str, wanted: ImportRules, expected: Precondition | None, dry_run: bool
) -> tuple[CopyData, int]:
    """Upsert a library's rules (all, or every version of the named keys) into a LIVE plan, atomically.

    Returns what the import did and the plan's revision after it.
    """
    wanted.check()
    async with transaction(pool) as conn:
        target = await plans.get_plan(conn, by.workspace_id, plan_id)
        if target.plan.type is not PlanType.LIVE:
            raise Conflict(f"Rules are imported into LIVE plans; {plan_id!r} is a {target.plan.type}.")
        with regarding("library"):
            library = await plans.hold_plan(conn, by.workspace_id, wanted.library_id)
        if library.plan.type not in LIBRARY_TYPES:
            raise InvalidInput(
                f"{wanted.library_id!r} is a {library.plan.type} plan, not a RULE_LIBRARY or PROPERTY_LIBRARY.",
                field="libraryId",
            )
        live = await rules.all_live_rules(conn, by.workspace_id, wanted.library_id)
        if wanted.keys is not None:
            in_library = {rule.key for rule in live}
            for i, key in enumerate(wanted.keys):
                if key not in in_library:
                    raise NotFound(f"The library has no rule for {key!r}.", field=f"keys[{i}]")
            keys = set(wanted.keys)
            live = [rule for rule in live if rule.key in keys]
        inputs = inputs_from_live(live)
        check_copy_size(len(inputs), "libraryId")
        check_rules(inputs, "libraryRules")
        imported = Change(
            action=ChangeAction.RULES_IMPORTED, after={"libraryId": wanted.library_id, "keys": wanted.keys}
        )
        change, after = await write_rules(
            conn,
            by,
            plan_id,
            expected,
            dry_run,
            lambda current: changes_to_upsert(as_upserts(inputs), current),
            [rule.identity for rule in inputs],
            also_record=[imported],
        )
    answer = CopyData(dry_run=dry_run, tracking_plan=after.plan, **msgspec.structs.asdict(change))
    return answer, after.revision
