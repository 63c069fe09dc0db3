"""jsonschema_rs, which checks rule schemas, agrees with jsonschema, the reference library, on every accepted draft.

Hypothesis builds schema-like objects per draft, mixing valid keywords with plausible mistakes, and compares the
two libraries' verdicts on the schema (meta-validation), then on instances built from valid schemas. Where they
differ, the difference must be one of the documented corners below; each is also pinned by a plain example.
"""

import copy
import functools
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

import jsonschema
import jsonschema_rs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.unit.conftest import COUNTS, DRAFT_URIS, instances, schemas

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


# --- the tests ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("draft", ACCEPTED)
@given(data=st.data())
def test_meta_validation_agrees(draft: str, data: st.DataObject) -> None:
    schema = data.draw(schemas(draft, wrong=True), label="schema")

    service_accepts = jsonschema_rs.meta.is_valid(schema)
    reference_accepts = _check_schema_passes(draft, schema)

    event(f"schema {'valid' if reference_accepts else 'invalid'}")
    if service_accepts != reference_accepts:
        event("documented corner")
        assert service_accepts == _meta_validator_without_known_corners(draft)(schema)


@pytest.mark.parametrize("draft", ACCEPTED)
@given(data=st.data())
def test_instance_validation_agrees(draft: str, data: st.DataObject) -> None:
    schema = data.draw(schemas(draft, wrong=False), label="schema")
    REFERENCE[draft].check_schema(schema)
    # The reference treats `format` as an annotation unless given a format checker, whose checks depend on optional
    # packages; jsonschema_rs asserts formats by default up to draft-07. So both are compared as annotations.
    service = jsonschema_rs.validator_for(schema, validate_formats=False)

    for instance in data.draw(st.lists(instances(schema), min_size=1, max_size=5), label="instances"):
        service_accepts = service.is_valid(instance)
        reference_accepts = _reference_accepts(draft, REFERENCE[draft], schema, instance)
        event(f"instance {'valid' if reference_accepts else 'invalid'}")
        if service_accepts != reference_accepts:
            event("documented corner")
            assert _difference_is_documented(draft, schema, instance, service_accepts), instance


@pytest.mark.parametrize(
    ("draft", "schema", "service_accepts"),
    [
        ("draft-04", {"enum": []}, True),
        ("draft-04", {"items": {"enum": [1, 1.0]}}, True),
        ("2019-09", {"pattern": "["}, True),
        ("2020-12", {"patternProperties": {"a{2,1}": {}}}, True),
        # not generated above; the reference checks `uri-reference` only when rfc3987 is installed
        ("draft-07", {"$ref": "#/definitions/a b"}, False),
        # regex dialects, not generated above: jsonschema_rs reads ECMA-262 up to draft-07, the reference Python
        ("draft-07", {"pattern": "(?i)a"}, False),
        ("draft-07", {"pattern": "a++"}, False),
        ("draft-07", {"pattern": "\\p{L}"}, True),  # the service refuses it: Python's re cannot compile it
    ],
)
def test_meta_validation_corners(draft: str, schema: dict[str, Any], service_accepts: bool) -> None:
    """Each known difference, pinned: when either library changes, this fails and the exclusion can go."""
    schema = {"$schema": DRAFT_URIS[draft], **schema}

    assert jsonschema_rs.meta.is_valid(schema) is service_accepts
    assert _check_schema_passes(draft, schema) is not service_accepts


@pytest.mark.parametrize(
    ("draft", "schema", "instance", "service_accepts"),
    [
        ("draft-04", {"multipleOf": 0.01}, 0.07, True),
        ("draft-07", {"multipleOf": 0.1}, 0.3, True),
        ("2020-12", {"multipleOf": 2.00001}, 34.000170000000004, False),
        ("draft-06", {"multipleOf": 7.5}, 10**30, False),
        ("draft-04", {"pattern": "^a$"}, "a\n", False),
        ("2019-09", {"patternProperties": {"^a$": {"not": {}}}}, {"a\n": 1}, True),
        ("2019-09", {"dependencies": {"a": ["b"]}}, {"a": 1}, False),
        ("2020-12", {"dependencies": {"a": {"not": {}}}}, {"a": 1}, False),
        ("2019-09", {"additionalProperties": {}, "unevaluatedProperties": False}, {"id": None}, True),
        ("2020-12", {"minimum": 2**64 + 1}, 2.0**64, True),
        ("draft-07", {"minimum": -(2**63) - 1}, -(2.0**63), False),
        ("draft-04", {"maximum": 2.0**55}, 2**55 + 1, True),
        ("draft-06", {"const": 2**55}, 2.0**55, False),
        ("2019-09", {"uniqueItems": True}, [2**55, 2.0**55], True),
    ],
)
def test_instance_validation_corners(draft: str, schema: dict[str, Any], instance: Any, service_accepts: bool) -> None:
    schema = {"$schema": DRAFT_URIS[draft], **schema}

    assert jsonschema_rs.validator_for(schema).is_valid(instance) is service_accepts
    assert REFERENCE[draft](schema).is_valid(instance) is not service_accepts
    assert _difference_is_documented(draft, schema, instance, service_accepts)


def test_reference_crash_is_still_there() -> None:
    """The 2019-09 crash `_reference_accepts` works around; when jsonschema fixes it, the workaround can go."""
    schema = {"$schema": DRAFT_URIS["2019-09"], "items": True, "unevaluatedItems": False}

    with pytest.raises(TypeError):
        REFERENCE["2019-09"](schema).is_valid([1])
    assert jsonschema_rs.validator_for(schema).is_valid([1])
    assert _reference_accepts("2019-09", REFERENCE["2019-09"], schema, [1])
