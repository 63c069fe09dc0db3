"""Hypothesis strategies for JSON Schemas per draft, with plausible mistakes, and for instances built from a schema;
the reference library's verdicts, and the documented corners where jsonschema_rs (and the engine) differ."""

import copy
import functools
import re
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

import jsonschema
import jsonschema_rs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from api.domain.validation.dialect import DRAFTS, TYPE_NAMES

DRAFT_URIS = {name: uri for uri, name in DRAFTS.items()}

# --- JSON values -------------------------------------------------------------------------------------------------

NAMES = st.sampled_from(["id", "name", "price", "tags", "a"])
# small integers land on keyword boundaries; unbounded ones go past 64 bits, which msgspec decodes as int
INTEGERS = st.integers(-3, 6) | st.integers()
# JSON has no NaN or infinity (msgspec refuses them), so neither can reach the service
FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from([0.5, 1.0, 2.0, -0.0, 0.1, 0.3])
NUMBERS = INTEGERS | FLOATS
TEXT = st.text(st.sampled_from("ab9. \n\r") | st.characters(codec="utf-8"), max_size=5)
SCALARS = st.none() | st.booleans() | NUMBERS | TEXT
JSON = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAMES | TEXT, inner, max_size=3), max_leaves=6
)

# --- regexes -----------------------------------------------------------------------------------------------------
# Only regexes that are written the same in Python's `re` and in ECMA-262 (which jsonschema_rs follows): no \w, \d,
# \s, no Python-only syntax. The service refuses lookaround and backreferences before either library sees them.

ATOMS = st.sampled_from(["a", "b", "9", "[a-c]", "[^ab]", ".", "[0-9]", "\\.", "(a|b)", "(ab)"])
QUANTIFIERS = st.sampled_from(["", "", "*", "+", "?", "{1,2}", "{2}"])
PATTERNS = st.builds(
    lambda start, pieces, end: start + "".join(pieces) + end,
    st.sampled_from(["", "^"]),
    st.lists(st.tuples(ATOMS, QUANTIFIERS).map("".join), min_size=1, max_size=3),
    st.sampled_from(["", "$"]),
)
INVALID_PATTERNS = st.sampled_from(["[", "(", "*a", "a{2,1}", "a)"])

COUNTS = (
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "minContains",
    "maxContains",
)

# --- schemas -----------------------------------------------------------------------------------------------------


def _numeric_key(value: Any) -> tuple[str, Any]:
    """Equality as JSON Schema sees it for scalars: 1 == 1.0, but true != 1."""
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return ("number", value) if is_number else (type(value).__name__, value)


