"""FQL exactly as Segment's FQL page documents it (segmentio/segment-docs, `src/api/public-api/fql.md`).

Every example of the page is a transformation created through the Public API with that condition (or,
for a function's value, that FQL-defined property) and a preview of the page's sample event; what the
page does not define is refused with a 422 naming the field and the position.
"""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.conftest import Tenant, data
from tests.routes.conftest import create_source

Client = TestClient[Litestar]

SAMPLE = {
    "event": "Button Clicked",
    "type": "track",
    "context": {"library": {"name": "analytics.js", "version": "1.0"}},
    "properties": {"features": ["discounts", "dark-mode"]},
}
"""The page's JSON object."""
SUBEXPRESSION = (
    "( type = 'track' or type = 'identify' ) and ( properties.enabled or match( traits.email, '*@company.com' ) )"
)


@pytest.fixture
def source_id(client: Client, tenant: Tenant) -> str:
    return str(create_source(client, tenant, "web")["id"])


def previewed(client: Client, tenant: Tenant, source_id: str, body: dict[str, Any], event: dict[str, Any]) -> Any:
    """Create the transformation, preview `event`, then delete the transformation again."""
    transformation = {"name": "FQL example", "sourceId": source_id, "enabled": True, **body}
    created = client.post("/transformations", json=transformation, headers=tenant.headers())
    assert created.status_code == 200, created.text
    preview = {"sourceId": source_id, "event": event}
    answer = data(client.post("/transformations/preview", json=preview, headers=tenant.headers("reader")))
    url = f"/transformations/{data(created)['transformation']['id']}"
    assert client.delete(url, headers=tenant.headers()).status_code == 200
    return answer["event"]


def matches(client: Client, tenant: Tenant, source_id: str, condition: str, event: dict[str, Any] = SAMPLE) -> bool:
    """Whether a transformation with this `if` applies to `event` (it marks the event when it does)."""
    mark = {"fqlDefinedProperties": [{"fql": "true", "propertyName": "context.matched"}]}
    transformed = previewed(client, tenant, source_id, {"if": condition, **mark}, event)
    return "matched" in transformed.get("context", {})


def value(client: Client, tenant: Tenant, source_id: str, expression: str, event: dict[str, Any] = SAMPLE) -> Any:
    """The value an FQL-defined property takes with this expression."""
    defined = {"fqlDefinedProperties": [{"fql": expression, "propertyName": "context.value"}]}
    return previewed(client, tenant, source_id, {"if": "true", **defined}, event)["context"]["value"]


def refusal(client: Client, tenant: Tenant, source_id: str, condition: str) -> dict[str, Any]:
    """The error of creating a transformation with this `if`; nothing is stored."""
    body = {"name": "FQL", "sourceId": source_id, "enabled": True, "if": condition, "drop": True}
    refused = client.post("/transformations", json=body, headers=tenant.headers())
    assert refused.status_code == 422, refused.text
    assert data(client.get("/transformations", headers=tenant.headers()))["transformations"] == []
    [error] = refused.json()["errors"]
    assert error["field"] == "if" and error["status"] == 422
    return dict(error)


@pytest.mark.parametrize(
    ("condition", "result"),
    [
        ("event = 'Button Clicked'", True),
        ("event = 'Screen Tapped'", False),
        ("context.path.path = '/login'", False),
        ("type = 'identify' or type = 'track'", True),
        ("event = 'Button Clicked' and type = 'track'", True),
        ("match( context.library.version, '1.*' )", True),
        ("match( context.library.version, '2.*' )", False),
        ("type = 'track' and ( event = 'Click' or match( event, 'Button *' ) )", True),
        ("!contains( context.library.name, 'js' )", False),
        ("'dark-mode' in properties.features", True),
        ("'blink' in properties.features", False),
        # Subexpressions
        (SUBEXPRESSION, False),
        ("!( type in ['track', 'identify'] )", False),
    ],
)
def test_the_pages_examples(client: Client, tenant: Tenant, source_id: str, condition: str, result: bool) -> None:
    assert matches(client, tenant, source_id, condition) is result


