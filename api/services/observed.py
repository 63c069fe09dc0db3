"""The observed schema of a source (what it really sends, as Segment's Schema tab shows it), and a plan's rules
started from it: the read (`observed_schema`, also what a UI calls directly) and the import (`import_observed`)."""

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Literal

import msgspec

from api.domain.changelog import Change, ChangeAction
from api.domain.copies import check_copy_size
from api.domain.event_reports import page_of
from api.domain.inferred_rules import (
    AmbiguousProperty,
    ConflictingProperty,
    ImportObserved,
    ObservedRule,
    SkippedProperty,
    event_of,
    infer_schema,
    merged_rules,
    rule_of,
)
from api.domain.observed import (
    MAX_EVENTS,
    ObservedEvent,
    ObservedPathCount,
    ObservedSchema,
    SchemaFilters,
    SchemaLimits,
    SchemaWindow,
    declares,
    first_day,
    observed_properties,
)
from api.domain.pagination import PageRequest
from api.domain.plans import PlanType, TrackingPlan
from api.domain.revisions import Precondition
from api.domain.rules import (
    ChangeSet,
    LiveRule,
    RuleInput,
    RulesChange,
    RuleType,
    as_upserts,
    changes_to_upsert,
    check_rules,
)
from api.domain.tokens import Principal
from api.errors import Conflict, InvalidInput, NotFound, regarding
from api.services.rules import write_rules
from api.store import Db, Pool, events, plans, rules, sources
from api.store.database import transaction


class ObservedImportData(RulesChange, kw_only=True, rename="camel"):
    """What an import of observed events did (or, in a dry run, would do), by rule identity, and what it found."""

    status: Literal["SUCCESS"] = "SUCCESS"
    dry_run: bool
    tracking_plan: TrackingPlan
    """The plan after the import."""
    ambiguous: list[AmbiguousProperty]
    """Properties sent with several types (beyond `null`), by event and path: their schema has no type."""
    conflicting: list[ConflictingProperty]
    """Properties a rule declares with a type the source did not always send: the rule keeps its declaration."""
    skipped: list[SkippedProperty]
    """Places under a `$ref` the import leaves alone though the source sent what they do not declare."""


async def observed_schema(
    db: Db, workspace_id: str, source_id: str, window: SchemaWindow, filters: SchemaFilters, page: PageRequest
) -> ObservedSchema:
    """One page of what the source sent in the window: its events by type then name, each with its count, first and
    last seen, the connected plan's rule versions for it, its violations in the window, and its properties (paths,
    JSON types with counts, date-time, declared by the plan or not). Segment's limits and what they held back are in
    `limits`.

    `db` is a pool or a connection; `page` is a parsed cursor and size. Raises NotFound (no such source in the
    workspace) and BadRequest (a cursor this listing did not hand out).
    """
    stored = await sources.get_source(db, workspace_id, source_id)
    now = datetime.now(UTC)
    since = first_day(window, now)
    counts = await events.observed_events_since(
        db, workspace_id, source_id, since, filters.event_type, filters.event_name
    )
    truncated = len(counts) > MAX_EVENTS
    shown, pagination = page_of(counts[:MAX_EVENTS], page)
    keys = [(found.event_type, found.event_name) for found in shown]
    paths: dict[tuple[str, str], list[ObservedPathCount]] = defaultdict(list)
    for path in await events.observed_properties_since(db, workspace_id, source_id, since, keys) if keys else []:
        paths[(path.event_type, path.event_name)].append(path)
    violations = await events.violation_counts_since(db, workspace_id, source_id, datetime.combine(since, time(), UTC))
    live = await rules.all_live_rules(db, workspace_id, stored.plan_id) if stored.plan_id else []
    by_rule: dict[tuple[RuleType, str | None], list[LiveRule]] = defaultdict(list)
    for current in live:
        by_rule[(current.type, current.key)].append(current)
    common = by_rule.get((RuleType.COMMON, None), [])
    observed = []
    for found in shown:
        key = (found.event_type, found.event_name)
        rule = rule_of(*key)
        planned = by_rule.get((rule.type, rule.key), []) if rule is not None else []
        observed.append(
            ObservedEvent(
                event_type=found.event_type,
                event_name=found.event_name or None,
                count=found.count,
                first_seen_at=found.first_seen_at,
                last_seen_at=found.last_seen_at,
                planned=bool(planned),
                rule_versions=sorted(version.version for version in planned),
                violations=violations.get(key, 0),
                properties=observed_properties(paths[key], _declared([*common, *planned])),
                dropped_properties=found.dropped_properties,
            )
        )
    dropped = await events.observed_drops_since(db, workspace_id, source_id, since)
    return ObservedSchema(
        source_id=source_id,
        tracking_plan_id=stored.plan_id,
        window=window,
        since=since,
        events=observed,
        limits=SchemaLimits(dropped_events=dropped, events_truncated=truncated),
        pagination=pagination,
    )


