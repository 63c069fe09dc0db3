"""The glob patterns of FQL's `match(s, pattern)`, as Segment's FQL page documents them.

`*` matches zero or more characters, `?` exactly one, `[abc]` one of those listed, `[a-z]` one in
the range, and `\\x` the character `x` literally (inside a class too). The pattern must match the
whole string, case sensitively. Anything the page does not define is refused rather than guessed:
a `[` never closed, an empty class `[]`, a class starting with `!` or `^` (negation in other glob
dialects), a range missing an end or running backwards, and a `\\` with nothing after it.

`check` finds those problems (`GlobError` carries the offset in the pattern); `compile` answers a
matcher that places each piece between stars leftmost, so no pattern can backtrack for ages.
"""

import re
from collections.abc import Callable


class GlobError(ValueError):
    """A pattern that is not a glob as documented."""

    message: str
    index: int
    """0-based offset in the pattern of the character where the problem is."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message, index)
        self.message = message
        self.index = index


_STAR = None
"""Stands for `*` among the parsed items; every other item is a regex matching exactly one character."""


def _class_member(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def _items(pattern: str) -> list[str | None]:
    """The pattern as `_STAR` and one-character regexes; GlobError on anything undocumented."""
    items: list[str | None] = []
    index, end = 0, len(pattern)
    while index < end:
        char = pattern[index]
        if char == "*":
            items.append(_STAR)
        elif char == "?":
            items.append(".")
        elif char == "\\":
            if index + 1 == end:
                raise GlobError("The pattern ends with a lone '\\': write '\\\\' to match a backslash", index)
            index += 1
            items.append(re.escape(pattern[index]))
        elif char == "[":
            item, index = _class(pattern, index)
            items.append(item)
        else:
            items.append(re.escape(char))
        index += 1
    return items


def _class(pattern: str, opening: int) -> tuple[str, int]:
    """The regex of the class opened at `opening`, and the offset of its `]`."""
    members: list[str] = []
    index, end = opening + 1, len(pattern)
    if index < end and pattern[index] in "!^":
        raise GlobError(
            f"Negated classes are not part of FQL's globs: write '\\{pattern[index]}' to match "
            f"{pattern[index]!r} itself",
            index,
        )
    while True:
        if index >= end:
            raise GlobError("This '[' is never closed with ']'", opening)
        char = pattern[index]
        if char == "]":
            break
        start, low = index, _member(pattern, index)
        index = low[1]
        if index < end and pattern[index] == "-":
            if index + 1 >= end:
                raise GlobError("This '[' is never closed with ']'", opening)
            if pattern[index + 1] == "]":
                raise GlobError("A range needs an end, as in [a-z]: write '\\-' to match '-'", index)
            high = _member(pattern, index + 1)
            if high[0] < low[0]:
                raise GlobError(f"The range {low[0]}-{high[0]} runs backwards", start)
            members.append(f"{_class_member(low[0])}-{_class_member(high[0])}")
            index = high[1]
        else:
            members.append(_class_member(low[0]))
    if not members:
        raise GlobError("An empty class [] matches nothing: write '\\[' and '\\]' to match brackets", opening)
    return f"[{''.join(members)}]", index


def _member(pattern: str, index: int) -> tuple[str, int]:
    """The character a class lists at `index` (`\\x` is `x`), and the offset after it."""
    char = pattern[index]
    if char == "-":
        raise GlobError("A range needs a start, as in [a-z]: write '\\-' to match '-'", index)
    if char != "\\":
        return char, index + 1
    if index + 1 == len(pattern):
        raise GlobError("The pattern ends with a lone '\\': write '\\\\' to match a backslash", index)
    return pattern[index + 1], index + 2


def check(pattern: str) -> None:
    """Raise GlobError when `pattern` is not a glob as documented."""
    _items(pattern)


def compile(pattern: str) -> Callable[[str], bool]:
    """A function telling whether a string matches `pattern` whole; GlobError when it is not a glob."""
    items = _items(pattern)
    pieces: list[list[str]] = [[]]
    for item in items:
        if item is _STAR:
            pieces.append([])
        else:
            pieces[-1].append(item)
    regexes = [re.compile("".join(piece), re.DOTALL) for piece in pieces]
    if len(regexes) == 1:
        whole = regexes[0]
        return lambda text: whole.fullmatch(text) is not None
    head, *middle, tail = regexes
    tail_length = len(pieces[-1])  # each item matches exactly one character

    def glob(text: str) -> bool:
        found = head.match(text)
        if found is None:
            return False
        position = found.end()
        for piece in middle:
            if (found := piece.search(text, position)) is None:
                return False
            position = found.end()
        end = len(text) - tail_length
        return end >= position and tail.fullmatch(text, end) is not None

    return glob
