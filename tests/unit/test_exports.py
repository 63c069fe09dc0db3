"""The plan-as-code JSON document, the CSV download and the download's name."""

import csv
import io
import json
from datetime import UTC, datetime, timedelta, timezone

import msgspec
import pytest

from api.domain.exports import (
    CSV_COLUMNS,
    PlanDocument,
    export_filename,
    plan_csv,
    plan_document,
    unlisted_keywords,
)
from api.domain.plans import PlanType, TrackingPlan
from api.domain.rules import Label, LiveRule, RuleType

# key order and number spelling are deliberately unusual: the document must keep both
ORDER_SCHEMA = (
    '{"type":"object","labels":{"area":"checkout"},"properties":{'
    '"properties":{"type":"object","required":["revenue","products"],"properties":{'
    '"revenue":{"minimum":1.50,"type":"number","description":"Total, tax included"},'
    '"currency":{"enum":["USD","EUR"],"type":"string"},'
    '"product":{"type":"object","required":["sku"],"properties":{"sku":{"type":"string","pattern":"^[A-Z]{3}$"}}},'
    '"products":{"type":"array","items":{"type":"object","required":["sku"],"properties":{'
    '"sku":{"type":"string"},"price":{"type":["number","null"]}}}},'
    '"placed_at":{"type":"string","format":"date-time"},'
    '"anything":{},'
    '"flag":true}},'
    '"context":{"properties":{"app":{"type":"object","properties":{"version":{"const":"1.0"}}}}},'
    '"userId":{"type":"string"}},'
    '"required":["userId"],"$schema":"http://json-schema.org/draft-07/schema#"}'
)
IDENTIFY_SCHEMA = '{"properties":{"traits":{"properties":{"email":{"format":"email","type":"string"}}}}}'
# shapes a valid JSON Schema may have that the walk does not expect
ODD_SCHEMA = '{"properties":{"properties":{"properties":[1,2],"required":"x"},"context":false},"required":{"a":1}}'


def _rule(
    row_id: int,
    type: RuleType,
    key: str | None,
    version: int,
    schema_text: str | None = None,
    labels: list[Label] | None = None,
    description: str | None = None,
) -> LiveRule:
    return LiveRule(
        row_id=row_id,
        type=type,
        key=key,
        version=version,
        schema_text=schema_text,
        labels=labels or [],
        description=description,
    )


RULES = [
    _rule(1, RuleType.TRACK, "Order Completed", 10),
    _rule(2, RuleType.TRACK, "Order Completed", 2, ORDER_SCHEMA, [Label(key="team", value="growth")], "Paid, at last"),
    _rule(3, RuleType.PAGE, "Home", 1, None, [], 'The "landing", page\nsecond line'),
    _rule(4, RuleType.IDENTIFY, None, 1, IDENTIFY_SCHEMA),
    _rule(5, RuleType.TRACK, "Cart Viewed", 1, "{}"),
    _rule(6, RuleType.COMMON, None, 1, ODD_SCHEMA),
]
SORTED = [
    ("COMMON", None, 1),
    ("IDENTIFY", None, 1),
    ("PAGE", "Home", 1),
    ("TRACK", "Cart Viewed", 1),
    ("TRACK", "Order Completed", 2),
    ("TRACK", "Order Completed", 10),
]
PLAN = TrackingPlan(
    id="tp_123",
    resource_schema_id="rs_123",
    name="Checkout",
    slug="checkout",
    description=None,
    type=PlanType.LIVE,
    created_at=datetime(2026, 1, 2, tzinfo=UTC),
    updated_at=datetime(2026, 1, 3, tzinfo=UTC),
)


def _csv_rows(rules: list[LiveRule]) -> list[list[str]]:
    return list(csv.reader(io.StringIO(plan_csv(rules), newline="")))


def test_document_is_the_same_bytes_whatever_the_order_of_the_rules() -> None:
    document = plan_document(PLAN, RULES)

    assert plan_document(PLAN, RULES) == document
    assert plan_document(PLAN, list(reversed(RULES))) == document


