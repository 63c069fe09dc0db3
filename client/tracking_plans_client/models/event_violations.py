from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.field_violations import FieldViolations


T = TypeVar("T", bound="EventViolations")


@_attrs_define
class EventViolations:
    """
    Attributes:
        event_name (None | str):
        event_type (str):
        version (int):
        count (int):
        violations (list[FieldViolations]):
    """

    event_name: str | None
    event_type: str
    version: int
    count: int
    violations: list[FieldViolations]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_name: str | None
        event_name = self.event_name

        event_type = self.event_type

        version = self.version

        count = self.count

        violations = []
        for violations_item_data in self.violations:
            violations_item = violations_item_data.to_dict()
            violations.append(violations_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "eventName": event_name,
                "eventType": event_type,
                "version": version,
                "count": count,
                "violations": violations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_violations import FieldViolations

        d = dict(src_dict)

        def _parse_event_name(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        event_name = _parse_event_name(d.pop("eventName"))

        event_type = d.pop("eventType")

        version = d.pop("version")

        count = d.pop("count")

        violations = []
        _violations = d.pop("violations")
        for violations_item_data in _violations:
            violations_item = FieldViolations.from_dict(violations_item_data)

            violations.append(violations_item)

        event_violations = cls(
            event_name=event_name,
            event_type=event_type,
            version=version,
            count=count,
            violations=violations,
        )

        event_violations.additional_properties = d
        return event_violations

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
