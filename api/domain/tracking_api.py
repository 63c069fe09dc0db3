"""Reading requests of Segment's HTTP Tracking API (`/v1/track`, `/v1/batch`, analytics.js's `/v1/t`, …).

Pure: bytes in, events out. The limits and stamping are wire.md's "HTTP Tracking API":
- 32 KB per event, 500 KB per request (after gzip is inflated), 2,500 events per batch; Segment answers
  200 and drops what is over them, we answer 400 saying which limit;
- every event needs `userId` or `anonymousId`; `messageId` (under 100 characters) is the de-duplication
  key and is made up when absent;
- `receivedAt` is stamped by the server; `timestamp` becomes `receivedAt - (sentAt - timestamp)` when the
  client sent `sentAt` (its clock is then not trusted), the client's `timestamp` is kept as
  `originalTimestamp`.
A request is read whole before anything is counted: one bad event refuses the request.
"""

import base64
import binascii
import uuid
import zlib
from datetime import UTC, datetime
from typing import Any

import msgspec

from api.domain.validation.events import EVENT_TYPES, MAX_EVENT_BYTES, MAX_EVENT_DEPTH, EventError, check_event_depth
from api.errors import BadRequest, Unauthorized

TRACKING_API_PREFIX = "/v1/"
MAX_REQUEST_BYTES = 500 * 1024
MAX_BATCH_EVENTS = 2500
MAX_MESSAGE_ID_LENGTH = 99
"""wire.md: a `messageId` is under 100 characters."""

CALLS: dict[str, str] = {
    "track": "track",
    "identify": "identify",
    "page": "page",
    "screen": "screen",
    "group": "group",
    "alias": "alias",
    "batch": "batch",
    # analytics.js's short paths
    "t": "track",
    "i": "identify",
    "p": "page",
    "s": "screen",
    "g": "group",
    "a": "alias",
    "b": "batch",
}
"""The last path segment under `/v1/` -> the call it makes."""


class TrackingRequest(msgspec.Struct, kw_only=True):
    """A request read and checked: its write key (from the body; None when absent) and its events, stamped."""

    write_key: str | None
    events: list[dict[str, Any]]


def inflate(body: bytes, content_encoding: str | None) -> bytes:
    """The body, gzip inflated when `Content-Encoding: gzip`; refuses a body that inflates past 500 KB as soon as it
    does, without inflating the rest (a gzip bomb costs at most 500 KB of memory)."""
    encoding = (content_encoding or "identity").strip().lower()
    if encoding == "identity":
        return body
    if encoding != "gzip":
        raise BadRequest(f"Content-Encoding {encoding!r} is not supported: send gzip or nothing.")
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        inflated = inflater.decompress(body, MAX_REQUEST_BYTES + 1)
    except zlib.error as exc:
        raise BadRequest(f"The body is not valid gzip: {exc}.") from None
    if len(inflated) > MAX_REQUEST_BYTES:
        raise BadRequest(_too_big("The request, inflated,", "over", MAX_REQUEST_BYTES))
    if not inflater.eof:
        raise BadRequest("The gzip body is truncated.")
    return inflated


def _too_big(what: str, size: str, limit: int) -> str:
    return f"{what} is {size} {limit // 1024} KB, the limit of the Tracking API; nothing was accepted."


def check_request_size(length: int) -> None:
    """Refuse a request body over 500 KB (400, as for every oversize input)."""
    if length > MAX_REQUEST_BYTES:
        raise BadRequest(_too_big("The request", "over", MAX_REQUEST_BYTES))


def basic_write_key(authorization: str | None) -> str | None:
    """The write key of `Authorization: Basic base64(key:)`; None without the header; 401 when it is malformed."""
    if not authorization:
        return None
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() != "basic":
        raise Unauthorized("Send the write key as HTTP Basic user (`Authorization: Basic base64(writeKey:)`).")
    try:
        user = base64.b64decode(credentials.strip(), validate=True).decode().partition(":")[0]
    except (binascii.Error, UnicodeDecodeError):
        raise Unauthorized("The Authorization header is not valid HTTP Basic credentials.") from None
    return user or None


_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw])
_ITEMS = msgspec.json.Decoder(list[msgspec.Raw])
_ANY = msgspec.json.Decoder()


def _decode(raw: bytes, decoder: msgspec.json.Decoder[Any], what: str) -> Any:
    try:
        return decoder.decode(raw)
    except msgspec.ValidationError:
        raise BadRequest(f"{what} must be a JSON {'array' if decoder is _ITEMS else 'object'}.") from None
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        raise BadRequest(f"{what} is not valid JSON: {exc}.") from None
    except RecursionError:
        raise BadRequest(f"{what} nests too deeply to read.") from None


