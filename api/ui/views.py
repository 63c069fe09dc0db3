"""What the web view's pages show, shaped from what the store answers: pure, no I/O.

Plans list their events grouped by type (a TRACK, PAGE or SCREEN event per key, an IDENTIFY, GROUP or COMMON
"event" per type), each with its versions; filters and pages work on that list. A rule's history becomes a list of
revisions and line diffs between them; violations per hour become bar charts drawn as SVG by the template.
"""

import difflib
import math
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, Generic, Literal, TypeVar

import msgspec

from api.domain.changelog import ChangeAction, ChangelogEntry
from api.domain.event_reports import EventHour, RecentEvent
from api.domain.exports import SchemaProperty, schema_properties, unlisted_keywords
from api.domain.rules import (
    LABELLED_TYPES,
    LiveRule,
    RuleInput,
    RuleSummary,
    RuleType,
    labels_in,
    schema_raw,
    shown_description,
)

T = TypeVar("T")

TYPE_ORDER = (RuleType.TRACK, RuleType.PAGE, RuleType.SCREEN, RuleType.IDENTIFY, RuleType.GROUP, RuleType.COMMON)
"""The order in which a plan's page lists its types: events first, then the keyless schemas."""
_TYPE_RANK = {kind: rank for rank, kind in enumerate(TYPE_ORDER)}
EVENTS_PER_PAGE = 50
PROPERTIES_SHOWN = 50
"""Property rows a plan's page shows per event version; the rest behind a link that shows one event's all."""
SCHEMA_CHARS_SHOWN = 20_000
"""Longer JSON Schema texts are left out of a plan's page but for the event whose properties are all shown."""
"""Events on one page of a plan: a plan of 5,000 events is 100 pages."""
PLANS_PER_PAGE = 50


class Page(msgspec.Struct, Generic[T], kw_only=True):
    """One page of a list computed whole: its items, its number (from 1) and how many there are."""

    items: list[T]
    number: int
    pages: int
    total: int
    start: int
    """The place of the first item in the whole list, from 1."""


def page_of(items: Sequence[T], number: int, size: int) -> Page[T]:
    """Page `number` (from 1; past the last, the last) of `items`, `size` a page."""
    pages = max(1, math.ceil(len(items) / size))
    number = min(max(1, number), pages)
    start = (number - 1) * size
    return Page(items=list(items[start : start + size]), number=number, pages=pages, total=len(items), start=start + 1)


def rule_labels(rule: LiveRule) -> list[str]:
    """Every `key:value` label of a rule, its own and those kept inside its schema; sorted."""
    if rule.type not in LABELLED_TYPES:
        return []
    if rule.schema_text is None or '"labels"' not in rule.schema_text:
        # nothing to find in the schema: spare decoding it
        return sorted({f"{label.key}:{label.value}" for label in rule.labels})
    return labels_in(_as_input(rule))


def _as_input(rule: LiveRule) -> RuleInput:
    return RuleInput(
        type=rule.type, key=rule.key, version=rule.version, json_schema=schema_raw(rule.schema_text), labels=rule.labels
    )


class VersionView(msgspec.Struct, kw_only=True):
    """One version of an event as its plan's page shows it."""

    version: int
    labels: list[str]
    description: str | None
    """Its own, else its schema's top-level one."""
    properties: list[SchemaProperty]
    """At most `PROPERTIES_SHOWN` of them unless the event is shown whole."""
    hidden_properties: int
    """How many more the schema declares."""
    unlisted: list[str]
    """Keywords whose subschemas the property table does not list (`oneOf`, `patternProperties`, …)."""
    schema: str | None
    """The stored schema text, indented for reading (key order and numbers as stored); None when longer than
    `SCHEMA_CHARS_SHOWN` and the event is not shown whole."""
    schema_chars: int
    """The length of the stored schema text."""


class EventView(msgspec.Struct, kw_only=True):
    """An event of a plan: a key of TRACK, PAGE or SCREEN rules, or a keyless type; its versions, newest first."""

    type: RuleType
    key: str | None
    versions: list[VersionView]

    @property
    def name(self) -> str:
        return self.key if self.key is not None else str(self.type)

    @property
    def identity(self) -> str:
        """`TYPE:key` (`IDENTIFY:` for a keyless type): what a plan page's `event` parameter names."""
        return event_identity(self.type, self.key)


def event_identity(type: RuleType, key: str | None) -> str:
    """`TYPE:key`, the value of a plan page's `event` parameter that shows one event whole."""
    return f"{type}:{key or ''}"


