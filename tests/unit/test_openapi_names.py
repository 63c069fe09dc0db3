"""openapi.yaml names things once, the way a user of the generated client would write them."""

import re
from pathlib import Path

import tracking_plans_client.models
import yaml

DOCUMENT = yaml.safe_load(Path("openapi.yaml").read_text())


def test_each_query_parameter_is_documented_in_one_spelling() -> None:
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            # `pagination.count` is still accepted (tests/routes/test_tracking_plans.py) but documented once
            spellings = [re.sub(r"\[(\w+)\]", r".\1", name) for name in names]
            assert len(set(spellings)) == len(spellings), (method, path, names)
            assert not any(name.startswith("pagination.") for name in names), (method, path, names)


def test_free_form_objects_are_named_components() -> None:
    schemas = DOCUMENT["components"]["schemas"]
    assert {"JsonSchema", "Event", "SourceConfiguration"} <= schemas.keys()
    numbered = [name for name in tracking_plans_client.models.__all__ if re.search(r"Type\d+$", name)]
    assert numbered == []
    rule_schema = schemas["Rule"]["properties"]["jsonSchema"]["oneOf"]
    assert rule_schema == [{"$ref": "#/components/schemas/JsonSchema"}, {"type": "null"}]