def read_request(call: str, body: bytes, received_at: datetime) -> TrackingRequest:
    """Read the (inflated) body of a call of `CALLS`: every event checked and stamped; raises BadRequest saying why
    not, naming the event (`batch[3]`) where one is at fault."""
    check_request_size(len(body))
    top = _decode(body, _TOP, "The body")
    write_key = _string_of(top, "writeKey")
    if CALLS[call] != "batch":
        if len(body) > MAX_EVENT_BYTES:
            raise BadRequest(_too_big("The event", f"{len(body)} bytes,", MAX_EVENT_BYTES))
        event = _decode(body, _ANY, "The body")
        _check_depth(body, event, "The event")
        event["type"] = CALLS[call]  # the path says what call it is
        event.pop("writeKey", None)
        return TrackingRequest(write_key=write_key, events=[_checked(event, "", received_at, None)])
    if "batch" not in top:
        raise BadRequest("A batch needs `batch`, a list of events.")
    items = _decode(top["batch"], _ITEMS, "`batch`")
    if len(items) > MAX_BATCH_EVENTS:
        raise BadRequest(f"The batch has {len(items)} events: the limit is {MAX_BATCH_EVENTS} per request.")
    shared_context = _object_of(top, "context")
    shared_integrations = _object_of(top, "integrations")
    sent_at = _string_of(top, "sentAt")
    events = []
    for index, raw in enumerate(items):
        where = f"batch[{index}]"
        if len(raw) > MAX_EVENT_BYTES:
            raise BadRequest(_too_big(f"The event {where}", f"{len(raw)} bytes,", MAX_EVENT_BYTES))
        event = _decode(raw, _ANY, f"The event {where}")
        if type(event) is not dict:
            raise BadRequest(f"The event {where} is not a JSON object.")
        _check_depth(raw, event, f"The event {where}")
        kind = event.get("type")
        if kind not in EVENT_TYPES:
            raise BadRequest(
                f"The event {where} has {'no type' if kind is None else f'the type {kind!r}'}: "
                f"types are {', '.join(sorted(EVENT_TYPES))}."
            )
        for key, shared in (("context", shared_context), ("integrations", shared_integrations)):
            if shared:
                own = event.get(key)
                event[key] = {**shared, **own} if isinstance(own, dict) else dict(shared)
        events.append(_checked(event, where, received_at, sent_at))
    return TrackingRequest(write_key=write_key, events=events)


def _check_depth(raw: bytes | msgspec.Raw, event: Any, name: str) -> None:
    """Refuse an event nested deeper than the pipeline takes, before anything is counted; only an event with that
    many brackets can be, so most are passed on a count of bytes rather than a walk."""
    text = raw if isinstance(raw, bytes) else bytes(raw)
    if type(event) is dict and text.count(b"{") + text.count(b"[") > MAX_EVENT_DEPTH:
        try:
            check_event_depth(event)
        except EventError as exc:
            raise BadRequest(f"{name}: {exc}") from None


def _string_of(top: dict[str, msgspec.Raw], key: str) -> str | None:
    if key not in top:
        return None
    value = _ANY.decode(top[key])
    if value is None:
        return None
    if type(value) is not str:
        raise BadRequest(f"`{key}` must be a string.")
    return value


def _object_of(top: dict[str, msgspec.Raw], key: str) -> dict[str, Any] | None:
    value = _ANY.decode(top[key]) if key in top else None
    if value is not None and type(value) is not dict:
        raise BadRequest(f"`{key}` must be an object.")
    return value


def _checked(event: Any, where: str, received_at: datetime, batch_sent_at: str | None) -> dict[str, Any]:
    """The event checked (identity, messageId, track name, dates) and stamped."""
    name = f"The event {where}" if where else "The event"
    if type(event) is not dict:
        raise BadRequest(f"{name} is not a JSON object.")
    if not any(_is_identity(event.get(key)) for key in ("userId", "anonymousId")):
        raise BadRequest(f"{name} needs a `userId` or an `anonymousId`.")
    if event["type"] == "track" and (type(event.get("event")) is not str or not event["event"]):
        raise BadRequest(f"{name} is a track call without its name in `event`.")
    message_id = event.get("messageId")
    if message_id is None:
        event["messageId"] = f"api-{uuid.uuid4()}"
    elif type(message_id) is not str or not message_id:
        raise BadRequest(f"{name} has a `messageId` that is not a non-empty string.")
    elif len(message_id) > MAX_MESSAGE_ID_LENGTH:
        raise BadRequest(f"{name} has a `messageId` of {len(message_id)} characters: at most 99.")
    sent_at = _instant(event, "sentAt", name) if "sentAt" in event else None
    if sent_at is None and batch_sent_at is not None:
        sent_at = _parse_instant(batch_sent_at, "sentAt", "The batch")
    timestamp = _instant(event, "timestamp", name) if "timestamp" in event else None
    received = received_at.astimezone(UTC)
    event["receivedAt"] = _format(received)
    if timestamp is not None:
        event["originalTimestamp"] = event["timestamp"]
        event["timestamp"] = _format(received - (sent_at - timestamp) if sent_at is not None else timestamp)
    else:
        event["timestamp"] = event["receivedAt"]
    return event


def _is_identity(value: Any) -> bool:
    # the libraries send ids as strings; numbers are ids too (Segment turns them into strings)
    return (type(value) is str and value != "") or (type(value) in (int, float))


def _instant(event: dict[str, Any], key: str, name: str) -> datetime | None:
    value = event[key]
    if value is None:
        return None
    if type(value) is not str:
        raise BadRequest(f"{name} has a `{key}` that is not an ISO-8601 string.")
    return _parse_instant(value, key, name)


def _parse_instant(value: str, key: str, name: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} has a `{key}` that is not an ISO-8601 date and time: {value[:40]!r}.") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _format(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
