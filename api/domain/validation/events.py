"""Reading events: one event from its bytes, in the shape checking needs, and the version it asks for.

Segment's HTTP Tracking API takes events of at most 32 KB; each has a `type` (`track`, `identify`,
`page`, `screen`, `group`, `alias`), and a track call its name in `event`.
"""

from collections.abc import Mapping
from typing import Any

import msgspec

MAX_EVENT_BYTES = 32 * 1024
"""Segment's limit on one event."""
MAX_EVENT_DEPTH = 64
"""How deeply an event may nest objects and arrays."""
EVENT_TYPES = frozenset({"track", "identify", "page", "screen", "group", "alias"})


class EventError(ValueError):
    """An event that cannot be checked: not JSON, not an object, too big or deep, no or unknown `type`, …"""


def event_version(event: Mapping[str, Any]) -> int | None:
    """`context.protocols.event_version` when it is an integer (or an integral number), else None."""
    context = event.get("context")
    protocols = context.get("protocols") if isinstance(context, dict) else None
    version = protocols.get("event_version") if isinstance(protocols, dict) else None
    if isinstance(version, bool):
        return None
    if isinstance(version, int):
        return version
    if isinstance(version, float) and version.is_integer():
        return int(version)
    return None


_DECODE = msgspec.json.Decoder()


def read_event(raw: bytes) -> dict[str, Any]:
    """One event from its JSON bytes (32 KB at most), shaped as checking needs; raises `EventError` saying why not."""
    if len(raw) > MAX_EVENT_BYTES:
        raise EventError(f"The event is {len(raw)} bytes: Segment's limit is {MAX_EVENT_BYTES // 1024} KB.")
    try:
        event = _DECODE.decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise EventError(f"The event is not valid JSON: {exc}.") from None
    except RecursionError:
        raise EventError(f"The event nests deeper than {MAX_EVENT_DEPTH} levels of objects and arrays.") from None
    check_event_shape(event)
    return event  # type: ignore[no-any-return]  # check_event_shape made sure it is an object


def check_event_shape(event: Any) -> None:
    """Refuse an event that is not an object, or lacks a known `type` (and a track call its `event`)."""
    if type(event) is not dict:
        raise EventError("An event is a JSON object.")
    kind = event.get("type")
    if type(kind) is not str or kind not in EVENT_TYPES:
        given = "no type" if kind is None else f"the type {kind!r}" if isinstance(kind, str) else "a type not a string"
        raise EventError(f"The event has {given}: types are {', '.join(sorted(EVENT_TYPES))}.")
    if kind == "track" and type(event.get("event")) is not str:
        raise EventError("A track event needs its name in `event`, a string.")


def check_event_depth(event: dict[str, Any]) -> None:
    """Refuse an event nested deeper than `MAX_EVENT_DEPTH`: what must be encoded again (transformed, answered whole)
    stays well inside what encoders take. Checking alone needs no limit beyond what the request reader takes."""
    # level by level, not by recursion: the event is as deep as its sender made it
    level: list[Any] = [event]
    depth = 1
    while level:
        if depth > MAX_EVENT_DEPTH:
            raise EventError(f"The event nests deeper than {MAX_EVENT_DEPTH} levels of objects and arrays.")
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, dict | list)
        ]
        depth += 1
