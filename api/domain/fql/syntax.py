"""FQL syntax: the syntax tree, the parser, and the tree's normalised text.

`Parser` reads the scanner's tokens (`tokens.scan`) by recursive descent into a tree of
frozen nodes (`Literal`, a list literal included, `Path`, `Call`, `Not`, `Compare`, `in` among them,
`Logic`) that is checked as it is built (globs, the sides of `in`, the names `typeof()` answers),
so every `FqlError` carries the position of the problem. `pinned_event` finds the event name a tree
requires and `render` gives its normalised text. The limits and the names FQL knows (`ROOTS`,
`FUNCTIONS`, `TYPE_NAMES`) are defined here, where the parser uses them, and re-exported by the package.
"""

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from api.domain.fql import glob
from api.domain.fql.tokens import IDENTIFIER, NAME_ESCAPE, SEGMENT, FqlError, Token, scan, source_offset

MAX_LENGTH = 2_000
MAX_DEPTH = 32
"""How many parentheses, `!` and function calls may be open at once."""

ROOTS = ("event", "type", "userId", "anonymousId", "properties", "traits", "context")
OBJECT_ROOTS = frozenset(("properties", "traits", "context"))
FUNCTIONS = {
    "match": 2,
    "contains": 2,
    "length": 1,
    "lowercase": 1,
    "uppercase": 1,
    "snakecase": 1,
    "kebabcase": 1,
    "titlecase": 1,
    "typeof": 1,
    "bool": 1,
    "number": 1,
    "string": 1,
}
"""Each function and how many arguments it takes."""


_CONSTANTS = {"true": True, "false": False, "null": None}
_COMPARISONS = frozenset(("=", "!=", "<", "<=", ">", ">=", "in"))
_KEYWORDS = frozenset(("and", "or", "in"))
TYPE_NAMES = ("string", "number", "list", "bool", "null", "object")
"""What `typeof()` answers: Segment's five names, and `object` for a JSON object, which the page leaves out."""
_TYPE_HINTS = {"array": "list", "boolean": "bool", "integer": "number", "map": "object", "nil": "null"}


# -- Tree and parser ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Literal:
    value: Any


@dataclass(frozen=True, slots=True)
class Path:
    segments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Call:
    name: str
    args: tuple["Node", ...]


@dataclass(frozen=True, slots=True)
class Not:
    operand: "Node"


@dataclass(frozen=True, slots=True)
class Compare:
    op: str
    left: "Node"
    right: "Node"


@dataclass(frozen=True, slots=True)
class Logic:
    op: str
    operands: tuple["Node", ...]
    """Two or more; never a `Logic` of the same `op`, so equal conditions have equal trees."""


Node = Literal | Path | Call | Not | Compare | Logic


