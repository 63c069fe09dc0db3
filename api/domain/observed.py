"""The observed schema: what a source really sends, per event, property path and JSON type (pure).

An event is observed as the source sent it, before transformations and schema controls. Its payload's
properties (`properties` of track, page and screen calls, `traits` of identify and group calls) become paths:
`properties.cart.total`, arrays as `properties.products[]`, `properties.products[].price`. Each path is
counted once per event and JSON type (`null`, `boolean`, `integer`, `number`, `string`, `array`, `object`),
and a string counts as a date-time when the validation engine's `date-time` format (RFC 3339, ISO-8601's
internet profile) accepts it, so a rule that says so accepts what was observed.

Segment's limits hold per source: 4,000 events (`MAX_EVENTS`) and 300 properties per event
(`MAX_PROPERTIES`). What a path cannot spell is not observed and is counted as dropped: a name with `.`, `[`,
`]` or a control character (NUL among them), or longer than `MAX_PROPERTY_NAME`; values nested deeper than
`MAX_PATH_DEPTH` (the deepest a rule schema may nest, `api.domain.rule_checks.MAX_SCHEMA_DEPTH`). An event
whose name no rule key can hold (empty for a track call, over 200 characters, control characters) is not
observed either.
"""

import enum
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import jsonschema_rs
import msgspec

from api.domain.pagination import Pagination
from api.domain.rule_checks import MAX_SCHEMA_DEPTH
from api.domain.validation.dialect import draft_of, in_effect

MAX_EVENTS = 4_000
"""Distinct (type, name) events kept per source, as Segment's Schema tab."""
MAX_PROPERTIES = 300
"""Property paths kept per event of a source, as Segment's Schema tab."""
MAX_PROPERTY_NAME = 255
ITEMS = "[]"
"""What a path appends for an array's items."""
MAX_PATH_DEPTH = (MAX_SCHEMA_DEPTH - 4) // 2
"""Segments in a path at most: each costs a rule schema two levels (`properties`, the name) at most."""


class EventType(enum.StrEnum):
    """The calls of the HTTP Tracking API, as events carry them in `type`."""

    TRACK = "track"
    IDENTIFY = "identify"
    GROUP = "group"
    PAGE = "page"
    SCREEN = "screen"
    ALIAS = "alias"


OBSERVED_TYPES = frozenset(EventType)

_ROOTS = {"track": "properties", "page": "properties", "screen": "properties", "identify": "traits", "group": "traits"}
_NAMED = frozenset({"track", "page", "screen"})
_PLAIN_NAME = re.compile(rf"[^.\[\]\x00-\x1f\x7f]{{1,{MAX_PROPERTY_NAME}}}")
_EVENT_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,200}")
_DATE_TIME = jsonschema_rs.Draft7Validator({"format": "date-time"}, validate_formats=True)


class SchemaWindow(enum.StrEnum):
    """How far back a schema read or import looks: whole days, the day the window starts in included."""

    DAY = "24h"
    WEEK = "7d"
    MONTH = "30d"


_SPANS = {
    SchemaWindow.DAY: timedelta(hours=24),
    SchemaWindow.WEEK: timedelta(days=7),
    SchemaWindow.MONTH: timedelta(days=30),
}


def first_day(window: SchemaWindow, now: datetime) -> date:
    """The first (UTC) day a window ending `now` overlaps."""
    return (now - _SPANS[window]).date()


def is_date_time(text: str) -> bool:
    """Whether the validation engine's `date-time` format accepts `text`."""
    return bool(_DATE_TIME.is_valid(text))


PathTypes = dict[tuple[str, str], bool]
"""(path, JSON type) pairs seen in one array of an event; for `string`, whether every such string was a date-time."""
PathCounts = dict[tuple[str, str], list[int]]
"""Per (path, JSON type): [events that sent it, of those, events whose strings there were all date-times]."""


def event_key(event: dict[str, Any]) -> tuple[str, str] | None:
    """The (type, name) an event is observed under (name '' for calls without one), None when it is not observed."""
    kind = event.get("type")
    if kind not in OBSERVED_TYPES:
        return None
    if kind not in _NAMED:
        return kind, ""
    name = event.get("event" if kind == "track" else "name")
    if name is None and kind != "track":
        return kind, ""
    if type(name) is not str:
        return None
    named = _NAMES.get(name)
    if named is None:
        if len(_NAMES) >= _MAX_CHILDREN:
            _NAMES.clear()
        named = _NAMES[name] = _EVENT_NAME.fullmatch(name) is not None
    return (kind, name) if named else None


