from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.track_settings_change import TrackSettingsChange
    from ..models.traits_settings_change import TraitsSettingsChange


T = TypeVar("T", bound="SchemaSettingsChange")


@_attrs_define
class SchemaSettingsChange:
    """
    Attributes:
        track (TrackSettingsChange | Unset):
        identify (TraitsSettingsChange | Unset):
        group (TraitsSettingsChange | Unset):
        forwarding_violations_to (None | str | Unset): A source's id.
        forwarding_blocked_events_to (None | str | Unset): A source's id.
    """

    track: TrackSettingsChange | Unset = UNSET
    identify: TraitsSettingsChange | Unset = UNSET
    group: TraitsSettingsChange | Unset = UNSET
    forwarding_violations_to: str | Unset | None = UNSET
    forwarding_blocked_events_to: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        track: dict[str, Any] | Unset = UNSET
        if not isinstance(self.track, Unset):
            track = self.track.to_dict()

        identify: dict[str, Any] | Unset = UNSET
        if not isinstance(self.identify, Unset):
            identify = self.identify.to_dict()

        group: dict[str, Any] | Unset = UNSET
        if not isinstance(self.group, Unset):
            group = self.group.to_dict()

        forwarding_violations_to: str | Unset | None
        if isinstance(self.forwarding_violations_to, Unset):
            forwarding_violations_to = UNSET
        else:
            forwarding_violations_to = self.forwarding_violations_to

        forwarding_blocked_events_to: str | Unset | None
        if isinstance(self.forwarding_blocked_events_to, Unset):
            forwarding_blocked_events_to = UNSET
        else:
            forwarding_blocked_events_to = self.forwarding_blocked_events_to

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if track is not UNSET:
            field_dict["track"] = track
        if identify is not UNSET:
            field_dict["identify"] = identify
        if group is not UNSET:
            field_dict["group"] = group
        if forwarding_violations_to is not UNSET:
            field_dict["forwardingViolationsTo"] = forwarding_violations_to
        if forwarding_blocked_events_to is not UNSET:
            field_dict["forwardingBlockedEventsTo"] = forwarding_blocked_events_to

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.track_settings_change import TrackSettingsChange
        from ..models.traits_settings_change import TraitsSettingsChange

        d = dict(src_dict)
        _track = d.pop("track", UNSET)
        track: TrackSettingsChange | Unset
        if isinstance(_track, Unset):
            track = UNSET
        else:
            track = TrackSettingsChange.from_dict(_track)

        _identify = d.pop("identify", UNSET)
        identify: TraitsSettingsChange | Unset
        if isinstance(_identify, Unset):
            identify = UNSET
        else:
            identify = TraitsSettingsChange.from_dict(_identify)

        _group = d.pop("group", UNSET)
        group: TraitsSettingsChange | Unset
        if isinstance(_group, Unset):
            group = UNSET
        else:
            group = TraitsSettingsChange.from_dict(_group)

        def _parse_forwarding_violations_to(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        forwarding_violations_to = _parse_forwarding_violations_to(d.pop("forwardingViolationsTo", UNSET))

        def _parse_forwarding_blocked_events_to(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        forwarding_blocked_events_to = _parse_forwarding_blocked_events_to(d.pop("forwardingBlockedEventsTo", UNSET))

        schema_settings_change = cls(
            track=track,
            identify=identify,
            group=group,
            forwarding_violations_to=forwarding_violations_to,
            forwarding_blocked_events_to=forwarding_blocked_events_to,
        )

        return schema_settings_change
