"""Violations in Segment's shape: what jsonschema-rs finds, said in gojsonschema's English.

Segment documents two violation types, `Required` and `Invalid Type`, and words every description
as the gojsonschema library does (xeipuuv/gojsonschema, `locales.go`). Every other keyword gets
that library's error type in title case (`number_gte` -> `Number Gte`) and its wording; keywords
gojsonschema predates take the type of the keyword they generalise (`unevaluatedProperties` is an
`Additional Property Not Allowed`). `VIOLATION_TYPES` lists them all for the README.

`field` is the dot path from the payload root, array items by index (`properties.products.0.sku`),
and `(root)` for the payload itself.
"""

from collections.abc import Hashable, Iterator, Sequence
from typing import Any

import jsonschema_rs
import msgspec

ROOT = "(root)"


class Violation(msgspec.Struct, kw_only=True, frozen=True):
    """One way an event breaks its rules, as events carry it in `context.protocols.violations`."""

    type: str
    """`Required`, `Invalid Type`, … (see `VIOLATION_TYPES`)."""
    field: str
    """Dot path from the payload root (`properties.products.0.sku`), or `(root)`."""
    description: str
    """gojsonschema's English wording, e.g. `Invalid type. Expected: integer, given: number`."""


VIOLATION_TYPES: dict[str, tuple[str, str]] = {
    "required": ("Required", "{field} is required"),
    "type": ("Invalid Type", "Invalid type. Expected: {expected}, given: {given}"),
    "enum": ("Enum", "{field} must be one of the following: {allowed}"),
    "const": ("Const", "{field} does not match: {allowed}"),
    "pattern": ("Pattern", "Does not match pattern '{pattern}'"),
    "format": ("Format", "Does not match format '{format}'"),
    "minLength": ("String Gte", "String length must be greater than or equal to {min}"),
    "maxLength": ("String Lte", "String length must be less than or equal to {max}"),
    "minimum": ("Number Gte", "Must be greater than or equal to {min}"),
    "exclusiveMinimum": ("Number Gt", "Must be greater than {min}"),
    "maximum": ("Number Lte", "Must be less than or equal to {max}"),
    "exclusiveMaximum": ("Number Lt", "Must be less than {max}"),
    "multipleOf": ("Multiple Of", "Must be a multiple of {multiple}"),
    "minItems": ("Array Min Items", "Array must have at least {min} items"),
    "maxItems": ("Array Max Items", "Array must have at most {max} items"),
    "uniqueItems": ("Unique", "array items[{i},{j}] must be unique"),
    "contains": ("Contains", "At least one of the items must match"),
    "additionalItems": ("Array No Additional Items", "No additional items allowed on array"),
    "unevaluatedItems": ("Array No Additional Items", "No additional items allowed on array"),
    "minProperties": ("Array Min Properties", "Must have at least {min} properties"),
    "maxProperties": ("Array Max Properties", "Must have at most {max} properties"),
    "additionalProperties": ("Additional Property Not Allowed", "Additional property {property} is not allowed"),
    "unevaluatedProperties": ("Additional Property Not Allowed", "Additional property {property} is not allowed"),
    "propertyNames": ("Invalid Property Name", 'Property name of "{property}" does not match'),
    "dependencies": ("Missing Dependency", "Has a dependency on {dependency}"),
    "dependentRequired": ("Missing Dependency", "Has a dependency on {dependency}"),
    "anyOf": ("Number Any Of", "Must validate at least one schema (anyOf)"),
    "oneOf": ("Number One Of", "Must validate one and only one schema (oneOf)"),
    "allOf": ("Number All Of", "Must validate all the schemas (allOf)"),
    "not": ("Number Not", "Must not validate the schema (not)"),
    "then": ("Condition Then", 'Must validate "then" as "if" was valid'),
    "else": ("Condition Else", 'Must validate "else" as "if" was not valid'),
    "false": ("False", "False always fails validation"),
}
"""Each keyword's violation type and description template, by keyword (`false`: a `false` schema)."""

_CONTAINERS = frozenset({"allOf", "then", "else"})
"""Keywords that, as in gojsonschema, report themselves at their place besides the violations inside them."""
_ONE_STEP = frozenset(
    {"additionalProperties", "additionalItems", "contains", "unevaluatedProperties", "unevaluatedItems", "items"}
)
"""Keywords whose subschema applies one level down in the instance (`items` also takes an index when a tuple)."""
_NAMED_STEP = frozenset({"properties", "patternProperties", "prefixItems", "dependentSchemas", "dependencies"})
"""Keywords followed by a name or index: `properties`/`patternProperties`/`prefixItems` step down, the others not."""


