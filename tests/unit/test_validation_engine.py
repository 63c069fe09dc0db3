"""The engine on its own: importable without the web stack, its cache, its refusals, every keyword's wording."""

import json
import subprocess
import sys
from typing import Any

import pytest

from api.domain.validation import (
    VIOLATION_TYPES,
    CompiledPlan,
    EventError,
    PlanCache,
    PlanRule,
    RuleRef,
    SchemaError,
    compile_plan,
    engine,
    read_event,
)
from api.domain.validation.engine import CompiledSchema

DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def test_the_engine_loads_neither_litestar_nor_asyncpg() -> None:
    code = (
        "import sys, api.domain.validation as v\n"
        "plan = v.compile_plan([v.PlanRule(type='TRACK', key='E', version=1, json_schema={'type': 'object'})])\n"
        'assert plan.is_valid(v.read_event(b\'{"type": "track", "event": "E"}\'))\n'
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'litestar', 'asyncpg', 'uvicorn', 'httpx'}))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout

    assert loaded.strip() == "[]"


def plan_of(*schemas: Any) -> CompiledPlan:
    return compile_plan(PlanRule(type="TRACK", key=f"E{i}", version=1, json_schema=s) for i, s in enumerate(schemas))


def test_the_cache_compiles_once_per_revision_and_stays_bounded() -> None:
    cache = PlanCache(max_plans=2, max_rules=10)
    compiled: list[str] = []

    def compile_(name: str, rules: int = 1) -> Any:
        def run() -> CompiledPlan:
            compiled.append(name)
            return plan_of(*[{}] * rules)

        return run

    first = cache.get_or_compile("tp_a", 1, compile_("a1"))
    assert cache.get_or_compile("tp_a", 1, compile_("a1 again")) is first
    cache.get_or_compile("tp_a", 2, compile_("a2"))
    assert cache.get("tp_a", 1) is None and len(cache) == 1  # the older revision is gone
    cache.get_or_compile("tp_b", 1, compile_("b1"))
    cache.get_or_compile("tp_c", 1, compile_("c1"))
    assert cache.get("tp_a", 2) is None and len(cache) == 2  # least recently used, past two plans
    cache.get_or_compile("tp_d", 1, compile_("d1", rules=10))
    assert len(cache) == 1 and cache.get("tp_d", 1) is not None  # past ten rules
    cache.put("tp_d", 0, plan_of({}))
    assert cache.get("tp_d", 1) is not None  # a late compile of an older revision does not replace a newer one
    assert compiled == ["a1", "a2", "b1", "c1", "d1"]


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "https://json-schema.org/draft-07/schema"},
        {"properties": {"a": {"$ref": "file:///etc/passwd"}}},
        {"$ref": "#/definitions/missing"},
    ],
)
def test_refs_resolve_inside_the_schema_only(schema: dict[str, Any]) -> None:
    with pytest.raises(SchemaError):
        plan_of(schema)


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"[]", "JSON object"),
        (b'{"type": 1}', "a type not a string"),
        (b'{"type": "track", "event": null}', "`event`"),
        (b'{"type": "track", "event": "E", "n": 1e400}', "not valid JSON"),
        (b'{"type": "track", "event": "E"', "not valid JSON"),
        (b'{"a": ' * 2000 + b"1" + b"}" * 2000, "64 levels"),
    ],
)
def test_events_that_cannot_be_checked(raw: bytes, problem: str) -> None:
    with pytest.raises(EventError, match=problem):
        read_event(raw)


KEYWORD_EXAMPLES: list[tuple[dict[str, Any], Any, str]] = [
    ({"required": ["a"]}, {}, "properties.p.a is required"),
    ({"type": ["integer", "null"]}, 1.5, "Invalid type. Expected: [integer,null], given: number"),
    ({"enum": [1, "a"]}, 2, 'properties.p must be one of the following: 1, "a"'),
    ({"const": [1]}, 2, "properties.p does not match: [1]"),
    ({"pattern": "^a"}, "b", "Does not match pattern '^a'"),
    ({"format": "date"}, "x", "Does not match format 'date'"),
    ({"minLength": 2}, "a", "String length must be greater than or equal to 2"),
    ({"maxLength": 1}, "ab", "String length must be less than or equal to 1"),
    ({"minimum": 2}, 1, "Must be greater than or equal to 2"),
    ({"exclusiveMinimum": 2}, 2, "Must be greater than 2"),
    ({"maximum": 1.5}, 2, "Must be less than or equal to 1.5"),
    ({"exclusiveMaximum": 2}, 2, "Must be less than 2"),
    ({"multipleOf": 3}, 4, "Must be a multiple of 3"),
    ({"minItems": 2}, [1], "Array must have at least 2 items"),
    ({"maxItems": 0}, [1], "Array must have at most 0 items"),
    ({"uniqueItems": True}, [1, 2, 1.0], "array items[0,2] must be unique"),
    ({"contains": {"type": "string"}}, [1], "At least one of the items must match"),
    ({"items": [{}], "additionalItems": False}, [1, 2], "No additional items allowed on array"),
    ({"minProperties": 1}, {}, "Must have at least 1 properties"),
    ({"maxProperties": 0}, {"a": 1}, "Must have at most 0 properties"),
    ({"additionalProperties": False}, {"x": 1}, "Additional property x is not allowed"),
    ({"properties": {"a": {}}, "additionalProperties": False}, {"y": 1}, "Additional property y is not allowed"),
    ({"propertyNames": {"maxLength": 1}}, {"xy": 1}, 'Property name of "xy" does not match'),
    ({"dependencies": {"a": ["b"]}}, {"a": 1}, "Has a dependency on b"),
    ({"anyOf": [{"type": "string"}]}, 1, "Must validate at least one schema (anyOf)"),
    ({"oneOf": [{}, {}]}, 1, "Must validate one and only one schema (oneOf)"),
    ({"allOf": [{"type": "string"}]}, 1, "Must validate all the schemas (allOf)"),
    ({"not": {}}, 1, "Must not validate the schema (not)"),
    ({"if": {"type": "integer"}, "then": {"minimum": 5}}, 1, 'Must validate "then" as "if" was valid'),
    ({"if": {"type": "integer"}, "else": {"minLength": 5}}, "a", 'Must validate "else" as "if" was not valid'),
    ({"properties": {"q": False}}, {"q": 1}, "False always fails validation"),
]


