from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SchemaLimits")


@_attrs_define
class SchemaLimits:
    """
    Attributes:
        dropped_events (int):
        events_truncated (bool):
        max_events (int | Unset):  Default: 4000.
        max_properties_per_event (int | Unset):  Default: 300.
    """

    dropped_events: int
    events_truncated: bool
    max_events: int | Unset = 4000
    max_properties_per_event: int | Unset = 300
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dropped_events = self.dropped_events

        events_truncated = self.events_truncated

        max_events = self.max_events

        max_properties_per_event = self.max_properties_per_event

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "droppedEvents": dropped_events,
                "eventsTruncated": events_truncated,
            }
        )
        if max_events is not UNSET:
            field_dict["maxEvents"] = max_events
        if max_properties_per_event is not UNSET:
            field_dict["maxPropertiesPerEvent"] = max_properties_per_event

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        dropped_events = d.pop("droppedEvents")

        events_truncated = d.pop("eventsTruncated")

        max_events = d.pop("maxEvents", UNSET)

        max_properties_per_event = d.pop("maxPropertiesPerEvent", UNSET)

        schema_limits = cls(
            dropped_events=dropped_events,
            events_truncated=events_truncated,
            max_events=max_events,
            max_properties_per_event=max_properties_per_event,
        )

        schema_limits.additional_properties = d
        return schema_limits

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
