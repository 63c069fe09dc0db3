"""Checks a rule's JSON Schema must pass before it is stored.

Each refusal is an `InvalidInput` whose `field` points at the offending place, such as
`rules[3].jsonSchema.properties.properties.properties.price.type`.
"""

import functools
import re
from collections.abc import Iterator
from typing import Any

import jsonschema_rs

from api.domain.validation.dialect import (
    ANY_TYPE,
    DEFAULT_DRAFT,
    DRAFTS,
    SCHEMA,
    TYPE_NAMES,
    has_any_type,
    kind_of,
    ref_target,
    standard_schema,
)
from api.domain.validation.engine import compile_schema
from api.errors import InvalidInput

MAX_SCHEMA_BYTES = 256 * 1024
MAX_SCHEMA_DEPTH = 64

# Constructs that need a backtracking engine: lookaround and backreferences.
_BACKTRACKING = re.compile(r"\(\?<?[!=]|\\[1-9]|\\k<")


def check_rule_schema(schema: Any, text: str | None, field: str) -> None:
    """Refuse a rule schema that is not an object, too big, too deep, invalid, or that uses unsafe regexes.

    `text` is the schema as sent, which is what is stored and what the size limit measures.
    """
    if schema is None:
        return
    if not isinstance(schema, dict):
        raise InvalidInput("jsonSchema must be a JSON object (or null).", field=field)
    meta = _meta_schema(schema, field)
    regexes: list[str] = []
    if _deepest(schema, 1, regexes) > MAX_SCHEMA_DEPTH or not all(_regex_ok(regex) for regex in regexes):
        _locate_problem(schema, field)
    if text is not None and len(text.encode()) > MAX_SCHEMA_BYTES:
        raise InvalidInput(f"jsonSchema is larger than {MAX_SCHEMA_BYTES // 1024} KiB.", field=field)
    standard = standard_schema(schema)
    if standard is not schema:
        _locate_problem(schema, field)  # what is left of a type list beside `any` is checked here
    _check_against_meta_schema(standard, meta, field)
    if text is None or _has_dollar_keywords(schema, text):
        _check_compiles(standard, field)


def _has_dollar_keywords(schema: dict[str, Any], text: str) -> bool:
    """Whether the schema may hold a `$` keyword other than the root's `$schema` and `$comment`s (`$ref`, `$id`,
    anchors, a nested `$schema`): only those can still stop the engine once the meta-schema and regex checks pass.

    Read off the text, so a property or value that starts with `$` counts too (a compile more, never one less); a
    `\\u0024` escape always counts.
    """
    if "\\u0024" in text:
        return True
    return text.count('"$') > ("$schema" in schema) + text.count('"$comment"')


def _deepest(node: Any, depth: int, regexes: list[str], kind: int = SCHEMA) -> int:
    """How deep `node` nests (counting no further than one past the limit), collecting its regexes on the way.

    The fast pass every schema takes; `_locate_problem` walks again with paths only when it finds one.
    """
    if depth > MAX_SCHEMA_DEPTH:
        return depth
    deepest = depth
    if type(node) is dict:
        if kind == SCHEMA:
            pattern = node.get("pattern")
            if type(pattern) is str:
                regexes.append(pattern)
            pattern_properties = node.get("patternProperties")
            if type(pattern_properties) is dict:
                regexes.extend(pattern_properties)
        for key, child in node.items():
            if type(child) is dict or type(child) is list:
                deepest = max(deepest, _deepest(child, depth + 1, regexes, kind_of(kind, key)))
    elif type(node) is list:
        for child in node:
            if type(child) is dict or type(child) is list:
                deepest = max(deepest, _deepest(child, depth + 1, regexes, kind))
    return deepest


@functools.lru_cache(maxsize=4096)
def _regex_ok(pattern: str) -> bool:
    try:
        _check_regex(pattern, "")
    except InvalidInput:
        return False
    return True


def _locate_problem(schema: dict[str, Any], field: str) -> None:
    """Walk the schema with paths and raise the first problem found, pointing at its place."""
    for path, node, depth, kind in _walk(schema):
        if depth > MAX_SCHEMA_DEPTH:
            raise InvalidInput(f"jsonSchema is nested deeper than {MAX_SCHEMA_DEPTH} levels.", field=_at(field, path))
        if kind == SCHEMA and isinstance(node, dict):
            _check_keywords(node, field, path)


def _meta_schema(schema: dict[str, Any], field: str) -> str:
    declared = schema.get("$schema", DEFAULT_DRAFT)
    if not isinstance(declared, str) or declared.rstrip("#") not in DRAFTS:
        raise InvalidInput(
            "$schema must name JSON Schema draft-04, draft-06, draft-07, 2019-09 or 2020-12 "
            "(for example http://json-schema.org/draft-07/schema#).",
            field=_at(field, ["$schema"]),
        )
    return declared


