from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.type_count import TypeCount


T = TypeVar("T", bound="ObservedProperty")


@_attrs_define
class ObservedProperty:
    """
    Attributes:
        path (str):
        types (list[TypeCount]):
        date_time (bool):
        declared (bool):
    """

    path: str
    types: list[TypeCount]
    date_time: bool
    declared: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        path = self.path

        types = []
        for types_item_data in self.types:
            types_item = types_item_data.to_dict()
            types.append(types_item)

        date_time = self.date_time

        declared = self.declared

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "path": path,
                "types": types,
                "dateTime": date_time,
                "declared": declared,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.type_count import TypeCount

        d = dict(src_dict)
        path = d.pop("path")

        types = []
        _types = d.pop("types")
        for types_item_data in _types:
            types_item = TypeCount.from_dict(types_item_data)

            types.append(types_item)

        date_time = d.pop("dateTime")

        declared = d.pop("declared")

        observed_property = cls(
            path=path,
            types=types,
            date_time=date_time,
            declared=declared,
        )

        observed_property.additional_properties = d
        return observed_property

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
