from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.track_settings import TrackSettings
    from ..models.traits_settings import TraitsSettings


T = TypeVar("T", bound="SchemaSettings")


@_attrs_define
class SchemaSettings:
    """
    Attributes:
        track (TrackSettings | Unset):
        identify (TraitsSettings | Unset):
        group (TraitsSettings | Unset):
        forwarding_violations_to (None | str | Unset):
        forwarding_blocked_events_to (None | str | Unset):
    """

    track: TrackSettings | Unset = UNSET
    identify: TraitsSettings | Unset = UNSET
    group: TraitsSettings | Unset = UNSET
    forwarding_violations_to: str | Unset | None = UNSET
    forwarding_blocked_events_to: str | Unset | None = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
        field_dict.update(self.additional_properties)
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
        from ..models.track_settings import TrackSettings
        from ..models.traits_settings import TraitsSettings

        d = dict(src_dict)
        _track = d.pop("track", UNSET)
        track: TrackSettings | Unset
        if isinstance(_track, Unset):
            track = UNSET
        else:
            track = TrackSettings.from_dict(_track)

        _identify = d.pop("identify", UNSET)
        identify: TraitsSettings | Unset
        if isinstance(_identify, Unset):
            identify = UNSET
        else:
            identify = TraitsSettings.from_dict(_identify)

        _group = d.pop("group", UNSET)
        group: TraitsSettings | Unset
        if isinstance(_group, Unset):
            group = UNSET
        else:
            group = TraitsSettings.from_dict(_group)

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

        schema_settings = cls(
            track=track,
            identify=identify,
            group=group,
            forwarding_violations_to=forwarding_violations_to,
            forwarding_blocked_events_to=forwarding_blocked_events_to,
        )

        schema_settings.additional_properties = d
        return schema_settings

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
