from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DuplicateTrackingPlan")


@_attrs_define
class DuplicateTrackingPlan:
    """
    Attributes:
        name (str): A name of 1 to 200 characters, not blank, without control characters.
    """

    name: str

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        duplicate_tracking_plan = cls(
            name=name,
        )

        return duplicate_tracking_plan
