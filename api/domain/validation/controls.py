"""Schema controls and the whole Protocols pipeline for one event, as a source runs it.

The pipeline: the source's own transformations (source-scoped, `api.domain.transforming`), then the
connected plan's checks (`engine`), then the source's schema controls (wire.md), in this order:
1. track: an unplanned event is blocked unless `allowUnplannedEvents`; an event with violations of
   its own rule is blocked unless `allowEventOnViolations`;
2. the top-level names the rules do not plan are removed (`omitted`) unless
   `allowUnplannedEventProperties` (identify and group: `allowUnplannedTraits`); an unplanned event
   keeps its properties;
3. properties with violations of the event's own rule are removed (`omitted_on_violation`) unless
   `allowPropertiesOnViolations` (`allowTraitsOnViolations`);
4. last, `commonEventOnViolations` on the COMMON rule's violations: BLOCK blocks, OMIT_PROPERTIES and
   OMIT_TRAITS remove the properties (traits) that have them.
Controls apply to track, identify and group only; page, screen and alias calls are checked and
always delivered. A property "has" a violation when the violation's field is that property or lies
inside it; a violation on the payload object as a whole (`additionalProperties`, `minProperties`)
removes nothing. A blocked event goes to `forwardingBlockedEventsTo` when set, else is discarded.
"""

import enum
import uuid
from collections.abc import Sequence
from typing import Any

import msgspec

from api.domain.json_objects import Event
from api.domain.sources import SchemaSettings
from api.domain.transformations import TransformationInput
from api.domain.transforming import apply_transformations
from api.domain.validation.engine import Checked, CompiledPlan, RuleRef
from api.domain.validation.events import EventError, check_event_depth, check_event_shape
from api.domain.validation.violations import Violation

VIOLATION_EVENT = "Violation Generated"
VIOLATIONS_USER_ID = "schema-violations"
_MESSAGE_IDS = uuid.UUID("6f1c2b0e-4f2a-4c59-9d7e-0b9a43a3c1d5")
"""Namespace of the `sch-` message ids of violation events: the same event and violation get the same id."""


class Outcome(enum.StrEnum):
    """What becomes of an event."""

    DELIVERED = "DELIVERED"
    """Sent on to destinations, with `context.protocols` when a plan checked it."""
    BLOCKED = "BLOCKED"
    """Stopped by a schema control; forwarded to `forwardingBlockedEventsTo` when set."""
    DROPPED = "DROPPED"
    """Dropped by a transformation (`drop`)."""
    REJECTED = "REJECTED"
    """Not an event the pipeline can take (see `error`); the HTTP Tracking API would refuse it."""


class SourceRef(msgspec.Struct, kw_only=True, frozen=True):
    """The source an event arrives at."""

    id: str
    slug: str
    name: str


class PlanRef(msgspec.Struct, kw_only=True, frozen=True):
    """The plan connected to the source, as violation events name it."""

    resource_schema_id: str
    """The plan's `rs_` id: violation events carry it as `trackingPlanID`."""
    name: str


class Controlled(msgspec.Struct, kw_only=True):
    """An event after the schema controls."""

    outcome: Outcome
    event: dict[str, Any] | None
    """The event as delivered (or as blocked), with `context.protocols`."""
    blocked_reason: str | None = None
    omitted: list[str] = msgspec.field(default_factory=list)
    omitted_on_violation: list[str] = msgspec.field(default_factory=list)


_CONTROLLED_TYPES = frozenset({"track", "identify", "group"})


def apply_controls(event: dict[str, Any], checked: Checked, settings: SchemaSettings, source_id: str) -> Controlled:
    """The schema controls of `settings` on a checked event; `event` (a copy the caller owns) is changed in place."""
    kind = event["type"]
    omitted: list[str] = []
    on_violation: list[str] = []
    reason = None
    if kind in _CONTROLLED_TYPES:
        payload_key = "properties" if kind == "track" else "traits"
        payload = event.get(payload_key)
        if kind == "track":
            track = settings.track
            allow_unplanned, allow_on_violation = (
                track.allow_unplanned_event_properties,
                track.allow_properties_on_violations,
            )
            common_action = str(track.common_event_on_violations)
            if checked.unplanned and not track.allow_unplanned_events:
                reason = "The event is not in the tracking plan (allowUnplannedEvents is false)."
            elif checked.violations and not track.allow_event_on_violations:
                reason = "The event violates its rule (allowEventOnViolations is false)."
        else:
            traits = settings.identify if kind == "identify" else settings.group
            allow_unplanned, allow_on_violation = traits.allow_unplanned_traits, traits.allow_traits_on_violations
            common_action = str(traits.common_event_on_violations)
        if reason is None and checked.common_violations and common_action == "BLOCK":
            reason = "The event violates the common schema (commonEventOnViolations is BLOCK)."
        if not allow_unplanned:
            omitted = list(checked.unplanned_properties)
        if not allow_on_violation:
            on_violation = _violating_names(payload, payload_key, checked.violations)
        if common_action.startswith("OMIT_"):
            common_names = _violating_names(payload, payload_key, checked.common_violations)
            on_violation += [name for name in common_names if name not in on_violation]
        if isinstance(payload, dict):
            for name in [*omitted, *on_violation]:
                payload.pop(name, None)
    context = event.get("context")
    if not isinstance(context, dict):
        context = event["context"] = {}
    protocols = context.get("protocols")
    context["protocols"] = {
        **(protocols if isinstance(protocols, dict) else {}),
        "sourceId": source_id,
        "omitted": omitted,
        "omitted_on_violation": on_violation,
        "violations": msgspec.to_builtins(checked.all_violations),
    }
    outcome = Outcome.BLOCKED if reason is not None else Outcome.DELIVERED
    return Controlled(
        outcome=outcome, event=event, blocked_reason=reason, omitted=omitted, omitted_on_violation=on_violation
    )


