"""Segment's dialect of JSON Schema, and the standard schema each rule means.

Segment's editor writes `"type": "any"` (or `["any", "null"]`) for a property of type Any. No draft
knows `any`: a type list that contains it places no constraint on the type, so the standard
schema drops the `type` keyword there. Everything else is standard JSON Schema of the draft the
rule's `$schema` names (draft-07 when absent). Both the checks a rule passes when written
(`api.domain.rule_checks`) and the engine that checks events read rules through `standard_schema`.
"""

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

import msgspec

DRAFTS = {
    "http://json-schema.org/draft-04/schema": "draft-04",
    "http://json-schema.org/draft-06/schema": "draft-06",
    "http://json-schema.org/draft-07/schema": "draft-07",
    "https://json-schema.org/draft/2019-09/schema": "2019-09",
    "https://json-schema.org/draft/2020-12/schema": "2020-12",
}
"""The `$schema` values accepted (with or without a trailing `#`); draft-07 when absent."""
DEFAULT_DRAFT = "http://json-schema.org/draft-07/schema#"

TYPE_NAMES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})
"""The types of every draft."""
ANY_TYPE = "any"
"""Segment's type that places no constraint on the type."""

SCHEMA, DATA, NAMES = 0, 1, 2
"""What a node of a rule schema is: a schema, data (e.g. a `default`), or a map from names to schemas."""

_DATA_KEYWORDS = frozenset({"default", "const", "enum", "examples", "labels"})
"""Keywords whose values are data: a `type` or `pattern` inside them is not the keyword."""
_NAMED_SCHEMAS = frozenset({"properties", "patternProperties", "definitions", "$defs", "dependentSchemas"})
"""Keywords whose values map names to schemas: a property named `type` is not the keyword."""


def kind_of(kind: int, key: object) -> int:
    """The kind of the child at `key` of a node of `kind`."""
    if kind == DATA:
        return DATA
    if kind == NAMES:
        return SCHEMA
    if key in _DATA_KEYWORDS:
        return DATA
    return NAMES if key in _NAMED_SCHEMAS else SCHEMA


def draft_of(schema: Any) -> str:
    """The draft a rule schema is written in (`draft-04` … `2020-12`); its `$schema` was checked when written."""
    declared = schema.get("$schema", DEFAULT_DRAFT) if isinstance(schema, dict) else DEFAULT_DRAFT
    return DRAFTS.get(declared.rstrip("#"), "draft-07") if isinstance(declared, str) else "draft-07"


REF_IGNORES_SIBLINGS = frozenset({"draft-04", "draft-06", "draft-07"})
"""The drafts in which a `$ref` makes its sibling keywords ignored; from 2019-09 they apply beside it."""
_MAX_REF_HOPS = 32


def ref_target(schema: Any, ref: str) -> Any:
    """The node a `$ref` names inside its own schema (a JSON pointer, `#/definitions/price`).

    Raises LookupError when it names another document or a place the schema does not have."""
    if not ref.startswith("#"):
        raise LookupError(ref)
    target: Any = schema
    for step in filter(None, unquote(ref[1:]).split("/")):
        step = step.replace("~1", "/").replace("~0", "~")
        if isinstance(target, dict) and step in target:
            target = target[step]
        elif isinstance(target, list) and step.isdigit() and int(step) < len(target):
            target = target[int(step)]
        else:
            raise LookupError(ref)
    return target


def in_effect(schema: Any, node: Any, draft: str) -> Iterator[dict[str, Any]]:
    """The schema objects that apply where `node` applies, following its `$ref`s inside `schema`: the node itself
    (unless a `$ref` beside its keywords makes this draft ignore them), then what each `$ref` names."""
    for _ in range(_MAX_REF_HOPS):
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if not isinstance(ref, str) or draft not in REF_IGNORES_SIBLINGS:
            yield node
        if not isinstance(ref, str):
            return
        try:
            node = ref_target(schema, ref)
        except LookupError:
            return


def standard_schema(schema: Any) -> Any:
    """The schema as the standard reads Segment's dialect: every `type` that lists `any` removed.

    Answers `schema` itself when it has no `any` (the common case: its JSON text does not even hold
    the word), else a copy; the stored schema is never changed.
    """
    if b'"any"' not in msgspec.json.encode(schema):
        return schema
    return _without_any(schema, SCHEMA) if _has_any(schema, SCHEMA) else schema


def has_any_type(declared: object) -> bool:
    """Whether a `type` value names Segment's `any`."""
    return declared == ANY_TYPE or (isinstance(declared, list) and ANY_TYPE in declared)


def _has_any(node: Any, kind: int) -> bool:
    if type(node) is dict:
        if kind == SCHEMA and has_any_type(node.get("type")):
            return True
        return any(_has_any(child, kind_of(kind, key)) for key, child in node.items() if type(child) in (dict, list))
    if type(node) is list:
        return any(_has_any(child, kind) for child in node if type(child) in (dict, list))
    return False


def _without_any(node: Any, kind: int) -> Any:
    if type(node) is dict:
        return {
            key: _without_any(child, kind_of(kind, key))
            for key, child in node.items()
            if not (kind == SCHEMA and key == "type" and has_any_type(child))
        }
    if type(node) is list:
        return [_without_any(child, kind) for child in node]
    return node