def _keywords(draft: str, children: SearchStrategy[Any], wrong: bool) -> dict[str, SearchStrategy[dict[str, Any]]]:
    """A strategy per keyword, each drawing a fragment of schema; with `wrong`, plausible mistakes are mixed in."""
    d04, modern = draft == "draft-04", draft in ("2019-09", "2020-12")
    types = st.sampled_from(sorted(TYPE_NAMES))
    counts = st.integers(0, 5) | st.sampled_from([2**64, 10**30] + ([] if d04 else [2.0]))
    children_list = st.lists(children, min_size=1, max_size=3)
    schema_map = st.dictionaries(NAMES, children, max_size=3)
    valid: dict[str, SearchStrategy[Any]] = {
        "type": types | st.lists(types, min_size=1, max_size=3, unique=True),
        "enum": st.lists(SCALARS, min_size=1, max_size=4, unique_by=_numeric_key)
        if d04
        else st.lists(JSON, max_size=4),
        "const": JSON,
        "properties": schema_map,
        "patternProperties": st.dictionaries(PATTERNS, children, max_size=2),
        "additionalProperties": st.booleans() | children,
        "required": st.lists(NAMES, min_size=1 if d04 else 0, max_size=3, unique=True),
        "items": children if draft == "2020-12" else children | children_list,
        "additionalItems": st.booleans() | children,
        "prefixItems": children_list,
        "contains": children,
        "minimum": NUMBERS,
        "maximum": NUMBERS,
        "exclusiveMinimum": st.booleans() if d04 else NUMBERS,
        "exclusiveMaximum": st.booleans() if d04 else NUMBERS,
        "multipleOf": st.integers(1, 10) | st.floats(min_value=0.01, max_value=100),
        "uniqueItems": st.booleans(),
        "pattern": PATTERNS,
        "allOf": children_list,
        "anyOf": children_list,
        "oneOf": children_list,
        "not": children,
        "format": st.sampled_from(["email", "date-time", "uri", "ipv4", "regex", "uuid", "no-such-format"]),
        "title": TEXT,
        "description": TEXT,
        "default": JSON,
        "examples": st.lists(JSON, max_size=2),
        "definitions": schema_map,
        "dependencies": st.dictionaries(
            NAMES, children | st.lists(NAMES, min_size=1 if d04 else 0, max_size=2, unique=True), max_size=2
        ),
        "propertyNames": children,
        "if": children,
        "then": children,
        "else": children,
        "x-owner": JSON,
    }
    if modern:
        valid["$defs"] = schema_map
        valid["dependentRequired"] = st.dictionaries(NAMES, st.lists(NAMES, max_size=2, unique=True), max_size=2)
        valid["dependentSchemas"] = schema_map
        valid["unevaluatedProperties"] = st.booleans() | children
        valid["unevaluatedItems"] = st.booleans() | children
    valid.update(dict.fromkeys(COUNTS, counts))  # minContains and maxContains are unknown, so ignored, before 2019-09
    fragments = {name: strategy.map(lambda value, name=name: {name: value}) for name, strategy in valid.items()}
    if d04:
        # draft-04's exclusive bounds are booleans that need their bound beside them
        for bound in ("minimum", "maximum"):
            exclusive = f"exclusive{bound.title()}"
            fragments[exclusive] = st.fixed_dictionaries({bound: NUMBERS, exclusive: st.booleans()})
    if not wrong:
        return fragments

    not_a_count = st.sampled_from([-1, 1.5, "3", True, None] + ([2.0] if d04 else []))
    not_a_schema = st.integers() | TEXT | st.lists(children, max_size=1) | (st.booleans() if d04 else st.nothing())
    not_a_schema_list = st.sampled_from([[], {}, {"type": "string"}, [3]])
    mistakes: dict[str, SearchStrategy[Any]] = {
        "type": st.sampled_from(["strin", "String", "date-time", "any", "float", [], ["string", "string"], 3]),
        "enum": SCALARS | (st.just([]) | st.lists(st.sampled_from([1, 1.0, "a"]), min_size=2) if d04 else st.nothing()),
        "properties": st.lists(children, max_size=1) | st.dictionaries(NAMES, not_a_schema, min_size=1, max_size=1),
        "patternProperties": st.dictionaries(INVALID_PATTERNS, children, min_size=1, max_size=1),
        "additionalProperties": TEXT | st.integers(),
        "required": NAMES | st.just(["a", "a"]) | st.lists(st.integers(), min_size=1) | st.just([] if d04 else 3),
        "items": not_a_schema | st.just([]) | (children_list if draft == "2020-12" else st.nothing()),
        "minimum": TEXT | st.booleans() | st.none(),
        "maximum": TEXT | st.booleans() | st.none(),
        # a draft-04 bound without its partner, or a later draft's bound in draft-04's spelling
        "exclusiveMinimum": NUMBERS | st.booleans() if d04 else st.booleans(),
        "exclusiveMaximum": NUMBERS | st.booleans() if d04 else st.booleans(),
        "multipleOf": st.sampled_from([0, -1, -0.5, "2"]),
        "minLength": not_a_count,
        "maxLength": not_a_count,
        "minItems": not_a_count,
        "minProperties": not_a_count,
        "uniqueItems": st.sampled_from([0, 1, "yes", None]),
        "pattern": INVALID_PATTERNS | st.integers(),
        "allOf": not_a_schema_list,
        "anyOf": not_a_schema_list,
        "oneOf": not_a_schema_list,
        "not": not_a_schema,
        "format": st.integers() | st.none(),
        "title": st.integers(),
        "examples": st.integers() | TEXT,
        "definitions": st.lists(children, max_size=1) | st.integers(),
        "dependencies": st.dictionaries(NAMES, st.integers() | st.just(["a", "a"]), min_size=1, max_size=1),
        "propertyNames": not_a_schema,
    }
    if modern:
        mistakes["dependentRequired"] = st.dictionaries(NAMES, st.just(["a", "a"]) | TEXT, min_size=1, max_size=1)
        mistakes["unevaluatedProperties"] = not_a_schema
    for name, mistake in mistakes.items():
        # two parts right to one part wrong keeps both verdicts common
        fragments[name] = st.one_of(
            fragments[name], fragments[name], mistake.map(lambda value, name=name: {name: value})
        )
    return fragments


