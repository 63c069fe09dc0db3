"""Cursor pagination as the Public API does it: opaque cursors, `current`, `next`, `previous` (absent at the ends)."""

import base64
import binascii
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any, Literal, TypeVar

import msgspec

from api.domain.ids import ID_PATTERN
from api.errors import BadRequest

MAX_PAGE_SIZE = 200
CURSOR = "page cursor"
"""What a cursor error is about; each API names the parameter that carries it."""

_NOT_OURS = "The cursor is not one this server handed out."

T = TypeVar("T")
P = TypeVar("P")


class Pagination(msgspec.Struct, kw_only=True, rename="camel"):
    """The `pagination` object of every list answer.

    `next` is left out on the last page and `previous` on the first, as Segment's models do:
    clients written for Segment (typewriter among them) page while `next` is not undefined,
    so a `null` would send them round again.
    """

    current: str
    next: str | msgspec.UnsetType = msgspec.UNSET
    """Where the following page starts; absent on the last page."""
    previous: str | msgspec.UnsetType = msgspec.UNSET
    """Where the page before starts; absent on the first page."""
    total_entries: int


class Cursor(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """A decoded cursor: the first page, or the rows after or before a position.

    A position is whatever orders the listing it came from (a row id, a timestamp and id, ...);
    the listing checks its shape when it reads it, see `PageRequest.position`.
    """

    direction: Literal["after", "before"] | None = None
    position: Any = None


FIRST_PAGE = Cursor()

RowPosition = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]
"""A position that is a row id (a PostgreSQL bigint)."""


class CreatedPosition(msgspec.Struct, array_like=True, forbid_unknown_fields=True):
    """Where a page starts or ends in a listing by (created_at, id): plans, sources, transformations."""

    created_at: datetime
    id: Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]

    def __post_init__(self) -> None:
        # a forged cursor could name an instant PostgreSQL cannot hold; nothing is made before 2000
        if self.created_at.tzinfo is None or not 2000 <= self.created_at.year <= 9000:
            raise ValueError("not a position of this listing")


class PageRequest(msgspec.Struct, kw_only=True, frozen=True):
    count: int
    cursor: Cursor

    def position(self, shape: type[P]) -> P | None:
        """The cursor's position read as `shape`; a cursor of another shape is a 400."""
        if self.cursor.position is None:
            return None
        try:
            return msgspec.convert(self.cursor.position, shape)
        except msgspec.ValidationError:
            raise BadRequest(_NOT_OURS, subject=CURSOR) from None


def encode_cursor(cursor: Cursor) -> str:
    return base64.urlsafe_b64encode(msgspec.json.encode(cursor)).decode().rstrip("=")


def decode_cursor(text: str) -> Cursor:
    """Parse a cursor that this server handed out; anything else is a 400 naming the parameter."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        cursor = msgspec.json.decode(raw, type=Cursor)
    except (binascii.Error, ValueError, msgspec.DecodeError):
        raise BadRequest(_NOT_OURS, subject=CURSOR) from None
    if (cursor.direction is None) != (cursor.position is None):
        raise BadRequest(_NOT_OURS, subject=CURSOR)
    return cursor


def paginate(
    rows: list[T], page: PageRequest, total: int, position_of: Callable[[T], Any]
) -> tuple[list[T], Pagination]:
    """Trim the `count + 1` rows fetched for `page` and say where the neighbouring pages start.

    Rows come in listing order (a page fetched backwards has been reversed already) and
    hold one extra row when there is more in the direction of travel.
    """
    has_more = len(rows) > page.count
    backwards = page.cursor.direction == "before"
    if has_more:
        rows = rows[1:] if backwards else rows[:-1]
    next_cursor: str | msgspec.UnsetType = msgspec.UNSET
    previous_cursor: str | msgspec.UnsetType = msgspec.UNSET
    if rows:
        if has_more or backwards:
            next_cursor = encode_cursor(Cursor(direction="after", position=position_of(rows[-1])))
        if (has_more and backwards) or (page.cursor.direction == "after"):
            previous_cursor = encode_cursor(Cursor(direction="before", position=position_of(rows[0])))
    return rows, Pagination(
        current=encode_cursor(page.cursor),
        next=next_cursor,
        previous=previous_cursor,
        total_entries=total,
    )