def _violating_names(payload: Any, payload_key: str, violations: Sequence[Violation]) -> list[str]:
    """The top-level names of the payload whose value (or something inside it) has a violation, in payload order."""
    if not isinstance(payload, dict) or not violations:
        return []
    prefix = payload_key + "."
    fields = [violation.field[len(prefix) :] for violation in violations if violation.field.startswith(prefix)]
    return [name for name in payload if any(field == name or field.startswith(name + ".") for field in fields)]


class PipelineResult(msgspec.Struct, kw_only=True, rename="camel"):
    """One event through a source's pipeline, as `POST /sources/{sourceId}/validate` answers it."""

    index: int
    """The event's place in the request, from 0."""
    outcome: Outcome
    event: Event | None = None
    """The event as delivered (or blocked, as forwarded); null when dropped or rejected."""
    checked: bool
    """Whether a tracking plan checked the event (false: the source has no plan, or the event was not checked)."""
    rules: list[RuleRef] = msgspec.field(default_factory=list)
    unplanned: bool = False
    violations: list[Violation] = msgspec.field(default_factory=list)
    omitted: list[str] = msgspec.field(default_factory=list)
    omitted_on_violation: list[str] = msgspec.field(name="omitted_on_violation", default_factory=list)
    blocked_reason: str | None = None
    forwarded_to: str | None = None
    """Where a blocked event goes (`forwardingBlockedEventsTo`); null when it is discarded."""
    violation_events: list[Event] = msgspec.field(default_factory=list)
    """The `Violation Generated` track events sent to `forwardingViolationsTo` (none when it is not set)."""
    error: str | None = None
    """Why a REJECTED event could not be taken."""


def run_pipeline(
    index: int,
    event: dict[str, Any],
    transformations: Sequence[TransformationInput],
    plan: CompiledPlan | None,
    settings: SchemaSettings,
    source: SourceRef,
    plan_ref: PlanRef | None,
) -> PipelineResult:
    """One event (read by `read_event`) through transformations, checks and controls: nothing is sent or stored."""
    try:
        check_event_depth(event)
    except EventError as exc:
        return PipelineResult(index=index, outcome=Outcome.REJECTED, checked=False, error=str(exc))
    own = [transformation for transformation in transformations if transformation.destination_metadata_id is None]
    transformed = apply_transformations(own, event) if own else msgspec.json.decode(msgspec.json.encode(event))
    if transformed is None:
        return PipelineResult(index=index, outcome=Outcome.DROPPED, checked=False)
    try:
        check_event_shape(transformed)
    except EventError as exc:
        return PipelineResult(index=index, outcome=Outcome.REJECTED, checked=False, error=f"As transformed: {exc}")
    if plan is None or plan_ref is None:
        return PipelineResult(index=index, outcome=Outcome.DELIVERED, event=transformed, checked=False)
    checked = plan.check(transformed)
    controlled = apply_controls(transformed, checked, settings, source.id)
    blocked = controlled.outcome is Outcome.BLOCKED
    violations = checked.all_violations
    forward_to = settings.forwarding_violations_to
    return PipelineResult(
        index=index,
        outcome=controlled.outcome,
        event=controlled.event,
        checked=True,
        rules=checked.rules,
        unplanned=checked.unplanned,
        violations=violations,
        omitted=controlled.omitted,
        omitted_on_violation=controlled.omitted_on_violation,
        blocked_reason=controlled.blocked_reason,
        forwarded_to=settings.forwarding_blocked_events_to if blocked else None,
        violation_events=violation_events(transformed, violations, source, plan_ref) if forward_to else [],
    )


def violation_events(
    event: dict[str, Any], violations: Sequence[Violation], source: SourceRef, plan: PlanRef
) -> list[dict[str, Any]]:
    """The `Violation Generated` track events forwarding sends, one per violation (wire.md; note the capital `ID`)."""
    context = event.get("context")
    app = context.get("app") if isinstance(context, dict) else None
    kind = event["type"]
    name = event.get("event") if kind == "track" else event.get("name") if kind in ("page", "screen") else None
    found = []
    for i, violation in enumerate(violations):
        seed = f"{source.id}\x00{event.get('messageId')}\x00{i}\x00{violation.type}\x00{violation.field}"
        found.append(
            {
                "type": "track",
                "event": VIOLATION_EVENT,
                "userId": VIOLATIONS_USER_ID,
                "messageId": f"sch-{uuid.uuid5(_MESSAGE_IDS, seed)}",
                "properties": {
                    "appVersion": app.get("version") if isinstance(app, dict) else None,
                    "eventMessageID": event.get("messageId"),
                    "eventName": name,
                    "eventSentAt": event.get("sentAt"),
                    "eventTimestamp": event.get("timestamp"),
                    "eventType": kind,
                    "sourceID": source.id,
                    "sourceName": source.name,
                    "sourceSlug": source.slug,
                    "trackingPlanID": plan.resource_schema_id,
                    "trackingPlanName": plan.name,
                    "violationDescription": violation.description,
                    "violationField": violation.field,
                    "violationType": violation.type,
                },
            }
        )
    return found