@pytest.mark.parametrize(("keyword_schema", "value", "description"), KEYWORD_EXAMPLES)
def test_each_keyword_says_what_gojsonschema_says(keyword_schema: dict[str, Any], value: Any, description: str) -> None:
    schema = {"properties": {"properties": {"properties": {"p": keyword_schema}}}}
    plan = plan_of(schema)

    checked = plan.check({"type": "track", "event": "E0", "properties": {"p": value}})

    assert description in [violation.description for violation in checked.violations]
    assert {violation.type for violation in checked.violations} <= {type_ for type_, _ in VIOLATION_TYPES.values()}


def test_the_examples_cover_every_documented_keyword() -> None:
    covered = {keyword for schema, _, _ in KEYWORD_EXAMPLES for keyword in schema} | {"false", "then", "else"}
    assert set(VIOLATION_TYPES) - covered == {"unevaluatedItems", "unevaluatedProperties", "dependentRequired"}


def test_a_thousand_rule_plan_compiles_and_picks_by_name() -> None:
    schema = {"properties": {"properties": {"required": ["id"], "properties": {"id": {"type": "string"}}}}}
    plan = compile_plan(PlanRule(type="TRACK", key=f"Event {i}", version=1, json_schema=schema) for i in range(1000))

    assert plan.rule_count == 1000
    assert plan.is_valid({"type": "track", "event": "Event 999", "properties": {"id": "x"}})
    assert not plan.is_valid({"type": "track", "event": "Event 7", "properties": {}})


@pytest.mark.parametrize(
    ("schema", "instance", "fields"),
    [
        ({"required": ["a", "b"]}, {"b": 1}, ["a"]),
        ({"properties": {"p": {"required": ["q"]}}}, {"p": {}}, ["p.q"]),
        ({"properties": {"p": {"required": ["q"]}}}, {"p": 5}, []),  # required applies to objects only
        ({"properties": {"p": {"required": ["q"]}}}, {}, []),  # properties apply to names present only
        (
            {"definitions": {"d": {}}, "properties": {"p": {"$ref": "#/definitions/d", "required": ["q"]}}},
            {"p": {}},
            [],
        ),
        ({"properties": {"p": {"items": {"required": ["q"]}}}}, {"p": [{}, {"q": 1}]}, ["p.0.q"]),
        ({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}, {}, ["(root)"]),
    ],
)
def test_required_reports_exactly_what_the_drafts_say(schema: dict[str, Any], instance: Any, fields: list[str]) -> None:
    compiled = CompiledSchema(RuleRef(type="COMMON", version=1), {"$schema": DRAFT_07, **schema})

    violations = compiled.violations(instance)

    assert [violation.field for violation in violations] == fields
    assert compiled.is_valid(instance) is (fields == [])


def test_violations_said_before_are_reused_only_when_they_say_the_same() -> None:
    schema = {"properties": {"properties": {"properties": {"n": {"type": "number"}, "o": {"required": ["a", "b"]}}}}}
    plan = plan_of(schema)

    def descriptions(properties: dict[str, Any]) -> list[str]:
        checked = plan.check({"type": "track", "event": "E0", "properties": properties})
        return [violation.description for violation in checked.violations]

    for _ in range(2):  # the second round is answered from what the first said
        assert descriptions({"n": "1", "o": {"a": 1}}) == [
            "Invalid type. Expected: number, given: string",
            "properties.o.b is required",
        ]
        assert descriptions({"n": True, "o": {"b": 1}}) == [
            "Invalid type. Expected: number, given: boolean",
            "properties.o.a is required",
        ]


def test_a_new_revision_compiles_only_the_rules_that_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[Any] = []
    compile_schema = engine.compile_schema
    monkeypatch.setattr(engine, "compile_schema", lambda schema: built.append(schema) or compile_schema(schema))

    def rule(key: str, maximum: int) -> PlanRule:
        schema = {"properties": {"properties": {"properties": {"n": {"type": "integer", "maximum": maximum}}}}}
        return PlanRule(type="TRACK", key=key, version=1, json_schema=schema, text=json.dumps(schema))

    first = compile_plan([rule("A", 1), rule("B", 1), rule("C", 1)])
    built.clear()
    second = compile_plan([rule("A", 1), rule("B", 5), rule("C", 1)], first)

    assert len(built) == 1  # B's new schema only
    event = read_event(b'{"type": "track", "event": "B", "properties": {"n": 3}}')
    assert not first.is_valid(event) and second.is_valid(event)
    assert not second.is_valid(read_event(b'{"type": "track", "event": "A", "properties": {"n": 3}}'))
    # a rule whose text is not known is always compiled
    built.clear()
    compile_plan([PlanRule(type="TRACK", key="A", version=1, json_schema=rule("A", 1).json_schema)], second)
    assert len(built) == 1
