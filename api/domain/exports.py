"""A plan's exports: the plan-as-code JSON document and the CSV download.

Both list the rules sorted by type name, then key (none sorts first), then version.

The CSV (Python's `csv` module, "excel" dialect, `\\r\\n` line ends) has the columns of
`CSV_COLUMNS`, a header row, then for each rule:

- an event row: Name is the key, or the type name for keyless rules (`IDENTIFY`, `GROUP`,
  `COMMON`); Description the rule's own, else its schema's top-level `description` (see
  `shown_description`), else empty; Type the rule type; Status empty; Data Type `object`;
  Permitted Values empty; Labels every label of the rule, its own and those in the
  schema's `"labels"` object (see `labels_in`), sorted and joined by `; `; Version the version.
- a property row for each property the rule's schema declares, depth first in the schema's
  own key order. The schema is the whole payload, so Name is the dotted path from its root
  (`properties.revenue`, `context.app.version`) with `[]` for the items of an array
  (`properties.products[].sku`). Top-level containers (`properties`, `traits`, `context`, or
  any top-level object that declares properties) get no row of their own; every property under
  them does, nested objects included. Description is the property's or empty; Type `PROPERTY`;
  Status `required` when the parent's `required` lists it, else `optional`; Data Type the JSON
  Schema `type` (a list joined by `, `, `any` when absent) followed by ` (format)` when it has
  a `format`; Permitted Values the `enum` as compact JSON, else the `const` as a one-element
  JSON array, else the `pattern`, else empty; Labels empty; Version the rule's version.

Subschemas that are not objects (`true`, `false`) and keywords of an unexpected shape are
skipped, never an error.
"""

import csv
import io
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Final, Literal

import msgspec

from api.domain.fql import OBJECT_ROOTS
from api.domain.names import Description, DisplayName
from api.domain.plans import PlanType, TrackingPlan
from api.domain.rules import (
    Label,
    LiveRule,
    RuleInput,
    RuleKey,
    RuleType,
    SchemaText,
    Version,
    integral_version,
    labels_in,
    schema_description,
    schema_raw,
    shown_description,
)

DOCUMENT_FORMAT: Final = "tracking-plan/v1"
CSV_COLUMNS = ("Name", "Description", "Type", "Status", "Data Type", "Permitted Values", "Labels", "Version")

_JSON = msgspec.json.Decoder()
_ENCODER = msgspec.json.Encoder()

_Row = tuple[str, str, str, str, str, str, str, str]


class DocumentPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True, rename="camel"):
    name: DisplayName
    description: Description | None = None
    type: PlanType


class DocumentRule(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True, rename="camel"):
    type: RuleType
    key: RuleKey | None = None
    version: Version
    json_schema: SchemaText
    labels: list[Label] = msgspec.field(default_factory=list)
    description: Description | None = None

    def __post_init__(self) -> None:
        integral_version(self)


