"""Segment's Filter Query Language: parse a condition once, then evaluate it on many JSON events.

`parse` reads a condition such as `event = 'Order Completed' and properties.revenue > 10` into an
`Expression`: its normalised text, the event name it pins, and the condition compiled into nested
closures, so evaluating it does no parsing and no dispatch on node types.

The language is the one Segment's FQL page documents (`src/api/public-api/fql.md` in
segmentio/segment-docs): paths with `\\`-escaped characters (backticks also quote a name), list
literals and `in`, globs with `*`, `?`, `[abc]`, `[a-z]` and `\\x`, and the page's functions with its
null defaults. What the page leaves undefined is refused with a position rather than guessed.

Values follow JSON: a missing field is null; `=` compares without coercion (`1 = 1.0`, but
`'1' != 1` and `true != 1`, lists item by item); ordering holds only between two numbers or two
strings and is false otherwise; `and`, `or` and `!` take only `true` as true.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from api.domain.fql import evaluation, syntax
from api.domain.fql.evaluation import Evaluator
from api.domain.fql.syntax import FUNCTIONS, MAX_DEPTH, MAX_LENGTH, OBJECT_ROOTS, ROOTS, TYPE_NAMES
from api.domain.fql.tokens import FqlError

__all__ = [
    "FUNCTIONS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "OBJECT_ROOTS",
    "ROOTS",
    "TYPE_NAMES",
    "Evaluator",
    "Expression",
    "FqlError",
    "parse",
]


@dataclass(frozen=True, slots=True)
class Expression:
    """A parsed condition, compiled for evaluation."""

    text: str
    """The normalised source: canonical spacing, single quotes, only the parentheses needed."""
    pinned_event: str | None
    """The event name that `event = '...'`, alone or in a top-level `and`, requires."""
    _evaluate: Evaluator = field(repr=False, compare=False)

    def evaluate(self, event: Mapping[str, Any]) -> Any:
        """The expression's value on `event`; a missing field is None."""
        return self._evaluate(event)

    def matches(self, event: Mapping[str, Any]) -> bool:
        """Whether the expression is exactly `true` on `event`."""
        return self._evaluate(event) is True


def parse(source: str) -> Expression:
    """Parse and compile `source`; FqlError says what is wrong and where."""
    if len(source) > MAX_LENGTH:
        raise FqlError(f"The condition is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    if not source.strip():
        raise FqlError("The condition is empty", 0)
    tree = syntax.Parser(source).condition()
    return Expression(syntax.render(tree), syntax.pinned_event(tree), evaluation.compile(tree))
