"""Reading back what the HTTP Tracking API took in: violations per plan and per source, the workspace's digest,
delivery counts and the debugger. Every role may read them; each worker writes its counts within a second."""

from datetime import UTC, datetime
from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.params import QueryParameter

from api.domain.event_reports import (
    DIGEST_WINDOW,
    DeliveryCounts,
    DigestViolation,
    EventViolations,
    HourlyDelivery,
    RecentEvent,
    Window,
    delivery_totals,
    digest,
    event_violations,
    page_of,
    window_start,
)
from api.domain.observed import EventType, ObservedSchema, SchemaFilters, SchemaWindow
from api.domain.pagination import Pagination
from api.domain.rules import RULE_KEY_PATTERN
from api.routes.dependencies import Caller, Page, Pool, SourceId, TrackingPlanId
from api.routes.responses import errors
from api.services.observed import observed_schema
from api.store import events, plans, sources

WindowParameter = Annotated[
    Window,
    QueryParameter(
        description="How far back: the last hour, 24 hours (when absent) or 7 days, in whole hourly buckets."
    ),
]
EventParameter = Annotated[
    str | None,
    QueryParameter(
        min_length=1,
        max_length=200,
        pattern=RULE_KEY_PATTERN,
        description="Only this event (track name, page or screen name).",
    ),
]


class PlanViolationsData(msgspec.Struct, kw_only=True, rename="camel"):
    tracking_plan_id: str
    window: Window
    since: datetime
    """The start of the first hour counted."""
    events: list[EventViolations]
    pagination: Pagination


class PlanViolationsResponse(msgspec.Struct, kw_only=True):
    data: PlanViolationsData


class SourceViolationsData(msgspec.Struct, kw_only=True, rename="camel"):
    source_id: str
    window: Window
    since: datetime
    events: list[EventViolations]
    pagination: Pagination


class SourceViolationsResponse(msgspec.Struct, kw_only=True):
    data: SourceViolationsData


class DigestData(msgspec.Struct, kw_only=True):
    since: datetime
    """48 hours back, at the start of that hour."""
    violations: list[DigestViolation]
    pagination: Pagination


class DigestResponse(msgspec.Struct, kw_only=True):
    data: DigestData


class DeliveryData(msgspec.Struct, kw_only=True, rename="camel"):
    source_id: str
    window: Window
    since: datetime
    totals: DeliveryCounts
    hours: list[HourlyDelivery]
    """Hours with events, oldest first."""


class DeliveryResponse(msgspec.Struct, kw_only=True):
    data: DeliveryData


class ObservedSchemaResponse(msgspec.Struct, kw_only=True):
    data: ObservedSchema


class RecentEventsData(msgspec.Struct, kw_only=True, rename="camel"):
    source_id: str
    events: list[RecentEvent]
    """The source's last 100 events at most, newest first."""
    pagination: Pagination


class RecentEventsResponse(msgspec.Struct, kw_only=True):
    data: RecentEventsData