class Parser:
    """Recursive descent, one token ahead; `!`, calls and parentheses are the only recursion, kept to MAX_DEPTH."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.token = scan(source, 0)
        self.depth = 0

    def advance(self) -> Token:
        """Consume the current token; scanning the next only now reports errors in source order."""
        token = self.token
        if token.kind != "end":
            self.token = scan(self.source, token.position + len(token.text))
        return token

    @contextlib.contextmanager
    def nested(self, opening: Token) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FqlError(f"The condition nests more than {MAX_DEPTH} levels deep", opening.position)
        yield
        self.depth -= 1

    def condition(self) -> Node:
        tree = self.disjunction()
        token = self.token
        if token.kind == "end":
            return tree
        if token.text in (")", "]"):
            raise FqlError(f"Unmatched {token.text!r}", token.position)
        hint = f": write {token.text.lower()!r} in lower case" if token.text.lower() in ("and", "or") else ""
        raise FqlError(f"Expected the end of the condition, found {token.text!r}{hint}", token.position)

    def disjunction(self) -> Node:
        operands = [self.conjunction()]
        while self.token.text == "or":
            self.advance()
            operands.append(self.conjunction())
        return _logic("or", operands)

    def conjunction(self) -> Node:
        operands = [self.comparison()]
        while self.token.text == "and":
            self.advance()
            operands.append(self.comparison())
        return _logic("and", operands)

    def comparison(self) -> Node:
        start = self.token.position
        left = self.unary()
        if self.token.text not in _COMPARISONS:
            return left
        op = self.advance().text
        right_start = self.token.position
        right = self.unary()
        if self.token.text in _COMPARISONS:
            raise FqlError("Comparisons do not chain: join them with 'and'", self.token.position)
        if op == "in":
            if isinstance(left, Literal) and type(left.value) is list:
                raise FqlError("The left side of 'in' is one value: a string, number, bool or null", start)
            if isinstance(right, Literal) and type(right.value) is not list:
                raise FqlError("The right side of 'in' is a list, such as ['a', 'b']", right_start)
        _check_type_name(left, right, right_start)
        _check_type_name(right, left, start)
        return Compare(op, left, right)

    def unary(self) -> Node:
        if self.token.text != "!":
            return self.primary()
        with self.nested(self.advance()):
            return Not(self.unary())

    def primary(self) -> Node:
        token = self.advance()
        if token.kind in ("number", "string"):
            return Literal(token.value)
        if token.kind == "name" and token.text in _CONSTANTS:
            return Literal(_CONSTANTS[token.text])
        if token.kind == "name" and token.text not in _KEYWORDS:
            return self.call(token) if self.token.text == "(" else self.path(token)
        if token.text == "[":
            return self.list_literal(token)
        if token.text == "(":
            with self.nested(token):
                tree = self.disjunction()
            self.close(token, "")
            return tree
        if token.kind == "end":
            raise FqlError("Unexpected end of the condition: expected a value", token.position)
        raise FqlError(f"Expected a value, found {token.text!r}", token.position)

    def close(self, opening: Token, separator: str, closing: str = ")") -> None:
        """Consume the ')' (or `closing`) that closes `opening`."""
        token = self.advance()
        if token.text == closing:
            return
        what = (
            f"the call to {opening.text}()"
            if opening.kind == "name"
            else f"the {opening.text!r} at position {opening.position}"
        )
        if token.kind == "end":
            raise FqlError(f"Missing {closing!r} to close {what}", token.position)
        raise FqlError(f"Expected {separator}{closing!r} to close {what}, found {token.text!r}", token.position)

    def list_literal(self, opening: Token) -> Node:
        """A list of values written out, `['a', 1, true, null, [2]]`; `[]` is the empty list."""
        items: list[Any] = []
        with self.nested(opening):
            while self.token.text != "]" or items:
                token = self.advance()
                if token.kind in ("number", "string"):
                    items.append(token.value)
                elif token.kind == "name" and token.text in _CONSTANTS:
                    items.append(_CONSTANTS[token.text])
                elif token.text == "[":
                    inner = self.list_literal(token)
                    assert isinstance(inner, Literal)
                    items.append(inner.value)
                elif token.kind == "end":
                    raise FqlError(f"Missing ']' to close the '[' at position {opening.position}", token.position)
                else:
                    raise FqlError(
                        f"Expected a list item, found {token.text!r}: items are strings, numbers, true, false, "
                        "null or lists",
                        token.position,
                    )
                if self.token.text != ",":
                    break
                self.advance()
        self.close(opening, "',' or ", "]")
        return Literal(items)

    def call(self, name: Token) -> Node:
        arity = FUNCTIONS.get(name.text)
        if arity is None:
            raise FqlError(f"Unknown function {name.text!r}: functions are {', '.join(FUNCTIONS)}", name.position)
        args: list[Node] = []
        positions: list[int] = []
        with self.nested(name):
            self.advance()
            while self.token.text != ")" or args:
                positions.append(self.token.position)
                args.append(self.disjunction())
                if self.token.text != ",":
                    break
                self.advance()
        self.close(name, "',' or ")
        if len(args) != arity:
            expected = "1 argument" if arity == 1 else f"{arity} arguments"
            raise FqlError(f"{name.text}() takes {expected}, not {len(args)}", name.position)
        if name.text == "contains" and isinstance(args[1], Literal) and not _is_string(args[1]):
            raise FqlError("The second argument of contains() is a string", positions[1])
        if name.text == "match":
            if not _is_string(args[1]):
                hint = f": did you mean match({render(args[1])}, {render(args[0])})?" if _is_string(args[0]) else ""
                raise FqlError(f"The second argument of match() is the pattern, a string literal{hint}", positions[1])
            try:
                glob.check(args[1].value)  # type: ignore[union-attr]
            except glob.GlobError as exc:
                position = source_offset(self.source, positions[1], exc.index)
                raise FqlError(f"Not a glob: {exc.message}", position) from None
        return Call(name.text, tuple(args))

    def path(self, root: Token) -> Node:
        if root.value not in ROOTS:
            raise FqlError(f"Unknown field {root.value!r}: fields start with {', '.join(ROOTS)}", root.position)
        segments = [root.value]
        while self.token.text == ".":
            # the segment is scanned on its own: `1st` or `a-b` is a field name here, not a number or a minus
            dot = self.token
            if root.value not in OBJECT_ROOTS:
                raise FqlError(f"{root.value!r} has no fields: only properties, traits and context do", dot.position)
            found = SEGMENT.match(self.source, dot.position + 1)
            if found is None:
                position = len(self.source) - len(self.source[dot.position + 1 :].lstrip())
                if self.source[position : position + 1] == "`":
                    raise FqlError("Unterminated name: no closing `", position)
                if self.source[position:] == "\\":
                    raise FqlError("A lone '\\' ends the condition: it escapes the character after it", position)
                raise FqlError("Expected a field name after '.'", position)
            if found["quoted"] is not None:
                segment = found["quoted"][1:-1]
                if not segment:
                    raise FqlError("Empty quoted name", found.start("quoted"))
            else:
                segment = NAME_ESCAPE.sub(r"\1", found["plain"])
            segments.append(segment)
            self.token = scan(self.source, found.end())
        return Path(tuple(segments))


def _logic(op: str, operands: list[Node]) -> Node:
    if len(operands) == 1:
        return operands[0]
    flat: list[Node] = []
    for operand in operands:
        flat.extend(operand.operands if isinstance(operand, Logic) and operand.op == op else (operand,))
    return Logic(op, tuple(flat))


def _is_string(node: Node) -> bool:
    return isinstance(node, Literal) and type(node.value) is str


def _check_type_name(call: Node, other: Node, position: int) -> None:
    """Refuse comparing typeof() with a name it never answers, such as JSON Schema's 'array'."""
    if isinstance(call, Call) and call.name == "typeof" and _is_string(other):
        name = other.value  # type: ignore[union-attr]
        if name not in TYPE_NAMES:
            hint = f": write {_TYPE_HINTS[name]!r}" if name in _TYPE_HINTS else ""
            raise FqlError(f"typeof() answers {', '.join(map(repr, TYPE_NAMES))}, never {name!r}{hint}", position)