def _merge(fragments: tuple[dict[str, Any], ...]) -> dict[str, Any]:
    return {key: value for fragment in fragments for key, value in fragment.items()}


@functools.cache
def schemas(draft: str, *, wrong: bool) -> SearchStrategy[dict[str, Any]]:
    """Schema objects for `draft` with its `$schema` (with or without `#`), as the service meta-validates them."""
    leaf = st.just({}) | (st.booleans() if draft != "draft-04" or wrong else st.nothing())

    def with_keywords(children: SearchStrategy[Any]) -> SearchStrategy[dict[str, Any]]:
        fragments = _keywords(draft, children, wrong)
        names = st.lists(st.sampled_from(sorted(fragments)), min_size=1, max_size=4, unique=True)
        return names.flatmap(lambda chosen: st.tuples(*(fragments[name] for name in chosen)).map(_merge))

    return st.builds(
        lambda schema, suffix: {"$schema": DRAFT_URIS[draft] + suffix, **schema},
        st.just({}) | with_keywords(st.recursive(leaf, with_keywords, max_leaves=4)),
        st.sampled_from(["#", ""]),
    )


# --- instances built from a schema -------------------------------------------------------------------------------


def _around(number: int | float) -> list[int | float]:
    """The bound itself and its neighbours, where valid and invalid instances meet."""
    near: list[int | float] = [number, -number, number + 1, number - 1]
    if abs(number) < 1e300:
        near += [number + 0.5, number - 0.5, float(number)]
    return near


def instances(schema: Any, depth: int = 0) -> SearchStrategy[Any]:
    """JSON values likely to sit on either side of `schema`: its enum values, its bounds, objects with its keys."""
    if not isinstance(schema, dict) or depth > 3:
        return JSON
    options: list[SearchStrategy[Any]] = [JSON]

    def sub(child: Any) -> SearchStrategy[Any]:
        return instances(child, depth + 1)

    if isinstance(enum := schema.get("enum"), list) and enum:
        options.append(st.sampled_from(enum))
    if "const" in schema:
        options.append(st.just(schema["const"]))
    for keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"):
        bound = schema.get(keyword)
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            options.append(st.sampled_from(_around(bound)))
            if keyword == "multipleOf":
                options.append(st.integers(-20, 20).map(lambda n, bound=bound: n * bound))
    for keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        count = schema.get(keyword)
        if isinstance(count, int) and count <= 8:
            size = {"min_size": max(count - 1, 0), "max_size": count + 1}
            text = keyword.endswith("Length")
            options.append(st.text(st.sampled_from("ab\n😀"), **size) if text else st.lists(JSON, **size))
    if isinstance(pattern := schema.get("pattern"), str):
        matching = _from_regex(pattern)
        options += [matching, matching.map(lambda text: text + "\n")]
    properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
    required = [name for name in schema.get("required", []) if isinstance(name, str)]
    if properties or required:
        keys = {name: sub(properties.get(name, True)) for name in [*properties, *required]}
        options.append(st.fixed_dictionaries({}, optional=keys))
    if isinstance(items := schema.get("items"), dict | bool):
        options.append(st.lists(sub(items), max_size=3))
    for keyword in ("items", "prefixItems"):
        if isinstance(positions := schema.get(keyword), list):
            options.append(st.tuples(*map(sub, positions), st.lists(JSON, max_size=1)).map(lambda t: [*t[:-1], *t[-1]]))
    for keyword in ("allOf", "anyOf", "oneOf"):
        if isinstance(branches := schema.get(keyword), list):
            options += map(sub, branches)
    for keyword in ("not", "if", "then", "else", "contains", "additionalProperties", "unevaluatedProperties"):
        if keyword in schema:
            options.append(sub(schema[keyword]))
    return st.one_of(options)


