"""What one worker keeps of the events it took in, until it writes them to PostgreSQL in one batch.

Each event becomes an `Arrival` (a few small values); the worker's `Aggregator` writes what arrived at
most once a second (`run`), when asked (`flush`: tests, shutdown), never a statement per event: one
transaction of a handful of statements with array parameters (`unnest`):
- message ids are claimed first; an id its source saw in the 24 hours before is a duplicate and counts
  nowhere (so a library's retry is counted once, whichever worker took it);
- hourly delivery counts (received, delivered, blocked, dropped, omitted) per source;
- hourly violation counts per (source, event type, event name, rule version, violation type, field), with
  the latest description and the last 5 offending events;
- the last 100 events of each source (the debugger);
- the observed schema (`observe`): daily counts per (source, event type, event name), and per property path and JSON
  type, within Segment's limits (`api.domain.observed`); a worker remembers the events and paths it kept per source
  so that its writes stay within them. Every event taken in is observed, a retried message id included.
When PostgreSQL is unreachable, the flush fails, what it held is put back and tried again a second later.
Memory is bounded by `max_pending` arrivals: past it, arrivals are dropped, counted in `dropped` and
logged. Samples and debugger entries are bounded by their own counts (5 per violation, 100 per source).
"""

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

import asyncpg
import msgspec

from api.domain.observed import MAX_EVENTS, event_key, observe
from api.domain.validation import Outcome, Violation
from api.store import Db, events
from api.store.database import transaction

log = logging.getLogger("api.events")

FLUSH_INTERVAL_SECONDS = 1.0
DEFAULT_RETENTION_DAYS = 30
DEFAULT_MAX_PENDING = 200_000
"""Arrivals a worker holds at most while PostgreSQL is away (about 200 bytes each)."""
RECENT_EVENTS = 100
SAMPLES = 5
MESSAGE_ID_WINDOW = timedelta(hours=24)
EXPIRY_INTERVAL_SECONDS = 3600.0


class ViolationKey(NamedTuple):
    event_type: str
    event_name: str
    """'' for calls without a name."""
    version: int
    violation_type: str
    field: str


class Arrival(NamedTuple):
    """One event taken in, as the aggregates count it."""

    workspace_id: str
    source_id: str
    message_id: str
    received_at: datetime
    outcome: Outcome
    omitted: bool
    """Delivered without some of its properties or traits."""
    violations: tuple[ViolationKey, ...]


class _Sample:
    __slots__ = ("description", "events", "last_seen")

    def __init__(self) -> None:
        self.description = ""
        self.last_seen: datetime | None = None
        self.events: deque[dict[str, Any]] = deque(maxlen=SAMPLES)


class _Observed:
    """An event's observation in one day: its count, first and last seen, and per (path, type) [events, date-times];
    `kept` is the set of its paths the worker keeps (shared by its days: what the 300-property limit counts)."""

    __slots__ = ("count", "dropped", "first_seen", "kept", "last_seen", "paths")

    def __init__(self, received_at: datetime, kept: set[str]) -> None:
        self.kept = kept
        self.count = 0
        self.dropped = 0
        self.first_seen = self.last_seen = received_at
        self.paths: dict[tuple[str, str], list[int]] = {}

    def merge(self, older: "_Observed") -> None:
        self.count += older.count
        self.dropped += older.dropped
        self.first_seen = min(self.first_seen, older.first_seen)
        self.last_seen = max(self.last_seen, older.last_seen)
        for key, (count, date_times) in older.paths.items():
            counts = self.paths.setdefault(key, [0, 0])
            counts[0] += count
            counts[1] += date_times


_SampleKey = tuple[str, str, datetime, ViolationKey]
_SourceKey = tuple[str, str]
_ObservedKey = tuple[str, str, date, str, str]
_DayKey = tuple[str, str, date]
_ENCODE = msgspec.json.Encoder()