def test_subexpressions_on_other_events(client: Client, tenant: Tenant, source_id: str) -> None:
    either = (
        "( type = 'track' or type = 'identify' ) and ( properties.enabled or match( traits.email, '*@company.com' ) )"
    )
    enabled = {**SAMPLE, "properties": {"enabled": True}}
    company = {"type": "identify", "traits": {"email": "ada@company.com"}}
    elsewhere = {"type": "identify", "traits": {"email": "ada@company.com.evil"}}

    assert matches(client, tenant, source_id, either, enabled) is True
    assert matches(client, tenant, source_id, either, company) is True
    assert matches(client, tenant, source_id, either, elsewhere) is False
    assert matches(client, tenant, source_id, "!( type in ['track', 'identify'] )", {"type": "page"}) is True


def test_the_subexpression_with_match_arguments_swapped_is_refused_with_a_hint(
    client: Client, tenant: Tenant, source_id: str
) -> None:
    # the page's own example passes the pattern first; FQL's patterns are literals, so it cannot mean that
    error = refusal(client, tenant, source_id, "type = 'track' and ( event = 'Click' or match( 'Button *', event ) )")

    assert "did you mean match(event, 'Button *')?" in error["message"]
    assert "(at position 59)" in error["message"]


@pytest.mark.parametrize(
    "condition", ["properties.product\\ 1.price = '19.99'", "properties.`product 1`.price = '19.99'"]
)
def test_escaped_field_paths(client: Client, tenant: Tenant, source_id: str, condition: str) -> None:
    event = {"type": "track", "event": "E", "properties": {"product 1": {"price": "19.99"}}, "context": {}}

    assert matches(client, tenant, source_id, condition, event) is True
    assert (
        matches(client, tenant, source_id, condition, {**event, "properties": {"product1": {"price": "19.99"}}})
        is False
    )


@pytest.mark.parametrize(
    ("condition", "result"),
    [
        ("properties.features = ['discounts', 'dark-mode']", True),
        ("properties.features = ['dark-mode', 'discounts']", False),
        ("properties.features != ['discounts']", True),
        ("properties.features != 'discounts'", True),
        ("context.library.version = 1.0", False),
        ("1 in [1.0, 2]", True),
        ("true in [1, 'true']", False),
        ("null in [null]", True),
        ("context.library.version in ['1.0', '2.0']", True),
        ("'dark-mode' in context.library", False),
        ("type in []", False),
        ("length(properties.features) > 1", True),
        ("length(properties.features) >= 3", False),
    ],
)
def test_comparison_operators(client: Client, tenant: Tenant, source_id: str, condition: str, result: bool) -> None:
    assert matches(client, tenant, source_id, condition) is result


@pytest.mark.parametrize(
    ("expression", "result"),
    [
        ("contains( 'analytics.js', 'js' )", True),
        ("length( properties.features )", 2),
        ("length( 'a' )", 1),
        ("length( 'ア' )", 3),
        ("lowercase( 'Button Clicked' )", "button clicked"),
        ("uppercase( 'Button Clicked' )", "BUTTON CLICKED"),
        ('snakecase( "test string" )', "test_string"),
        ('kebabcase( "test string" )', "test-string"),
        ('titlecase( "test string" )', "Test String"),
        ("typeof( event )", "string"),
        ("typeof( 19.99 )", "number"),
        ("typeof( properties.features )", "list"),
        ("typeof( true )", "bool"),
        ("typeof( properties.missing )", "null"),
        ("match( 'abc', 'a?c' )", True),
        ("bool( properties.features )", True),
        ("bool( [] )", False),
        ("bool( 'false' )", False),
        ("bool( 'yes' )", True),
        ("bool( 0 )", False),
        ("bool( null )", False),
        ("string( 19.99 )", "19.99"),
        ("string( 1.0 )", "1"),
        ("string( properties.features )", '["discounts","dark-mode"]'),
        ("string( null )", "null"),
        ("string( event )", "Button Clicked"),
        ("number( '19.99' )", 19.99),
        ("number( ' 42 ' )", 42),
        ("number( 7 )", 7),
        ("number( 'seven' )", None),
        ("number( null )", None),
        # null defaults
        ("contains( null, 'x' )", False),
        ("length( null )", 0),
        ("lowercase( null )", None),
        ("typeof( null )", "null"),
        ("match( null, '*' )", False),
    ],
)
def test_functions(client: Client, tenant: Tenant, source_id: str, expression: str, result: Any) -> None:
    assert value(client, tenant, source_id, expression) == result
    assert type(value(client, tenant, source_id, expression)) is type(result)


