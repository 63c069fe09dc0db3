"""The validation engine's verdict agrees with jsonschema, the reference library, for every accepted draft.

On generated schemas and instances, an event is valid for the engine exactly when the reference finds it valid,
less the corners `test_validators_agree` documents and one of the engine's own: it asserts `format` in every draft
with jsonschema-rs's full checks (and `uuid` before 2019-09 too), where the reference checks `email` for an `@` only
and `date-time` or `uri` only with optional packages. Where a schema has a `format` and the verdicts differ, they
must agree once formats are annotations. The engine's violation list is empty exactly when its verdict is valid.
"""

import json
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from api.domain.validation import RuleRef, compile_schema, standard_schema
from api.domain.validation.engine import CompiledSchema
from tests.unit.conftest import ACCEPTED, REFERENCE, _difference_is_documented, _reference_accepts, instances, schemas


@pytest.mark.parametrize("draft", ACCEPTED)
@given(data=st.data())
def test_engine_verdicts_agree_with_the_reference(draft: str, data: st.DataObject) -> None:
    schema = data.draw(schemas(draft, wrong=False), label="schema")
    REFERENCE[draft].check_schema(schema)
    # a rule's schema as the engine compiles it (some `required` checked outside jsonschema-rs)
    engine = CompiledSchema(RuleRef(type="COMMON", version=1), schema)

    for instance in data.draw(st.lists(instances(schema), min_size=1, max_size=5), label="instances"):
        engine_accepts = engine.is_valid(instance)
        violations = engine.violations(instance)
        assert (violations == []) is engine_accepts, violations
        reference_accepts = _reference_accepts(draft, REFERENCE[draft], schema, instance)
        event(f"instance {'valid' if reference_accepts else 'invalid'}")
        if engine_accepts == reference_accepts:
            continue
        if '"format"' in json.dumps(schema):
            event("format corner")
            engine_accepts = jsonschema_rs.validator_for(schema, validate_formats=False).is_valid(instance)
            if engine_accepts == reference_accepts:
                continue
        event("documented corner")
        assert _difference_is_documented(draft, schema, instance, engine_accepts), instance


@pytest.mark.parametrize(
    ("schema", "instance"),
    [
        ({"format": "date-time"}, "yesterday"),
        ({"format": "uri"}, "no scheme"),
        ({"format": "email"}, "a@"),
        ({"format": "uuid"}, "not-a-uuid"),
    ],
)
def test_format_corners(schema: dict[str, Any], instance: str) -> None:
    """The engine refuses what the reference, without its optional packages, lets through."""
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", **schema}

    assert compile_schema(schema).is_valid(instance) is False
    assert REFERENCE["draft-07"](schema, format_checker=REFERENCE["draft-07"].FORMAT_CHECKER).is_valid(instance)


@pytest.mark.parametrize("draft", ACCEPTED)
@settings(max_examples=min(100, settings.default.max_examples))
@given(data=st.data())
def test_any_type_means_no_type_constraint(draft: str, data: st.DataObject) -> None:
    """A schema with `any` in a type list checks exactly as the same schema without that `type`."""
    inner = data.draw(schemas(draft, wrong=False), label="schema")
    declared = data.draw(st.sampled_from(["any", ["any"], ["any", "null"], ["string", "any"]]), label="type")
    schema = {"$schema": inner["$schema"], "properties": {"p": {**inner, "type": declared}}}
    without = {"$schema": inner["$schema"], "properties": {"p": dict(inner)}}
    without["properties"]["p"].pop("type", None)
    engine = compile_schema(standard_schema(schema))
    reference = compile_schema(without)

    for instance in data.draw(st.lists(instances(inner), min_size=1, max_size=5), label="instances"):
        assert engine.is_valid({"p": instance}) is reference.is_valid({"p": instance})
