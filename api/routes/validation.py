"""Checking events: against a plan (`POST /tracking-plans/{id}/validate`), and through a source's whole
pipeline as a dry run (`POST /sources/{id}/validate`). Both compile a plan once per revision (`PLANS`)."""

from collections import Counter
from typing import Annotated

import msgspec
from litestar import Controller, post
from litestar.params import JSONBody

from api.domain.validation import (
    CompiledPlan,
    EventError,
    Outcome,
    PipelineResult,
    PlanCache,
    PlanRef,
    PlanRule,
    RuleRef,
    SchemaError,
    SourceRef,
    Violation,
    compile_plan,
    read_event,
    run_pipeline,
)
from api.errors import InvalidInput
from api.routes.dependencies import Caller, Pool, Snapshot
from api.routes.responses import WITH_BODY, errors
from api.routes.sources import SourceId
from api.routes.tracking_plans import TrackingPlanId
from api.store import Db, plans, rules, sources, transformations

MAX_EVENTS = 1000

PLANS = PlanCache()
"""This worker's compiled plans."""


class ValidateEvents(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    events: Annotated[
        list[msgspec.Raw],
        msgspec.Meta(
            min_length=1,
            max_length=MAX_EVENTS,
            description=(
                f"1 to {MAX_EVENTS} events as the analytics libraries send them (`type`, `event`, `properties`, "
                "`traits`, `context`, …); each at most 32 KB. An event that cannot be checked is reported as such; "
                "the others are still checked."
            ),
        ),
    ]


class EventResult(msgspec.Struct, kw_only=True, rename="camel"):
    """One event checked against a plan."""

    index: int
    """The event's place in the request, from 0."""
    valid: bool
    """No violation (an unplanned event is valid: schema controls decide what becomes of it)."""
    rules: list[RuleRef] = msgspec.field(default_factory=list)
    """Every rule it was checked against, its own first, COMMON last."""
    unplanned: bool = False
    """A track, page or screen call that no rule of its own plans."""
    violations: list[Violation] = msgspec.field(default_factory=list)
    unplanned_properties: list[str] = msgspec.field(default_factory=list)
    """Top-level `properties` (`traits`) names its rules do not declare."""
    error: str | None = None
    """Why the event could not be checked (it is then invalid)."""


class ValidationSummary(msgspec.Struct, kw_only=True):
    events: int
    valid: int
    invalid: int
    """Events with violations, and events that could not be checked."""
    unplanned: int
    rejected: int
    """Events that could not be checked (see each one's `error`)."""
    violations: dict[str, int]
    """How many violations of each type."""


class PlanValidationData(msgspec.Struct, kw_only=True, rename="camel"):
    tracking_plan_id: str
    revision: int
    """The plan's revision (its `ETag`) the events were checked against."""
    results: list[EventResult]
    summary: ValidationSummary


class PlanValidationResponse(msgspec.Struct, kw_only=True):
    data: PlanValidationData


class PipelineSummary(msgspec.Struct, kw_only=True):
    events: int
    delivered: int
    blocked: int
    dropped: int
    rejected: int
    violations: dict[str, int]


class SourceValidationData(msgspec.Struct, kw_only=True, rename="camel"):
    source_id: str
    tracking_plan_id: str | None
    """The plan that checked the events; null when the source has none (events are delivered unchecked)."""
    results: list[PipelineResult]
    summary: PipelineSummary


class SourceValidationResponse(msgspec.Struct, kw_only=True):
    data: SourceValidationData


async def compiled_plan(db: Db, workspace_id: str, plan_id: str, revision: int) -> CompiledPlan:
    """The plan's live rules at `revision` compiled, from this worker's cache when it holds that revision.

    Without a transaction: the rules are read, then the plan again; when its revision has not moved, the
    rules are that revision's and the compiled plan is cached, else they are used for this call only.
    """
    cached = PLANS.get(plan_id, revision)
    if cached is not None:
        return cached
    live = await rules.all_live_rules(db, workspace_id, plan_id)
    compiled: list[PlanRule] = []
    for rule in live:
        schema = msgspec.json.decode(rule.schema_text) if rule.schema_text is not None else None
        compiled.append(PlanRule(type=rule.type, key=rule.key, version=rule.version, json_schema=schema))
    try:
        plan = compile_plan(compiled)
    except SchemaError as exc:
        # only rules stored before the engine existed can get here: writes refuse what it cannot compile
        raise InvalidInput(f"A rule of the plan cannot check events: {exc}", field="trackingPlanId") from None
    if (await plans.get_plan(db, workspace_id, plan_id)).revision == revision:
        PLANS.put(plan_id, revision, plan)
    return plan


class ValidationController(Controller):
    tags = ["Validation"]

    @post(
        "/tracking-plans/{trackingPlanId:str}/validate",
        operation_id="validateEventsAgainstTrackingPlan",
        status_code=200,
        responses=errors(404, *WITH_BODY),
    )
    async def validate_plan(
        self, trackingPlanId: TrackingPlanId, data: JSONBody[ValidateEvents], principal: Caller, pool: Pool
    ) -> PlanValidationResponse:
        """Check events against the plan's live rules, as Protocols would: each event's rules, violations and
        unplanned properties, and a summary. Nothing is stored; every role may call it."""
        stored = await plans.get_plan(pool, principal.workspace_id, trackingPlanId)
        plan = await compiled_plan(pool, principal.workspace_id, trackingPlanId, stored.revision)
        results = [_check(plan, index, raw) for index, raw in enumerate(data.events)]
        counts: Counter[str] = Counter()
        valid = unplanned = rejected = 0
        for result in results:
            if result.valid:
                valid += 1
            else:
                counts.update(violation.type for violation in result.violations)
                rejected += result.error is not None
            unplanned += result.unplanned
        summary = ValidationSummary(
            events=len(results),
            valid=valid,
            invalid=len(results) - valid,
            unplanned=unplanned,
            rejected=rejected,
            violations=dict(sorted(counts.items())),
        )
        return PlanValidationResponse(
            data=PlanValidationData(
                tracking_plan_id=trackingPlanId, revision=stored.revision, results=results, summary=summary
            )
        )

    @post(
        "/sources/{sourceId:str}/validate",
        operation_id="validateEventsThroughSource",
        status_code=200,
        responses=errors(404, *WITH_BODY),
    )
    async def validate_source(
        self, sourceId: SourceId, data: JSONBody[ValidateEvents], principal: Caller, snapshot: Snapshot
    ) -> SourceValidationResponse:
        """Run events through the source's pipeline as a dry run: its transformations, its plan's checks, its schema
        controls. Each event's outcome, the event as delivered (with `context.protocols`), its violations and the
        `Violation Generated` events forwarding would send. Nothing is sent or stored; every role may call it."""
        workspace_id = principal.workspace_id
        stored = await sources.get_source(snapshot, workspace_id, sourceId)
        settings = await sources.get_schema_settings(snapshot, workspace_id, sourceId)
        found = await transformations.source_transformations(snapshot, workspace_id, sourceId)
        plan, plan_ref = None, None
        if stored.plan_id is not None:
            connected = await plans.get_plan(snapshot, workspace_id, stored.plan_id)
            plan = await compiled_plan(snapshot, workspace_id, stored.plan_id, connected.revision)
            plan_ref = PlanRef(resource_schema_id=connected.plan.resource_schema_id, name=connected.plan.name)
        source = SourceRef(id=stored.source.id, slug=stored.source.slug, name=stored.source.name)
        results = []
        for index, raw in enumerate(data.events):
            try:
                event = read_event(raw)
            except EventError as exc:
                results.append(PipelineResult(index=index, outcome=Outcome.REJECTED, checked=False, error=str(exc)))
                continue
            results.append(run_pipeline(index, event, found, plan, settings, source, plan_ref))
        outcomes = Counter(result.outcome for result in results)
        counts: Counter[str] = Counter(violation.type for result in results for violation in result.violations)
        summary = PipelineSummary(
            events=len(results),
            delivered=outcomes[Outcome.DELIVERED],
            blocked=outcomes[Outcome.BLOCKED],
            dropped=outcomes[Outcome.DROPPED],
            rejected=outcomes[Outcome.REJECTED],
            violations=dict(sorted(counts.items())),
        )
        return SourceValidationResponse(
            data=SourceValidationData(
                source_id=sourceId, tracking_plan_id=stored.plan_id, results=results, summary=summary
            )
        )


def _check(plan: CompiledPlan, index: int, raw: msgspec.Raw) -> EventResult:
    try:
        event = read_event(raw)
    except EventError as exc:
        return EventResult(index=index, valid=False, error=str(exc))
    checked = plan.check(event)
    violations = checked.all_violations
    return EventResult(
        index=index,
        valid=not violations,
        rules=checked.rules,
        unplanned=checked.unplanned,
        violations=violations,
        unplanned_properties=checked.unplanned_properties,
    )
