"""Transformations: their wire models, the checks on them, and the slots that keep them unique.

A transformation holds one *slot* per kind of action it carries, keyed by (event, destination,
type) within its source; the store keeps slots unique, so two transformations can never both
rename `Order Completed` for the same source and destination.
"""

import enum
import hashlib
from datetime import datetime
from typing import Annotated

import msgspec

from api.domain import fql
from api.domain.ids import ID_PATTERN
from api.domain.names import DisplayName
from api.errors import InvalidInput

PropertyPath = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=500,
        # dotted segments, none empty: no leading, trailing or doubled dot
        pattern=r"^[^.\x00-\x1f\x7f]+(\.[^.\x00-\x1f\x7f]+)*$",
        description=(
            "A dotted path such as `properties.product.price`. Paths that do not start with "
            "`properties`, `traits` or `context` are read under the event's own payload: "
            "`properties` for track, page and screen calls, `traits` for identify and group."
        ),
    ),
]
Condition = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=fql.MAX_LENGTH,
        description=f"An FQL condition such as `event = 'Order Completed'`, up to {fql.MAX_LENGTH} characters.",
    ),
]
DestinationMetadataId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$",
        description="The kind of destination it applies to; absent: at the source, for every destination.",
    ),
]
EventName = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]
MAX_VALUE_PATHS = 10


class ActionType(enum.StrEnum):
    """The kinds of action; a transformation holds one slot per kind it carries."""

    DROP_EVENT = "DROP_EVENT"
    RENAME_EVENT = "RENAME_EVENT"
    RENAME_PROPERTIES = "RENAME_PROPERTIES"
    CHANGE_PROPERTY_VALUES = "CHANGE_PROPERTY_VALUES"
    FQL_DEFINED_PROPERTIES = "FQL_DEFINED_PROPERTIES"
    ALLOW_PROPERTIES = "ALLOW_PROPERTIES"
    HASH_PROPERTIES = "HASH_PROPERTIES"


class HashAlgorithm(enum.StrEnum):
    MD5 = "MD5"
    SHA1 = "SHA1"
    SHA256 = "SHA256"
    SHA384 = "SHA384"
    SHA512 = "SHA512"


class HashEncoding(enum.StrEnum):
    HEX = "HEX"
    """Lower-case hexadecimal."""
    BASE16 = "BASE16"
    """Upper-case hexadecimal (RFC 4648)."""
    BASE64 = "BASE64"
    BASE64URL = "BASE64URL"


