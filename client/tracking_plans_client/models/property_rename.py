from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="PropertyRename")


@_attrs_define
class PropertyRename:
    """
    Attributes:
        old_name (str): A dotted path such as `properties.product.price`. Paths that do not start with `properties`,
            `traits` or `context` are read under the event's own payload: `properties` for track, page and screen calls,
            `traits` for identify and group.
        new_name (str): A dotted path such as `properties.product.price`. Paths that do not start with `properties`,
            `traits` or `context` are read under the event's own payload: `properties` for track, page and screen calls,
            `traits` for identify and group.
    """

    old_name: str
    new_name: str

    def to_dict(self) -> dict[str, Any]:
        old_name = self.old_name

        new_name = self.new_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "oldName": old_name,
                "newName": new_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        old_name = d.pop("oldName")

        new_name = d.pop("newName")

        property_rename = cls(
            old_name=old_name,
            new_name=new_name,
        )

        return property_rename
