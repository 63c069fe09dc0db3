"""Sources: where events come from, the catalogue of their kinds, their schema settings, how deep their JSON nests."""

import enum
from datetime import datetime
from typing import Annotated, Any

import msgspec

from api.domain.ids import ID_PATTERN
from api.domain.json_objects import SourceConfiguration
from api.domain.names import DisplayName
from api.errors import InvalidInput

SourceSlug = Annotated[
    str,
    msgspec.Meta(
        min_length=1,
        max_length=100,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="Lower-case letters, digits, `-` and `_`; unique in the workspace.",
    ),
]
SourceId = Annotated[str, msgspec.Meta(pattern=ID_PATTERN, description="A source's id.")]
MAX_SETTINGS_BYTES = 64 * 1024
MAX_JSON_DEPTH = 64
"""How deeply free-form JSON (a source's settings, an event) may nest: far deeper values break encoders."""


def check_json_depth(value: Any, field: str, limit: int = MAX_JSON_DEPTH) -> None:
    """Refuse free-form JSON at `field` that nests deeper than `limit` objects and arrays."""
    # level by level, not by recursion: the value is as deep as the request body made it
    level = [value] if isinstance(value, dict | list) else []
    depth = 1
    while level:
        if depth > limit:
            raise InvalidInput(f"{field} nests deeper than {limit} levels of objects and arrays.", field=field)
        level = [
            child
            for container in level
            for child in (container.values() if isinstance(container, dict) else container)
            if isinstance(child, dict | list)
        ]
        depth += 1


class SourceMetadata(msgspec.Struct, kw_only=True, frozen=True):
    """The kind of a source, from the built-in catalogue."""

    id: str
    name: str
    slug: str
    description: str
    categories: tuple[str, ...]


class SourceKind(enum.StrEnum):
    """The kinds of source a `metadataId` may name."""

    JAVASCRIPT = "javascript"
    IOS = "ios"
    ANDROID = "android"
    REACT_NATIVE = "react-native"
    FLUTTER = "flutter"
    HTTP_API = "http-api"
    NODE = "node"
    PYTHON = "python"
    GO = "go"
    JAVA = "java"
    RUBY = "ruby"
    PHP = "php"
    DOTNET = "dotnet"


def _kind(kind: SourceKind, name: str, category: str, description: str) -> SourceMetadata:
    return SourceMetadata(id=kind, name=name, slug=kind, description=description, categories=(category,))


CATALOGUE = {
    kind.id: kind
    for kind in (
        _kind(SourceKind.JAVASCRIPT, "JavaScript", "Website", "Analytics.js in the browser."),
        _kind(SourceKind.IOS, "iOS", "Mobile", "The Swift and Objective-C library."),
        _kind(SourceKind.ANDROID, "Android", "Mobile", "The Kotlin and Java library."),
        _kind(SourceKind.REACT_NATIVE, "React Native", "Mobile", "The React Native library."),
        _kind(SourceKind.FLUTTER, "Flutter", "Mobile", "The Flutter library."),
        _kind(SourceKind.HTTP_API, "HTTP API", "Server", "Events posted to the HTTP tracking API."),
        _kind(SourceKind.NODE, "Node.js", "Server", "The Node.js library."),
        _kind(SourceKind.PYTHON, "Python", "Server", "The Python library."),
        _kind(SourceKind.GO, "Go", "Server", "The Go library."),
        _kind(SourceKind.JAVA, "Java", "Server", "The Java library."),
        _kind(SourceKind.RUBY, "Ruby", "Server", "The Ruby library."),
        _kind(SourceKind.PHP, "PHP", "Server", "The PHP library."),
        _kind(SourceKind.DOTNET, ".NET", "Server", "The C# library."),
    )
}
"""What each kind of source is."""


class SourceLabel(msgspec.Struct, kw_only=True, omit_defaults=True):
    key: str
    value: str
    description: str | None = None


class Source(msgspec.Struct, kw_only=True, rename="camel"):
    """A source as the Public API shows it."""

    id: str
    slug: str
    name: str
    workspace_id: str
    enabled: bool
    write_keys: list[str]
    labels: list[SourceLabel]
    metadata: SourceMetadata
    settings: dict[str, Any]
    """The source's own settings, as created."""
    created_at: datetime


