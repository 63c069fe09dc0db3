from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddSourceToTrackingPlan")


@_attrs_define
class AddSourceToTrackingPlan:
    """
    Attributes:
        source_id (str):
    """

    source_id: str

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "sourceId": source_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = d.pop("sourceId")

        add_source_to_tracking_plan = cls(
            source_id=source_id,
        )

        return add_source_to_tracking_plan
