from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="PropertyValueTransformation")


@_attrs_define
class PropertyValueTransformation:
    """
    Attributes:
        property_paths (list[str]):
        property_value (str):
    """

    property_paths: list[str]
    property_value: str

    def to_dict(self) -> dict[str, Any]:
        property_paths = self.property_paths

        property_value = self.property_value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "propertyPaths": property_paths,
                "propertyValue": property_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        property_paths = cast(list[str], d.pop("propertyPaths"))

        property_value = d.pop("propertyValue")

        property_value_transformation = cls(
            property_paths=property_paths,
            property_value=property_value,
        )

        return property_value_transformation
