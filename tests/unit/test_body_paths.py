"""Naming the place of a number out of range where msgspec wrote `[...]`."""

import pytest

from api.domain.body_paths import out_of_range_field


@pytest.mark.parametrize(
    ("field", "body", "named"),
    [
        # the first such number in the body's order, among keys that fit the path
        ("s[...][...]", b'{"s": {"a": {"x": 1}, "b": {"x": 1e400}, "c": {"x": 1e400}}}', "s.b.x"),
        ("s[...][1]", b'{"s": {"a": [1, 2], "b": [1, -1e400]}}', "s.b.1"),
        ("r[1].s[...]", b'{"r": [0, {"s": {"a b.c": 1e309}}]}', "r[1].s.a b.c"),
        # nothing to name: the field as it was
        ("s[...]", b'{"s": {"a": 1e300}}', "s[...]"),
        ("s.a", b'{"s": {"a": 1e400}}', "s.a"),
        ("s[...]", b"not json", "s[...]"),
        ("s[...]", b'{"s": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "s[...]"),
    ],
)
def test_out_of_range_field(field: str, body: bytes, named: str) -> None:
    assert out_of_range_field(field, body) == named