def plan_events(
    rules: Iterable[RuleSummary], *, type: RuleType | None = None, label: str | None = None
) -> list[list[RuleSummary]]:
    """The plan's events that pass the filters, in page order (type, then name case aside), each its live versions.

    `label` (`key:value`) keeps events with a version so labelled.
    """
    grouped: dict[tuple[RuleType, str | None], list[RuleSummary]] = {}
    for rule in rules:
        if type is None or rule.type == type:
            grouped.setdefault((rule.type, rule.key), []).append(rule)
    found = [
        versions for versions in grouped.values() if label is None or any(label in rule.labels for rule in versions)
    ]
    return sorted(found, key=lambda versions: _event_order(versions[0].type, versions[0].key))


def _event_order(kind: RuleType, key: str | None) -> tuple[int, str, str]:
    return _TYPE_RANK[kind], (key or "").casefold(), key or ""


def mentioning(rules: Iterable[LiveRule], text: str) -> set[tuple[RuleType, str | None]]:
    """The events (type, key) with a version whose name, description or a property it declares has `text`, case
    aside."""
    needle = text.casefold()
    return {(rule.type, rule.key) for rule in rules if _mentions(rule, needle)}


def _mentions(rule: LiveRule, needle: str) -> bool:
    if needle in (rule.key or str(rule.type)).casefold():
        return True
    if needle in (shown_description(rule) or "").casefold():
        return True
    # decode the schema only when its text could hold the property's name
    if rule.schema_text is None or needle not in rule.schema_text.casefold():
        return False
    schema = _schema(rule)
    return any(needle in found.path.casefold() for found in schema_properties(schema)) if schema else False


def _schema(rule: LiveRule) -> dict[str, Any] | None:
    decoded = msgspec.json.decode(rule.schema_text) if rule.schema_text else None
    return decoded if isinstance(decoded, dict) else None


def event_views(rules: Iterable[LiveRule], whole: str | None = None) -> list[EventView]:
    """The events of these rules, in page order, each with its versions decoded for display; the one whose
    `event_identity` is `whole` with every property and its schema, the others within the page's caps."""
    grouped: dict[tuple[RuleType, str | None], list[LiveRule]] = {}
    for rule in rules:
        grouped.setdefault((rule.type, rule.key), []).append(rule)
    in_order = sorted(grouped.items(), key=lambda item: _event_order(*item[0]))
    return [event_view(versions, whole == event_identity(*identity)) for identity, versions in in_order]


def event_view(versions: Sequence[LiveRule], whole: bool = False) -> EventView:
    """An event with its versions decoded for display, newest version first; `whole`: uncapped."""
    shown = []
    for rule in sorted(versions, key=lambda rule: -rule.version):
        schema = _schema(rule)
        properties = schema_properties(schema) if schema else []
        text = rule.schema_text or ""
        shown.append(
            VersionView(
                version=rule.version,
                labels=rule_labels(rule),
                description=shown_description(rule),
                properties=properties if whole else properties[:PROPERTIES_SHOWN],
                hidden_properties=0 if whole else max(0, len(properties) - PROPERTIES_SHOWN),
                unlisted=unlisted_keywords(schema) if schema else [],
                schema=(indented(text) if text else "null") if whole or len(text) <= SCHEMA_CHARS_SHOWN else None,
                schema_chars=len(text),
            )
        )
    return EventView(type=versions[0].type, key=versions[0].key, versions=shown)


def plan_labels(rules: Iterable[RuleSummary]) -> list[str]:
    """Every label of the plan's rules, sorted: the choices of the label filter."""
    return sorted({label for rule in rules for label in rule.labels})


def type_counts(rules: Iterable[RuleSummary]) -> dict[RuleType, int]:
    """How many events (keys, or keyless types) the plan has of each type, in page order; types it lacks left out."""
    seen = {(rule.type, rule.key) for rule in rules}
    return {kind: count for kind in TYPE_ORDER if (count := sum(1 for seen_type, _ in seen if seen_type == kind))}


def indented(json_text: str | bytes) -> str:
    """JSON text indented by two spaces, as it is otherwise: key order and number spelling kept."""
    formatted = msgspec.json.format(json_text, indent=2)
    return formatted.decode() if isinstance(formatted, bytes) else formatted


class DebuggerEntry(msgspec.Struct, kw_only=True):
    """One event of the debugger as its page shows it."""

    seen: RecentEvent
    call: str
    """`track`, `identify`, …"""
    name: str | None
    violations: list[dict[str, Any]]
    omitted: list[str]
    text: str
    """The event as JSON, indented."""