def _refused_import(refused: InvalidInput, rule: RuleInput, chosen: list[ObservedRule], listed: bool) -> InvalidInput:
    """A rule the import would write and the rule checks refuse, in terms of the request: the event when the
    caller listed it (`events[i]`), else the source."""
    observed = ObservedRule(type=rule.type, key=rule.key)
    named = f"{rule.type} {rule.key!r} v{rule.version}" if rule.key else f"{rule.type} v{rule.version}"
    field = f"events[{chosen.index(observed)}]" if listed else "sourceId"
    return InvalidInput(f"The {named} rule the import would write is refused: {refused.message}", field=field)


def _declared(live: list[LiveRule]) -> Callable[[str], bool]:
    """Whether any of these rules declares a path."""
    texts = [rule.schema_text for rule in live if rule.schema_text is not None]
    return lambda path: any(declares(text, path) for text in texts)


async def import_observed(
    pool: Pool, by: Principal, plan_id: str, wanted: ImportObserved, expected: Precondition | None, dry_run: bool
) -> tuple[ObservedImportData, int]:
    """Create or update the rules of what a source sent in a window (all its events, or those named) in a LIVE plan,
    in one transaction, as upserts without the 200-rule limit: TRACK per event name, IDENTIFY and GROUP from traits,
    PAGE and SCREEN per name, their schemas inferred (see `api.domain.inferred_rules`); existing rules keep what they
    declare. Records `RULES_IMPORTED`. Returns what it did and the plan's revision after it.

    Raises InvalidInput (a bad event list, an inferred rule the rule checks refuse), NotFound (no such plan
    or source, a source that sent nothing in the window, named events it did not send), Conflict (not a LIVE plan),
    PreconditionFailed (`If-Match`).
    """
    window = wanted.window
    wanted.check()
    async with transaction(pool) as conn:
        target = await plans.get_plan(conn, by.workspace_id, plan_id)
        if target.plan.type is not PlanType.LIVE:
            raise Conflict(f"Rules are imported into LIVE plans; {plan_id!r} is a {target.plan.type}.")
        with regarding("source"):
            await sources.get_source(conn, by.workspace_id, wanted.source_id)
        since = first_day(window, datetime.now(UTC))
        counts = await events.observed_events_since(conn, by.workspace_id, wanted.source_id, since, None, None)
        if not counts:
            raise NotFound(f"Source {wanted.source_id!r} sent no events in the last {window}.", field="sourceId")
        counts = counts[:MAX_EVENTS]
        sent = {(found.event_type, found.event_name): found.count for found in counts}
        if wanted.events is None:
            chosen = [rule for rule in (rule_of(*key) for key in sent) if rule is not None]
        else:
            chosen = wanted.events
            missing = [(i, rule) for i, rule in enumerate(chosen) if event_of(rule) not in sent]
            if missing:
                names = ", ".join(f"{rule.type} {rule.key!r}" if rule.key else str(rule.type) for _, rule in missing)
                raise NotFound(
                    f"Source {wanted.source_id!r} did not send these events in the last {window}: {names}.",
                    field=f"events[{missing[0][0]}]",
                )
        check_copy_size(len(chosen), "events")
        keys = [event_of(rule) for rule in chosen]
        paths: dict[tuple[str, str], list[ObservedPathCount]] = defaultdict(list)
        for path in await events.observed_properties_since(conn, by.workspace_id, wanted.source_id, since, keys):
            paths[(path.event_type, path.event_name)].append(path)
        inferred: dict[ObservedRule, dict[str, object]] = {}
        ambiguous: list[AmbiguousProperty] = []
        for rule, key in zip(chosen, keys, strict=True):
            schema, unclear = infer_schema(rule, sent[key], paths[key], wanted.required_when_always_present)
            inferred[rule] = schema
            ambiguous += unclear
        imported = Change(
            action=ChangeAction.RULES_IMPORTED,
            after={
                "sourceId": wanted.source_id,
                "window": window,
                "events": None if wanted.events is None else [msgspec.to_builtins(rule) for rule in chosen],
            },
        )

        conflicting: list[ConflictingProperty] = []
        skipped: list[SkippedProperty] = []

        def change_set_for(live: list[LiveRule]) -> ChangeSet:
            by_rule: dict[ObservedRule, list[LiveRule]] = defaultdict(list)
            for current in live:
                by_rule[ObservedRule(type=current.type, key=current.key)].append(current)
            inputs: list[RuleInput] = []
            conflicting.clear()
            skipped.clear()
            for rule, schema in inferred.items():
                merged = merged_rules(rule, schema, by_rule.get(rule, []), paths[event_of(rule)])
                inputs += merged.rules
                conflicting.extend(merged.conflicting)
                skipped.extend(merged.skipped)
            for written in inputs:
                try:
                    check_rules([written])
                except InvalidInput as refused:
                    raise _refused_import(refused, written, chosen, wanted.events is not None) from None
            return changes_to_upsert(as_upserts(inputs), live)

        # all the plan's live rules: every version of an imported event is merged into
        change, after = await write_rules(conn, by, plan_id, expected, dry_run, change_set_for, also_record=[imported])
    answer = ObservedImportData(
        dry_run=dry_run,
        tracking_plan=after.plan,
        ambiguous=ambiguous,
        conflicting=conflicting,
        skipped=skipped,
        **msgspec.structs.asdict(change),
    )
    return answer, after.revision
