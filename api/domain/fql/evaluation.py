"""FQL evaluation: a syntax tree compiled into nested closures over a JSON event.

`compile` turns a tree from the parser into an `Evaluator`, choosing at compile time everything
that does not depend on the event (which comparison, the type test against a literal, the glob
matcher), so evaluating does no parsing and no dispatch on node types. The helpers it needs live
here too: JSON equality, the `*`/`?` glob, the case functions and the type names of `typeof()`.
"""

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

from api.domain.fql.syntax import Call, Compare, Literal, Node, Not, Path

Evaluator = Callable[[Mapping[str, Any]], Any]

_NUMBERS = (int, float)
_SIZED = (str, list, dict)
_ORDERINGS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


def compile(node: Node) -> Evaluator:
    """`node` as a function of the event."""
    if isinstance(node, Literal):
        value = node.value
        return lambda event: value
    if isinstance(node, Path):
        return _getter(node.segments)
    if isinstance(node, Not):
        operand = compile(node.operand)
        return lambda event: operand(event) is not True
    if isinstance(node, Compare):
        return _compile_comparison(node)
    if isinstance(node, Call):
        return _compile_call(node)
    return _all(list(map(compile, node.operands))) if node.op == "and" else _any(list(map(compile, node.operands)))


def _getter(segments: tuple[str, ...]) -> Evaluator:
    first, *rest = segments
    if not rest:
        return lambda event: event.get(first)
    if len(rest) == 1:
        second = rest[0]
        return lambda event: value.get(second) if isinstance(value := event.get(first), dict) else None

    def get(event: Mapping[str, Any]) -> Any:
        value = event.get(first)
        for segment in rest:
            if not isinstance(value, dict):
                return None
            value = value.get(segment)
        return value

    return get


def _all(tests: list[Evaluator]) -> Evaluator:
    if len(tests) == 2:
        first, second = tests
        return lambda event: first(event) is True and second(event) is True
    return lambda event: all(test(event) is True for test in tests)


def _any(tests: list[Evaluator]) -> Evaluator:
    if len(tests) == 2:
        first, second = tests
        return lambda event: first(event) is True or second(event) is True
    return lambda event: any(test(event) is True for test in tests)


def _compile_comparison(node: Compare) -> Evaluator:
    op, left, right = node.op, node.left, node.right
    if isinstance(left, Literal) and not isinstance(right, Literal):
        op, left, right = _FLIPPED[op], right, left
    get = compile(left)
    if isinstance(right, Literal):
        return _against_literal(op, get, right.value)
    other = compile(right)
    if op == "=":
        return lambda event: _json_equal(get(event), other(event))
    if op == "!=":
        return lambda event: not _json_equal(get(event), other(event))
    compare = _ORDERINGS[op]

    def ordered(event: Mapping[str, Any]) -> bool:
        one, two = get(event), other(event)
        if (type(one) is str and type(two) is str) or (type(one) in _NUMBERS and type(two) in _NUMBERS):
            return compare(one, two)
        return False

    return ordered


def _against_literal(op: str, get: Evaluator, literal: Any) -> Evaluator:
    """A comparison with a constant: the type test is chosen here, once, not on every event."""
    kind = type(literal)
    if op == "=":
        if kind is str:
            return lambda event: get(event) == literal
        if kind in _NUMBERS:
            return lambda event: type(value := get(event)) in _NUMBERS and value == literal
        return lambda event: get(event) is literal
    if op == "!=":
        if kind is str:
            return lambda event: get(event) != literal
        if kind in _NUMBERS:
            return lambda event: type(value := get(event)) not in _NUMBERS or value != literal
        return lambda event: get(event) is not literal
    compare = _ORDERINGS[op]
    if kind is str:
        return lambda event: type(value := get(event)) is str and compare(value, literal)
    if kind in _NUMBERS:
        return lambda event: type(value := get(event)) in _NUMBERS and compare(value, literal)
    return lambda event: False


def _json_equal(one: Any, two: Any) -> bool:
    """JSON equality: numbers by value, booleans apart from numbers; iterative, so deep values cannot overflow."""
    pending = [(one, two)]
    while pending:
        one, two = pending.pop()
        if type(one) in _NUMBERS and type(two) in _NUMBERS:
            if one != two:
                return False
        elif type(one) is not type(two):
            return False
        elif type(one) is list:
            if len(one) != len(two):
                return False
            pending.extend(zip(one, two, strict=True))
        elif type(one) is dict:
            if one.keys() != two.keys():
                return False
            pending.extend((value, two[key]) for key, value in one.items())
        elif one != two:
            return False
    return True


def _compile_call(node: Call) -> Evaluator:
    get = compile(node.args[0])
    if node.name in ("contains", "match"):
        literal = node.args[1]
        assert isinstance(literal, Literal)  # the parser refuses anything else
        text: str = literal.value
        if node.name == "contains":
            return lambda event: type(value := get(event)) is str and text in value
        glob = _glob(text)
        return lambda event: type(value := get(event)) is str and glob(value)
    if node.name == "length":
        return lambda event: len(value) if type(value := get(event)) in _SIZED else None
    if node.name == "typeof":
        return lambda event: _type_name(get(event))
    change = _STRING_FUNCTIONS[node.name]
    return lambda event: change(value) if type(value := get(event)) is str else None


def _glob(pattern: str) -> Callable[[str], bool]:
    """A matcher for `*` and `?` placing each piece between stars leftmost: a regex of `.*` can backtrack for ages."""
    pieces = [
        re.compile("".join("." if c == "?" else re.escape(c) for c in piece), re.DOTALL) for piece in pattern.split("*")
    ]
    if len(pieces) == 1:
        return lambda text: pieces[0].fullmatch(text) is not None
    head, *middle, tail = pieces
    tail_length = len(pattern) - pattern.rindex("*") - 1  # each character of a piece matches one character

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


_WORD = re.compile(r"[^\W_]+")
_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _words(text: str) -> list[str]:
    """`orderID`, `Order ID`, `order-id`, `ORDER_ID` all give two words."""
    return [word for run in _WORD.findall(text) for word in _HUMP.split(run)]


_STRING_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "lowercase": str.lower,
    "uppercase": str.upper,
    "snakecase": lambda text: "_".join(word.lower() for word in _words(text)),
    "kebabcase": lambda text: "-".join(word.lower() for word in _words(text)),
    "titlecase": lambda text: " ".join(word.capitalize() for word in _words(text)),
}
_TYPE_NAMES = {str: "string", int: "number", float: "number", bool: "boolean", dict: "object", list: "array"}


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value)) or next(
        (name for kind, name in _TYPE_NAMES.items() if isinstance(value, kind)), "object"
    )