def test_length_of_a_missing_user_id_needs_no_typeof(client: Client, tenant: Tenant, source_id: str) -> None:
    with_id = {**SAMPLE, "userId": "u1"}

    for event in (SAMPLE, with_id):
        short = matches(client, tenant, source_id, "length( userId ) > 0", event)
        long = matches(client, tenant, source_id, "typeof( userId ) = 'string' and length( userId ) > 0", event)
        assert short is long is ("userId" in event)


@pytest.mark.parametrize(
    ("condition", "result"),
    [
        ("match( 'abcd', 'a*d' )", True),
        ("match( '', '*' )", True),
        ("match( 'abc', 'ab' )", False),
        ("match( 'abcd', 'a??d' )", True),
        ("match( 'abcd', '*d' )", True),
        ("match( 'ab*d', 'ab\\*d' )", True),
        ("match( 'abxd', 'ab\\*d' )", False),
        ("match( 'abCd', 'ab[cC]d' )", True),
        ("match( 'abcd', 'ab[a-z]d' )", True),
        ("match( 'abcd', 'ab[A-Z]d' )", False),
        # and on the sample event
        ("match( event, 'Button [cC]licked' )", True),
        ("match( event, 'Button [a-b]licked' )", False),
        ("match( 'a]b', 'a\\]b' )", True),
        ("match( 'a?', 'a\\?' )", True),
        ("match( 'ab', 'a\\?' )", False),
        ("match( 'a-', 'a[\\-x]' )", True),
    ],
)
def test_glob_patterns(client: Client, tenant: Tenant, source_id: str, condition: str, result: bool) -> None:
    assert matches(client, tenant, source_id, condition) is result


def test_a_list_of_ten_thousand_items_is_past_the_length_limit(client: Client, tenant: Tenant, source_id: str) -> None:
    error = refusal(client, tenant, source_id, "type in [" + ", ".join(["'x'"] * 10_000) + "]")

    assert "length <= 2000" in error["message"]


@pytest.mark.parametrize(
    ("condition", "position", "message"),
    [
        ('userId = oops"', 13, "Unterminated string"),  # the page's own invalid example
        ("type in ['track', 'identify'", 28, "Missing ']' to close the '[' at position 8"),
        ("type in ['track']]", 17, "Unmatched ']'"),
        ("type in ['track',]", 17, "Expected a list item, found ']'"),
        ("type in ['track' 'identify']", 17, "Expected ',' or ']'"),
        ("type in 'track'", 8, "The right side of 'in' is a list"),
        ("['a'] in properties.features", 0, "The left side of 'in' is one value"),
        ("type in [properties.a]", 9, "Expected a list item"),
        ("type in " + "[" * 33 + "]" * 33, 40, "nests more than 32 levels deep"),
        ("match( event, 'Button [a-' )", 22, "This '[' is never closed with ']'"),
        ("match( event, 'Button [cC' )", 22, "This '[' is never closed with ']'"),
        ("match( event, '[]' )", 15, "empty class"),
        ("match( event, '[!a]' )", 16, "Negated classes"),
        ("match( event, '[z-a]' )", 16, "runs backwards"),
        ("match( event, 'ab\\\\' )", 17, "lone '\\'"),
        ("event = 'abc\\'", 8, "Unterminated string: no closing ' (a \\ before ' makes it part of the string)"),
        ("properties.abc\\", 14, "A lone '\\' ends the condition"),
        ("typeof( properties.features ) = 'array'", 32, "write 'list'"),
        ("typeof( properties.member ) = 'boolean'", 30, "write 'bool'"),
        ("in = 1", 0, "Expected a value, found 'in'"),
    ],
)
def test_conditions_the_page_does_not_define_are_refused_with_the_position(
    client: Client, tenant: Tenant, source_id: str, condition: str, position: int, message: str
) -> None:
    error = refusal(client, tenant, source_id, condition)

    assert message in error["message"]
    assert f"(at position {position})" in error["message"]
