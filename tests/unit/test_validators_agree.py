"""jsonschema_rs, which checks rule schemas, agrees with jsonschema, the reference library, on every accepted draft.

Hypothesis builds schema-like objects per draft, mixing valid keywords with plausible mistakes, and compares the
two libraries' verdicts on the schema (meta-validation), then on instances built from valid schemas. Where they
differ, the difference must be one of the documented corners below; each is also pinned by a plain example.
"""

from typing import Any

import jsonschema_rs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from tests.unit.conftest import (
    ACCEPTED,
    DRAFT_URIS,
    REFERENCE,
    _check_schema_passes,
    _difference_is_documented,
    _meta_validator_without_known_corners,
    _reference_accepts,
    instances,
    schemas,
)

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
