"""Segment's Config API (v1beta) view of a plan: one document with `global`, `events`, `identify` and `group`.

The document is another view of the same rules: `global` is the COMMON rule, `identify` and
`group` the IDENTIFY and GROUP rules (their version 1), and each of `events` a TRACK rule
(`name` its key). PAGE and SCREEN rules, and other versions of the keyless types, have no place
in it: a document write leaves them alone.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated

import msgspec

from api.domain.names import Description, DisplayName
from api.domain.plans import TrackingPlan
from api.domain.rules import (
    KEYED_TYPES,
    LiveRule,
    RuleIdentity,
    RuleInput,
    RuleKey,
    RuleType,
    SchemaText,
    Version,
    check_schema,
    integral_version,
    own_description,
    schema_description,
    schema_raw,
    shown_description,
)
from api.errors import BadRequest, InvalidInput

MAX_EVENTS = 5_000
"""Events one document may hold; a plan of more is managed through the Public API's rules calls."""
DISPLAY_NAME = "tracking_plan.display_name"
RULES = "tracking_plan.rules"
MASKABLE = (DISPLAY_NAME, RULES)

_SINGLE = {"global": RuleType.COMMON, "identify": RuleType.IDENTIFY, "group": RuleType.GROUP}
"""The document's keyless parts and the rule type each stands for (at version 1)."""


