"""Applying transformations to an event: what `POST /transformations/preview` shows.

Transformations are selected by the event as it arrived, as Segment selects them, in two stages:

1. Every enabled source-scoped transformation (no `destinationMetadataId`) whose `if` matches the
   event *as the source sent it* applies, whatever the order they were created in.
2. Then every enabled destination-scoped one whose `if` matches the event *as the source-scoped
   ones left it* applies.

Within a stage the selected transformations apply one after the other in the order given (the
store gives creation order), each to the event as the previous one left it; a rename of the event
by one therefore never hides the event from another of the same stage. If any selected one drops
the event, the answer is None. Each transformation applies its actions in this order: rename the
event (track events only), rename properties, change property values, set FQL-defined properties,
allow properties, hash properties.

Paths are dotted. One that starts with `properties`, `traits` or `context` is read from the event
root; any other is read under the event's payload object: `traits` for identify and group calls,
`properties` for every other type.

- Renames within one transformation happen at once (all old values are read and removed, then the
  new ones written), so `a -> b, b -> a` swaps. A missing or null parent of the new name is created
  as an object; when a parent is something else, that property stays where it was.
- Value changes set only paths that already exist, as Segment's "change property value" does.
- An FQL-defined property takes the expression's value on the event as it stood before that action;
  a missing value becomes null.
- Allowed properties prune only the payload object (`product.id` keeps `product` with only `id`);
  paths outside it are ignored, and an empty list empties it.
- Hashing replaces each value that is present and not null: strings are hashed as UTF-8, anything
  else as its compact JSON text; with a `key`, as an HMAC. HEX is lower-case hex, BASE16 upper-case
  hex, BASE64 standard with padding, BASE64URL URL-safe without padding (RFC 4648 section 5).

The input event is never changed: the answer is a copy. `transformations.check` refuses FQL that
does not parse before it is stored; a stored condition that no longer parses (FQL once took
`[a-` in a glob literally) drops the event, as Segment's FQL page says an invalid statement does,
so an event is never sent on under a condition nobody can read.
"""

import base64
import functools
import hashlib
import hmac
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from api.domain import fql
from api.domain.transformations import HashEncoding, HashPropertiesConfiguration, TransformationInput

# The same transformations come back on every preview: parse each FQL text once.
_parse = functools.lru_cache(maxsize=1024)(fql.parse)


def apply_transformations(
    transformations: Sequence[TransformationInput], event: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The event as it leaves after `transformations` (source-scoped, then destination-scoped ones); None when dropped.

    Each stage selects its transformations on the event as the stage received it, then applies them in
    the given order.
    """
    current: dict[str, Any] = msgspec.json.decode(msgspec.json.encode(dict(event)))
    for destination_scoped in (False, True):
        try:
            selected = [
                transformation
                for transformation in transformations
                if transformation.enabled
                and (transformation.destination_metadata_id is not None) is destination_scoped
                and _parse(transformation.if_).matches(current)
            ]
            for transformation in selected:
                if transformation.drop:
                    return None
                _apply_actions(transformation, current)
        except fql.FqlError:
            return None
    return current


def _apply_actions(transformation: TransformationInput, event: dict[str, Any]) -> None:
    if transformation.new_event_name is not None and event.get("type") == "track":
        event["event"] = transformation.new_event_name
    if transformation.property_renames:
        _rename(event, [(rename.old_name, rename.new_name) for rename in transformation.property_renames])
    for change in transformation.property_value_transformations or ():
        for path in change.property_paths:
            segments = _resolve(event, path)
            parent = _parent(event, segments, create=False)
            if parent is not None and segments[-1] in parent:
                parent[segments[-1]] = change.property_value
    defined = [
        (_resolve(event, item.property_name), _parse(item.fql).evaluate(event))
        for item in transformation.fql_defined_properties or ()
    ]
    for segments, value in defined:
        _set(event, segments, _copied(value))
    if transformation.allow_properties is not None:
        _allow(event, transformation.allow_properties)
    if transformation.hash_properties_configuration is not None:
        _hash(event, transformation.hash_properties_configuration)


def _resolve(event: Mapping[str, Any], path: str) -> tuple[str, ...]:
    """The segments of `path` from the event root."""
    segments = tuple(path.split("."))
    return segments if segments[0] in fql.OBJECT_ROOTS else (_payload_key(event), *segments)


def _payload_key(event: Mapping[str, Any]) -> str:
    return "traits" if event.get("type") in ("identify", "group") else "properties"


def _parent(event: dict[str, Any], segments: tuple[str, ...], *, create: bool) -> dict[str, Any] | None:
    """The object holding the last segment; missing or null objects on the way are made when `create`."""
    node = event
    for segment in segments[:-1]:
        child = node.get(segment)
        if child is None and create:
            child = node[segment] = {}
        if not isinstance(child, dict):
            return None
        node = child
    return node


def _set(event: dict[str, Any], segments: tuple[str, ...], value: Any) -> bool:
    parent = _parent(event, segments, create=True)
    if parent is None:
        return False
    parent[segments[-1]] = value
    return True


def _rename(event: dict[str, Any], renames: list[tuple[str, str]]) -> None:
    moving: list[tuple[tuple[str, ...], tuple[str, ...], Any]] = []
    for old_name, new_name in renames:
        old, new = _resolve(event, old_name), _resolve(event, new_name)
        parent = _parent(event, old, create=False)
        if parent is not None and old[-1] in parent:
            moving.append((old, new, parent.pop(old[-1])))
    for old, new, value in moving:
        if not _set(event, new, value):
            _set(event, old, value)


def _allow(event: dict[str, Any], paths: list[str]) -> None:
    key = _payload_key(event)
    payload = event.get(key)
    if not isinstance(payload, dict):
        return
    keep: dict[str, Any] = {}
    for path in paths:
        segments = _resolve(event, path)
        if segments[0] != key:
            continue
        if len(segments) == 1:
            return  # the whole payload object is allowed
        node = keep
        for segment in segments[1:-1]:
            node = node.setdefault(segment, {})
            if node is True:
                break
        else:
            node[segments[-1]] = True
    event[key] = _pruned(payload, keep)


def _pruned(node: dict[str, Any], keep: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, value in node.items():
        inner = keep.get(name)
        if inner is True:
            kept[name] = value
        elif inner is not None and isinstance(value, dict):
            kept[name] = _pruned(value, inner)
    return kept


def _hash(event: dict[str, Any], config: HashPropertiesConfiguration) -> None:
    for path in config.paths:
        segments = _resolve(event, path)
        parent = _parent(event, segments, create=False)
        if parent is not None and parent.get(segments[-1]) is not None:
            parent[segments[-1]] = _hashed(parent[segments[-1]], config)


def _hashed(value: Any, config: HashPropertiesConfiguration) -> str:
    data = value.encode() if isinstance(value, str) else msgspec.json.encode(value)
    algorithm = config.algorithm.lower()
    if config.key is not None:
        digest = hmac.new(config.key.encode(), data, algorithm).digest()
    else:
        digest = hashlib.new(algorithm, data).digest()
    match config.encoding:
        case HashEncoding.HEX:
            return digest.hex()
        case HashEncoding.BASE16:
            return digest.hex().upper()
        case HashEncoding.BASE64:
            return base64.b64encode(digest).decode("ascii")
        case HashEncoding.BASE64URL:
            return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _copied(value: Any) -> Any:
    # a path's value is the event's own object: one object must not sit at two places
    return msgspec.json.decode(msgspec.json.encode(value)) if isinstance(value, dict | list) else value