class CreateSource(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    slug: SourceSlug
    enabled: bool
    metadata_id: SourceKind
    """The kind of source, from the built-in catalogue."""
    settings: SourceConfiguration | None = None
    name: DisplayName | None = None
    """Defaults to the slug."""

    def check(self) -> None:
        """Refuse oversized or too deeply nested settings."""
        check_json_depth(self.settings, "settings")
        if len(msgspec.json.encode(self.settings)) > MAX_SETTINGS_BYTES:
            raise InvalidInput(f"settings is larger than {MAX_SETTINGS_BYTES // 1024} KiB.", field="settings")


class CommonEventAction(enum.StrEnum):
    """What happens to an event that violates the common schema (track events)."""

    ALLOW = "ALLOW"
    BLOCK = "BLOCK"
    OMIT_PROPERTIES = "OMIT_PROPERTIES"


class CommonTraitsAction(enum.StrEnum):
    """What happens to an identify or group call that violates the common schema."""

    ALLOW = "ALLOW"
    BLOCK = "BLOCK"
    OMIT_TRAITS = "OMIT_TRAITS"


class TrackSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    allow_unplanned_events: bool = True
    allow_unplanned_event_properties: bool = True
    allow_event_on_violations: bool = True
    allow_properties_on_violations: bool = True
    common_event_on_violations: CommonEventAction = CommonEventAction.ALLOW


class TraitsSettings(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """Settings of identify and of group calls."""

    allow_unplanned_traits: bool = True
    allow_traits_on_violations: bool = True
    common_event_on_violations: CommonTraitsAction = CommonTraitsAction.ALLOW


class SchemaSettings(msgspec.Struct, kw_only=True, rename="camel"):
    """What a source lets through; the defaults allow everything."""

    track: TrackSettings = msgspec.field(default_factory=TrackSettings)
    identify: TraitsSettings = msgspec.field(default_factory=TraitsSettings)
    group: TraitsSettings = msgspec.field(default_factory=TraitsSettings)
    forwarding_violations_to: str | None = None
    """A source of the same workspace that receives violations, or null."""
    forwarding_blocked_events_to: str | None = None
    """A source of the same workspace that receives blocked events, or null."""


class TrackSettingsChange(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    allow_unplanned_events: bool | msgspec.UnsetType = msgspec.UNSET
    allow_unplanned_event_properties: bool | msgspec.UnsetType = msgspec.UNSET
    allow_event_on_violations: bool | msgspec.UnsetType = msgspec.UNSET
    allow_properties_on_violations: bool | msgspec.UnsetType = msgspec.UNSET
    common_event_on_violations: CommonEventAction | msgspec.UnsetType = msgspec.UNSET


class TraitsSettingsChange(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    allow_unplanned_traits: bool | msgspec.UnsetType = msgspec.UNSET
    allow_traits_on_violations: bool | msgspec.UnsetType = msgspec.UNSET
    common_event_on_violations: CommonTraitsAction | msgspec.UnsetType = msgspec.UNSET


class SchemaSettingsChange(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, rename="camel"):
    """The settings to change; absent fields (at any level) stay as they are, `null` stops forwarding."""

    track: TrackSettingsChange | msgspec.UnsetType = msgspec.UNSET
    identify: TraitsSettingsChange | msgspec.UnsetType = msgspec.UNSET
    group: TraitsSettingsChange | msgspec.UnsetType = msgspec.UNSET
    forwarding_violations_to: SourceId | msgspec.UnsetType | None = msgspec.UNSET
    forwarding_blocked_events_to: SourceId | msgspec.UnsetType | None = msgspec.UNSET


def _merged(current: Any, change: Any) -> Any:
    """`current` with the fields `change` names replaced (recursively for nested changes)."""
    values = {}
    for name in change.__struct_fields__:
        new = getattr(change, name)
        if new is msgspec.UNSET:
            continue
        old = getattr(current, name)
        values[name] = _merged(old, new) if isinstance(new, msgspec.Struct) else new
    return msgspec.structs.replace(current, **values)


def forwarding_targets(change: SchemaSettingsChange, source_id: str) -> dict[str, str]:
    """The sources `change` names as forwarding targets, by field; forwarding to the source itself is refused."""
    targets = {}
    for field, target in (
        ("forwardingViolationsTo", change.forwarding_violations_to),
        ("forwardingBlockedEventsTo", change.forwarding_blocked_events_to),
    ):
        if target == source_id:
            raise InvalidInput("A source cannot forward to itself; name another source.", field=field)
        if isinstance(target, str):
            targets[field] = target
    return targets


def change_settings(current: SchemaSettings, change: SchemaSettingsChange) -> SchemaSettings:
    """The settings after `change`."""
    settings: SchemaSettings = _merged(current, change)
    return settings
