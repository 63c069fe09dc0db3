"""Rules of a tracking plan: their wire models, identity and what a write would change."""

import enum
import functools
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import msgspec

from api.domain.body_paths import out_of_range_field
from api.domain.names import Description
from api.domain.rule_checks import check_rule_schema
from api.errors import BadRequest, Conflict, InvalidInput, NotFound

MAX_RULES_PER_CALL = 200

RULE_KEY_PATTERN = r"^[^\x00-\x1f\x7f]+$"
LABEL_PATTERN = r"^[^\x00-\x1f\x7f:]{1,100}:[^\x00-\x1f\x7f:]{1,100}$"
"""A label filter, `key:value`."""
_LABEL_TEXT = re.compile(r"^[^\x00-\x1f\x7f:]{1,100}$")

RuleKey = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=200,
        pattern=RULE_KEY_PATTERN,
        description="Event name for TRACK, page or screen name for PAGE and SCREEN; matched exactly.",
    ),
]
MAX_VERSION = 1_000_000
if TYPE_CHECKING:
    Version = int
else:
    # JSON has one number type and Terraform keeps versions as floats: `1.0` and `1e0` are the
    # version 1, `1.5` no version (a 422 at the field); `integral_version` makes each an int
    Version = (
        Annotated[int, msgspec.Meta(ge=1, le=MAX_VERSION, description="Event version, 1 or more.")]
        | Annotated[float, msgspec.Meta(ge=1, le=MAX_VERSION, multiple_of=1)]
    )
"""An event version read from JSON: an integer, or a number without a fractional part."""


def integral_version(read: Any) -> None:
    """Make the `version` of a struct just decoded an int (`1.0` -> `1`); call it from `__post_init__`."""
    if isinstance(read.version, float):
        msgspec.structs.force_setattr(read, "version", int(read.version))


LabelText = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f:]+$")]


class JsonObjectOrNull:
    """Marks a `msgspec.Raw` that holds a JSON Schema: documented (see `api.openapi`) as a JSON object or null."""


SchemaText = Annotated[msgspec.Raw, JsonObjectOrNull()]
"""A schema as the exact JSON text sent or stored: key order and number spelling survive the trip."""
NULL = msgspec.Raw(b"null")


def schema_raw(text: str | None) -> msgspec.Raw:
    """Returns stored schema text (None for a rule without a schema) as the Raw JSON it goes out as."""
    return NULL if text is None else msgspec.Raw(text)


class RuleType(enum.StrEnum):
    TRACK = "TRACK"
    IDENTIFY = "IDENTIFY"
    GROUP = "GROUP"
    PAGE = "PAGE"
    SCREEN = "SCREEN"
    COMMON = "COMMON"

    @property
    def a_rule(self) -> str:
        """`A TRACK rule`, `An IDENTIFY rule`: the type as the subject of a message."""
        return f"{'An' if self[0] in 'AEIOU' else 'A'} {self} rule"


KEYED_TYPES = frozenset({RuleType.TRACK, RuleType.PAGE, RuleType.SCREEN})
"""Types whose rules are per event name; the others have no key."""
LABELLED_TYPES = frozenset({RuleType.TRACK, RuleType.PAGE})