_NAMES: dict[str, bool] = {}
"""Event names already checked against `_EVENT_NAME`."""


def observe(event: dict[str, Any], counted: PathCounts, kept: set[str]) -> int:
    """Count an event's properties (or traits) in `counted`, each (path, type) once per event.

    `kept` is the paths of the event kept so far: a path new to it is kept while it holds fewer than
    `MAX_PROPERTIES`. Answers how many values were not observed (the limit, names, depth: see the module).
    """
    root = _ROOTS.get(event.get("type", ""))
    value = event.get(root) if root is not None else None
    if type(value) is not dict or root is None:
        return 0
    return _count_object(value, root, 1, counted, kept)


_SCALARS: dict[type, str] = {int: "integer", float: "number", bool: "boolean", type(None): "null"}
_CHILDREN: dict[str, dict[str, str]] = {}
"""Per path, the paths of its children by name, '' for names no path can spell: events repeat their names, and a
lookup costs less than checking a name and joining a path on every event."""
_MAX_CHILDREN = 100_000
_cached_children = 0


def _children(prefix: str) -> dict[str, str]:
    children = _CHILDREN.get(prefix)
    if children is None:
        children = _CHILDREN[prefix] = {}
    return children


def _child(children: dict[str, str], prefix: str, name: str) -> str:
    """The path of child `name` of `prefix` ('' when a path cannot spell it), remembered in `children`."""
    global _cached_children
    if _cached_children >= _MAX_CHILDREN:
        _CHILDREN.clear()
        _cached_children = 0
    path = children[name] = prefix + "." + name if _PLAIN_NAME.fullmatch(name) is not None else ""
    _cached_children += 1
    return path


def _counts(key: tuple[str, str], counted: PathCounts, kept: set[str]) -> list[int] | None:
    """The counts of a (path, type) new to `counted`; None when its path would pass the limit."""
    if key[0] not in kept:
        if len(kept) >= MAX_PROPERTIES:
            return None
        kept.add(key[0])
    counts = counted[key] = [0, 0]
    return counts


def _count_object(value: dict[str, Any], prefix: str, depth: int, counted: PathCounts, kept: set[str]) -> int:
    # the hot loop of observation: outside arrays a (path, type) occurs once per event, so it is counted at once,
    # scalars inline, without a call per value
    dropped = 0
    children = _children(prefix)
    for name, child in value.items():
        path = children.get(name)
        if path is None:
            path = _child(children, prefix, name)
        if not path:
            dropped += 1
            continue
        kind = type(child)
        if kind is dict or kind is list:
            dropped += _count_container(child, path, depth, counted, kept)
            continue
        key = (path, "string" if kind is str else _SCALARS.get(kind, "object"))
        counts = counted.get(key)
        if counts is None:
            counts = _counts(key, counted, kept)
            if counts is None:
                dropped += 1
                continue
        counts[0] += 1
        # a date-time is at least 20 characters, its year's dash at [4]: most strings stop there
        if kind is str and len(child) >= 20 and child[4] == "-" and is_date_time(child):
            counts[1] += 1
    return dropped


def _count_container(value: Any, path: str, depth: int, counted: PathCounts, kept: set[str]) -> int:
    is_object = type(value) is dict
    key = (path, "object" if is_object else "array")
    counts = counted.get(key) or _counts(key, counted, kept)
    if counts is None:
        return 1
    counts[0] += 1
    if depth >= MAX_PATH_DEPTH:
        return 1 if value else 0
    if is_object:
        return _count_object(value, path, depth + 1, counted, kept)
    # the items of an array: each (path, type) once for the whole array
    found: PathTypes = {}
    dropped, items = 0, path + ITEMS
    object_key = (items, "object")
    for item in value:
        if type(item) is dict and depth + 1 < MAX_PATH_DEPTH:  # the common case, without `_walk`'s dispatch
            found[object_key] = False
            dropped += _walk_object(item, items, depth + 2, found)
        else:
            dropped += _walk(item, items, depth + 1, found)
    for item_key, date_time in found.items():
        counts = counted.get(item_key) or _counts(item_key, counted, kept)
        if counts is None:
            dropped += 1
            continue
        counts[0] += 1
        counts[1] += date_time
    return dropped