class PlanDocument(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """A plan as code: what `GET …/export?format=json` answers and the copy call accepts as `document`."""

    format: Literal["tracking-plan/v1"] = DOCUMENT_FORMAT
    tracking_plan: DocumentPlan
    rules: list[DocumentRule]


class _WrittenRule(msgspec.Struct, kw_only=True, omit_defaults=True, rename="camel"):
    """A `DocumentRule` as written: the schema is the stored text as it is, `labels` always present."""

    type: RuleType
    key: str | None = None
    version: int
    json_schema: msgspec.Raw
    labels: list[Label]
    description: str | None = None


class _WrittenDocument(msgspec.Struct, kw_only=True, rename="camel"):
    format: str
    tracking_plan: DocumentPlan
    rules: list[_WrittenRule]


def _in_order(rules: Sequence[LiveRule]) -> list[LiveRule]:
    return sorted(rules, key=lambda rule: (str(rule.type), rule.key or "", rule.version))


def plan_document(plan: TrackingPlan, rules: Sequence[LiveRule]) -> bytes:
    """The JSON document of a plan: byte-identical for the same plan on every call and server."""
    # no ids, timestamps or revisions: the document must mean the same plan in any workspace
    document = _WrittenDocument(
        format=DOCUMENT_FORMAT,
        tracking_plan=DocumentPlan(name=plan.name, description=plan.description, type=plan.type),
        rules=[
            _WrittenRule(
                type=rule.type,
                key=rule.key,
                version=rule.version,
                # the stored text, so key order and number spelling survive the trip
                json_schema=schema_raw(rule.schema_text),
                labels=rule.labels,
                description=shown_description(rule),
            )
            for rule in _in_order(rules)
        ],
    )
    return _ENCODER.encode(document)


def plan_csv(rules: Sequence[LiveRule]) -> str:
    """The plan's rules as CSV: an event row for each rule, then a row for each property it declares."""
    rows: list[_Row] = []
    for rule in _in_order(rules):
        as_input = RuleInput(
            type=rule.type,
            key=rule.key,
            version=rule.version,
            json_schema=schema_raw(rule.schema_text),
            labels=rule.labels,
        )
        schema = as_input.schema if isinstance(as_input.schema, dict) else None
        version = str(rule.version)
        name = rule.key if rule.key is not None else str(rule.type)
        labels = "; ".join(labels_in(as_input))
        data_type = "object" if schema is not None else "any"
        # the rule's own description, else its schema's (see `shown_description`)
        description = rule.description if rule.description is not None else schema_description(schema)
        rows.append((name, description or "", str(rule.type), "", data_type, "", labels, version))
        if schema is not None:
            for found in schema_properties(schema):
                status = "required" if found.required else "optional"
                rows.append(
                    (
                        found.path,
                        found.description,
                        "PROPERTY",
                        status,
                        found.data_type,
                        found.permitted_values,
                        "",
                        version,
                    )
                )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


class SchemaProperty(msgspec.Struct, kw_only=True, frozen=True):
    """A property a rule's schema declares, as the CSV's property rows and the web view list it."""

    path: str
    """Dotted from the payload root: `properties.revenue`, `properties.products[].sku`."""
    description: str
    """The property's `description`, or empty."""
    required: bool
    """The parent's `required` lists it."""
    data_type: str
    """`string`, `string, null`, `string (date-time)`, `$ref #/$defs/a`, `one of: string | integer`, `any`."""
    permitted_values: str
    """The `enum` as compact JSON, else the `const` as a one-element JSON array, else the `pattern`, else empty."""


def schema_properties(schema: dict[str, Any]) -> list[SchemaProperty]:
    """Every property `schema` (a whole payload's) declares, depth first in the schema's own key order."""
    found: list[SchemaProperty] = []
    # an explicit stack, not recursion: a deep schema must not hit Python's recursion limit
    stack: list[tuple[str, dict[str, Any], bool | None]] = [("", schema, None)]
    while stack:
        path, node, required = stack.pop()
        if required is not None:
            found.append(_property(path, node, required))
        children: list[tuple[str, dict[str, Any], bool | None]] = []
        properties = node.get("properties")
        if isinstance(properties, dict):
            listed = node.get("required")
            listed = listed if isinstance(listed, list) else ()
            for name, sub in properties.items():
                if isinstance(sub, bool):
                    # `true` allows any value and `false` none: a declared property all the same
                    sub = {} if sub else {"type": "none"}
                if not isinstance(sub, dict):
                    continue
                if not path and (name in OBJECT_ROOTS or isinstance(sub.get("properties"), dict)):
                    children.append((name, sub, None))
                else:
                    children.append((_child_path(path, name), sub, name in listed))
        items = node.get("items")
        if isinstance(items, dict):
            children.append((f"{path}[]", items, None))
        stack.extend(reversed(children))
    return found


_PLAIN_NAME = re.compile(r"[^.\[\]\"\s]+")
UNLISTED_KEYWORDS = ("allOf", "anyOf", "oneOf", "not", "if", "patternProperties", "additionalProperties", "prefixItems")
"""JSON Schema keywords whose subschemas `schema_properties` does not list as properties (their branches are named in
the type, as `one of: …`, where a property has no `type`)."""
_MAX_BRANCH_DEPTH = 3


def _child_path(path: str, name: str) -> str:
    """`path.name`, or `path["name"]` (JSON-quoted) when the name is empty or holds a dot, a bracket, a quote or
    white space, so that a name `x.y` never reads as `x` holding `y`."""
    if _PLAIN_NAME.fullmatch(name):
        return f"{path}.{name}" if path else name
    return f"{path}[{_ENCODER.encode(name).decode()}]"


def unlisted_keywords(schema: Any) -> list[str]:
    """Which of `UNLISTED_KEYWORDS` (or `items` as a list, a tuple) `schema` uses anywhere, in that order."""
    used: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            used.update(keyword for keyword in UNLISTED_KEYWORDS if keyword in node)
            if isinstance(node.get("items"), list):
                used.add("items (a tuple)")
            stack.extend(value for value in node.values() if isinstance(value, (dict, list)))
    return [keyword for keyword in (*UNLISTED_KEYWORDS, "items (a tuple)") if keyword in used]


def _property(path: str, node: dict[str, Any], required: bool) -> SchemaProperty:
    described = node.get("description")
    return SchemaProperty(
        path=path,
        description=described if isinstance(described, str) else "",
        required=required,
        data_type=_data_type(node),
        permitted_values=_permitted_values(node),
    )


def _data_type(node: Any, depth: int = 0) -> str:
    """The `type` in words; without one, a `$ref` as `$ref #/...` (not followed, so never a cycle) or the
    branches of `oneOf`/`anyOf`/`allOf` (`one of: string | integer`, nested at most `_MAX_BRANCH_DEPTH` deep)."""
    if not isinstance(node, dict):
        return "any" if node is not False else "none"
    declared = node.get("type")
    branches = next(
        ((words, node[keyword]) for keyword, words in _BRANCHES if isinstance(node.get(keyword), list)), None
    )
    if isinstance(declared, str):
        text = declared
    elif isinstance(declared, list):
        text = ", ".join(t if isinstance(t, str) else _ENCODER.encode(t).decode() for t in declared) or "any"
    elif isinstance(node.get("$ref"), str):
        text = f"$ref {node['$ref']}"
    elif branches and depth < _MAX_BRANCH_DEPTH:
        words, found = branches
        text = f"{words}: " + " | ".join(
            f"({kind})" if "|" in kind else kind for kind in (_data_type(branch, depth + 1) for branch in found)
        )
    elif branches:
        text = f"{branches[0]}: …"
    else:
        text = "any"
    format_ = node.get("format")
    return f"{text} ({format_})" if isinstance(format_, str) else text


_BRANCHES = (("oneOf", "one of"), ("anyOf", "any of"), ("allOf", "all of"))


def _permitted_values(node: dict[str, Any]) -> str:
    enum = node.get("enum")
    if isinstance(enum, list):
        return _ENCODER.encode(enum).decode()
    if "const" in node:
        return _ENCODER.encode([node["const"]]).decode()
    pattern = node.get("pattern")
    return pattern if isinstance(pattern, str) else ""


def export_filename(workspace_slug: str, plan_slug: str, at: datetime, extension: str) -> str:
    """`{workspaceSlug}-{planSlug}--{yyyy-mm-dd}--{hh-mm}-utc.{extension}`, at in UTC (a naive `at` is taken as UTC)."""
    at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    return f"{workspace_slug}-{plan_slug}--{at:%Y-%m-%d}--{at:%H-%M}-utc.{extension}"