class ConfigEvent(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: RuleKey
    """The event name: the TRACK rule's key."""
    description: Description | None = None
    version: Version = 1
    rules: SchemaText
    """The JSON Schema of the event's whole payload; null for an event without one."""

    def __post_init__(self) -> None:
        integral_version(self)


class ConfigRules(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A part left out means no such rule; `null`, a rule without a schema (the Public API's `jsonSchema: null`)."""

    global_: SchemaText | msgspec.UnsetType = msgspec.field(name="global", default=msgspec.UNSET)
    """The common schema of every event (the COMMON rule)."""
    events: list[ConfigEvent] = msgspec.field(default_factory=list)
    identify: SchemaText | msgspec.UnsetType = msgspec.UNSET
    group: SchemaText | msgspec.UnsetType = msgspec.UNSET


class ConfigTrackingPlanInput(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: str | None = None
    """Ignored on input: the path names the plan."""
    display_name: DisplayName | msgspec.UnsetType = msgspec.UNSET
    rules: ConfigRules | msgspec.UnsetType = msgspec.UNSET
    create_time: str | None = None
    """Ignored on input."""
    update_time: str | None = None
    """Ignored on input."""


class NewConfigTrackingPlan(ConfigTrackingPlanInput, kw_only=True, forbid_unknown_fields=True):
    display_name: DisplayName


class CreateConfigTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    tracking_plan: NewConfigTrackingPlan


class UpdateMask(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    paths: Annotated[list[str], msgspec.Meta(min_length=1, max_length=2)]
    """`tracking_plan.display_name` and/or `tracking_plan.rules`."""


class UpdateConfigTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    update_mask: UpdateMask
    tracking_plan: ConfigTrackingPlanInput

    def masked(self) -> set[str]:
        """The fields to change; an unknown path, or a masked field the plan lacks, is a 400 naming it."""
        for i, path in enumerate(self.update_mask.paths):
            if path not in MASKABLE:
                raise BadRequest(
                    f"Unknown update_mask path {path!r}; use {' or '.join(MASKABLE)}.", field=f"update_mask.paths[{i}]"
                )
        masked = set(self.update_mask.paths)
        if DISPLAY_NAME in masked and self.tracking_plan.display_name is msgspec.UNSET:
            raise BadRequest("The mask names display_name: send it.", field=DISPLAY_NAME)
        if RULES in masked and self.tracking_plan.rules is msgspec.UNSET:
            raise BadRequest("The mask names rules: send them.", field=RULES)
        return masked


class ConfigEventOut(msgspec.Struct, kw_only=True, omit_defaults=True):
    name: str
    description: str | None = None
    version: int
    rules: msgspec.Raw


class ConfigRulesOut(msgspec.Struct, kw_only=True):
    """The document's rules; `global`, `identify` and `group` are absent when the plan has no such rule."""

    global_: msgspec.Raw | msgspec.UnsetType = msgspec.field(name="global", default=msgspec.UNSET)
    events: list[ConfigEventOut]
    identify: msgspec.Raw | msgspec.UnsetType = msgspec.UNSET
    group: msgspec.Raw | msgspec.UnsetType = msgspec.UNSET


class ConfigTrackingPlan(msgspec.Struct, kw_only=True):
    """A plan as the Config API shows it."""

    name: str
    """`workspaces/{slug}/tracking-plans/{rs_id}`."""
    display_name: str
    rules: ConfigRulesOut
    create_time: datetime
    update_time: datetime


def in_document(rule: LiveRule | RuleIdentity) -> bool:
    """Whether the document shows this rule (and a document write may change it)."""
    return rule.type is RuleType.TRACK or (rule.type in _SINGLE.values() and rule.version == 1)


def document(workspace_slug: str, plan: TrackingPlan, live: Sequence[LiveRule]) -> ConfigTrackingPlan:
    """The Config API document of a plan with these live rules (events in the order they were created)."""
    single = {rule.type: rule for rule in live if rule.type in _SINGLE.values() and rule.version == 1}
    rules = ConfigRulesOut(
        global_=schema_raw(single[RuleType.COMMON].schema_text) if RuleType.COMMON in single else msgspec.UNSET,
        events=[
            ConfigEventOut(
                name=rule.key or "",
                description=shown_description(rule),
                version=rule.version,
                rules=schema_raw(rule.schema_text),
            )
            for rule in live
            if rule.type is RuleType.TRACK
        ],
        identify=schema_raw(single[RuleType.IDENTIFY].schema_text) if RuleType.IDENTIFY in single else msgspec.UNSET,
        group=schema_raw(single[RuleType.GROUP].schema_text) if RuleType.GROUP in single else msgspec.UNSET,
    )
    return ConfigTrackingPlan(
        name=f"workspaces/{workspace_slug}/tracking-plans/{plan.resource_schema_id}",
        display_name=plan.name,
        rules=rules,
        create_time=plan.created_at,
        update_time=plan.updated_at,
    )


def document_rules(rules: ConfigRules) -> list[RuleInput]:
    """Returns the rules of a document, each with its schema's exact text; every rule check applies.

    Each problem is a 400 naming its place in the document, e.g. `tracking_plan.rules.events[3].rules.type`.
    """
    if len(rules.events) > MAX_EVENTS:
        raise BadRequest(
            f"{len(rules.events)} events in one document; it may hold at most {MAX_EVENTS}. "
            "Manage larger plans through the Public API's rules calls.",
            field=f"{RULES}.events",
        )
    inputs: list[RuleInput] = []
    seen: dict[tuple[str, int], int] = {}
    for i, event in enumerate(rules.events):
        field = f"{RULES}.events[{i}]"
        if (event.name, event.version) in seen:
            first = seen[event.name, event.version]
            raise InvalidInput(
                f"Event {event.name!r} version {event.version} appears twice (also at events[{first}]).", field=field
            )
        seen[event.name, event.version] = i
        track = RuleInput(
            type=RuleType.TRACK,
            key=event.name,
            version=event.version,
            json_schema=event.rules,
            description=own_description(event.description, event.rules),
        )
        check_schema(track, f"{field}.rules")
        inputs.append(track)
    for part, rule_type in _SINGLE.items():
        schema = getattr(rules, "global_" if part == "global" else part)
        if schema is msgspec.UNSET:
            continue
        single = RuleInput(type=rule_type, version=1, json_schema=schema)
        check_schema(single, f"{RULES}.{part}")
        inputs.append(single)
    return inputs


def keeping_unsaid(inputs: Sequence[RuleInput], live: Sequence[LiveRule]) -> list[RuleInput]:
    """Rules that exist keep what the document cannot say: their labels, and the keyless ones their description.

    An event whose description is the one the document showed (see `shown_description`) keeps its own,
    so a document read and sent back as it is changes nothing.
    """
    current = {rule.identity: rule for rule in live}
    kept = []
    for rule in inputs:
        if (before := current.get(rule.identity)) is not None:
            description = rule.description
            shown = rule.description or schema_description(rule.schema)
            if rule.type not in KEYED_TYPES or shown == shown_description(before):
                description = before.description
            rule = msgspec.structs.replace(rule, labels=before.labels, description=description)
        kept.append(rule)
    return kept