def _check_keywords(node: dict[str, Any], field: str, path: list[str]) -> None:
    declared_type = node.get("type")
    with_any = has_any_type(declared_type)
    for name in declared_type if isinstance(declared_type, list) else [declared_type]:
        if with_any and not isinstance(name, str):
            raise InvalidInput(
                f"{name!r} is not a JSON Schema type: type lists hold type names.", field=_at(field, [*path, "type"])
            )
        if isinstance(name, str) and name not in TYPE_NAMES and name != ANY_TYPE:
            hint = (
                'date-time is a string format: {"type": "string", "format": "date-time"}.'
                if name.lower() in ("date-time", "datetime", "date")
                else f"types are {', '.join(sorted(TYPE_NAMES))} (lower case)."
            )
            raise InvalidInput(f"{name!r} is not a JSON Schema type: {hint}", field=_at(field, [*path, "type"]))
    pattern = node.get("pattern")
    if isinstance(pattern, str):
        _check_regex(pattern, _at(field, [*path, "pattern"]))
    pattern_properties = node.get("patternProperties")
    if isinstance(pattern_properties, dict):
        for regex in pattern_properties:
            _check_regex(regex, _at(field, [*path, "patternProperties", regex]))


def _check_regex(pattern: str, field: str) -> None:
    if construct := _BACKTRACKING.search(_without_classes(pattern)):
        raise InvalidInput(
            f"The regex {pattern!r} uses {construct[0]!r}: lookahead, lookbehind and backreferences are not "
            'supported, because they cannot be checked in linear time. Express the exclusion with "not", '
            'e.g. {"not": {"pattern": "..."}}.',
            field=field,
        )
    try:
        # the linear-time engine that validates events must take it (ECMA-262 syntax, like \p{Lu})
        jsonschema_rs.validator_for({"pattern": pattern}, pattern_options=jsonschema_rs.RegexOptions())
    except jsonschema_rs.ValidationError:
        raise InvalidInput(
            f"The regex {pattern!r} is not a valid ECMA-262 regular expression, or is too large to check.", field=field
        ) from None


def _without_classes(pattern: str) -> str:
    """The regex with only backreference escapes kept and `[...]` classes blanked: what is left of `(?!` is real."""
    out, in_class, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escaped = pattern[i + 1]
            keep = not in_class and (escaped in "123456789k")
            out.append(pattern[i : i + 2] if keep else "  ")
            i += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(" " if in_class else char)
        else:
            in_class = char == "["
            out.append(char)
        i += 1
    return "".join(out)


def _check_against_meta_schema(schema: dict[str, Any], declared: str, field: str) -> None:
    if "$schema" not in schema:
        schema = {"$schema": declared, **schema}
    try:
        jsonschema_rs.meta.validate(schema)
    except jsonschema_rs.ValidationError as exc:
        _locate_problem(schema, field)  # a clearer message where there is one, e.g. for `"type": "date-time"`
        raise InvalidInput(
            f"jsonSchema is not valid JSON Schema ({DRAFTS[declared.rstrip('#')]}): {exc.message}",
            field=_at(field, [str(part) for part in exc.instance_path]),
        ) from None


def _check_compiles(schema: dict[str, Any], field: str) -> None:
    """Refuse what the engine could not compile: above all a `$ref` to anything outside the schema itself."""
    try:
        compile_schema(schema)
    except jsonschema_rs.ValidationError as exc:
        where = next(
            (path for path, node, _, kind in _walk(schema) if kind == SCHEMA and _points_outside(node, schema)),
            None,
        )
        reason = str(exc).splitlines()[0]
        raise InvalidInput(
            f"jsonSchema cannot be used to check events: {reason}. A $ref must point inside the schema "
            '(e.g. "#/definitions/price"); nothing is fetched from the network or from files.',
            field=_at(field, [*where, "$ref"]) if where is not None else field,
        ) from None


def _points_outside(node: Any, schema: dict[str, Any]) -> bool:
    """Whether a node's `$ref` names another document, or a place its own document does not have."""
    if not isinstance(node, dict) or not isinstance(node.get("$ref"), str):
        return False
    try:
        ref_target(schema, node["$ref"])
    except LookupError:
        return True
    return False


def _walk(
    node: Any, path: list[str] | None = None, depth: int = 1, kind: int = SCHEMA
) -> Iterator[tuple[list[str], Any, int, int]]:
    """Every object and array in a schema with its path, nesting depth and kind, depth first."""
    path = path or []
    yield path, node, depth, kind
    if depth > MAX_SCHEMA_DEPTH:
        return
    if isinstance(node, dict):
        children = [(key, child, kind_of(kind, key)) for key, child in node.items()]
    else:
        children = [(index, child, kind) for index, child in enumerate(node)] if isinstance(node, list) else []
    for key, child, child_kind in children:
        if isinstance(child, dict | list):
            yield from _walk(child, [*path, str(key)], depth + 1, child_kind)


def _at(field: str, path: list[str]) -> str:
    return ".".join([field, *path])