class EventReportsController(Controller):
    tags = ["Events"]

    @get(
        "/tracking-plans/{trackingPlanId:str}/violations",
        operation_id="listViolationsOfTrackingPlan",
        responses=errors(404),
    )
    async def plan_violations(
        self,
        trackingPlanId: TrackingPlanId,
        principal: Caller,
        pool: Pool,
        page: Page,
        window: WindowParameter = Window.DAY,
    ) -> PlanViolationsResponse:
        """Violations of the events its connected sources received: per event (name, type, rule version), its count
        and each violation type and field, most violated first."""
        workspace_id = principal.workspace_id
        await plans.get_plan(pool, workspace_id, trackingPlanId)
        connected = [source.id for source, _ in await sources.connected_sources(pool, workspace_id, trackingPlanId)]
        since = window_start(window, datetime.now(UTC))
        rows = await events.plan_violations_since(pool, workspace_id, connected, since) if connected else []
        shown, pagination = page_of(event_violations(rows, with_samples=False), page)
        return PlanViolationsResponse(
            data=PlanViolationsData(
                tracking_plan_id=trackingPlanId, window=window, since=since, events=shown, pagination=pagination
            )
        )

    @get("/sources/{sourceId:str}/violations", operation_id="listViolationsOfSource", responses=errors(404))
    async def source_violations(
        self,
        sourceId: SourceId,
        principal: Caller,
        pool: Pool,
        page: Page,
        window: WindowParameter = Window.DAY,
        event: EventParameter = None,
    ) -> SourceViolationsResponse:
        """The source's violations per event, with the last 5 offending events of each; `event` picks one event."""
        workspace_id = principal.workspace_id
        await sources.get_source(pool, workspace_id, sourceId)
        since = window_start(window, datetime.now(UTC))
        rows = await events.violations_since(pool, workspace_id, [sourceId], since)
        if event is not None:
            rows = [row for row in rows if row.event_name == event]
        shown, pagination = page_of(event_violations(rows, with_samples=True), page)
        return SourceViolationsResponse(
            data=SourceViolationsData(
                source_id=sourceId, window=window, since=since, events=shown, pagination=pagination
            )
        )

    @get("/violations/digest", operation_id="getViolationsDigest", responses=errors())
    async def violations_digest(self, principal: Caller, pool: Pool, page: Page) -> DigestResponse:
        """The workspace's unique violations of the prior 48 hours, as Segment's daily digest lists them: source,
        event, field and type, how many times and when last."""
        since = window_start(DIGEST_WINDOW, datetime.now(UTC))
        rows = await events.workspace_violations_since(pool, principal.workspace_id, since)
        shown, pagination = page_of(digest(rows), page)
        return DigestResponse(data=DigestData(since=since, violations=shown, pagination=pagination))

    @get("/sources/{sourceId:str}/delivery", operation_id="getSourceDelivery", responses=errors(404))
    async def source_delivery(
        self, sourceId: SourceId, principal: Caller, pool: Pool, window: WindowParameter = Window.DAY
    ) -> DeliveryResponse:
        """How many events the source received, delivered, blocked and dropped (and delivered with omitted
        properties), in total and per hour."""
        workspace_id = principal.workspace_id
        await sources.get_source(pool, workspace_id, sourceId)
        since = window_start(window, datetime.now(UTC))
        hours = await events.deliveries_since(pool, workspace_id, sourceId, since)
        totals = delivery_totals(hours)
        return DeliveryResponse(
            data=DeliveryData(source_id=sourceId, window=window, since=since, totals=totals, hours=hours)
        )

    @get("/sources/{sourceId:str}/events/recent", operation_id="listRecentEventsOfSource", responses=errors(404))
    async def recent_events(
        self, sourceId: SourceId, principal: Caller, pool: Pool, page: Page
    ) -> RecentEventsResponse:
        """The debugger: the source's last 100 events, newest first, each with its outcome and, when a plan checked
        it, `context.protocols`."""
        workspace_id = principal.workspace_id
        await sources.get_source(pool, workspace_id, sourceId)
        entries = await events.recent_events(pool, workspace_id, sourceId)
        shown, pagination = page_of(entries, page)
        return RecentEventsResponse(data=RecentEventsData(source_id=sourceId, events=shown, pagination=pagination))

    @get("/sources/{sourceId:str}/schema", operation_id="getSourceSchema", responses=errors(404))
    async def source_schema(
        self,
        sourceId: SourceId,
        principal: Caller,
        pool: Pool,
        page: Page,
        window: Annotated[
            SchemaWindow,
            QueryParameter(description="How far back: 24 hours (when absent), 7 days or 30 days, in whole UTC days."),
        ] = SchemaWindow.DAY,
        type: Annotated[EventType | None, QueryParameter(description="Only events of this type.")] = None,
        event: EventParameter = None,
    ) -> ObservedSchemaResponse:
        """The source's observed schema, as Segment's Schema tab: each event it sent in the window (before
        transformations and controls) with its count, first and last seen, the connected plan's rule versions and its
        violations, and its properties with the JSON types seen and how often, and whether the plan declares them.
        Events by type then name; Segment's limits (4,000 events, 300 properties per event) and what they held back
        are in `limits`."""
        filters = SchemaFilters(event_type=type, event_name=event)
        found = await observed_schema(pool, principal.workspace_id, sourceId, window, filters, page)
        return ObservedSchemaResponse(data=found)