def test_document_sorts_rules_by_type_key_and_version() -> None:
    rules = msgspec.json.decode(plan_document(PLAN, RULES))["rules"]

    assert [(rule["type"], rule.get("key"), rule["version"]) for rule in rules] == SORTED


def test_document_embeds_each_schema_as_stored() -> None:
    assert b'"jsonSchema":' + ORDER_SCHEMA.encode() + b',"labels"' in plan_document(PLAN, RULES)


def test_document_fields_and_their_order() -> None:
    plan = msgspec.structs.replace(PLAN, description="Our plan")

    document = msgspec.json.decode(plan_document(plan, RULES))
    without_description = msgspec.json.decode(plan_document(PLAN, RULES))

    assert list(document) == ["format", "trackingPlan", "rules"]
    assert document["format"] == "tracking-plan/v1"
    assert document["trackingPlan"] == {"name": "Checkout", "description": "Our plan", "type": "LIVE"}
    assert without_description["trackingPlan"] == {"name": "Checkout", "type": "LIVE"}
    common, _, page, *_ = document["rules"]
    assert common == {"type": "COMMON", "version": 1, "jsonSchema": json.loads(ODD_SCHEMA), "labels": []}
    assert list(page) == ["type", "key", "version", "jsonSchema", "labels", "description"]
    assert page["jsonSchema"] is None
    assert list(document["rules"][-2]) == ["type", "key", "version", "jsonSchema", "labels", "description"]


def test_document_has_nothing_tied_to_a_workspace() -> None:
    document = plan_document(PLAN, RULES)

    for word in (b"tp_", b"rs_", b"rowId", b"createdAt", b"updatedAt", b"revision", b"slug"):
        assert word not in document


def test_document_round_trips() -> None:
    document = msgspec.json.decode(plan_document(PLAN, RULES), type=PlanDocument)

    assert (document.tracking_plan.name, document.tracking_plan.type) == ("Checkout", PlanType.LIVE)
    in_order = sorted(RULES, key=lambda rule: (str(rule.type), rule.key or "", rule.version))
    assert [(r.type, r.key, r.version) for r in document.rules] == SORTED
    for read, live in zip(document.rules, in_order, strict=True):
        # the document carries each schema's text as it is (msgspec.Raw), for a copy to store as it is
        assert bytes(read.json_schema).decode() == (live.schema_text or "null")
        assert (read.labels, read.description) == (live.labels, live.description)


def test_csv_lists_each_rule_as_an_event_row_in_document_order() -> None:
    header, *rows = _csv_rows(RULES)

    assert tuple(header) == CSV_COLUMNS
    events = [row for row in rows if row[2] != "PROPERTY"]
    assert [(row[2], row[0], row[7]) for row in events] == [
        (type, key or type, str(version)) for type, key, version in SORTED
    ]
    assert events[2] == ["Home", 'The "landing", page\nsecond line', "PAGE", "", "any", "", "", "1"]
    assert events[1] == ["IDENTIFY", "", "IDENTIFY", "", "object", "", "", "1"]
    assert events[4] == [
        "Order Completed",
        "Paid, at last",
        "TRACK",
        "",
        "object",
        "",
        "area:checkout; team:growth",
        "2",
    ]


def test_csv_property_rows_follow_the_schema_depth_first() -> None:
    rows = _csv_rows([RULES[1]])[2:]

    assert [row[0] for row in rows] == [
        "properties.revenue",
        "properties.currency",
        "properties.product",
        "properties.product.sku",
        "properties.products",
        "properties.products[].sku",
        "properties.products[].price",
        "properties.placed_at",
        "properties.anything",
        "properties.flag",
        "context.app",
        "context.app.version",
        "userId",
    ]
    assert {(row[2], row[6], row[7]) for row in rows} == {("PROPERTY", "", "2")}


