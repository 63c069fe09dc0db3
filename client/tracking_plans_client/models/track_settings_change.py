from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.common_event_action import CommonEventAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="TrackSettingsChange")


@_attrs_define
class TrackSettingsChange:
    """
    Attributes:
        allow_unplanned_events (bool | Unset):
        allow_unplanned_event_properties (bool | Unset):
        allow_event_on_violations (bool | Unset):
        allow_properties_on_violations (bool | Unset):
        common_event_on_violations (CommonEventAction | Unset): What happens to an event that violates the common schema
            (track events).
    """

    allow_unplanned_events: bool | Unset = UNSET
    allow_unplanned_event_properties: bool | Unset = UNSET
    allow_event_on_violations: bool | Unset = UNSET
    allow_properties_on_violations: bool | Unset = UNSET
    common_event_on_violations: CommonEventAction | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allow_unplanned_events: bool | Unset
        if isinstance(self.allow_unplanned_events, Unset):
            allow_unplanned_events = UNSET
        else:
            allow_unplanned_events = self.allow_unplanned_events

        allow_unplanned_event_properties: bool | Unset
        if isinstance(self.allow_unplanned_event_properties, Unset):
            allow_unplanned_event_properties = UNSET
        else:
            allow_unplanned_event_properties = self.allow_unplanned_event_properties

        allow_event_on_violations: bool | Unset
        if isinstance(self.allow_event_on_violations, Unset):
            allow_event_on_violations = UNSET
        else:
            allow_event_on_violations = self.allow_event_on_violations

        allow_properties_on_violations: bool | Unset
        if isinstance(self.allow_properties_on_violations, Unset):
            allow_properties_on_violations = UNSET
        else:
            allow_properties_on_violations = self.allow_properties_on_violations

        common_event_on_violations: str | Unset = UNSET
        if not isinstance(self.common_event_on_violations, Unset):
            common_event_on_violations = self.common_event_on_violations.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allow_unplanned_events is not UNSET:
            field_dict["allowUnplannedEvents"] = allow_unplanned_events
        if allow_unplanned_event_properties is not UNSET:
            field_dict["allowUnplannedEventProperties"] = allow_unplanned_event_properties
        if allow_event_on_violations is not UNSET:
            field_dict["allowEventOnViolations"] = allow_event_on_violations
        if allow_properties_on_violations is not UNSET:
            field_dict["allowPropertiesOnViolations"] = allow_properties_on_violations
        if common_event_on_violations is not UNSET:
            field_dict["commonEventOnViolations"] = common_event_on_violations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_allow_unplanned_events(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        allow_unplanned_events = _parse_allow_unplanned_events(d.pop("allowUnplannedEvents", UNSET))

        def _parse_allow_unplanned_event_properties(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        allow_unplanned_event_properties = _parse_allow_unplanned_event_properties(
            d.pop("allowUnplannedEventProperties", UNSET)
        )

        def _parse_allow_event_on_violations(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        allow_event_on_violations = _parse_allow_event_on_violations(d.pop("allowEventOnViolations", UNSET))

        def _parse_allow_properties_on_violations(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        allow_properties_on_violations = _parse_allow_properties_on_violations(
            d.pop("allowPropertiesOnViolations", UNSET)
        )

        _common_event_on_violations = d.pop("commonEventOnViolations", UNSET)
        common_event_on_violations: CommonEventAction | Unset
        if isinstance(_common_event_on_violations, Unset):
            common_event_on_violations = UNSET
        else:
            common_event_on_violations = CommonEventAction(_common_event_on_violations)

        track_settings_change = cls(
            allow_unplanned_events=allow_unplanned_events,
            allow_unplanned_event_properties=allow_unplanned_event_properties,
            allow_event_on_violations=allow_event_on_violations,
            allow_properties_on_violations=allow_properties_on_violations,
            common_event_on_violations=common_event_on_violations,
        )

        return track_settings_change