Said = tuple[list[tuple[int, int | str]], Violation]
"""A violation with the key it sorts by."""
MAX_SAID = 4096
"""Entries of a `said` cache before it starts again."""
_SAID_AS_IS = frozenset(
    {"enum", "const", "pattern", "format", "multipleOf", "anyOf", "oneOf", "not", "contains", "additionalItems"}
    | {"minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength", "maxLength", "minItems"}
    | {"maxItems", "minProperties", "maxProperties", "unevaluatedItems"}
)
"""Keywords whose violation depends on the schema place and the instance place alone."""


def _said_key(error: jsonschema_rs.ValidationError) -> Hashable | None:
    """What the violations of `error` depend on; None where they depend on more (and are not kept)."""
    kind: Any = error.kind
    keyword = kind.name
    if keyword in _SAID_AS_IS:
        extra: Hashable = None
    elif keyword == "required":
        extra = kind.property
    elif keyword == "type":
        extra = json_type(error.instance)
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        extra = tuple(kind.unexpected)
    else:
        return None
    return keyword, tuple(error.schema_path), tuple(error.instance_path), extra


def dot_path(path: Sequence[str | int]) -> str:
    """`["properties", "products", 0]` -> `properties.products.0`; the empty path is `(root)`."""
    return ".".join(map(str, path)) if path else ROOT


def violations_of(
    errors: Iterator[jsonschema_rs.ValidationError],
    schema: Any,
    event: Any,
    containers: bool = True,
    required_missing: Sequence[tuple[Sequence[str], str]] = (),
    said: dict[Hashable, list[Said]] | None = None,
) -> list[Violation]:
    """The violations an event's errors under one (standard) schema make, sorted by field.

    Fields sort by their steps (array indexes as numbers), so the order does not depend on the order of
    the event's keys; at one field, violations keep the validator's order. The combinators gojsonschema
    reports besides their inner errors (allOf, if/then/else) come first at their own field; `containers`
    False says the schema has none (see `has_containers`), which spares looking. `required_missing` are the
    (object path, name) pairs a `required` checked outside jsonschema-rs found missing (see `required.py`).

    `said` keeps what was said before, by schema place, instance place and whatever else a description
    depends on: the same mistake in the next event costs a lookup (violations are immutable, so shared).
    """
    said = said if said is not None else {}
    if len(said) > MAX_SAID:
        said.clear()
    found: list[Said] = []
    for object_path, name in required_missing:
        key: Hashable = (object_path, name)
        if (hit := said.get(key)) is None:
            lacking = [*object_path, name]
            hit = said[key] = [(_sort_key(lacking), _violation("required", dot_path(lacking), {}))]
        found += hit
    seen_containers: set[tuple[tuple[str | int, ...], str]] = set()
    for error in errors:
        for at, keyword in _containers(error) if containers else ():
            if (at, keyword) not in seen_containers:
                seen_containers.add((at, keyword))
                found.append((_sort_key(at), _violation(keyword, dot_path(at), {})))
        key = _said_key(error)
        if key is None:
            found.extend(_violations(error, schema, event))
        elif (hit := said.get(key)) is not None:
            found += hit
        else:
            found += said.setdefault(key, list(_violations(error, schema, event)))
    if len(found) == 1:
        return [found[0][1]]
    found.sort(key=lambda pair: pair[0])
    return list(dict.fromkeys(violation for _, violation in found))  # one per extra item would say the same


def has_containers(schema: Any) -> bool:
    """Whether a schema may hold allOf, then or else (a word in its text is enough: a false yes only costs time)."""
    text = msgspec.json.encode(schema)
    return b'"allOf"' in text or b'"then"' in text or b'"else"' in text


def _sort_key(path: Sequence[str | int]) -> list[tuple[int, int | str]]:
    return [(0, step) if isinstance(step, int) else (1, step) for step in path]


