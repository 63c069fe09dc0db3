"""Rules inferred from a source's observed schema, shaped like Segment's (pure).

A rule's `jsonSchema` describes the whole payload, draft-07, as Segment writes it:
`{"$schema": …, "type": "object", "properties": {"properties": {"type": "object", "properties": {…}}}}`
(`traits` for IDENTIFY and GROUP). The types come from genson (`SchemaBuilder`), fed one small schema per
observed (path, type): genson merges `integer` with `number` into `number`, nests objects and array items, and
lists a type with `null` as a type list (Segment's "allow null values"). A path seen with several other types
is ambiguous: it gets a schema without a type (`{}`), nothing below it, and is reported. A string path whose
every value was a date-time gets `"format": "date-time"`. `required` is only written on request
(`required_when_always_present`), for the properties present in every event (every object, when nested) that
sent their parent, outside arrays.

An existing rule keeps every property it declares, as it declares it; the import adds what was observed and is
missing, at any depth where the existing schema may hold properties.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import msgspec
from genson import SchemaBuilder

from api.domain.names import Description
from api.domain.observed import ITEMS, ObservedPathCount, SchemaWindow, TypeCount, declares_in
from api.domain.rules import LiveRule, RuleInput, RuleKey, RuleType, schema_raw
from api.domain.sources import SourceId
from api.domain.validation.dialect import ANY_TYPE, DEFAULT_DRAFT, draft_of, in_effect
from api.errors import InvalidInput

IMPORTED_TYPES = {
    RuleType.TRACK: "track",
    RuleType.IDENTIFY: "identify",
    RuleType.GROUP: "group",
    RuleType.PAGE: "page",
    RuleType.SCREEN: "screen",
}
"""The rule types an import writes, and the event type each comes from."""
_RULE_TYPES = {kind: rule_type for rule_type, kind in IMPORTED_TYPES.items()}
_ROOTS = {"track": "properties", "page": "properties", "screen": "properties", "identify": "traits", "group": "traits"}


class ObservedRule(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """An observed event to import: its rule type and key (TRACK, PAGE, SCREEN); IDENTIFY and GROUP have no key."""

    type: RuleType
    key: RuleKey | None = None


class ImportObserved(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """`POST /tracking-plans/{id}/imports/observed`: import what a source sent in a window into a LIVE plan."""

    source_id: SourceId
    window: SchemaWindow = SchemaWindow.DAY
    """24 hours when absent, as the schema read."""
    events: Annotated[list[ObservedRule], msgspec.Meta(min_length=1, max_length=4000)] | None = None
    """Only these events; every importable event observed in the window when absent (unnamed page and screen calls
    and alias calls have no rule to become)."""
    required_when_always_present: bool = False
    """Write `required` for the properties present every time (observation cannot prove a property is required)."""

    def check(self) -> None:
        """Refuse an event twice, of a type no import writes, or with a key where its type has none (and back)."""
        seen: set[ObservedRule] = set()
        for i, event in enumerate(self.events or ()):
            if event.type not in IMPORTED_TYPES:
                raise InvalidInput(
                    f"{event.type} rules are not imported: TRACK, IDENTIFY, GROUP, PAGE or SCREEN.",
                    field=f"events[{i}].type",
                )
            keyed = event.type not in (RuleType.IDENTIFY, RuleType.GROUP)
            if keyed != (event.key is not None):
                need = "needs a key (the event name)" if keyed else "has no key"
                raise InvalidInput(f"{event.type.a_rule} {need}.", field=f"events[{i}].key")
            if event in seen:
                raise InvalidInput("This event appears twice.", field=f"events[{i}]")
            seen.add(event)


class AmbiguousProperty(msgspec.Struct, kw_only=True):
    """A property sent with several types: the imported rule leaves its type out."""

    type: RuleType
    key: str | None
    path: str
    types: list[TypeCount]
    """Most frequent first."""


def rule_of(event_type: str, event_name: str) -> ObservedRule | None:
    """The rule an observed event becomes; None for alias calls and unnamed page and screen calls."""
    rule_type = _RULE_TYPES.get(event_type)
    if rule_type is None:
        return None
    if rule_type in (RuleType.IDENTIFY, RuleType.GROUP):
        return ObservedRule(type=rule_type)
    return ObservedRule(type=rule_type, key=event_name) if event_name else None


def event_of(rule: ObservedRule) -> tuple[str, str]:
    """The observed (event type, name) a rule comes from."""
    return IMPORTED_TYPES[rule.type], rule.key or ""


def type_counts(counts: dict[str, int]) -> list[TypeCount]:
    return [TypeCount(type=kind, count=count) for kind, count in sorted(counts.items(), key=lambda c: (-c[1], c[0]))]


def infer_schema(
    rule: ObservedRule, events: int, paths: Iterable[ObservedPathCount], required_when_always_present: bool
) -> tuple[dict[str, Any], list[AmbiguousProperty]]:
    """The JSON Schema of an event sent `events` times with these path counts, and its ambiguous properties."""
    by_path: dict[str, dict[str, ObservedPathCount]] = defaultdict(dict)
    for found in paths:
        by_path[found.path][found.json_type] = found
    ambiguous: list[AmbiguousProperty] = []
    hidden: list[str] = []
    root = _ROOTS[IMPORTED_TYPES[rule.type]]
    builder = SchemaBuilder(schema_uri=DEFAULT_DRAFT)
    builder.add_schema({"type": "object", "properties": {root: {"type": "object"}}})
    for path in sorted(by_path):
        if any(path.startswith(prefix) for prefix in hidden):
            continue
        types = by_path[path]
        kinds = {"number" if kind == "integer" else kind for kind in types} - {"null"}
        if len(kinds) > 1:
            counts = {kind: found.count for kind, found in types.items()}
            ambiguous.append(AmbiguousProperty(type=rule.type, key=rule.key, path=path, types=type_counts(counts)))
            hidden += [f"{path}.", f"{path}{ITEMS}"]
            builder.add_schema(_skeleton(path, {}))
            continue
        for kind, found in types.items():
            leaf: dict[str, Any] = {"type": kind}
            if kind == "string" and found.date_times == found.count:
                leaf["format"] = "date-time"
            builder.add_schema(_skeleton(path, leaf))
    schema = _fold_nullable(builder.to_schema())
    if required_when_always_present:
        presence = {path: sum(found.count for found in types.values()) for path, types in by_path.items()}
        objects = {path: types["object"].count for path, types in by_path.items() if "object" in types}
        objects[root] = events
        _require(schema["properties"][root], root, presence, objects)
    return schema, ambiguous


def _skeleton(path: str, leaf: dict[str, Any]) -> dict[str, Any]:
    """The schema of a payload holding `leaf` at `path` (`properties.products[].price`)."""
    node = leaf
    for segment in reversed(path.split(".")):
        while segment.endswith(ITEMS):
            node = {"type": "array", "items": node}
            segment = segment[: -len(ITEMS)]
        node = {"type": "object", "properties": {segment: node}}
    return node


def _fold_nullable(node: Any) -> Any:
    """genson writes an object or array that was also null as `anyOf`; Segment writes a type list with `null` last."""
    if not isinstance(node, dict):
        return node
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        [other] = [option for option in options if option != {"type": "null"}]
        node = {**other, "type": [other["type"], "null"]}
    elif isinstance(node.get("type"), list) and "null" in node["type"]:
        # genson sorts a scalar's types (`["null", "string"]`); Segment's editor writes the type, then null
        node["type"] = [kind for kind in node["type"] if kind != "null"] + ["null"]
    if isinstance(node.get("properties"), dict):
        node["properties"] = {name: _fold_nullable(child) for name, child in node["properties"].items()}
    if isinstance(node.get("items"), dict):
        node["items"] = _fold_nullable(node["items"])
    return node


def _require(node: dict[str, Any], path: str, presence: dict[str, int], objects: dict[str, int]) -> None:
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return
    sent = objects.get(path)
    required = [name for name in properties if sent and presence.get(f"{path}.{name}") == sent]
    if required:
        node["required"] = required
    for name, child in properties.items():
        if isinstance(child, dict):
            _require(child, f"{path}.{name}", presence, objects)


class ConflictingProperty(msgspec.Struct, kw_only=True, rename="camel"):
    """A property a rule declares with a type the source did not always send: the rule keeps its declaration."""

    type: RuleType
    key: str | None
    version: int
    path: str
    declared_type: str | list[str]
    """As the rule writes it."""
    types: list[TypeCount]
    """What was observed there, most frequent first."""


class SkippedProperty(msgspec.Struct, kw_only=True):
    """A place in a rule the import leaves alone though the source sent what it does not declare."""

    type: RuleType
    key: str | None
    version: int
    path: str
    reason: str


class MergedRules(msgspec.Struct, kw_only=True):
    """The rules an import writes for one observed event, and what it found in the rules it kept."""

    rules: list[RuleInput]
    conflicting: list[ConflictingProperty]
    skipped: list[SkippedProperty]


def merged_rules(
    rule: ObservedRule, inferred: dict[str, Any], live: Sequence[LiveRule], paths: Iterable[ObservedPathCount]
) -> MergedRules:
    """The rules to write for an observed event: version 1 when the plan has none, else each live version with what
    was observed and is missing added (its text kept exactly when nothing is), with the properties it declares with
    another type than observed (`paths`), and the places under a `$ref` where it adds nothing."""
    merged = MergedRules(rules=[], conflicting=[], skipped=[])
    if not live:
        merged.rules.append(_input(rule, 1, msgspec.json.encode(inferred), [], None))
        return merged
    observed: dict[str, dict[str, int]] = defaultdict(dict)
    for found in paths:
        observed[found.path][found.json_type] = found.count
    for current in live:
        existing = msgspec.json.decode(current.schema_text) if current.schema_text is not None else None
        if isinstance(existing, dict):
            merge = _Merge(existing, rule, current.version, observed, merged)
            changed = merge.into(existing, inferred, "")
            text = msgspec.json.encode(existing) if changed else bytes(schema_raw(current.schema_text))
        else:
            text = msgspec.json.encode(inferred)
        merged.rules.append(_input(rule, current.version, text, current.labels, current.description))
    return merged


def _input(rule: ObservedRule, version: int, text: bytes, labels: Any, description: Description | None) -> RuleInput:
    return RuleInput(
        type=rule.type,
        key=rule.key,
        version=version,
        json_schema=msgspec.Raw(text),
        labels=labels,
        description=description,
    )


def _may_hold_properties(schema: dict[str, Any]) -> bool:
    declared = schema.get("type")
    return declared is None or declared == "object" or (isinstance(declared, list) and "object" in declared)


class _Merge:
    """Adds to one existing rule schema what an inferred one declares and it does not, in place, noting conflicts
    and the places a `$ref` keeps it from writing."""

    def __init__(
        self,
        root: dict[str, Any],
        rule: ObservedRule,
        version: int,
        observed: dict[str, dict[str, int]],
        found: MergedRules,
    ) -> None:
        self.root, self.draft = root, draft_of(root)
        self.rule, self.version, self.observed, self.found = rule, version, observed, found

    def into(self, existing: dict[str, Any], inferred: dict[str, Any], path: str) -> bool:
        """Merge `inferred` into `existing` (at `path`); answers whether it added anything."""
        if isinstance(existing.get("$ref"), str):
            # drafts before 2019-09 ignore what sits beside a `$ref`, and what it names may be shared: left alone
            missing = [inner for inner in _paths_below(inferred, path) if not declares_in(self.root, self.draft, inner)]
            if missing:
                self._skip(path, f"declared through $ref {existing['$ref']!r}; not declared there: {missing[0]}")
            return False
        changed = False
        observed = inferred.get("properties")
        if isinstance(observed, dict) and observed and _may_hold_properties(existing):
            declared = existing.setdefault("properties", {})
            if not isinstance(declared, dict):
                return False
            for name, child in observed.items():
                inner = f"{path}.{name}" if path else name
                if name not in declared:
                    declared[name] = child
                    changed = True
                    if name in inferred.get("required", ()):
                        required = existing.setdefault("required", [])
                        if isinstance(required, list) and name not in required:
                            required.append(name)
                elif isinstance(declared[name], dict) and isinstance(child, dict):
                    self._compare(declared[name], inner)
                    changed = self.into(declared[name], child, inner) or changed
        items = inferred.get("items")
        if isinstance(items, dict) and isinstance(existing.get("items"), dict):
            self._compare(existing["items"], f"{path}{ITEMS}")
            changed = self.into(existing["items"], items, f"{path}{ITEMS}") or changed
        return changed

    def _compare(self, declared: dict[str, Any], path: str) -> None:
        """Note a declared type that leaves out a type observed at `path`."""
        kind = next((held["type"] for held in in_effect(self.root, declared, self.draft) if "type" in held), None)
        kinds = [kind] if isinstance(kind, str) else kind
        sent = self.observed.get(path)
        if not isinstance(kind, str | list) or not isinstance(kinds, list) or not sent or ANY_TYPE in kinds:
            return
        allowed = set(kinds) | ({"integer"} if "number" in kinds else set())
        if set(sent) - allowed:
            self.found.conflicting.append(
                ConflictingProperty(
                    type=self.rule.type,
                    key=self.rule.key,
                    version=self.version,
                    path=path,
                    declared_type=kind,
                    types=type_counts(sent),
                )
            )

    def _skip(self, path: str, reason: str) -> None:
        self.found.skipped.append(
            SkippedProperty(type=self.rule.type, key=self.rule.key, version=self.version, path=path, reason=reason)
        )


def _paths_below(inferred: dict[str, Any], path: str) -> Iterable[str]:
    """The observed paths an inferred schema at `path` declares, parents first."""
    properties = inferred.get("properties")
    if isinstance(properties, dict):
        for name, child in properties.items():
            inner = f"{path}.{name}" if path else name
            yield inner
            if isinstance(child, dict):
                yield from _paths_below(child, inner)
    items = inferred.get("items")
    if isinstance(items, dict):
        yield f"{path}{ITEMS}"
        yield from _paths_below(items, f"{path}{ITEMS}")
