"""FQL evaluation: a syntax tree compiled into nested closures over a JSON event.

`compile` turns a tree from the parser into an `Evaluator`, choosing at compile time everything
that does not depend on the event (which comparison, the type test against a literal, the glob
matcher, the set a literal list is looked up in), so evaluating does no parsing and no dispatch on
node types. The functions follow Segment's FQL page (`src/api/public-api/fql.md` in
segmentio/segment-docs), including its defaults for null; the helpers they need live here too:
JSON equality, the case functions, the type names of `typeof()` and the conversions.
"""

import operator
import re
from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from api.domain.fql import glob
from api.domain.fql.syntax import Call, Compare, Literal, Node, Not, Path

Evaluator = Callable[[Mapping[str, Any]], Any]

_NUMBERS = (int, float)
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
    if op == "in":
        return _compile_in(compile(left), right)
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


def _compile_in(get: Evaluator, right: Node) -> Evaluator:
    """`in`: a string, number, bool or null found (by JSON equality) in a list; false for anything else."""
    if isinstance(right, Literal):
        scalars = frozenset(_key(item) for item in right.value if type(item) is not list)
        return lambda event: type(value := get(event)) in _SCALARS and _key(value) in scalars
    items = compile(right)

    def contained(event: Mapping[str, Any]) -> bool:
        value, found = get(event), items(event)
        if type(value) not in _SCALARS or type(found) is not list:
            return False
        return any(_json_equal(value, item) for item in found)

    return contained


_SCALARS = (str, int, float, bool, type(None))


def _key(value: Any) -> tuple[bool, Any]:
    """A set key under JSON equality: `1` and `1.0` alike, `true` apart from `1`."""
    return (type(value) is bool, value)


def _against_literal(op: str, get: Evaluator, literal: Any) -> Evaluator:
    """A comparison with a constant: the type test is chosen here, once, not on every event."""
    kind = type(literal)
    if kind is list and op in ("=", "!="):
        equal = op == "="
        return lambda event: _json_equal(get(event), literal) is equal
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
    if node.name == "match":
        pattern = node.args[1]
        assert isinstance(pattern, Literal)  # the parser refuses anything else
        matcher = glob.compile(pattern.value)
        return lambda event: type(value := get(event)) is str and matcher(value)
    if node.name == "contains":
        if isinstance(part := node.args[1], Literal):
            text: str = part.value  # the parser refuses any other literal
            return lambda event: type(value := get(event)) is str and text in value
        sub = compile(part)
        return lambda event: type(value := get(event)) is str and type(found := sub(event)) is str and found in value
    if node.name == "length":  # inline for lists, the common case in conditions
        return lambda event: len(value) if type(value := get(event)) is list else _length(value)
    if node.name in _CONVERSIONS:
        convert = _CONVERSIONS[node.name]
        return lambda event: convert(get(event))
    change = _STRING_FUNCTIONS[node.name]
    return lambda event: change(value) if type(value := get(event)) is str else None


def _length(value: Any) -> int | None:
    """Elements of a list, UTF-8 bytes of a string (`ア` is 3), 0 for null; null for anything else."""
    if type(value) is str:
        return len(value) if value.isascii() else len(value.encode())  # no lone surrogates: FQL and JSON refuse them
    if type(value) is list:
        return len(value)
    return 0 if value is None else None


def _type_name(value: Any) -> str:
    """Segment's names: string, number, list, bool, null; and object, which the page leaves out."""
    if value is None:
        return "null"
    return _TYPE_NAMES.get(type(value), "object")


_TYPE_NAMES = {str: "string", int: "number", float: "number", bool: "bool", list: "list", dict: "object"}
_FALSE_WORDS = frozenset(("", "false", "0"))
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def _to_bool(value: Any) -> bool | None:
    """Null is false; a number is true unless 0; a list unless empty; a string unless empty, `false` or `0`
    (in any case, around any spaces); an object is not something the page converts, so null."""
    if value is None or type(value) is bool:
        return bool(value)
    if type(value) in _NUMBERS:
        return bool(value != 0)
    if type(value) is list:
        return bool(value)
    if type(value) is str:
        return value.strip().lower() not in _FALSE_WORDS
    return None


def _to_number(value: Any) -> int | float | None:
    """A number as it is; a string written as a JSON number (spaces around allowed) as that number; else null."""
    if type(value) in _NUMBERS:
        return value  # type: ignore[no-any-return]
    if type(value) is not str or (found := _NUMBER.fullmatch(value.strip())) is None:
        return None
    if found[1] is None and found[2] is None:
        return int(found[0])
    number = float(found[0])
    return number if number not in (float("inf"), float("-inf")) else None


def _to_string(value: Any) -> str:
    """A string as it is; anything else as its compact JSON text, a number without a needless `.0`."""
    if type(value) is str:
        return value
    if type(value) is float and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return msgspec.json.encode(value).decode()


_CONVERSIONS: dict[str, Callable[[Any], Any]] = {
    "length": _length,
    "typeof": _type_name,
    "bool": _to_bool,
    "number": _to_number,
    "string": _to_string,
}
_SPACE = re.compile(r"\s")
_WORD_START = re.compile(r"(?:^|(?<=\s))(\S)")

# As the page words them: snakecase and kebabcase replace each space character, titlecase capitalises each word.
_STRING_FUNCTIONS: dict[str, Callable[[str], str]] = {
    "lowercase": str.lower,
    "uppercase": str.upper,
    "snakecase": lambda text: _SPACE.sub("_", text),
    "kebabcase": lambda text: _SPACE.sub("-", text),
    "titlecase": lambda text: _WORD_START.sub(lambda first: first[1].upper(), text),
}
