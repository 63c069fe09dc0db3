"""Checking events: against a plan (`POST /tracking-plans/{id}/validate`), and through a source's whole
pipeline as a dry run (`POST /sources/{id}/validate`). Both compile a plan once per revision
(`api.services.validation`)."""

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
    RuleRef,
    Violation,
    read_event,
    run_pipeline,
)
from api.routes.dependencies import Caller, Pool, SourceId, TrackingPlanId
from api.routes.responses import WITH_BODY, errors
from api.services import validation

MAX_EVENTS = 1000


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
        stored, plan = await validation.plan_to_check(pool, principal, trackingPlanId)
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
        self, sourceId: SourceId, data: JSONBody[ValidateEvents], principal: Caller, pool: Pool
    ) -> SourceValidationResponse:
        """Run events through the source's pipeline as a dry run: its transformations, its plan's checks, its schema
        controls. Each event's outcome, the event as delivered (with `context.protocols`), its violations and the
        `Violation Generated` events forwarding would send. Nothing is sent or stored; every role may call it."""
        pipeline = await validation.source_pipeline(pool, principal, sourceId)
        results = []
        for index, raw in enumerate(data.events):
            try:
                event = read_event(raw)
            except EventError as exc:
                results.append(PipelineResult(index=index, outcome=Outcome.REJECTED, checked=False, error=str(exc)))
                continue
            results.append(
                run_pipeline(
                    index,
                    event,
                    pipeline.transformations,
                    pipeline.plan,
                    pipeline.settings,
                    pipeline.source,
                    pipeline.plan_ref,
                )
            )
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
                source_id=sourceId, tracking_plan_id=pipeline.plan_id, results=results, summary=summary
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
