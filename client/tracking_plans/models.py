"""What the high layer takes and gives for plans and rules, in the API's terms without the wire's spelling.

Other resources come back as the generated models (`tracking_plans_client.models`), which already read well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

RuleTypeName = Literal["TRACK", "IDENTIFY", "GROUP", "PAGE", "SCREEN", "COMMON"]
PlanTypeName = Literal["LIVE", "RULE_LIBRARY", "PROPERTY_LIBRARY", "TEMPLATE", "ENGAGE"]


@dataclass(frozen=True, slots=True)
class TrackingPlan:
    """A tracking plan. `etag` is its revision as `If-Match` wants it (`"3"`); empty when the answer had none."""

    id: str
    resource_schema_id: str
    """The same plan's `rs_` id in the Config API."""
    name: str
    slug: str
    description: str | None
    type: PlanTypeName
    created_at: datetime
    updated_at: datetime
    etag: str = ""

    @classmethod
    def from_wire(cls, plan: Mapping[str, Any], etag: str = "") -> TrackingPlan:
        """From the API's `trackingPlan` object (camelCase)."""
        return cls(
            id=plan["id"],
            resource_schema_id=plan["resourceSchemaId"],
            name=plan["name"],
            slug=plan["slug"],
            description=plan.get("description"),
            type=plan["type"],
            created_at=datetime.fromisoformat(plan["createdAt"]),
            updated_at=datetime.fromisoformat(plan["updatedAt"]),
            etag=etag,
        )


@dataclass(frozen=True, slots=True)
class RuleId:
    """What names a rule: (type, key, version); `key` is None for IDENTIFY, GROUP and COMMON."""

    type: RuleTypeName
    key: str | None
    version: int

    def __str__(self) -> str:
        return " ".join(part for part in (self.type, self.key, f"v{self.version}") if part)

    def to_wire(self) -> dict[str, Any]:
        # in the order the server declares its fields, which its decoder reads fastest
        if self.key is None:
            return {"type": self.type, "version": self.version}
        return {"type": self.type, "key": self.key, "version": self.version}

    @classmethod
    def from_wire(cls, rule: Mapping[str, Any]) -> RuleId:
        return cls(type=rule["type"], key=rule.get("key"), version=rule["version"])


@dataclass(frozen=True, slots=True)
class RuleInput:
    """A rule to write. `json_schema` is a plain dict (or None); `labels` map label keys to values."""

    type: RuleTypeName
    key: str | None = None
    version: int = 1
    json_schema: Mapping[str, Any] | None = None
    labels: Mapping[str, str] = field(default_factory=dict)
    description: str | None = None
    new_key: str | None = None
    """Upserts only: rename the rule's key to this."""

    @property
    def id(self) -> RuleId:
        return RuleId(self.type, self.key, self.version)

    def to_wire(self) -> dict[str, Any]:
        wire = self.id.to_wire()
        wire["jsonSchema"] = self.json_schema
        if self.labels:
            wire["labels"] = [{"key": k, "value": v} for k, v in self.labels.items()]
        if self.description is not None:
            wire["description"] = self.description
        if self.new_key is not None:
            wire["newKey"] = self.new_key
        return wire


class _SchemaTexts:
    """The exact text of each rule's `jsonSchema` in one page's body, found the first time one is asked for.

    The server sends each schema as the text it stored (key order, number spelling), which `json.loads` loses; a
    sync job that compares texts needs it. Finding them costs a second scan of the schemas, so it waits until
    wanted. Keys are located with a search for `"jsonSchema":` after the previous schema's end: an object key of
    that name inside a schema is skipped with its schema, and one inside a string is escaped (`\\"`).
    """

    __slots__ = ("_body", "_texts")
    _KEY = re.compile(r'"jsonSchema"\s*:\s*')
    _DECODER = json.JSONDecoder()

    def __init__(self, body: str) -> None:
        self._body = body
        self._texts: list[str] | None = None

    def text(self, index: int) -> str:
        if self._texts is None:
            texts, at = [], 0
            while found := self._KEY.search(self._body, at):
                _, at = self._DECODER.raw_decode(self._body, found.end())
                texts.append(self._body[found.end() : at])
            self._texts = texts
        return self._texts[index]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as stored. `json_schema` is the parsed schema; `json_schema_text` the exact text the server keeps."""

    type: RuleTypeName
    key: str | None
    version: int
    json_schema: dict[str, Any] | None
    labels: dict[str, str]
    description: str | None
    created_at: datetime
    updated_at: datetime
    deprecated_at: datetime | None
    """Set on a removed version kept as history (listed with `include_deprecated=True`)."""
    _texts: _SchemaTexts = field(repr=False, compare=False)
    _index: int = field(repr=False, compare=False)

    @property
    def id(self) -> RuleId:
        return RuleId(self.type, self.key, self.version)

    @property
    def json_schema_text(self) -> str | None:
        """The schema exactly as stored (as sent when written); None for a rule without one."""
        text = self._texts.text(self._index)
        return None if text == "null" else text

    def to_input(self) -> RuleInput:
        """The same rule as one to write, e.g. into another plan."""
        return RuleInput(self.type, self.key, self.version, self.json_schema, self.labels, self.description)


def rules_from_page(body: str, rules: Sequence[Mapping[str, Any]]) -> list[Rule]:
    """The `rules` of a page whose body text is `body`."""
    texts = _SchemaTexts(body)
    return [
        Rule(
            type=rule["type"],
            key=rule.get("key"),
            version=rule["version"],
            json_schema=rule["jsonSchema"],
            labels={label["key"]: label["value"] for label in rule.get("labels", ())},
            description=rule.get("description"),
            created_at=datetime.fromisoformat(rule["createdAt"]),
            updated_at=datetime.fromisoformat(rule["updatedAt"]),
            deprecated_at=datetime.fromisoformat(rule["deprecatedAt"]) if rule.get("deprecatedAt") else None,
            _texts=texts,
            _index=index,
        )
        for index, rule in enumerate(rules)
    ]


@dataclass(slots=True)
class RulesChange:
    """What a rules write did (summed over its batches): rule identities per outcome; `etag` the plan's after it."""

    dry_run: bool = False
    created: list[RuleId] = field(default_factory=list)
    updated: list[RuleId] = field(default_factory=list)
    removed: list[RuleId] = field(default_factory=list)
    unchanged: list[RuleId] = field(default_factory=list)
    etag: str = ""
    batches: int = 0
    """How many calls it took (200 rules per call at most)."""

    def add(self, data: Mapping[str, Any], etag: str) -> None:
        """Add one call's `data` (and the plan's `ETag` after it)."""
        self.dry_run = bool(data.get("dryRun", False))
        for outcome in ("created", "updated", "removed", "unchanged"):
            getattr(self, outcome).extend(RuleId.from_wire(rule) for rule in data.get(outcome, ()))
        self.etag = etag or self.etag
        self.batches += 1


@dataclass(frozen=True, slots=True)
class Export:
    """A plan exported as a file: its `content`, the server's `filename` and `media_type`."""

    content: bytes
    filename: str
    media_type: str

    @property
    def text(self) -> str:
        return self.content.decode("utf-8")

    def json(self) -> Any:
        """The JSON export's document (`{"format": "tracking-plan/v1", "trackingPlan", "rules"}`)."""
        return json.loads(self.content)
