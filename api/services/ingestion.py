"""Taking in events from the HTTP Tracking API: the source a write key names, each event through the validation
engine's pipeline (`run_pipeline`: transformations, plan checks, schema controls), forwarding, and counting.

A source's pipeline (settings, transformations, compiled plan) is looked up once per write key and second
(`SOURCE_TTL_SECONDS`): a change to a source or its plan applies to events within a second, and a busy source
costs one query a second, not one per request. Plans compile once per (plan id, revision), in the same
cache the validate calls use.

Forwarding is one hop, as in Segment: `Violation Generated` events (`forwardingViolationsTo`) and blocked events
(`forwardingBlockedEventsTo`) are counted as delivered in the target source and shown in its debugger, without
running its pipeline again, so nothing they cause is forwarded further.
"""

import time
from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from api.domain.sources import SchemaSettings
from api.domain.tracking_api import TrackingRequest
from api.domain.transformations import TransformationInput
from api.domain.validation import CompiledPlan, Outcome, PlanRef, SourceRef, run_pipeline
from api.errors import Unauthorized
from api.services.aggregates import Aggregator
from api.services.validation import compiled_plan
from api.store import events, transformations

SOURCE_TTL_SECONDS = 1.0
MAX_CACHED_SOURCES = 10_000


class SourcePipeline(msgspec.Struct, kw_only=True):
    """What the events of one source run through."""

    workspace_id: str
    source: SourceRef
    enabled: bool
    settings: SchemaSettings
    transformations: list[TransformationInput]
    plan: CompiledPlan | None
    plan_ref: PlanRef | None


class Ingestion:
    """One worker's intake: pipelines by write key (for a second) and the worker's `Aggregator`; `observe` keeps the
    observed schema of the sources."""

    def __init__(self, aggregator: Aggregator, observe: bool = True) -> None:
        self.aggregator = aggregator
        self.observe = observe
        self._pipelines: dict[str, tuple[float, SourcePipeline]] = {}

    async def pipeline_for(self, pool: "asyncpg.Pool[Any]", write_key: str | None) -> SourcePipeline:
        """The pipeline of the source with this write key; 401 when there is none (unknown or deleted)."""
        if not write_key:
            raise Unauthorized("Send the source's write key as HTTP Basic user, or as `writeKey` in the body.")
        cached = self._pipelines.get(write_key)
        now = time.monotonic()
        if cached is not None and now - cached[0] < SOURCE_TTL_SECONDS:
            return cached[1]
        found = await events.source_by_write_key(pool, write_key)
        if found is None:
            self._pipelines.pop(write_key, None)
            raise Unauthorized("The write key is unknown, or its source was deleted.")
        plan, plan_ref = None, None
        if found.plan_id is not None and found.plan_revision is not None:
            plan = await compiled_plan(pool, found.workspace_id, found.plan_id, found.plan_revision)
            plan_ref = PlanRef(resource_schema_id=found.resource_schema_id or "", name=found.plan_name or "")
        pipeline = SourcePipeline(
            workspace_id=found.workspace_id,
            source=SourceRef(id=found.source_id, slug=found.slug, name=found.name),
            enabled=found.enabled,
            settings=found.settings,
            transformations=await transformations.source_transformations(pool, found.workspace_id, found.source_id),
            plan=plan,
            plan_ref=plan_ref,
        )
        if len(self._pipelines) >= MAX_CACHED_SOURCES:
            self._pipelines.clear()
        self._pipelines[write_key] = (now, pipeline)
        return pipeline

    def ingest(self, pipeline: SourcePipeline, request: TrackingRequest, received_at: datetime) -> None:
        """Observe every event of a request `read_request` checked as the source sent it, run it through the source's
        pipeline and count it; a disabled source takes events and drops them uncounted."""
        if not pipeline.enabled:
            return
        record = self.aggregator.record
        workspace_id, source = pipeline.workspace_id, pipeline.source
        settings = pipeline.settings
        if self.observe:
            self.aggregator.observe(workspace_id, source.id, received_at, request.events)
        for index, event in enumerate(request.events):
            result = run_pipeline(
                index, event, pipeline.transformations, pipeline.plan, settings, source, pipeline.plan_ref
            )
            delivered = result.event if result.event is not None else event
            # an event its transformations made unreadable is dropped too (`error` says why)
            outcome = Outcome.DROPPED if result.outcome is Outcome.REJECTED else result.outcome
            entry: dict[str, Any] = {"receivedAt": event["receivedAt"], "outcome": outcome, "event": delivered}
            if result.blocked_reason is not None:
                entry["blockedReason"] = result.blocked_reason
            if result.error is not None:
                entry["error"] = result.error
            record(
                workspace_id,
                source.id,
                received_at,
                delivered,
                outcome,
                violations=result.violations,
                version=result.rules[0].version if result.rules else 0,
                omitted=bool(result.omitted or result.omitted_on_violation),
                entry=entry,
            )
            if result.outcome is Outcome.BLOCKED and result.forwarded_to is not None:
                self._forward(workspace_id, result.forwarded_to, source.id, event, received_at)
            target = settings.forwarding_violations_to
            if target is not None:
                for violation_event in result.violation_events:
                    violation_event["receivedAt"] = violation_event["timestamp"] = event["receivedAt"]
                    self._forward(workspace_id, target, source.id, violation_event, received_at)

    def _forward(
        self, workspace_id: str, target: str, from_source: str, event: dict[str, Any], received_at: datetime
    ) -> None:
        entry = {"receivedAt": event["receivedAt"], "outcome": Outcome.DELIVERED, "event": event}
        entry["forwardedFrom"] = from_source
        self.aggregator.record(workspace_id, target, received_at, event, Outcome.DELIVERED, entry=entry)
