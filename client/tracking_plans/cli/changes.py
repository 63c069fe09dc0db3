"""What `apply` would do to one plan: the difference between its folder and the server, rule by rule.

Schemas compare by meaning, as JSON values: key order and number spelling (`1`, `1.0`, `1e0`) do not count, while
`true` and `1` stay different. Removals are limited to the rules the selection covers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from tracking_plans.models import Rule, RuleId, RuleInput

_MISSING = object()


def canonical(value: Any) -> Any:
    """A value that is equal for two JSON values exactly when they mean the same."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return ("number", Decimal(repr(value)).normalize() if isinstance(value, float) else Decimal(value))
    if isinstance(value, Mapping):
        return ("object", frozenset((k, canonical(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return ("array", tuple(canonical(v) for v in value))
    return value


def changed_pointers(old: Any, new: Any, pointer: str = "") -> list[tuple[str, Any, Any]]:
    """The JSON pointers (RFC 6901) where `new` differs from `old`, with the old and new value at each
    (`_MISSING` where one side lacks it); whole subtrees when their kinds differ."""
    # the common case first, in C: equal values spelt alike (`==` alone takes `true` for `1`)
    if pointer == "" and old == new and json.dumps(old, sort_keys=True) == json.dumps(new, sort_keys=True):
        return []
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        found = []
        for key in list(old) + [k for k in new if k not in old]:
            child = f"{pointer}/{str(key).replace('~', '~0').replace('/', '~1')}"
            found += changed_pointers(old.get(key, _MISSING), new.get(key, _MISSING), child)
        return found
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            c for i, (a, b) in enumerate(zip(old, new, strict=True)) for c in changed_pointers(a, b, f"{pointer}/{i}")
        ]
    if old is not _MISSING and new is not _MISSING and canonical(old) == canonical(new):
        return []
    return [(pointer, old, new)]


def shown(value: Any) -> Any:
    """A value of `changed_pointers` for output: `_MISSING` as None with a marker the caller sets."""
    return None if value is _MISSING else value


@dataclass(slots=True)
class RuleChange:
    """One rule's change: `created`, `updated` (with `changes`: pointer, old, new) or `removed`."""

    action: str
    rule: RuleId
    changes: list[tuple[str, Any, Any]] = field(default_factory=list)
    file: str | None = None

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {"action": self.action, **self.rule.to_wire()}
        if self.file is not None:
            document["file"] = self.file
        if self.action == "updated":
            document["changes"] = [
                {
                    "pointer": p,
                    **({"old": old} if old is not _MISSING else {}),
                    **({"new": new} if new is not _MISSING else {}),
                }
                for p, old, new in self.changes
            ]
        return document


@dataclass(slots=True)
class PlanChanges:
    """What `apply` would do to one plan; `plan_id` None when the plan is to be created."""

    folder: str
    name: str
    plan_id: str | None
    etag: str = ""
    adopted: bool = False
    """The folder's plan.yaml has no id, and the server has one plan of its name: that plan is the one changed."""
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)
    """Changes to the plan's own `name` and `description`."""
    rules: list[RuleChange] = field(default_factory=list)
    unchanged: int = 0
    upserts: list[RuleInput] = field(default_factory=list)
    removals: list[RuleId] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return self.plan_id is None or self.adopted or bool(self.fields or self.rules)

    def to_json(self) -> dict[str, Any]:
        return {
            "folder": self.folder,
            "trackingPlanId": self.plan_id,
            "matchedByName": self.adopted,
            "name": self.name,
            "action": "created" if self.plan_id is None else "updated" if self.any else "unchanged",
            "fields": [{"pointer": p, "old": old, "new": new} for p, old, new in self.fields],
            "rules": [change.to_json() for change in self.rules],
            "summary": {
                "created": sum(c.action == "created" for c in self.rules),
                "updated": sum(c.action == "updated" for c in self.rules),
                "removed": sum(c.action == "removed" for c in self.rules),
                "unchanged": self.unchanged,
            },
        }


def rule_value(rule: Rule | RuleInput) -> dict[str, Any]:
    """The parts of a rule a change can touch, as compared."""
    value: dict[str, Any] = {"description": rule.description} if rule.description is not None else {}
    return value | {"labels": dict(rule.labels), "jsonSchema": rule.json_schema}


def compare_rules(
    changes: PlanChanges,
    wanted: Iterable[RuleInput],
    live: Iterable[Rule],
    files: Mapping[RuleId, Any],
    covered: Any,
) -> None:
    """Fills `changes` with what makes the live rules the wanted ones; `covered(rule)` says whether a live rule
    the files lack is in the selection (and so is to be removed)."""
    by_id = {rule.id: rule for rule in live}
    for rule in wanted:
        current = by_id.pop(rule.id, None)
        file = str(files.get(rule.id)) if rule.id in files else None
        if current is None:
            changes.rules.append(RuleChange("created", rule.id, file=file))
            changes.upserts.append(rule)
            continue
        differences = changed_pointers(rule_value(current), rule_value(rule))
        if differences:
            changes.rules.append(RuleChange("updated", rule.id, differences, file=file))
            changes.upserts.append(rule)
        else:
            changes.unchanged += 1
    for rule_id, current in by_id.items():
        if covered(current):
            changes.rules.append(RuleChange("removed", rule_id))
            changes.removals.append(rule_id)
