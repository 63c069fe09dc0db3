"""Compiling a plan's live rules once, and checking one event at a time against them.

Which rules an event meets (wire.md, Segment's Protocols documentation):
- track: the TRACK rule named exactly like the event;
- page and screen: the TRACK rule `Page Viewed` / `Screen Viewed`, and the PAGE / SCREEN rule
  keyed by the call's `name` where there is one (both, when both exist);
- identify and group: the IDENTIFY / GROUP rule; alias: none;
- every call: the COMMON rule.
Of several versions, the one `context.protocols.event_version` names when it is an integer
(an integral number such as `2.0` counts) naming a live version, else the oldest live version.

A track, page or screen call that meets no rule of its own is *unplanned*. Of a planned call,
the top-level names under `properties` (`traits` for identify and group) that its rules do not
declare in that object's `properties` or match by its `patternProperties` are *unplanned
properties*; nested objects are not searched, and an unplanned call has none.
"""

import uuid
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import jsonschema_rs
import msgspec

from api.domain.validation.dialect import draft_of, standard_schema
from api.domain.validation.events import event_version
from api.domain.validation.required import has_all, missing, split_required
from api.domain.validation.violations import Said, Violation, has_containers, violations_of

KEYED_RULE_TYPES = frozenset({"TRACK", "PAGE", "SCREEN"})
PAGE_EVENTS = {"page": ("Page Viewed", "PAGE"), "screen": ("Screen Viewed", "SCREEN")}
"""The TRACK rule a page or screen call is checked as, and the rule type keyed by its name."""

_VALIDATORS: dict[str, type[jsonschema_rs.Validator]] = {
    "draft-04": jsonschema_rs.Draft4Validator,
    "draft-06": jsonschema_rs.Draft6Validator,
    "draft-07": jsonschema_rs.Draft7Validator,
    "2019-09": jsonschema_rs.Draft201909Validator,
    "2020-12": jsonschema_rs.Draft202012Validator,
}


def _is_uuid(value: str) -> bool:
    # the drafts before 2019-09 name no `uuid` format; Segment users write it in every draft
    try:
        return len(value) == 36 and str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


class SchemaError(ValueError):
    """A rule schema the engine cannot compile, e.g. one whose `$ref` points outside itself."""