def debugger_entry(seen: RecentEvent) -> DebuggerEntry:
    """A debugger entry with what its page shows of the event: call, name, violations, omitted properties."""
    event = seen.event
    context = event.get("context")
    protocols = context.get("protocols") if isinstance(context, dict) else None
    protocols = protocols if isinstance(protocols, dict) else {}
    violations = [found for found in protocols.get("violations") or [] if isinstance(found, dict)]
    omitted = [str(name) for key in ("omitted", "omitted_on_violation") for name in protocols.get(key) or []]
    name = event.get("event") if event.get("type") == "track" else event.get("name")
    return DebuggerEntry(
        seen=seen,
        call=str(event.get("type", "")),
        name=name if isinstance(name, str) else None,
        violations=violations,
        omitted=omitted,
        text=indented(msgspec.json.encode(event)),
    )


class Revision(msgspec.Struct, kw_only=True):
    """A rule as one change of its history left it."""

    entry_id: int
    at: datetime
    action: ChangeAction
    token_name: str
    content: str
    """The rule's content after the change, indented JSON; empty once removed."""
    previous: str
    """The rule's content before the change (the changelog's `before`), indented JSON; empty for a creation."""
    renamed: str | None = None
    """For a change of key (`newKey`): "from OLD to NEW"."""

    @property
    def label(self) -> str:
        """What the change did, in words for the page: its action, or RENAMED with the keys."""
        return f"RENAMED {self.renamed}" if self.renamed else self.action


def _key(content: Any) -> Any:
    return content.get("key") if isinstance(content, dict) else None


def revisions(entries: Iterable[ChangelogEntry]) -> list[Revision]:
    """A rule's changes (newest first, as the changelog lists them) as revisions, oldest first."""
    found = []
    for entry in sorted(entries, key=lambda entry: entry.id):
        after = entry.after if entry.action != ChangeAction.RULE_REMOVED else None
        renamed = None
        if entry.before is not None and after is not None and _key(entry.before) != _key(after):
            renamed = f"from {_key(entry.before)} to {_key(after)}"
        found.append(
            Revision(
                entry_id=entry.id,
                at=entry.at,
                action=entry.action,
                token_name=entry.token_name,
                content=indented(msgspec.json.encode(after)) if after is not None else "",
                previous=indented(msgspec.json.encode(entry.before)) if entry.before is not None else "",
                renamed=renamed,
            )
        )
    return found


class DiffLine(msgspec.Struct, kw_only=True, frozen=True):
    kind: Literal["added", "removed", "same", "gap"]
    """`gap` stands for unchanged lines left out."""
    text: str


def diff_lines(before: str, after: str, context: int = 3) -> list[DiffLine]:
    """A readable line diff of two texts (difflib's unified diff): changed lines with `context` lines around."""
    lines: list[DiffLine] = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=context, lineterm=""):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            lines.append(DiffLine(kind="gap", text=line))
        elif line.startswith("+"):
            lines.append(DiffLine(kind="added", text=line[1:]))
        elif line.startswith("-"):
            lines.append(DiffLine(kind="removed", text=line[1:]))
        else:
            lines.append(DiffLine(kind="same", text=line[1:]))
    return lines


CHART_WIDTH = 600
CHART_HEIGHT = 80


class Bar(msgspec.Struct, kw_only=True, frozen=True):
    """One hour of a chart, in the SVG's coordinates (0, 0 top left)."""

    x: float
    y: float
    width: float
    height: float
    hour: datetime
    count: int


class Chart(msgspec.Struct, kw_only=True):
    """Violations of one event per hour over a window: a bar per hour that had any."""

    event_type: str
    event_name: str | None
    total: int
    peak: int
    bars: list[Bar]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


def violation_charts(hours: Iterable[EventHour], since: datetime, now: datetime) -> dict[tuple[str, str], Chart]:
    """A chart per (event type, event name) of the hourly counts, hours from `since` to `now` side by side."""
    slots = max(1, math.ceil((now - since) / timedelta(hours=1)))
    width = CHART_WIDTH / slots
    per_event: dict[tuple[str, str], list[EventHour]] = {}
    for hour in hours:
        per_event.setdefault((hour.event_type, hour.event_name), []).append(hour)
    charts = {}
    for (kind, name), counts in per_event.items():
        peak = max(hour.count for hour in counts)
        bars = []
        for hour in counts:
            slot = min(slots - 1, max(0, int((hour.hour - since) / timedelta(hours=1))))
            height = max(1.0, CHART_HEIGHT * hour.count / peak)
            bars.append(
                Bar(
                    x=round(slot * width, 2),
                    y=round(CHART_HEIGHT - height, 2),
                    width=round(max(1.0, width - 1), 2),
                    height=round(height, 2),
                    hour=hour.hour,
                    count=hour.count,
                )
            )
        charts[(kind, name)] = Chart(
            event_type=kind, event_name=name or None, total=sum(hour.count for hour in counts), peak=peak, bars=bars
        )
    return charts
