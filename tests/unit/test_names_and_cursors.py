"""Slugs and pagination cursors."""

from datetime import UTC, datetime

import msgspec
import pytest

from api.domain.names import slugify
from api.domain.pagination import CreatedPosition, Cursor, PageRequest, decode_cursor, encode_cursor, paginate
from api.errors import BadRequest


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Checkout Flow (v2)", "checkout-flow-v2"),
        ("  Événements   Mobiles ", "evenements-mobiles"),
        ("日本語", "plan"),
        ("a" * 300, "a" * 100),
        ("--Web--", "web"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_cursors_round_trip() -> None:
    position = CreatedPosition(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), "tp_abc")
    cursor = Cursor(direction="after", position=position)

    decoded = decode_cursor(encode_cursor(cursor))

    assert PageRequest(count=1, cursor=decoded).position(CreatedPosition) == position


@pytest.mark.parametrize("text", ["", "!!!", "bm90IGpzb24", "W10", "eyJkaXJlY3Rpb24iOiJiZWZvcmUifQ"])
def test_cursors_not_handed_out_are_refused(text: str) -> None:
    with pytest.raises(BadRequest) as refused:
        decode_cursor(text)

    # the domain says what is wrong; each API names the parameter (`pagination[cursor]`, `page_token`)
    assert refused.value.subject == "page cursor"


def _position(n: int) -> list[object]:
    return [f"id{n}"]


def test_paginate_forward_and_back() -> None:
    first = PageRequest(count=2, cursor=Cursor())

    rows, pagination = paginate([1, 2, 3], first, total=5, position_of=_position)

    assert rows == [1, 2] and pagination.previous is msgspec.UNSET and pagination.total_entries == 5
    assert decode_cursor(str(pagination.next)) == Cursor(direction="after", position=_position(2))
    back = PageRequest(count=2, cursor=Cursor(direction="before", position=_position(3)))
    rows, pagination = paginate([0, 1, 2], back, total=5, position_of=_position)
    assert rows == [1, 2]
    assert decode_cursor(str(pagination.previous)) == Cursor(direction="before", position=_position(1))
    assert decode_cursor(str(pagination.next)) == Cursor(direction="after", position=_position(2))