class RuleRef(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    """The rule an event was checked against."""

    type: str
    key: str | None = None
    """The event, page or screen name; absent for IDENTIFY, GROUP and COMMON."""
    version: int


class PlanRule(msgspec.Struct, kw_only=True, frozen=True):
    """One live rule of a plan, as `compile_plan` takes it."""

    type: str
    """TRACK, IDENTIFY, GROUP, PAGE, SCREEN or COMMON."""
    key: str | None = None
    version: int
    json_schema: Any
    """The rule's schema as stored (Segment's dialect), or None for a rule without one."""
    text: str | None = None
    """The schema's stored text, when known: what lets a later compile of the plan reuse this rule's."""


class CompiledSchema:
    """One rule's schema, compiled once: a fast verdict, the full violation list, its planned names."""

    __slots__ = (
        "_containers",
        "_payload_key",
        "_planned",
        "_required",
        "_said",
        "_validator",
        "is_valid",
        "ref",
        "schema",
    )

    def __init__(self, ref: RuleRef, stored: Any, payload_key: str = "properties") -> None:
        self.ref = ref
        standard = standard_schema(stored) if stored is not None else {}
        try:
            self.schema, self._required = split_required(standard, draft_of(standard))
            self._validator = compile_schema(self.schema)
        except jsonschema_rs.ValidationError as exc:
            raise SchemaError(str(exc).splitlines()[0]) from None
        self._payload_key = payload_key
        self._planned: jsonschema_rs.Validator | bool | None = False
        """Built on first use (most events send only planned names): False until then."""
        self._containers = has_containers(self.schema)
        self._said: dict[Hashable, list[Said]] = {}
        """Violations said before (see `violations_of`)."""
        # without a `required` of its own to check, jsonschema-rs's method itself: no Python call in between
        self.is_valid = self._is_valid if self._required else self._validator.is_valid
        """Whether an event meets the schema."""

    def _is_valid(self, event: Any) -> bool:
        return self._validator.is_valid(event) and has_all(self._required, event)

    def violations(self, event: Any) -> list[Violation]:
        """Every violation, sorted by field (see `violations_of`); none for a valid event."""
        lacking = missing(self._required, event) if self._required else []
        return violations_of(
            self._validator.iter_errors(event),
            self.schema,
            event,
            self._containers,
            required_missing=lacking,
            said=self._said,
        )

    def unplanned(self, payload: Any) -> set[str]:
        """The top-level names of `payload` this schema does not plan."""
        if not isinstance(payload, dict) or not payload:
            return set()
        if self._planned is False:
            self._planned = _planned_names(self.schema, self._payload_key)
        planned = self._planned
        if not isinstance(planned, jsonschema_rs.Validator):
            return set(payload)
        if planned.is_valid(payload):
            return set()
        return {
            name
            for error in planned.iter_errors(payload)
            if error.kind.name == "additionalProperties"
            for name in error.kind.as_dict()["unexpected"]
        }


def compile_schema(schema: Any) -> jsonschema_rs.Validator:
    """A validator for one standard schema: formats asserted in every draft, `$ref` resolved only inside it, regexes
    run by a linear-time engine. Raises `jsonschema_rs.ValidationError` when it cannot be built."""
    return _VALIDATORS[draft_of(schema)](
        schema,
        validate_formats=True,
        formats={"uuid": _is_uuid},
        offline=True,
        pattern_options=jsonschema_rs.RegexOptions(),
    )


def _planned_names(schema: Any, payload_key: str) -> jsonschema_rs.Validator | None:
    """A validator that refuses exactly the names under `payload_key` the schema does not declare; None: none is."""
    payload = schema.get("properties", {}).get(payload_key) if isinstance(schema, dict) else None
    if not isinstance(payload, dict) or not isinstance(payload.get("properties", {}), dict):
        return None
    declared = payload.get("properties", {})
    patterns = payload.get("patternProperties", {})
    if not declared and not patterns:
        return None
    return jsonschema_rs.Draft7Validator(
        {
            "properties": dict.fromkeys(declared, True),
            "patternProperties": dict.fromkeys(patterns if isinstance(patterns, dict) else (), True),
            "additionalProperties": False,
        },
        pattern_options=jsonschema_rs.RegexOptions(),
    )


class _Versions:
    """The live versions of one rule identity."""

    __slots__ = ("by_version", "oldest")

    def __init__(self) -> None:
        self.by_version: dict[int, CompiledSchema] = {}
        self.oldest: CompiledSchema | None = None

    def add(self, compiled: CompiledSchema) -> None:
        self.by_version[compiled.ref.version] = compiled
        if self.oldest is None or compiled.ref.version < self.oldest.ref.version:
            self.oldest = compiled

    def pick(self, event: Mapping[str, Any]) -> CompiledSchema:
        """The version `context.protocols.event_version` names, else the oldest (read only when there are several)."""
        if len(self.by_version) > 1:
            version = event_version(event)
            chosen = self.by_version.get(version) if version is not None else None
            if chosen is not None:
                return chosen
        return self.oldest  # type: ignore[return-value]  # a _Versions is made with one version at least


class Checked(msgspec.Struct, kw_only=True):
    """What checking one event against a plan found."""

    rules: list[RuleRef]
    """Every rule the event was checked against, its own first, COMMON last."""
    unplanned: bool
    """A track, page or screen call that no rule of its own plans."""
    violations: list[Violation]
    """Violations of the event's own rules."""
    common_violations: list[Violation]
    """Violations of the COMMON rule."""
    unplanned_properties: list[str]
    """Top-level names under `properties` (`traits`) that the rules do not declare, sorted."""

    @property
    def all_violations(self) -> list[Violation]:
        return self.violations + self.common_violations


class CompiledPlan:
    """A plan's live rules, each compiled once; checks events one at a time (thread-safe, no I/O)."""

    def __init__(self, rules: Iterable[PlanRule], previous: "CompiledPlan | None" = None) -> None:
        reusable = previous._by_text if previous is not None else {}
        self._by_text: dict[tuple[RuleRef, str], CompiledSchema] = {}
        """Each rule whose text is known, compiled, by (rule, text): what a later revision's compile reuses."""
        self._track: dict[str, _Versions] = {}
        self._keyed: dict[tuple[str, str], _Versions] = {}
        """PAGE and SCREEN rules by (type, name)."""
        self._keyless: dict[str, _Versions] = {}
        self.rule_count = 0
        for rule in rules:
            payload_key = "traits" if rule.type in ("IDENTIFY", "GROUP") else "properties"
            ref = RuleRef(type=rule.type, key=rule.key, version=rule.version)
            compiled = reusable.get((ref, rule.text)) if rule.text is not None else None
            if compiled is None:
                compiled = CompiledSchema(ref, rule.json_schema, payload_key)
            if rule.text is not None:
                self._by_text[ref, rule.text] = compiled
            if rule.type == "TRACK":
                self._track.setdefault(rule.key or "", _Versions()).add(compiled)
            elif rule.type in KEYED_RULE_TYPES:
                self._keyed.setdefault((rule.type, rule.key or ""), _Versions()).add(compiled)
            else:
                self._keyless.setdefault(rule.type, _Versions()).add(compiled)
            self.rule_count += 1
        self._common = self._keyless.get("COMMON")

    def _own_rules(self, event: Mapping[str, Any]) -> list[CompiledSchema] | None:
        """The event's own rules; None for an unplanned track, page or screen call."""
        kind = event["type"]
        if kind == "track":
            found = self._track.get(event["event"])
            return [found.pick(event)] if found is not None else None
        if kind in PAGE_EVENTS:
            viewed, rule_type = PAGE_EVENTS[kind]
            name = event.get("name")
            candidates = [self._track.get(viewed)]
            if isinstance(name, str):
                candidates.append(self._keyed.get((rule_type, name)))
            own = [found.pick(event) for found in candidates if found is not None]
            return own or None
        if kind in ("identify", "group"):
            found = self._keyless.get(kind.upper())
            return [found.pick(event)] if found is not None else []
        return []

    def check(self, event: Mapping[str, Any]) -> Checked:
        """Check an event already read by `read_event` (or shaped as it requires)."""
        own = self._own_rules(event)
        common = self._common.pick(event) if self._common is not None else None
        violations: list[Violation] = []
        unplanned_names: list[str] = []
        if own:
            for compiled in own:
                if not compiled.is_valid(event):
                    violations += compiled.violations(event)
            payload = event.get("traits" if event["type"] in ("identify", "group") else "properties")
            if type(payload) is dict and payload:
                names = own[0].unplanned(payload)
                for compiled in own[1:]:
                    names &= compiled.unplanned(payload)
                if names and common is not None:
                    names &= common.unplanned(payload)
                unplanned_names = sorted(names)
        common_violations = common.violations(event) if common is not None and not common.is_valid(event) else []
        refs = [compiled.ref for compiled in own] if own else []
        if common is not None:
            refs.append(common.ref)
        return Checked(
            rules=refs,
            unplanned=own is None,
            violations=violations,
            common_violations=common_violations,
            unplanned_properties=unplanned_names,
        )

    def is_valid(self, event: Mapping[str, Any]) -> bool:
        """Whether the event breaks none of its rules: the fast path, with no violation list."""
        if event["type"] == "track":
            found = self._track.get(event["event"])
            if found is not None and not found.pick(event).is_valid(event):
                return False
        else:
            for compiled in self._own_rules(event) or ():
                if not compiled.is_valid(event):
                    return False
        return self._common is None or self._common.pick(event).is_valid(event)


def compile_plan(rules: Iterable[PlanRule], previous: CompiledPlan | None = None) -> CompiledPlan:
    """Compile a plan's live rules; raises `SchemaError` for a schema that cannot be compiled.

    With `previous` (an earlier revision of the same plan), a rule whose type, key, version and `text` it had is
    taken from it as compiled, so a write that changes one rule of a thousand costs one compile.
    """
    return CompiledPlan(rules, previous)
