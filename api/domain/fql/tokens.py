"""FQL tokens: the scanner that turns source text into tokens, and the error every FQL problem raises.

Strings take JSON's escapes (and keep `\\*`, `\\?`, `\\[`, `\\]`, `\\-` as written, for globs); names
take Segment's `\\` escapes (`product\\ 1`), or backticks. `source_offset` maps a character of a
string's value back to where it was written, so a problem found inside a glob gets its real position.
"""

import math
import re
from typing import Any, NamedTuple


class FqlError(ValueError):
    """A condition that does not parse."""

    message: str
    """What is wrong, without the position."""
    position: int
    """0-based offset in the source of the character where the problem is."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message, position)  # both in args, so the error pickles and copies
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} (at position {self.position})"


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<number>-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
      | (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<name>(?:[A-Za-z_$]|\\.)(?:[A-Za-z0-9_$-]|\\.)*)
      | (?P<quoted>`[^`]*`)
      | (?P<op>[!<>]=?|=|[(),.\[\]])
      | (?P<end>\Z)
    )""",
    re.VERBOSE | re.DOTALL,
)
IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*")
SEGMENT = re.compile(r"\s*(?:(?P<plain>(?:[A-Za-z0-9_$-]|\\.)+)|(?P<quoted>`[^`]*`))", re.DOTALL)
"""A field name after a dot: Segment's `{a-z A-Z 0-9 _ -}` (and `$`), any other character escaped with `\\`."""
NAME_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.?)", re.DOTALL)
_ESCAPES = {"'": "'", '"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}
GLOB_ESCAPES = frozenset("*?[]-")
"""Kept as written (`\\*` stays two characters), so `match(s, 'ab\\*d')` reads as Segment's page writes it."""
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class Token(NamedTuple):
    """One token: its kind (`number`, `string`, `name`, `quoted`, `op` or `end`), text, value and position."""

    kind: str
    text: str
    """Exactly as written, quotes included: a string `'or'` is never the keyword `or`."""
    value: Any
    position: int


def scan(source: str, start: int) -> Token:
    """The token after `start`, past any white space; FqlError for text that is no token."""
    found = _TOKEN.match(source, start)
    if found is None:
        position = len(source) - len(source[start:].lstrip())
        char = source[position]
        if char in "'\"`":
            what = "name" if char == "`" else "string"
            hint = (
                f" (a \\ before {char} makes it part of the string)"
                if char != "`" and f"\\{char}" in source[position:]
                else ""
            )
            raise FqlError(f"Unterminated {what}: no closing {char}{hint}", position)
        if char == "\\" and position == len(source) - 1:
            raise FqlError("A lone '\\' ends the condition: it escapes the character after it", position)
        raise FqlError(f"Unexpected character {char!r}", position)
    kind = found.lastgroup or "end"
    text, position = found[kind], found.start(kind)
    value: Any = text
    if kind == "number":
        if any(c in text for c in ".eE"):
            value = float(text)
            if not math.isfinite(value):
                raise FqlError(f"The number {text} is out of range", position)
        else:
            value = int(text)  # exact at any size: MAX_LENGTH keeps it far below Python's digit limit
    elif kind == "string":
        value = _unescape(text[1:-1], position + 1)
    elif kind == "name" and "\\" in text:
        value = NAME_ESCAPE.sub(r"\1", text)
    elif kind == "quoted":
        value = text[1:-1]
        if not value:
            raise FqlError("Empty quoted name", position)
    return Token(kind, text, value, position)


def _unescape(body: str, offset: int) -> str:
    def replace(escape: re.Match[str]) -> str:
        code = escape[1]
        if code in _ESCAPES:
            return _ESCAPES[code]
        if code in GLOB_ESCAPES:
            return escape[0]
        if len(code) == 5:
            return chr(int(code[1:], 16))
        if code == "u":
            raise FqlError("\\u needs four hex digits", offset + escape.start())
        raise FqlError(f"Unknown escape \\{code} in a string", offset + escape.start())

    text = _ESCAPE.sub(replace, body)
    if _SURROGATE.search(text):
        # \uD83D\uDE00 is one character, as in JSON; a lone surrogate is no character, and no answer could carry it
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
        if (lone := _SURROGATE.search(text)) is not None:
            escape = f"\\u{ord(lone[0]):04x}"
            raise FqlError(f"{escape} is half of a UTF-16 pair: write both halves", offset + body.lower().index(escape))
    return text


def source_offset(source: str, opening: int, index: int) -> int:
    """Where the character at `index` of the string literal opening at `opening` was written."""
    if source[opening] not in "'\"":
        return opening  # the literal sits in parentheses: point at them
    body = opening + 1
    for _ in range(index):
        if source[body] != "\\":
            body += 1
        elif source[body + 1] == "u":
            body += 6
        elif source[body + 1] in GLOB_ESCAPES:
            # kept as two characters: the backslash was one of them, the escaped character the next
            body += 1
        else:
            body += 2
    return body