def _walk_object(value: dict[str, Any], prefix: str, depth: int, found: PathTypes) -> int:
    # inside arrays: (path, type) pairs are collected once for the whole array, scalars inline
    dropped = 0
    children = _children(prefix)
    for name, child in value.items():
        path = children.get(name)
        if path is None:
            path = _child(children, prefix, name)
        if not path:
            dropped += 1
            continue
        kind = type(child)
        if kind is str:
            key = (path, "string")
            found[key] = len(child) >= 20 and child[4] == "-" and found.get(key, True) and is_date_time(child)
        elif kind is dict or kind is list:
            dropped += _walk(child, path, depth, found)
        else:
            found[(path, _SCALARS.get(kind, "object"))] = False
    return dropped


def _walk(value: Any, path: str, depth: int, found: PathTypes) -> int:
    kind = type(value)
    if kind is str:
        key = (path, "string")
        found[key] = len(value) >= 20 and value[4] == "-" and found.get(key, True) and is_date_time(value)
        return 0
    if kind is not dict and kind is not list:
        found[(path, _SCALARS.get(kind, "object"))] = False
        return 0
    found[(path, "object" if kind is dict else "array")] = False
    if depth >= MAX_PATH_DEPTH:
        return 1 if value else 0
    if kind is dict:
        return _walk_object(value, path, depth + 1, found)
    dropped, items = 0, path + ITEMS
    for item in value:
        dropped += _walk(item, items, depth + 1, found)
    return dropped


class TypeCount(msgspec.Struct, kw_only=True):
    """One JSON type a property was sent with, and in how many events."""

    type: str
    count: int


class ObservedProperty(msgspec.Struct, kw_only=True, rename="camel"):
    """One property path of an observed event."""

    path: str
    """`properties.cart.total`, `traits.email`; an array's items are `properties.products[]`."""
    types: list[TypeCount]
    """Most frequent first."""
    date_time: bool
    """Every string sent at this path was an ISO-8601 (RFC 3339) date-time."""
    declared: bool
    """The connected plan's rule for the event (any version) or its COMMON rule declares this path."""


class ObservedEvent(msgspec.Struct, kw_only=True, rename="camel"):
    """One event a source sent in the window, as its Schema tab shows it."""

    event_type: str
    """`track`, `identify`, `group`, `page`, `screen` or `alias`."""
    event_name: str | None
    """null for calls without a name (identify, group, alias, unnamed page and screen calls)."""
    count: int
    first_seen_at: datetime
    last_seen_at: datetime
    planned: bool
    """The connected plan has a rule for the event."""
    rule_versions: list[int]
    """The versions of that rule (empty when unplanned); events without `context.protocols.event_version` use the
    oldest."""
    violations: int
    """Violations of the event in the window, every rule version together."""
    properties: list[ObservedProperty]
    """By path."""
    dropped_properties: int
    """Values not observed: past the 300-property limit, names a path cannot spell, nesting too deep."""


class SchemaLimits(msgspec.Struct, kw_only=True, rename="camel"):
    """Segment's limits on a source's schema, and what they held back in the window."""

    max_events: int = MAX_EVENTS
    max_properties_per_event: int = MAX_PROPERTIES
    dropped_events: int
    """Events not observed: past the 4,000-event limit, or named so that no rule key can hold the name."""
    events_truncated: bool
    """More than `maxEvents` events were kept (several workers together); those past the first `maxEvents` by type and
    name were left out of this answer."""


class ObservedSchema(msgspec.Struct, kw_only=True, rename="camel"):
    """A source's observed schema over a window: one page of its events."""

    source_id: str
    tracking_plan_id: str | None
    """The plan connected to the source, whose rules `planned` and `declared` refer to."""
    window: SchemaWindow
    since: date
    """The first day counted (UTC)."""
    events: list[ObservedEvent]
    """By type, then name."""
    limits: SchemaLimits
    pagination: Pagination