def _from_regex(pattern: str) -> SearchStrategy[str]:
    """Strings matching `pattern` as Python reads it; this only generates, the verdicts are the libraries'."""
    try:
        return st.from_regex(re.compile(pattern))
    except re.error:
        return TEXT


REFERENCE: dict[str, type[jsonschema.protocols.Validator]] = {
    "draft-04": jsonschema.Draft4Validator,
    "draft-06": jsonschema.Draft6Validator,
    "draft-07": jsonschema.Draft7Validator,
    "2019-09": jsonschema.Draft201909Validator,
    "2020-12": jsonschema.Draft202012Validator,
}
ACCEPTED = sorted(DRAFT_URIS)

# --- the reference verdicts, and the documented corners where jsonschema_rs differs ------------------------------


def _check_schema_passes(draft: str, schema: dict[str, Any]) -> bool:
    try:
        REFERENCE[draft].check_schema(schema)
    except jsonschema.SchemaError:
        return False
    return True


@functools.cache
def _meta_validator_without_known_corners(draft: str) -> Callable[[dict[str, Any]], bool]:
    """The meta-validator `check_schema` builds, less the two places where jsonschema_rs reads the drafts differently.

    1. draft-04's meta-schema says `enum` has at least one item and no duplicates. jsonschema_rs drops both rules
       on purpose, following the later drafts' "SHOULD" (Stranger6667/jsonschema#258, #259). So the service stores a
       draft-04 rule with `"enum": []` (which nothing passes) or a repeated value (harmless).
    2. From 2019-09 on, `format` in a meta-schema is an annotation: jsonschema_rs does not check that `pattern` and
       `patternProperties` keys are regexes, while `check_schema` asserts formats for every draft. The service
       compiles every such regex itself (`_check_regex`), so no rule is stored with a broken one.
    """
    validator_class = REFERENCE[draft]
    meta_schema, format_checker = validator_class.META_SCHEMA, validator_class.FORMAT_CHECKER
    if draft == "draft-04":
        meta_schema = copy.deepcopy(meta_schema)
        meta_schema["properties"]["enum"] = {"type": "array"}
    if draft in ("2019-09", "2020-12"):
        format_checker = jsonschema.FormatChecker(formats=())
        format_checker.checkers = {
            name: check for name, check in validator_class.FORMAT_CHECKER.checkers.items() if name != "regex"
        }
    return validator_class(meta_schema, format_checker=format_checker).is_valid


def _reference_accepts(
    draft: str, validator_class: type[jsonschema.protocols.Validator], schema: Any, instance: Any
) -> bool:
    try:
        return validator_class(schema).is_valid(instance)
    except TypeError:
        # jsonschema 4.26.0 takes len() of a boolean `items` for `additionalItems` (draft-06, -07) and for 2019-09's
        # `unevaluatedItems`; it is asked about the same schema with `items` spelled `{}` or `{"not": {}}`, which mean
        # the same thing
        if draft not in ("draft-06", "draft-07", "2019-09"):
            raise
        return validator_class(_respelled(schema, object_items=True)).is_valid(instance)