def pinned_event(tree: Node) -> str | None:
    """The event name that `event = '...'`, alone or in a top-level `and`, requires."""
    conjuncts = tree.operands if isinstance(tree, Logic) and tree.op == "and" else (tree,)
    for node in conjuncts:
        if isinstance(node, Compare) and node.op == "=":
            for one, other in ((node.left, node.right), (node.right, node.left)):
                if one == Path(("event",)) and isinstance(other, Literal) and type(other.value) is str:
                    return other.value
    return None


# -- Normalised text ------------------------------------------------------------------------------

_PRECEDENCE = {"or": 1, "and": 2}
_STRING_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_NEEDS_ESCAPE = re.compile(r"[\\'\x00-\x1f\x7f\ud800-\udfff]")
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9_$-]")


def _precedence(node: Node) -> int:
    if isinstance(node, Logic):
        return _PRECEDENCE[node.op]
    return 3 if isinstance(node, Compare) else 4 if isinstance(node, Not) else 5


def render(node: Node) -> str:
    """The normalised text of `node`: canonical spacing, single quotes, only the parentheses needed."""
    if isinstance(node, Literal):
        return _render_literal(node.value)
    if isinstance(node, Path):
        root, *rest = node.segments
        return ".".join([root, *map(_render_segment, rest)])
    if isinstance(node, Call):
        return f"{node.name}({', '.join(map(render, node.args))})"
    if isinstance(node, Not):
        return "!" + _wrapped(node.operand, 4)
    if isinstance(node, Compare):
        return f"{_wrapped(node.left, 4)} {node.op} {_wrapped(node.right, 4)}"
    return f" {node.op} ".join(_wrapped(operand, _PRECEDENCE[node.op] + 1) for operand in node.operands)


def _wrapped(node: Node, least: int) -> str:
    text = render(node)
    return text if _precedence(node) >= least else f"({text})"


def _escape(char: re.Match[str]) -> str:
    return _STRING_ESCAPES.get(char[0]) or f"\\u{ord(char[0]):04x}"


def _render_segment(segment: str) -> str:
    if IDENTIFIER.fullmatch(segment):
        return segment
    if "`" not in segment:
        return f"`{segment}`"
    return _UNSAFE_IN_NAME.sub(r"\\\g<0>", segment)


def _render_literal(value: Any) -> str:
    if type(value) is list:
        return f"[{', '.join(map(_render_literal, value))}]"
    if type(value) is str:
        return f"'{_NEEDS_ESCAPE.sub(_escape, value)}'"
    if type(value) is bool or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    return repr(value)