class SchemaFilters(msgspec.Struct, kw_only=True, frozen=True):
    """What a schema read keeps: events of one type, one name; None keeps all."""

    event_type: str | None = None
    event_name: str | None = None


class ObservedCounts(msgspec.Struct, kw_only=True):
    """An event's counts over a window as stored (name '' when it has none)."""

    event_type: str
    event_name: str
    count: int
    first_seen_at: datetime
    last_seen_at: datetime
    dropped_properties: int


class ObservedPathCount(msgspec.Struct, kw_only=True):
    """A (path, JSON type) of an event over a window as stored: events it was in, and of those, with date-times."""

    event_type: str
    event_name: str
    path: str
    json_type: str
    count: int
    date_times: int


def declares(schema_text: str, path: str) -> bool:
    """Whether a rule schema (its JSON text) declares an observed path (`properties.items[].sku`): `declares_in`."""
    plain = _plain_paths(schema_text)
    if plain is not None:
        return path in plain
    schema, draft = _decoded(schema_text)
    return declares_in(schema, draft, path)


@functools.lru_cache(maxsize=4096)
def _plain_paths(schema_text: str) -> frozenset[str] | None:
    """The paths a rule schema without a `$ref` declares through `properties` and `items`; None for one with one.

    Cached by text: a plan's schemas are read again by every page of every schema read, and a set answers each
    path at once where following `$ref`s walks the schema per path."""
    if '"$ref"' in schema_text:
        return None
    found: set[str] = set()
    schema = msgspec.json.decode(schema_text)
    if isinstance(schema, dict):
        _plain(schema, "", found, 0)
    return frozenset(found)


def _plain(node: dict[str, Any], path: str, found: set[str], depth: int) -> None:
    if depth > MAX_SCHEMA_DEPTH:
        return
    properties = node.get("properties")
    if isinstance(properties, dict):
        for name, child in properties.items():
            inner = f"{path}.{name}" if path else name
            found.add(inner)
            if isinstance(child, dict):
                _plain(child, inner, found, depth + 1)
    items = node.get("items")
    if isinstance(items, dict) and path:
        found.add(f"{path}{ITEMS}")
        _plain(items, f"{path}{ITEMS}", found, depth + 1)


def declares_in(schema: Any, draft: str, path: str) -> bool:
    """Whether a rule schema (of this draft) declares an observed path as validation reads it: through `properties`
    and `items`, following each `$ref` inside the schema, whose sibling keywords the drafts before 2019-09 ignore."""
    nodes: list[Any] = [schema]
    for segment in path.split("."):
        name = segment.removesuffix(ITEMS * segment.count(ITEMS))
        nodes = [
            held["properties"][name]
            for node in nodes
            for held in in_effect(schema, node, draft)
            if isinstance(held.get("properties"), dict) and name in held["properties"]
        ]
        for _ in range(segment.count(ITEMS)):
            nodes = [held["items"] for node in nodes for held in in_effect(schema, node, draft) if "items" in held]
        if not nodes:
            return False
        nodes = list({id(node): node for node in nodes}.values())
    return True


@functools.lru_cache(maxsize=256)
def _decoded(schema_text: str) -> tuple[Any, str]:
    """A rule schema with a `$ref` and its draft, cached by text."""
    schema = msgspec.json.decode(schema_text)
    return schema, draft_of(schema)


def observed_properties(paths: list[ObservedPathCount], declared: Callable[[str], bool]) -> list[ObservedProperty]:
    """An event's (path, type) counts, by path, as its properties (`MAX_PROPERTIES` at most), each with its types
    most frequent first; `declared` tells whether the plan declares a path."""
    shown: list[ObservedProperty] = []
    current: ObservedProperty | None = None
    for found in paths:
        if current is None or current.path != found.path:
            if len(shown) == MAX_PROPERTIES:
                break
            current = ObservedProperty(path=found.path, types=[], date_time=False, declared=declared(found.path))
            shown.append(current)
        current.types.append(TypeCount(type=found.json_type, count=found.count))
        if found.json_type == "string":
            current.date_time = found.date_times == found.count
    for shown_property in shown:
        if len(shown_property.types) > 1:
            shown_property.types.sort(key=lambda counted: (-counted.count, counted.type))
    return shown
