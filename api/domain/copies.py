"""Copies of a plan's rules: into a duplicate, across workspaces, from a library, or from a plan-as-code document."""

import enum
from collections.abc import Sequence
from typing import Annotated, Literal

import msgspec

from api.domain.exports import PlanDocument
from api.domain.ids import ID_PATTERN
from api.domain.names import DisplayName
from api.domain.plans import TrackingPlan
from api.domain.rules import LiveRule, RuleInput, RuleKey, RulesChange, own_description, schema_raw
from api.domain.sources import SchemaSettings
from api.errors import InvalidInput

PlanId = Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
MAX_COPY_RULES = 25_000
"""Rules one copy or import may carry: one transaction, held in memory while it is checked."""


def check_copy_size(count: int, field: str) -> None:
    if count > MAX_COPY_RULES:
        raise InvalidInput(f"{count} rules in one copy; a copy carries at most {MAX_COPY_RULES}.", field=field)


class CopyMode(enum.StrEnum):
    CREATE = "CREATE"
    """A new plan in the target workspace."""
    REPLACE = "REPLACE"
    """The target plan's rules become the source's."""
    MERGE = "MERGE"
    """The source's rules are upserted into the target plan; its others stay."""


class CopyTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """Copy a plan's rules, from a plan of the source token's workspace or from an exported document."""

    source_tracking_plan_id: PlanId | None = None
    """A plan of the workspace of the `X-Source-Authorization` token."""
    document: PlanDocument | None = None
    """Instead of a source plan: a document from `GET /tracking-plans/{id}/export?format=json`."""
    mode: CopyMode
    name: DisplayName | None = None
    """CREATE only: the new plan's name; the source's name when absent."""
    target_tracking_plan_id: PlanId | None = None
    """REPLACE and MERGE: the plan of this workspace that receives the rules."""

    def check(self) -> None:
        """The fields each mode needs, and one source."""
        if (self.source_tracking_plan_id is None) == (self.document is None):
            raise InvalidInput("Name either sourceTrackingPlanId or a document to copy from.", field="document")
        if self.mode is CopyMode.CREATE:
            if self.target_tracking_plan_id is not None:
                raise InvalidInput(
                    "CREATE makes a new plan: leave out targetTrackingPlanId.", field="targetTrackingPlanId"
                )
        else:
            if self.target_tracking_plan_id is None:
                raise InvalidInput(f"{self.mode} needs targetTrackingPlanId.", field="targetTrackingPlanId")
            if self.name is not None:
                raise InvalidInput(f"{self.mode} keeps the target plan's name: leave out name.", field="name")


class DuplicateTrackingPlan(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: DisplayName
    """The copy's name."""


class ImportRules(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    library_id: PlanId
    """A `RULE_LIBRARY` or `PROPERTY_LIBRARY` plan of this workspace."""
    keys: Annotated[list[RuleKey], msgspec.Meta(min_length=1, max_length=1000)] | None = None
    """Only the rules with these keys (TRACK, PAGE and SCREEN; every version); all of the library's when absent."""

    def check(self) -> None:
        seen: set[str] = set()
        for i, key in enumerate(self.keys or ()):
            if key in seen:
                raise InvalidInput(f"{key!r} appears twice.", field=f"keys[{i}]")
            seen.add(key)


class NotCopied(msgspec.Struct, kw_only=True, rename="camel"):
    """A source connected to the source plan: it belongs to its workspace, so it is not copied."""

    source_id: str
    slug: str
    name: str
    settings: SchemaSettings
    message: str


class CopyData(RulesChange, kw_only=True, rename="camel"):
    """What a copy or import did (or, in a dry run, would do) to the target plan, by rule identity."""

    status: Literal["SUCCESS"] = "SUCCESS"
    dry_run: bool
    tracking_plan: TrackingPlan | None
    """The target plan after the copy; null for a CREATE dry run, which creates nothing."""
    not_copied: list[NotCopied] = msgspec.field(default_factory=list)


class CopyResponse(msgspec.Struct, kw_only=True):
    data: CopyData


def not_copied(source_id: str, slug: str, name: str, settings: SchemaSettings) -> NotCopied:
    return NotCopied(
        source_id=source_id,
        slug=slug,
        name=name,
        settings=settings,
        message=(
            f"Source {slug!r} is connected to the source plan. Sources and their schema settings belong to "
            "their workspace and are not copied: set them up in the target workspace and connect them there."
        ),
    )


def inputs_from_live(live: Sequence[LiveRule]) -> list[RuleInput]:
    """Returns stored rules as rules to write again, with their schemas' exact text."""
    return [
        RuleInput(
            type=rule.type,
            key=rule.key,
            version=rule.version,
            json_schema=schema_raw(rule.schema_text),
            labels=rule.labels,
            description=rule.description,
        )
        for rule in live
    ]


def inputs_from_document(document: PlanDocument) -> list[RuleInput]:
    return [
        RuleInput(
            type=rule.type,
            key=rule.key,
            version=rule.version,
            json_schema=rule.json_schema,
            labels=rule.labels,
            # the export shows the schema's description where a rule has none of its own
            description=own_description(rule.description, rule.json_schema),
        )
        for rule in document.rules
    ]
