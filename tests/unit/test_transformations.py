"""The checks on a transformation's property paths: every value goes to one place, and is handled once."""

from typing import Any

import msgspec
import pytest

from api.domain.transformations import TransformationInput, check
from api.errors import InvalidInput


def _checked(actions: dict[str, Any]) -> None:
    body = {"name": "Paths", "sourceId": "src_1", "enabled": True, "if": "true", **actions}
    check(msgspec.convert(body, TransformationInput))


def _renames(*pairs: tuple[str, str]) -> dict[str, Any]:
    return {"propertyRenames": [{"oldName": old, "newName": new} for old, new in pairs]}


@pytest.mark.parametrize(
    "actions",
    [
        _renames(("a", "b"), ("b", "a")),
        _renames(("a", "b"), ("c", "d")),
        _renames(("a.b", "a.c")),
        _renames(("ab", "a"), ("a", "ab")),
        _renames(("context.ip", "traits.ip"), ("email", "context.email")),
        _renames(("a", "c"), ("b", "context.c")),
        {"propertyValueTransformations": [{"propertyPaths": ["a.b", "a.c", "traits.d"], "propertyValue": "x"}]},
        {"hashPropertiesConfiguration": {"algorithm": "MD5", "paths": ["email", "context.email", "user.email"]}},
        {"fqlDefinedProperties": [{"fql": "true", "propertyName": "properties.flag"}]},
        {"allowProperties": ["properties", "traits.email"]},
    ],
    ids=[
        "swap",
        "apart",
        "siblings",
        "common-prefix-of-text",
        "roots",
        "relative-and-context",
        "values",
        "hash",
        "fql",
        "allow-whole-payload",
    ],
)
def test_paths_that_reach_different_values_are_accepted(actions: dict[str, Any]) -> None:
    _checked(actions)


@pytest.mark.parametrize(
    ("actions", "field"),
    [
        (_renames(("a", "c"), ("b", "properties.c")), "propertyRenames[1].newName"),
        (_renames(("a", "c"), ("b", "traits.c")), "propertyRenames[1].newName"),
        (_renames(("b", "c.d"), ("a", "c")), "propertyRenames[1].newName"),
        (_renames(("a", "x"), ("a.b", "y")), "propertyRenames[1].oldName"),
        (_renames(("properties.a", "x"), ("a", "y")), "propertyRenames[1].oldName"),
        (_renames(("a", "a")), "propertyRenames[0].newName"),
        (_renames(("a", "properties.a")), "propertyRenames[0].newName"),
        (_renames(("a", "a.b")), "propertyRenames[0].newName"),
        (_renames(("a.b", "a")), "propertyRenames[0].newName"),
        (
            {"propertyValueTransformations": [{"propertyPaths": ["a", "b", "a.c"], "propertyValue": "x"}]},
            "propertyValueTransformations[0].propertyPaths[2]",
        ),
        (
            {"hashPropertiesConfiguration": {"algorithm": "MD5", "paths": ["e", "properties.e"]}},
            "hashPropertiesConfiguration.paths[1]",
        ),
    ],
    ids=[
        "relative-and-absolute-new",
        "relative-and-traits-new",
        "new-inside-new",
        "old-inside-old",
        "absolute-and-relative-old",
        "to-itself",
        "to-itself-absolute",
        "into-itself",
        "out-of-itself",
        "value-set-twice",
        "hashed-twice",
    ],
)
def test_paths_that_can_reach_the_same_value_are_refused(actions: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _checked(actions)

    assert refused.value.field == field


@pytest.mark.parametrize(
    ("actions", "field"),
    [
        (_renames(("properties", "x")), "propertyRenames[0].oldName"),
        (_renames(("x", "traits")), "propertyRenames[0].newName"),
        (
            {"propertyValueTransformations": [{"propertyPaths": ["context"], "propertyValue": "x"}]},
            "propertyValueTransformations[0].propertyPaths[0]",
        ),
        (
            {"hashPropertiesConfiguration": {"algorithm": "MD5", "paths": ["properties"]}},
            "hashPropertiesConfiguration.paths[0]",
        ),
        ({"fqlDefinedProperties": [{"fql": "true", "propertyName": "traits"}]}, "fqlDefinedProperties[0].propertyName"),
    ],
)
def test_a_whole_root_object_is_refused_where_it_would_be_replaced(actions: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput, match="whole object") as refused:
        _checked(actions)

    assert refused.value.field == field


@pytest.mark.parametrize(
    ("actions", "field"),
    [
        (_renames((" ", "x")), "propertyRenames[0].oldName"),
        (_renames(("x", "a. .b")), "propertyRenames[0].newName"),
        (
            {"propertyValueTransformations": [{"propertyPaths": ["a", "b. "], "propertyValue": "x"}]},
            "propertyValueTransformations[0].propertyPaths[1]",
        ),
        (
            {"hashPropertiesConfiguration": {"algorithm": "MD5", "paths": ["properties. "]}},
            "hashPropertiesConfiguration.paths[0]",
        ),
        ({"fqlDefinedProperties": [{"fql": "true", "propertyName": "  "}]}, "fqlDefinedProperties[0].propertyName"),
        ({"allowProperties": ["a", "\u3000"]}, "allowProperties[1]"),
    ],
)
def test_a_blank_segment_is_refused(actions: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput, match="blank segment") as refused:
        _checked(actions)

    assert refused.value.field == field
