"""The changelog: who changed what in a plan or its rules, with the before and after."""

import enum
from datetime import datetime
from typing import Any

import msgspec

from api.domain.rules import ChangeSet, LiveRule, RuleIdentity, RuleInput


class ChangeAction(enum.StrEnum):
    PLAN_CREATED = "PLAN_CREATED"
    PLAN_UPDATED = "PLAN_UPDATED"
    PLAN_DELETED = "PLAN_DELETED"
    RULE_CREATED = "RULE_CREATED"
    RULE_UPDATED = "RULE_UPDATED"
    RULE_REMOVED = "RULE_REMOVED"
    SOURCE_CONNECTED = "SOURCE_CONNECTED"
    SOURCE_DISCONNECTED = "SOURCE_DISCONNECTED"
    PLAN_COPIED_FROM = "PLAN_COPIED_FROM"
    """The plan received the rules of another plan or of a document (see `after`)."""
    PLAN_COPIED_TO = "PLAN_COPIED_TO"
    """The plan's rules were copied to another plan (see `after`)."""
    RULES_IMPORTED = "RULES_IMPORTED"
    """Rules of a library were imported into the plan (see `after`)."""


class Change(msgspec.Struct, kw_only=True, frozen=True):
    """A change about to be recorded; the token and the time are added when it is stored."""

    action: ChangeAction
    rule: RuleIdentity | None = None
    before: Any = None
    after: Any = None


class ChangelogEntry(msgspec.Struct, kw_only=True, rename="camel"):
    id: int
    at: datetime
    token_id: str
    token_name: str
    action: ChangeAction
    rule: RuleIdentity | None
    """The rule changed, or null for a change to the plan itself."""
    before: Any
    after: Any


def _content(rule: RuleInput | LiveRule, schema_text: str | None) -> dict[str, Any]:
    return {
        "type": rule.type,
        "key": rule.key,
        "version": rule.version,
        # the stored text goes in as it is: no decoding and encoding again
        "jsonSchema": msgspec.Raw(schema_text.encode()) if schema_text is not None else None,
        "labels": rule.labels,
        "description": rule.description,
    }


def rule_changes(change_set: ChangeSet) -> list[Change]:
    """One change per rule a rules write creates, updates or removes."""
    changes = []
    for write in change_set.writes:
        action = ChangeAction.RULE_CREATED if write.replaces is None else ChangeAction.RULE_UPDATED
        before = None if write.replaces is None else _content(write.replaces, write.replaces.schema_text)
        after = _content(write.rule, write.rule.schema_text)
        changes.append(Change(action=action, rule=write.rule.identity, before=before, after=after))
    for removed in change_set.removals:
        before = _content(removed, removed.schema_text)
        changes.append(Change(action=ChangeAction.RULE_REMOVED, rule=removed.identity, before=before))
    return changes
