"""The real place of a number out of range in a request body, where msgspec can only say `[...]`.

msgspec refuses a number too large for a double (`1e400`) wherever it stands, with the message
`Number out of range` and the path of the value; inside a free-form object (a rule's `jsonSchema`,
a source's `settings`) it writes each key as `[...]`, e.g. `rules[0].jsonSchema[...][...]`. Every
other error names its place, so this names the keys again by reading the body once more.
"""

import json
import math
import re
from collections.abc import Iterator
from typing import Any

OUT_OF_RANGE = "Number out of range"
"""msgspec's message for a number no double can hold."""

_SEGMENT = re.compile(r"\[\.\.\.\]|\[(\d+)\]|\.?([^.\[]+)")


class _TooLarge:
    """Stands for a number out of range in the body read again."""


_TOO_LARGE = _TooLarge()


def _parse_float(text: str) -> float | _TooLarge:
    number = float(text)
    return _TOO_LARGE if math.isinf(number) else number


def out_of_range_field(field: str, body: bytes) -> str:
    """`field` with each `[...]` replaced by the key that leads to the first number out of range in `body`.

    Inside the free-form object, keys and list indices join with dots, as in the fields of schema
    errors (`rules[0].jsonSchema.properties.x.maximum`, `rules[0].jsonSchema.enum.1`); the part
    before it stays as msgspec wrote it. Returns `field` unchanged when it has no `[...]` or the
    body shows no such number along it.
    """
    if "[...]" not in field:
        return field
    segments = [(match[0], match[1], match[2]) for match in _SEGMENT.finditer(field)]
    try:
        document = json.loads(body, parse_float=_parse_float)
    except (ValueError, RecursionError):
        return field
    return next(_paths_to_too_large(document, segments), field)


def _paths_to_too_large(document: Any, segments: list[tuple[str, str, str]]) -> Iterator[str]:
    """Paths along `segments` that end at a number out of range, in the body's order."""
    # an explicit stack, not recursion: the path may run as deep as the body nests
    first_free = next(at for at, segment in enumerate(segments) if segment[0] == "[...]")
    stack: list[tuple[Any, int, str]] = [(document, 0, "")]
    while stack:
        node, at, path = stack.pop()
        if at == len(segments):
            if node is _TOO_LARGE:
                yield path
            continue
        whole, index, name = segments[at]
        free_form = at > first_free
        children: list[tuple[Any, int, str]] = []
        if whole == "[...]" and isinstance(node, dict):
            children = [(value, at + 1, f"{path}.{key}" if path else key) for key, value in node.items()]
        elif index and isinstance(node, list) and int(index) < len(node):
            children = [(node[int(index)], at + 1, f"{path}.{index}" if free_form else f"{path}[{index}]")]
        elif name and isinstance(node, dict) and name in node:
            children = [(node[name], at + 1, f"{path}.{name}" if path else name)]
        stack.extend(reversed(children))