@pytest.mark.parametrize(
    ("name", "description", "status", "data_type", "permitted"),
    [
        ("properties.revenue", "Total, tax included", "required", "number", ""),
        ("properties.currency", "", "optional", "string", '["USD","EUR"]'),
        ("properties.product", "", "optional", "object", ""),
        ("properties.product.sku", "", "required", "string", "^[A-Z]{3}$"),
        ("properties.products", "", "required", "array", ""),
        ("properties.products[].sku", "", "required", "string", ""),
        ("properties.products[].price", "", "optional", "number, null", ""),
        ("properties.placed_at", "", "optional", "string (date-time)", ""),
        ("properties.anything", "", "optional", "any", ""),
        ("properties.flag", "", "optional", "any", ""),
        ("context.app.version", "", "optional", "any", '["1.0"]'),
        ("userId", "", "required", "string", ""),
    ],
)
def test_csv_property_row(name: str, description: str, status: str, data_type: str, permitted: str) -> None:
    rows = {row[0]: row for row in _csv_rows([RULES[1]])[2:]}

    assert rows[name][1:6] == [description, "PROPERTY", status, data_type, permitted]


@pytest.mark.parametrize(
    ("rule", "names"),
    [
        (RULES[3], ["IDENTIFY", "traits.email"]),
        (RULES[5], ["COMMON"]),
        (RULES[4], ["Cart Viewed"]),
        (RULES[0], ["Order Completed"]),
    ],
)
def test_csv_rows_of_small_and_odd_schemas(rule: LiveRule, names: list[str]) -> None:
    assert [row[0] for row in _csv_rows([rule])[1:]] == names


def test_csv_of_no_rules_is_the_header() -> None:
    assert plan_csv([]) == "Name,Description,Type,Status,Data Type,Permitted Values,Labels,Version\r\n"


@pytest.mark.parametrize(
    ("at", "name"),
    [
        (datetime(2026, 3, 4, 5, 6, tzinfo=UTC), "ws-plan--2026-03-04--05-06-utc.csv"),
        (datetime(2026, 3, 4, 1, 30, 59, tzinfo=timezone(timedelta(hours=2))), "ws-plan--2026-03-03--23-30-utc.csv"),
        (datetime(2026, 12, 31, 23, 59), "ws-plan--2026-12-31--23-59-utc.csv"),
    ],
)
def test_export_filename(at: datetime, name: str) -> None:
    assert export_filename("ws", "plan", at, "csv") == name


ODD_NAMES_SCHEMA = {
    "$defs": {"a": {"type": "string"}},
    "type": "object",
    "properties": {
        "properties": {
            "type": "object",
            "properties": {
                "x.y": {"type": "string"},
                "": {"type": "integer"},
                "x": {"type": "object", "properties": {"y": {"type": "boolean"}}},
                "linked": {"$ref": "#/$defs/a"},
                "either": {"oneOf": [{"type": "string"}, {"anyOf": [{"type": "integer"}, {"$ref": "#/$defs/a"}]}]},
                "deep": {"allOf": [{"allOf": [{"allOf": [{"allOf": [{"type": "string"}]}]}]}]},
            },
            "patternProperties": {"^n_": {"type": "number"}},
        }
    },
}


def test_csv_and_the_view_name_odd_properties_unambiguously() -> None:
    rule = _rule(9, RuleType.TRACK, "Odd", 1, json.dumps(ODD_NAMES_SCHEMA))

    rows = {row[0]: row[4] for row in _csv_rows([rule])[2:]}

    assert rows == {
        'properties["x.y"]': "string",
        'properties[""]': "integer",
        "properties.x": "object",
        "properties.x.y": "boolean",
        "properties.linked": "$ref #/$defs/a",
        "properties.either": "one of: string | (any of: integer | $ref #/$defs/a)",
        "properties.deep": "all of: all of: all of: all of: …",
    }
    assert unlisted_keywords(ODD_NAMES_SCHEMA) == ["allOf", "anyOf", "oneOf", "patternProperties"]
    assert unlisted_keywords({"items": [{"type": "string"}]}) == ["items (a tuple)"]
