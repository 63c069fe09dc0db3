"""What the violation, delivery and debugger reads answer, shaped from the hourly aggregates (pure).

Windows are Segment's Violations page's (`1h`, `24h`, `7d`) and its digest's 48 hours. Counts are kept per
hour, so a window covers the hourly buckets that overlap it: `1h` at 10:30 counts 09:00 to now.
"""

import enum
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

import msgspec

from api.domain.pagination import PageRequest, Pagination, RowPosition, paginate

T = TypeVar("T")

DIGEST_WINDOW = timedelta(hours=48)


class Window(enum.StrEnum):
    """How far back a read looks."""

    HOUR = "1h"
    DAY = "24h"
    WEEK = "7d"


_SPANS = {Window.HOUR: timedelta(hours=1), Window.DAY: timedelta(hours=24), Window.WEEK: timedelta(days=7)}


def window_start(window: Window | timedelta, now: datetime) -> datetime:
    """The first hourly bucket a window ending `now` overlaps."""
    span = window if isinstance(window, timedelta) else _SPANS[window]
    return (now - span).replace(minute=0, second=0, microsecond=0)


class FieldViolations(msgspec.Struct, kw_only=True, rename="camel"):
    """One violation type on one field of an event."""

    type: str
    """`Required`, `Invalid Type`, … as events carry them."""
    field: str
    count: int
    description: str
    """The latest description."""
    last_seen_at: datetime
    samples: list[dict[str, Any]] | msgspec.UnsetType = msgspec.UNSET
    """The last 5 offending events as delivered (with `context.protocols`), newest first (source reads only)."""


class EventViolations(msgspec.Struct, kw_only=True, rename="camel"):
    """An event's violations in the window: its name, type and rule version, and each violation type and field."""

    event_name: str | None
    """null for calls without a name (identify, group, alias, unnamed pages and screens)."""
    event_type: str
    version: int
    """The rule version the events were checked against (0 when no rule of the plan applied)."""
    count: int
    violations: list[FieldViolations]


class ViolationCount(msgspec.Struct, kw_only=True):
    """The count of one violation (type, field) of one event (type, name, rule version) in a window, as stored."""

    event_type: str
    event_name: str
    """Empty for calls without a name."""
    version: int
    violation_type: str
    field: str
    count: int
    description: str
    last_seen_at: datetime
    samples: str | None = None
    """The last 5 offending events, a JSON array newest first (only the reads of one source's violations)."""


def event_violations(counts: Iterable[ViolationCount], with_samples: bool) -> list[EventViolations]:
    """Counts (with `samples` only when `with_samples`) grouped per event, most violated first."""
    per_field: dict[tuple[str, str, int, str, str], FieldViolations] = {}
    for row in counts:
        key = (row.event_type, row.event_name, row.version, row.violation_type, row.field)
        found = per_field.get(key)
        if found is None or row.last_seen_at > found.last_seen_at:
            newer = FieldViolations(
                type=row.violation_type,
                field=row.field,
                count=row.count + (found.count if found else 0),
                description=row.description,
                last_seen_at=row.last_seen_at,
                samples=msgspec.json.decode(row.samples or "[]") if with_samples else msgspec.UNSET,
            )
            per_field[key] = newer
        else:
            found.count += row.count
    per_event: dict[tuple[str, str, int], EventViolations] = {}
    for (kind, name, version, _, _), field in per_field.items():
        event = per_event.get((kind, name, version))
        if event is None:
            event = per_event[(kind, name, version)] = EventViolations(
                event_name=name or None, event_type=kind, version=version, count=0, violations=[]
            )
        event.count += field.count
        event.violations.append(field)
    for event in per_event.values():
        event.violations.sort(key=lambda found: (-found.count, found.field, found.type))
    return sorted(per_event.values(), key=lambda event: (-event.count, event.event_name or "", event.event_type))


class EventHour(msgspec.Struct, kw_only=True):
    """How many violations the events of one name and type had in one hour."""

    event_type: str
    event_name: str
    """Empty for calls without a name."""
    hour: datetime
    """The start of the hour."""
    count: int


class DigestViolation(msgspec.Struct, kw_only=True, rename="camel"):
    """One unique violation of the digest: where, what, how often, when last."""

    source_id: str
    source_slug: str
    source_name: str
    event_name: str | None
    event_type: str
    field: str
    type: str
    count: int
    last_seen_at: datetime


def digest(found: Iterable[DigestViolation]) -> list[DigestViolation]:
    """The workspace's violations as the digest lists them: by source, event, field and type."""
    return sorted(found, key=lambda item: (item.source_slug, item.event_name or "", item.field, item.type))


class DeliveryCounts(msgspec.Struct, kw_only=True):
    """What became of a source's events."""

    received: int = 0
    """Events taken in, each `messageId` once."""
    delivered: int = 0
    blocked: int = 0
    """Stopped by a schema control (forwarded to `forwardingBlockedEventsTo` when set)."""
    dropped: int = 0
    """Dropped by a transformation."""
    omitted: int = 0
    """Delivered without some properties or traits (unplanned, or with violations)."""


class HourlyDelivery(DeliveryCounts, kw_only=True):
    hour: datetime
    """The start of the hour."""


def delivery_totals(hours: Iterable[HourlyDelivery]) -> DeliveryCounts:
    """The counts of these hours added up."""
    totals = DeliveryCounts()
    for hour in hours:
        totals.received += hour.received
        totals.delivered += hour.delivered
        totals.blocked += hour.blocked
        totals.dropped += hour.dropped
        totals.omitted += hour.omitted
    return totals


def page_of(items: Sequence[T], page: PageRequest) -> tuple[list[T], Pagination]:
    """One page of a list computed whole (a report): positions are places in the list."""
    position: int | None = page.position(RowPosition)
    start = 0
    if page.cursor.direction == "after" and position is not None:
        start = position + 1
    elif page.cursor.direction == "before" and position is not None:
        start = max(0, position - page.count - 1)
    stop = position if page.cursor.direction == "before" and position is not None else start + page.count + 1
    places = list(range(len(items)))[start:stop]
    shown, pagination = paginate(places, page, len(items), _itself)
    return [items[place] for place in shown], pagination


_itself: Callable[[int], int] = int


class RecentEvent(msgspec.Struct, kw_only=True, rename="camel"):
    """One event as the debugger shows it."""

    received_at: str
    outcome: str
    """DELIVERED, BLOCKED or DROPPED."""
    event: dict[str, Any]
    """As delivered (with `context.protocols` when a plan checked it), as blocked, or as received when dropped."""
    blocked_reason: str | msgspec.UnsetType = msgspec.UNSET
    error: str | msgspec.UnsetType = msgspec.UNSET
    """Why a transformation's result could not be delivered."""
    forwarded_from: str | msgspec.UnsetType = msgspec.UNSET
    """The source that forwarded it (a violation or a blocked event)."""