class Label(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    key: LabelText
    value: LabelText


class RuleIdentity(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True, forbid_unknown_fields=True):
    """What names a rule: (type, key, version); `key` is absent for IDENTIFY, GROUP and COMMON."""

    type: RuleType
    key: RuleKey | None = None
    version: Version

    def __post_init__(self) -> None:
        integral_version(self)


class RuleInput(msgspec.Struct, kw_only=True, rename="camel", forbid_unknown_fields=True, dict=True):
    type: RuleType
    key: RuleKey | None = None
    version: Version
    json_schema: SchemaText
    """The JSON Schema of the whole event payload, an object or null, stored and returned exactly as sent."""
    labels: list[Label] = msgspec.field(default_factory=list)
    """TRACK and PAGE rules only."""
    description: Description | None = None

    def __post_init__(self) -> None:
        integral_version(self)

    @functools.cached_property
    def identity(self) -> RuleIdentity:
        return RuleIdentity(type=self.type, key=self.key, version=self.version)

    @property
    def schema_text(self) -> str | None:
        """Returns the schema as the exact JSON text sent, which is what is stored; None for `null`."""
        text = bytes(self.json_schema).decode()
        return None if text == "null" else text

    @functools.cached_property
    def schema(self) -> Any:
        """Returns the schema decoded, once: the body carried its text, and `check_rules` refuses all but objects."""
        return msgspec.json.decode(self.json_schema)


class UpsertRule(RuleInput, kw_only=True, rename="camel", forbid_unknown_fields=True):
    new_key: RuleKey | None = None
    """Rename the rule's key to this."""


class Rule(msgspec.Struct, kw_only=True, rename="camel", omit_defaults=True):
    """A rule as stored; `deprecatedAt` is set on removed versions kept as history."""

    type: RuleType
    key: str | None = None
    version: int
    json_schema: SchemaText
    labels: list[Label] = msgspec.field(default_factory=list)
    description: str | None = None
    created_at: datetime
    updated_at: datetime
    deprecated_at: datetime | None


class LiveRule(msgspec.Struct, kw_only=True):
    """A live rule as a write sees it: its schema kept as the stored JSON text, never decoded."""

    row_id: int
    type: RuleType
    key: str | None
    version: int
    schema_text: str | None
    labels: list[Label]
    description: str | None

    @property
    def identity(self) -> RuleIdentity:
        return RuleIdentity(type=self.type, key=self.key, version=self.version)


class RuleSummary(msgspec.Struct, kw_only=True, frozen=True):
    """A live rule without its schema: what a list of a plan's events needs to group, filter and count them."""

    type: RuleType
    key: str | None
    version: int
    labels: list[str]
    """Every `key:value` label, its own and those in its schema (see `labels_in`), as written."""

    @property
    def identity(self) -> RuleIdentity:
        return RuleIdentity(type=self.type, key=self.key, version=self.version)


class RulesChange(msgspec.Struct, kw_only=True):
    """What a rules write does (or, in a dry run, would do), by rule identity."""

    created: list[RuleIdentity] = msgspec.field(default_factory=list)
    updated: list[RuleIdentity] = msgspec.field(default_factory=list)
    removed: list[RuleIdentity] = msgspec.field(default_factory=list)
    unchanged: list[RuleIdentity] = msgspec.field(default_factory=list)


class RuleWrite(msgspec.Struct, kw_only=True):
    """One row to write: the rule as it will be, and the live rule it replaces (if any)."""

    rule: RuleInput
    replaces: LiveRule | None


class ChangeSet(msgspec.Struct, kw_only=True):
    """The writes that carry out a rules call, and the change it reports."""

    writes: list[RuleWrite]
    removals: list[LiveRule]
    change: RulesChange


def check_batch(count: int) -> None:
    if count > MAX_RULES_PER_CALL:
        raise BadRequest(
            f"{count} rules in one call: split the update into batches of at most {MAX_RULES_PER_CALL} rules.",
            field="rules",
        )


def check_shapes(rules: Sequence[RuleInput], where: str = "rules") -> None:
    """Keys where the type has them, labels where the type allows them, and each identity once.

    `where` names the list in the body, for the `field` of an error (`rules`, `document.rules`).
    """
    seen: dict[RuleIdentity, int] = {}
    for i, rule in enumerate(rules):
        if rule.type in KEYED_TYPES and rule.key is None:
            raise InvalidInput(f"{rule.type.a_rule} needs a key (the event name).", field=f"{where}[{i}].key")
        if rule.type not in KEYED_TYPES and rule.key is not None:
            raise InvalidInput(f"{rule.type.a_rule} has no key.", field=f"{where}[{i}].key")
        if rule.labels and rule.type not in LABELLED_TYPES:
            raise InvalidInput("Only TRACK and PAGE rules carry labels.", field=f"{where}[{i}].labels")
        new_key = rule.new_key if isinstance(rule, UpsertRule) else None
        if new_key is not None and rule.type not in KEYED_TYPES:
            raise InvalidInput(f"{rule.type.a_rule} has no key to rename.", field=f"{where}[{i}].newKey")
        target = rule.identity if new_key is None else RuleIdentity(type=rule.type, key=new_key, version=rule.version)
        for identity in {rule.identity, target}:
            if identity in seen:
                raise InvalidInput(f"The rule {describe(identity)} appears twice in this call.", field=f"{where}[{i}]")
            seen[identity] = i


def describe(identity: RuleIdentity) -> str:
    key = f" {identity.key!r}" if identity.key is not None else ""
    return f"{identity.type}{key} v{identity.version}"


def check_rules(rules: Sequence[RuleInput], where: str = "rules") -> None:
    """Every check a rule gets when it is written: shapes, then each schema (see `check_schema`)."""
    check_shapes(rules, where)
    for i, rule in enumerate(rules):
        check_schema(rule, f"{where}[{i}].jsonSchema")


def check_schema(rule: RuleInput, field: str) -> None:
    """Refuse a rule's schema that cannot be read (a number no double holds) or breaks `check_rule_schema`.

    The body carried the schema's text undecoded: this is where it is decoded, once.
    """
    try:
        schema = rule.schema
    except msgspec.ValidationError as exc:
        error = InvalidInput.from_msgspec(exc)
        inside = out_of_range_field(error.field or "", bytes(rule.json_schema))
        raise InvalidInput(error.message, field=f"{field}.{inside}" if inside else field) from None
    check_rule_schema(schema, rule.schema_text, field)


def _compact(schema_text: str | None) -> str | None:
    """The text without the white space between tokens: what two spellings of one schema have in common."""
    return None if schema_text is None else msgspec.json.format(schema_text, indent=0)


def _same(rule: RuleInput, live: LiveRule) -> bool:
    # key order and number spelling count (sync jobs read them back); white space does not
    text = rule.schema_text
    return (
        live.key == rule.key
        and (live.schema_text == text or _compact(live.schema_text) == _compact(text))
        and live.labels == rule.labels
        and live.description == rule.description
    )


def changes_to_upsert(rules: Sequence[UpsertRule], live: Iterable[LiveRule]) -> ChangeSet:
    """Returns the change set that creates the rules that are new, updates those that differ, renames per `newKey`.

    Each schema is stored as the text sent.
    """
    by_identity = {rule.identity: rule for rule in live}
    writes, change = [], RulesChange()
    for i, upsert in enumerate(rules):
        current = by_identity.get(upsert.identity)
        target = upsert
        if upsert.new_key is not None:
            renamed = RuleIdentity(type=upsert.type, key=upsert.new_key, version=upsert.version)
            if current is not None and renamed in by_identity:
                raise Conflict(f"Cannot rename to {describe(renamed)}: that rule exists.", field=f"rules[{i}].newKey")
            target = msgspec.structs.replace(upsert, key=upsert.new_key, new_key=None)
            if current is None and renamed in by_identity:
                # a retried rename finds its work done; anything else would overwrite another rule
                current = by_identity[renamed]
                if not _same(target, current):
                    raise Conflict(
                        f"Cannot rename to {describe(renamed)}: that rule exists.", field=f"rules[{i}].newKey"
                    )
        if current is None:
            change.created.append(target.identity)
        elif _same(target, current):
            change.unchanged.append(target.identity)
            continue
        else:
            change.updated.append(target.identity)
        writes.append(RuleWrite(rule=target, replaces=current))
    return ChangeSet(writes=writes, removals=[], change=change)


def as_upserts(rules: Sequence[RuleInput]) -> list[UpsertRule]:
    """Returns rules to upsert as they are, renaming nothing."""
    return [UpsertRule(**msgspec.structs.asdict(rule)) for rule in rules]


def changes_to_replace(rules: Sequence[RuleInput], live: Iterable[LiveRule]) -> ChangeSet:
    """Returns the change set that makes the live rules exactly `rules`: upsert each, remove every other."""
    live = list(live)
    plan = changes_to_upsert(as_upserts(rules), live)
    wanted = {rule.identity for rule in rules}
    plan.removals = [rule for rule in live if rule.identity not in wanted]
    plan.change.removed = [rule.identity for rule in plan.removals]
    return plan


def changes_to_remove(identities: Sequence[RuleIdentity], live: Iterable[LiveRule]) -> ChangeSet:
    """Remove the named live rules; naming one that is not live is a 404 and removes nothing."""
    by_identity = {rule.identity: rule for rule in live}
    removals = []
    for i, identity in enumerate(identities):
        if identity in identities[:i]:
            raise InvalidInput(f"The rule {describe(identity)} appears twice in this call.", field=f"rules[{i}]")
        if identity not in by_identity:
            raise NotFound(f"The plan has no live rule {describe(identity)}.", field=f"rules[{i}]")
        removals.append(by_identity[identity])
    return ChangeSet(writes=[], removals=removals, change=RulesChange(removed=list(identities)))


class _Described(msgspec.Struct):
    description: Any = None


_DESCRIBED = msgspec.json.Decoder(_Described)


def schema_description(schema: dict[str, Any] | str | msgspec.Raw | None) -> str | None:
    """Returns the top-level `description` of a schema (decoded, or its JSON text) when it is a string."""
    if isinstance(schema, str | msgspec.Raw):
        try:
            # only the top level is read into a struct; the rest of the text is skipped
            described: Any = _DESCRIBED.decode(schema).description
        except msgspec.ValidationError:  # not an object: `check_rules` refuses it
            described = None
    else:
        described = (schema or {}).get("description")
    return described if isinstance(described, str) else None


def shown_description(rule: LiveRule) -> str | None:
    """The description a rule shows in exports and v1beta: its own, else its schema's top-level `description`.

    Segment's rule objects have no description field, so sync jobs keep an event's description in
    `jsonSchema.description`; a rule with a description of its own shows that one.
    """
    if rule.description is not None or rule.schema_text is None:
        return rule.description
    return schema_description(rule.schema_text)


def own_description(description: str | None, schema: msgspec.Raw) -> str | None:
    """A description read from a document that shows descriptions (export, v1beta), as the rule's own.

    The one its schema already holds is none of its own: a document read and sent back as it is
    then changes nothing, and the rule keeps showing whatever its schema says.
    """
    return None if description is not None and description == schema_description(schema) else description


def labels_in(rule: RuleInput) -> list[str]:
    """Every `key:value` label of a rule, its own and those Segment keeps inside the schema (`"labels": {...}`)."""
    if rule.type not in LABELLED_TYPES:
        return []
    found = {f"{label.key}:{label.value}" for label in rule.labels}
    embedded = rule.schema.get("labels") if isinstance(rule.schema, dict) else None
    if isinstance(embedded, dict):
        for key, value in embedded.items():
            # values read as JSON spells them (`true`, not `True`); labels no filter could name are left out
            text = value if isinstance(value, str) else msgspec.json.encode(value).decode()
            if _LABEL_TEXT.match(key) and _LABEL_TEXT.match(text):
                found.add(f"{key}:{text}")
    return sorted(found)
