from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="FqlDefinedProperty")


@_attrs_define
class FqlDefinedProperty:
    """
    Attributes:
        fql (str): An FQL condition such as `event = 'Order Completed'`, up to 2000 characters.
        property_name (str): A dotted path such as `properties.product.price`. Paths that do not start with
            `properties`, `traits` or `context` are read under the event's own payload: `properties` for track, page and
            screen calls, `traits` for identify and group.
    """

    fql: str
    property_name: str

    def to_dict(self) -> dict[str, Any]:
        fql = self.fql

        property_name = self.property_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fql": fql,
                "propertyName": property_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        fql = d.pop("fql")

        property_name = d.pop("propertyName")

        fql_defined_property = cls(
            fql=fql,
            property_name=property_name,
        )

        return fql_defined_property