def hour_of(instant: datetime) -> datetime:
    return instant.replace(minute=0, second=0, microsecond=0)


class Aggregator:
    """One worker's aggregates (see the module docstring). Not thread-safe: used from the worker's event loop."""

    def __init__(self, retention_days: int = DEFAULT_RETENTION_DAYS, max_pending: int = DEFAULT_MAX_PENDING) -> None:
        self.retention = timedelta(days=retention_days)
        self.max_pending = max_pending
        self._arrivals: list[Arrival] = []
        self._samples: dict[_SampleKey, _Sample] = {}
        self._recent: dict[_SourceKey, deque[tuple[datetime, dict[str, Any]]]] = {}
        self._observed: dict[_ObservedKey, _Observed] = {}
        self._unobserved: dict[_DayKey, int] = {}
        self._kept: dict[_SourceKey, dict[tuple[str, str], set[str]]] = {}
        """Per source, the events (type, name) this worker observed and their paths: what the limits count."""
        self._flushing = asyncio.Lock()
        self._last_expiry = float("-inf")
        self.dropped = 0
        """Arrivals dropped because `max_pending` were waiting for PostgreSQL."""
        self.statements = 0
        """SQL statements the flushes issued."""
        self.flushes = 0

    @property
    def pending(self) -> int:
        """Arrivals not written yet."""
        return len(self._arrivals)

    def record(
        self,
        workspace_id: str,
        source_id: str,
        received_at: datetime,
        event: dict[str, Any],
        outcome: Outcome,
        *,
        violations: Iterable[Violation] = (),
        version: int = 0,
        omitted: bool = False,
        entry: dict[str, Any],
    ) -> None:
        """Count one event of a source: its outcome, its violations (of the rule at `version`), and `entry` for the
        debugger. `event` is the event as delivered (a violation's sample)."""
        if len(self._arrivals) >= self.max_pending:
            self._drop(1)
            return
        hour = hour_of(received_at)
        kind = event.get("type", "")
        name = event.get("event") if kind == "track" else event.get("name")
        keys = []
        for violation in violations:
            key = ViolationKey(kind, name if isinstance(name, str) else "", version, violation.type, violation.field)
            keys.append(key)
            sample = self._samples.get((workspace_id, source_id, hour, key))
            if sample is None:
                sample = self._samples[(workspace_id, source_id, hour, key)] = _Sample()
            sample.description = violation.description
            sample.last_seen = received_at
            sample.events.appendleft(event)
        self._arrivals.append(
            Arrival(workspace_id, source_id, str(event["messageId"]), received_at, outcome, omitted, tuple(keys))
        )
        recent = self._recent.get((workspace_id, source_id))
        if recent is None:
            recent = self._recent[(workspace_id, source_id)] = deque(maxlen=RECENT_EVENTS)
        recent.append((received_at, entry))

    def observe(self, workspace_id: str, source_id: str, received_at: datetime, sent: Iterable[dict[str, Any]]) -> None:
        """Count the events of one request, as the source sent them, in its observed schema (`api.domain.observed`)."""
        day = received_at.date()
        last: tuple[str, str] | None = None
        observed: _Observed | None = None
        for event in sent:
            key = event_key(event)
            if key is None:
                self._unobserve(workspace_id, source_id, day)
                continue
            if key != last or observed is None:  # a batch often repeats its event
                observed = self._observed_day(workspace_id, source_id, day, key, received_at)
                if observed is None:
                    self._unobserve(workspace_id, source_id, day)
                    continue
                last = key
            observed.count += 1
            observed.dropped += observe(event, observed.paths, observed.kept)
        if observed is not None:
            observed.last_seen = received_at

    def _observed_day(
        self, workspace_id: str, source_id: str, day: date, key: tuple[str, str], received_at: datetime
    ) -> "_Observed | None":
        """The day's observation of an event, None when the source has `MAX_EVENTS` others already."""
        day_key = (workspace_id, source_id, day, *key)
        observed = self._observed.get(day_key)
        if observed is None:
            kept = self._kept.get((workspace_id, source_id))
            if kept is None:
                kept = self._kept[(workspace_id, source_id)] = {}
            paths = kept.get(key)
            if paths is None:
                if len(kept) >= MAX_EVENTS:
                    return None
                paths = kept[key] = set()
            observed = self._observed[day_key] = _Observed(received_at, paths)
        observed.last_seen = received_at
        return observed

    def _unobserve(self, workspace_id: str, source_id: str, day: date) -> None:
        key = (workspace_id, source_id, day)
        self._unobserved[key] = self._unobserved.get(key, 0) + 1

    def _drop(self, count: int) -> None:
        if self.dropped == 0 or (self.dropped + count) // 10_000 > self.dropped // 10_000:
            log.error(
                "events: %d arrivals wait for PostgreSQL, the most kept; %d dropped so far",
                self.max_pending,
                self.dropped + count,
            )
        self.dropped += count

    async def flush(self, pool: "asyncpg.Pool[Any]") -> int:
        """Write what arrived since the last flush in one transaction; answers how many arrivals it wrote. On failure
        (PostgreSQL away) everything is kept for the next flush, within `max_pending`, and the error is raised."""
        async with self._flushing:
            arrivals, samples, recent = self._arrivals, self._samples, self._recent
            observed, unobserved = self._observed, self._unobserved
            if not arrivals and not recent and not observed and not unobserved:
                return 0
            self._arrivals, self._samples, self._recent = [], {}, {}
            self._observed, self._unobserved = {}, {}
            try:
                async with transaction(pool) as conn:
                    await self._write(conn, arrivals, samples, recent)
                    await self._write_observed(conn, observed, unobserved)
            except BaseException:
                self._put_back(arrivals, samples, recent, observed, unobserved)
                raise
            self.flushes += 1
            return len(arrivals)

    def _put_back(
        self,
        arrivals: list[Arrival],
        samples: dict[_SampleKey, _Sample],
        recent: dict[_SourceKey, deque[tuple[datetime, dict[str, Any]]]],
        observed: dict[_ObservedKey, _Observed],
        unobserved: dict[_DayKey, int],
    ) -> None:
        """Take back what a failed flush held, merged with what arrived meanwhile."""
        merged = arrivals + self._arrivals
        if len(merged) > self.max_pending:
            self._drop(len(merged) - self.max_pending)
            merged = merged[: self.max_pending]
        self._arrivals = merged
        for key, older in samples.items():
            newer = self._samples.get(key)
            if newer is None:
                self._samples[key] = older
            else:
                newer.events.extend(older.events)
        for source, entries in recent.items():
            kept = self._recent.get(source)
            self._recent[source] = deque([*entries, *(kept or ())], maxlen=RECENT_EVENTS)
        for observed_key, older_day in observed.items():
            newer_day = self._observed.get(observed_key)
            if newer_day is None:
                self._observed[observed_key] = older_day
            else:
                newer_day.merge(older_day)
        for day_key, count in unobserved.items():
            self._unobserved[day_key] = self._unobserved.get(day_key, 0) + count

    async def _write(
        self,
        conn: Db,
        arrivals: list[Arrival],
        samples: dict[_SampleKey, _Sample],
        recent: dict[_SourceKey, deque[tuple[datetime, dict[str, Any]]]],
    ) -> None:
        firsts: dict[tuple[str, str, str], Arrival] = {}
        for arrival in arrivals:
            firsts.setdefault((arrival.workspace_id, arrival.source_id, arrival.message_id), arrival)
        new: set[tuple[str, str, str]] = set()
        if firsts:
            seen_at = [arrival.received_at for arrival in firsts.values()]
            new = await events.claim_message_ids(conn, list(firsts), seen_at)
            self.statements += 1
        deliveries: dict[tuple[str, str, datetime], list[int]] = {}
        violations: dict[_SampleKey, int] = {}
        for key, arrival in firsts.items():
            if key not in new:
                continue
            hour = hour_of(arrival.received_at)
            counts = deliveries.get((arrival.workspace_id, arrival.source_id, hour))
            if counts is None:
                counts = deliveries[(arrival.workspace_id, arrival.source_id, hour)] = [0, 0, 0, 0, 0]
            counts[0] += 1
            counts[_OUTCOME_COLUMNS[arrival.outcome]] += 1
            counts[4] += arrival.omitted
            for violation in arrival.violations:
                sample_key = (arrival.workspace_id, arrival.source_id, hour, violation)
                violations[sample_key] = violations.get(sample_key, 0) + 1
        if deliveries:
            rows = [(*key, *counts) for key, counts in deliveries.items()]
            await events.add_deliveries(conn, rows)
            self.statements += 1
        if violations:
            violation_rows = []
            for sample_key, count in violations.items():
                workspace_id, source_id, hour, violation_key = sample_key
                sample = samples[sample_key]
                violation_rows.append(
                    (
                        workspace_id,
                        source_id,
                        hour,
                        *violation_key,
                        count,
                        sample.description,
                        sample.last_seen,
                        _ENCODE.encode(list(sample.events)).decode(),
                    )
                )
            await events.add_violations(conn, violation_rows)
            self.statements += 1
        if recent:
            entries = [
                (workspace_id, source_id, received_at, _ENCODE.encode(entry).decode())
                for (workspace_id, source_id), kept in recent.items()
                for received_at, entry in kept
            ]
            await events.add_recent_events(conn, entries)
            self.statements += 2
        if time.monotonic() - self._last_expiry >= EXPIRY_INTERVAL_SECONDS:
            now = datetime.now(UTC)
            await events.expire(conn, now - MESSAGE_ID_WINDOW, hour_of(now) - self.retention)
            self.statements += 7
            self._last_expiry = time.monotonic()

    async def _write_observed(
        self, conn: Db, observed: dict[_ObservedKey, _Observed], unobserved: dict[_DayKey, int]
    ) -> None:
        if observed:
            rows = [
                (*key, found.count, found.first_seen, found.last_seen, found.dropped) for key, found in observed.items()
            ]
            await events.add_observed_events(conn, rows)
            path_rows = [
                (*key, path, json_type, count, date_times)
                for key, found in observed.items()
                for (path, json_type), (count, date_times) in found.paths.items()
            ]
            self.statements += 1
            if path_rows:
                await events.add_observed_properties(conn, path_rows)
                self.statements += 1
        if unobserved:
            drop_rows = [(*key, count) for key, count in unobserved.items()]
            await events.add_observed_drops(conn, drop_rows)
            self.statements += 1

    async def run(self, pool: "asyncpg.Pool[Any]", interval: float = FLUSH_INTERVAL_SECONDS) -> None:
        """Flush every `interval` seconds until cancelled; a failed flush is logged and retried at the next."""
        failing = False
        while True:
            await asyncio.sleep(interval)
            try:
                await self.flush(pool)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
                if not failing:
                    log.warning("events: flush failed (%s); %d arrivals kept, retrying every second", exc, self.pending)
                failing = True
            else:
                if failing:
                    log.warning("events: flush succeeded again")
                failing = False

    async def stop(self, task: "asyncio.Task[None]", pool: "asyncpg.Pool[Any]") -> None:
        """Stop `run` and write what is left (the worker is stopping: SIGTERM, SIGINT)."""
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        try:
            await self.flush(pool)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
            log.error("events: the last flush failed (%s); %d arrivals lost", exc, self.pending)


_OUTCOME_COLUMNS = {Outcome.DELIVERED: 1, Outcome.BLOCKED: 2, Outcome.DROPPED: 3, Outcome.REJECTED: 3}
"""The delivery count an outcome adds to."""