def _difference_is_documented(draft: str, schema: dict[str, Any], instance: Any, service_accepts: bool) -> bool:
    """Whether jsonschema_rs's verdict is the reference's less the places where the two knowingly differ.

    Where jsonschema_rs is right, or answers as a rule author would expect:
    1. `multipleOf`: the reference divides in binary floating point, so 0.07 is not a multiple of 0.01
       (0.07 / 0.01 == 7.000000000000001), while 34.000170000000004 is one of 2.00001 and 10**30 one of 7.5.
       jsonschema_rs divides the decimal numbers exactly.
    2. `$`: in Python it also matches before a final newline, so the reference lets "a\\n" through "^a$"; in
       ECMA-262, which the spec names for `pattern`, and in jsonschema_rs it does not.
    3. `dependencies` in 2019-09 and 2020-12: split into `dependentRequired` and `dependentSchemas` there, but kept
       in their meta-schemas; jsonschema_rs still applies it (the test suite's optional compatibility behaviour),
       the reference ignores it.
    4. 2019-09 `unevaluatedProperties`: jsonschema 4.26.0's 2019-09 code reads an object-valued `additionalProperties`
       as a list of property names, so `{"additionalProperties": {}, "unevaluatedProperties": false}` refuses
       `{"id": null}`. jsonschema_rs counts the properties `additionalProperties` evaluated, as the spec and the
       reference's own 2020-12 code (used here instead; the two drafts agree on this keyword) do.
    Where the reference is right:
    5. An integer beyond 2**53 (where floats stop holding every integer) meeting a float: jsonschema_rs compares them
       inexactly (`"maximum": 2.0**55` admits 2**55 + 1, `"const": 2**55` refuses 2.0**55, `"uniqueItems": true`
       admits [2**55, 2.0**55]), the reference exactly; they agree once such integers are rounded to floats. Event
       values that large are ids or nanosecond timestamps, and only a bound or enum value within a float's
       precision of them (a few hundred units at 1e18) is answered differently.
    """
    if _has_integer_beyond_53_bits([schema, instance]):
        schema, instance = _rounded(schema), _rounded(instance)
        service_accepts = jsonschema_rs.validator_for(schema, validate_formats=False).is_valid(instance)
    return service_accepts == _reference_accepts(
        draft, _reference_like_service(draft), _respelled(schema, ecma_end=True), instance
    )


def _has_integer_beyond_53_bits(node: Any) -> bool:
    if isinstance(node, dict):
        return _has_integer_beyond_53_bits(list(node.values()))
    if isinstance(node, list):
        return any(map(_has_integer_beyond_53_bits, node))
    return isinstance(node, int) and not isinstance(node, bool) and abs(node) > 2**53


def _rounded(node: Any) -> Any:
    """`node` with its integers beyond 2**53 rounded to floats (where a float can hold them), counts aside."""
    if isinstance(node, dict):
        return {key: value if key in COUNTS else _rounded(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_rounded(child) for child in node]
    if _has_integer_beyond_53_bits(node) and abs(node) < 2**1023:
        return float(node)
    return node


@functools.cache
def _reference_like_service(draft: str) -> type[jsonschema.protocols.Validator]:
    keywords = {"multipleOf": _multiple_of_in_decimal}
    if draft in ("2019-09", "2020-12"):
        keywords["dependencies"] = jsonschema.Draft7Validator.VALIDATORS["dependencies"]
    if draft == "2019-09":
        keywords["unevaluatedProperties"] = jsonschema.Draft202012Validator.VALIDATORS["unevaluatedProperties"]
    return jsonschema.validators.extend(REFERENCE[draft], keywords)


def _multiple_of_in_decimal(
    validator: jsonschema.protocols.Validator, divisor: int | float, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    if validator.is_type(instance, "number") and (Fraction(repr(instance)) / Fraction(repr(divisor))).denominator != 1:
        yield jsonschema.ValidationError(f"{instance!r} is not a multiple of {divisor!r}")


def _respelled(node: Any, *, ecma_end: bool = False, object_items: bool = False) -> Any:
    """`node` with each regex's closing `$` spelled `\\Z` (ECMA-262's `$`) and boolean `items` as objects."""
    if isinstance(node, list):
        return [_respelled(child, ecma_end=ecma_end, object_items=object_items) for child in node]
    if not isinstance(node, dict):
        return node
    spelled = {}
    for key, value in node.items():
        child = _respelled(value, ecma_end=ecma_end, object_items=object_items)
        if key in ("enum", "const", "default", "examples", "x-owner"):
            child = value  # data, not schema
        elif key == "pattern" and isinstance(value, str) and ecma_end:
            child = _ecma_end_anchor(value)
        elif key == "patternProperties" and isinstance(child, dict) and ecma_end:
            child = {_ecma_end_anchor(regex): subschema for regex, subschema in child.items()}
        elif key == "items" and isinstance(value, bool) and object_items:
            child = {} if value else {"not": {}}
        spelled[key] = child
    return spelled


def _ecma_end_anchor(regex: str) -> str:
    # the generated regexes use `$` only as their last character
    return regex[:-1] + "\\Z" if regex.endswith("$") else regex