class PropertyRename(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    old_name: PropertyPath
    new_name: PropertyPath


class PropertyValueTransformation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    property_paths: Annotated[list[PropertyPath], msgspec.Meta(min_length=1, max_length=MAX_VALUE_PATHS)]
    property_value: str


class FqlDefinedProperty(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    fql: Condition
    """An FQL expression whose value the property takes, e.g. `lowercase(properties.email)`."""
    property_name: PropertyPath


class HashPropertiesConfiguration(
    msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True, rename="camel"
):
    algorithm: HashAlgorithm
    key: Annotated[str, msgspec.Meta(min_length=1, max_length=1000)] | None = None
    """With a key, values are hashed with HMAC."""
    encoding: HashEncoding = HashEncoding.HEX
    paths: Annotated[list[PropertyPath], msgspec.Meta(min_length=1, max_length=100)]


PropertyRenames = Annotated[list[PropertyRename], msgspec.Meta(max_length=100)]
PropertyValueTransformations = Annotated[list[PropertyValueTransformation], msgspec.Meta(max_length=100)]
FqlDefinedProperties = Annotated[
    list[FqlDefinedProperty], msgspec.Meta(max_length=1, description="At most one FQL-defined property.")
]
AllowedPaths = Annotated[list[PropertyPath], msgspec.Meta(max_length=500)]


class TransformationInput(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True, rename="camel"):
    """A transformation as created: where it applies, when, and its actions."""

    name: DisplayName
    source_id: Annotated[str, msgspec.Meta(pattern=ID_PATTERN)]
    destination_metadata_id: DestinationMetadataId | None = None
    enabled: bool
    if_: Condition = msgspec.field(name="if")
    drop: bool | None = None
    """Drop the whole event; nothing else applies."""
    new_event_name: EventName | None = None
    """Rename the event (track events only)."""
    property_renames: PropertyRenames | None = None
    property_value_transformations: PropertyValueTransformations | None = None
    fql_defined_properties: FqlDefinedProperties | None = None
    allow_properties: AllowedPaths | None = None
    """Keep only these properties."""
    hash_properties_configuration: HashPropertiesConfiguration | None = None


class Transformation(TransformationInput, kw_only=True):
    """A transformation as the Public API shows it."""

    id: str
    created_at: datetime
    updated_at: datetime

    def as_input(self) -> TransformationInput:
        """What was created or last updated, without the id and times."""
        return TransformationInput(**{name: getattr(self, name) for name in TransformationInput.__struct_fields__})


class UpdateTransformation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """The fields to change; absent ones stay as they are, and `null` removes an action."""

    name: DisplayName | msgspec.UnsetType = msgspec.UNSET
    source_id: Annotated[str, msgspec.Meta(pattern=ID_PATTERN)] | msgspec.UnsetType = msgspec.UNSET
    destination_metadata_id: DestinationMetadataId | msgspec.UnsetType | None = msgspec.UNSET
    enabled: bool | msgspec.UnsetType = msgspec.UNSET
    if_: Condition | msgspec.UnsetType = msgspec.field(name="if", default=msgspec.UNSET)
    drop: bool | msgspec.UnsetType | None = msgspec.UNSET
    new_event_name: EventName | msgspec.UnsetType | None = msgspec.UNSET
    property_renames: PropertyRenames | msgspec.UnsetType | None = msgspec.UNSET
    property_value_transformations: PropertyValueTransformations | msgspec.UnsetType | None = msgspec.UNSET
    fql_defined_properties: FqlDefinedProperties | msgspec.UnsetType | None = msgspec.UNSET
    allow_properties: AllowedPaths | msgspec.UnsetType | None = msgspec.UNSET
    hash_properties_configuration: HashPropertiesConfiguration | msgspec.UnsetType | None = msgspec.UNSET


def updated(current: TransformationInput, change: UpdateTransformation) -> TransformationInput:
    """`current` with the fields `change` names replaced; the result is checked like a new one."""
    values = {name: getattr(change, name) for name in change.__struct_fields__}
    return msgspec.structs.replace(
        current, **{name: value for name, value in values.items() if value is not msgspec.UNSET}
    )


def action_types(actions: TransformationInput) -> list[ActionType]:
    """The kinds of action carried, in a fixed order."""
    carried = {
        ActionType.DROP_EVENT: actions.drop is True,
        ActionType.RENAME_EVENT: actions.new_event_name is not None,
        ActionType.RENAME_PROPERTIES: bool(actions.property_renames),
        ActionType.CHANGE_PROPERTY_VALUES: bool(actions.property_value_transformations),
        ActionType.FQL_DEFINED_PROPERTIES: bool(actions.fql_defined_properties),
        ActionType.ALLOW_PROPERTIES: actions.allow_properties is not None,
        ActionType.HASH_PROPERTIES: actions.hash_properties_configuration is not None,
    }
    return [kind for kind, present in carried.items() if present]


def parse_fql(source: str, field: str) -> fql.Expression:
    """Parse FQL written at `field`; a syntax error is a 422 that gives the position."""
    try:
        return fql.parse(source)
    except fql.FqlError as exc:
        raise InvalidInput(f"The FQL does not parse: {exc}.", field=field) from None


class Slot(msgspec.Struct, kw_only=True, frozen=True):
    """One (event, destination, type) a transformation takes within its source."""

    event: str
    """`event 'Order Completed'` when the condition pins an event, else `condition <normalised condition>`."""
    destination: str
    """'' for a source-scoped transformation."""
    type: ActionType

    @property
    def event_digest(self) -> bytes:
        return hashlib.sha256(self.event.encode()).digest()


def check(transformation: TransformationInput) -> list[Slot]:
    """Refuse a transformation that cannot work as written; returns the slots it takes."""
    condition = parse_fql(transformation.if_, "if")
    for index, defined in enumerate(transformation.fql_defined_properties or ()):
        parse_fql(defined.fql, f"fqlDefinedProperties[{index}].fql")
    kinds = action_types(transformation)
    if not kinds:
        raise InvalidInput(
            "A transformation needs an action: drop, newEventName, propertyRenames, propertyValueTransformations, "
            "fqlDefinedProperties, allowProperties or hashPropertiesConfiguration."
        )
    if ActionType.DROP_EVENT in kinds and len(kinds) > 1:
        raise InvalidInput("A transformation that drops the event cannot carry other actions.", field="drop")
    if ActionType.FQL_DEFINED_PROPERTIES in kinds and {
        ActionType.RENAME_PROPERTIES,
        ActionType.CHANGE_PROPERTY_VALUES,
    }.intersection(kinds):
        raise InvalidInput(
            "An FQL-defined property cannot be combined with property renames or value changes; "
            "make it a transformation of its own.",
            field="fqlDefinedProperties",
        )
    _check_paths(transformation)
    pinned = condition.pinned_event
    event = f"event {pinned!r}" if pinned is not None else f"condition `{condition.text}`"
    destination = transformation.destination_metadata_id or ""
    return [Slot(event=event, destination=destination, type=kind) for kind in kinds]


_PAYLOADS = ("properties", "traits")
"""Where a relative path leads: `traits` for identify and group calls, `properties` for the others."""


def _resolved(path: str) -> list[tuple[str, ...]]:
    """Where a path may lead from the event root; a relative one under either payload, as the event type is unknown."""
    segments = tuple(path.split("."))
    return [segments] if segments[0] in fql.OBJECT_ROOTS else [(payload, *segments) for payload in _PAYLOADS]


def _overlap(one: str, other: str) -> bool:
    """Whether two paths may reach the same value: they are the same, or one leads inside the other."""
    return any(a[: len(b)] == b or b[: len(a)] == a for a in _resolved(one) for b in _resolved(other))


def _check_path(path: str, field: str, *, whole_root: bool = False) -> None:
    """Refuse a blank segment, and unless `whole_root` a bare `properties`, `traits` or `context`.

    Writing to a bare root would replace that whole object.
    """
    if any(not segment.strip() for segment in path.split(".")):
        raise InvalidInput(f"{path!r} has a blank segment: name each property on the way.", field=field)
    if path in fql.OBJECT_ROOTS and not whole_root:
        raise InvalidInput(
            f"{path!r} is a whole object; name a property inside it, such as '{path}.name'.", field=field
        )


def _check_apart(paths: list[tuple[str, str]], problem: str) -> None:
    """Refuse a path (with its field) that overlaps an earlier one, naming the later."""
    for index, (field, path) in enumerate(paths):
        _check_path(path, field)
        for earlier_field, earlier in paths[:index]:
            if _overlap(path, earlier):
                raise InvalidInput(
                    f"{path!r} and {earlier!r} (at {earlier_field}) can reach the same value: {problem}", field=field
                )


def _check_paths(transformation: TransformationInput) -> None:
    """Refuse paths that cannot be meant: two values sent to one place, or one value handled twice."""
    renames = transformation.property_renames or []
    olds = [(f"propertyRenames[{index}].oldName", rename.old_name) for index, rename in enumerate(renames)]
    _check_apart(olds, "one property would be renamed twice.")
    news = [(f"propertyRenames[{index}].newName", rename.new_name) for index, rename in enumerate(renames)]
    _check_apart(news, "two properties would be renamed to one place.")
    for (_, old), (field, new) in zip(olds, news, strict=True):
        if _overlap(old, new):
            raise InvalidInput(
                f"{old!r} cannot be renamed to {new!r}: itself, or a place inside or around it.", field=field
            )
    # Segment refuses both: a path changed by two entries, and a changed path that is also renamed
    changes = [
        (f"propertyValueTransformations[{index}].propertyPaths[{n}]", path)
        for index, change in enumerate(transformation.property_value_transformations or ())
        for n, path in enumerate(change.property_paths)
    ]
    _check_apart(changes, "the property would be set twice.")
    for field, path in changes:
        for old_field, old in olds:
            if _overlap(path, old):
                raise InvalidInput(
                    f"{path!r} and {old!r} (at {old_field}) can reach the same value: it would be renamed "
                    "and changed at once; change it under its new name in a transformation of its own.",
                    field=field,
                )
    for index, defined in enumerate(transformation.fql_defined_properties or ()):
        _check_path(defined.property_name, f"fqlDefinedProperties[{index}].propertyName")
    if (hashing := transformation.hash_properties_configuration) is not None:
        paths = [(f"hashPropertiesConfiguration.paths[{n}]", path) for n, path in enumerate(hashing.paths)]
        _check_apart(paths, "the value would be hashed twice.")
    for index, path in enumerate(transformation.allow_properties or ()):
        # allowing the whole payload is meaningful: it keeps everything
        _check_path(path, f"allowProperties[{index}]", whole_root=True)
