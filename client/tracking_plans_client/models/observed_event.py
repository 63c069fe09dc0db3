from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.observed_property import ObservedProperty


T = TypeVar("T", bound="ObservedEvent")


@_attrs_define
class ObservedEvent:
    """
    Attributes:
        event_type (str):
        event_name (None | str):
        count (int):
        first_seen_at (datetime.datetime):
        last_seen_at (datetime.datetime):
        planned (bool):
        rule_versions (list[int]):
        violations (int):
        properties (list[ObservedProperty]):
        dropped_properties (int):
    """

    event_type: str
    event_name: str | None
    count: int
    first_seen_at: datetime.datetime
    last_seen_at: datetime.datetime
    planned: bool
    rule_versions: list[int]
    violations: int
    properties: list[ObservedProperty]
    dropped_properties: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_type = self.event_type

        event_name: str | None
        event_name = self.event_name

        count = self.count

        first_seen_at = self.first_seen_at.isoformat()

        last_seen_at = self.last_seen_at.isoformat()

        planned = self.planned

        rule_versions = self.rule_versions

        violations = self.violations

        properties = []
        for properties_item_data in self.properties:
            properties_item = properties_item_data.to_dict()
            properties.append(properties_item)

        dropped_properties = self.dropped_properties

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eventType": event_type,
                "eventName": event_name,
                "count": count,
                "firstSeenAt": first_seen_at,
                "lastSeenAt": last_seen_at,
                "planned": planned,
                "ruleVersions": rule_versions,
                "violations": violations,
                "properties": properties,
                "droppedProperties": dropped_properties,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.observed_property import ObservedProperty

        d = dict(src_dict)
        event_type = d.pop("eventType")

        def _parse_event_name(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        event_name = _parse_event_name(d.pop("eventName"))

        count = d.pop("count")

        first_seen_at = datetime.datetime.fromisoformat(d.pop("firstSeenAt"))

        last_seen_at = datetime.datetime.fromisoformat(d.pop("lastSeenAt"))

        planned = d.pop("planned")

        rule_versions = cast(list[int], d.pop("ruleVersions"))

        violations = d.pop("violations")

        properties = []
        _properties = d.pop("properties")
        for properties_item_data in _properties:
            properties_item = ObservedProperty.from_dict(properties_item_data)

            properties.append(properties_item)

        dropped_properties = d.pop("droppedProperties")

        observed_event = cls(
            event_type=event_type,
            event_name=event_name,
            count=count,
            first_seen_at=first_seen_at,
            last_seen_at=last_seen_at,
            planned=planned,
            rule_versions=rule_versions,
            violations=violations,
            properties=properties,
            dropped_properties=dropped_properties,
        )

        observed_event.additional_properties = d
        return observed_event

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