def _containers(error: jsonschema_rs.ValidationError) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The allOf/then/else an error sits in, with their instance location, outermost first."""
    evaluation = error.evaluation_path
    if not any(step in _CONTAINERS for step in evaluation):
        return
    depth, i = 0, 0
    instance = error.instance_path
    while i < len(evaluation):
        step = evaluation[i]
        if step in _CONTAINERS:
            yield tuple(instance[:depth]), str(step)
        if step in _NAMED_STEP:
            if step in ("properties", "patternProperties", "prefixItems"):
                depth += 1
            i += 2
            continue
        if step in _ONE_STEP:
            depth += 1
            if step == "items" and i + 1 < len(evaluation) and isinstance(evaluation[i + 1], int):
                i += 1
        i += 1


def _violations(
    error: jsonschema_rs.ValidationError, schema: Any, event: Any
) -> Iterator[tuple[list[tuple[int, int | str]], Violation]]:
    kind: Any = error.kind  # a subclass per keyword, with that keyword's attributes
    keyword = kind.name
    path = error.instance_path
    field = dot_path(path)
    key = _sort_key(path)
    if keyword == "required":
        last = error.schema_path[-1]
        if last in ("dependencies", "dependentRequired"):
            yield key, _violation(str(last), field, {"dependency": kind.property})
            return
        required = [*path, kind.property]
        yield _sort_key(required), _violation("required", dot_path(required), {})
    elif keyword == "type":
        expected = kind.types
        if len(expected) > 1:  # in the schema's own order: jsonschema-rs sorts the types it reports
            declared = _keyword_value(schema, error.schema_path)
            expected = declared if isinstance(declared, list) else expected
        text = expected[0] if len(expected) == 1 else f"[{','.join(map(str, expected))}]"
        yield key, _violation("type", field, {"expected": text, "given": json_type(error.instance)})
    elif keyword in _LIMITS:
        yield key, _violation(keyword, field, {_LIMITS[keyword]: _json(kind.limit)})
    elif keyword == "enum":
        yield key, _violation(keyword, field, {"allowed": ", ".join(_json(option) for option in kind.options)})
    elif keyword == "const":
        yield key, _violation(keyword, field, {"allowed": _json(kind.expected_value)})
    elif keyword == "pattern":
        yield key, _violation(keyword, field, {"pattern": kind.pattern})
    elif keyword == "format":
        yield key, _violation(keyword, field, {"format": kind.format})
    elif keyword == "multipleOf":
        yield key, _violation(keyword, field, {"multiple": _json(kind.multiple_of)})
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        for name in kind.unexpected:
            yield key, _violation(keyword, field, {"property": name})
    elif keyword == "propertyNames":
        yield key, _violation(keyword, field, {"property": kind.error.instance})
    elif keyword == "uniqueItems":
        i, j = _first_duplicate(error.instance)
        yield key, _violation(keyword, field, {"i": i, "j": j})
    elif keyword == "falseSchema":
        yield from _false_schema(error.schema_path[-1] if error.schema_path else None, path, key, event)
    elif keyword in VIOLATION_TYPES:  # anyOf, oneOf, not, contains, additionalItems, unevaluatedItems
        yield key, _violation(keyword, field, {})
    else:  # a keyword no draft names in an error of its own: said as jsonschema-rs says it
        yield key, Violation(type=keyword[:1].upper() + keyword[1:], field=field, description=error.message)


_LIMITS = {
    "minimum": "min",
    "exclusiveMinimum": "min",
    "maximum": "max",
    "exclusiveMaximum": "max",
    "minLength": "min",
    "minItems": "min",
    "minProperties": "min",
    "maxLength": "max",
    "maxItems": "max",
    "maxProperties": "max",
}
"""Keywords whose description names their limit, and the name it goes by."""


def _false_schema(
    last: object, path: list[str | int], key: list[tuple[int, int | str]], event: Any
) -> Iterator[tuple[list[tuple[int, int | str]], Violation]]:
    field = dot_path(path)
    if last in ("additionalProperties", "unevaluatedProperties"):
        # `false` with no `properties` beside it compiles to a false schema that reports one value, at the
        # object's path: every name of the object is one too many
        object_ = _keyword_value(event, path)
        for name in object_ if isinstance(object_, dict) else ():
            yield key, _violation(str(last), field, {"property": name})
    elif last == "items" and path and isinstance(path[-1], int):
        # 2020-12's `items: false` after `prefixItems`: gojsonschema's additionalItems, once per array
        yield key[:-1], _violation("additionalItems", dot_path(path[:-1]), {})
    else:
        yield key, _violation("false", field, {})


def _violation(keyword: str, field: str, details: dict[str, Any]) -> Violation:
    type_, template = VIOLATION_TYPES[keyword]
    return Violation(type=type_, field=field, description=template.format(field=field, **details))


def json_type(value: Any) -> str:
    """The JSON type of a value as gojsonschema names it: an integral number is `integer`, any other `number`."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _json(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return msgspec.json.encode(value).decode()


def _keyword_value(schema: Any, path: Sequence[str | int]) -> Any:
    node = schema
    for step in path:
        if isinstance(node, dict) and isinstance(step, str):
            node = node.get(step)
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return None
    return node


def _first_duplicate(items: Any) -> tuple[int, int]:
    """The first pair of equal items, as JSON Schema compares them (1 equals 1.0, true does not equal 1)."""
    seen: dict[str, int] = {}
    for j, item in enumerate(items if isinstance(items, list) else []):
        key = msgspec.json.encode(_normalised(item), order="sorted").decode()
        if key in seen:
            return seen[key], j
        seen[key] = j
    return 0, 0


def _normalised(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _normalised(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_normalised(child) for child in value]
    return value
