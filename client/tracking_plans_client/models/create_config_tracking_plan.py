from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.new_config_tracking_plan import NewConfigTrackingPlan


T = TypeVar("T", bound="CreateConfigTrackingPlan")


@_attrs_define
class CreateConfigTrackingPlan:
    """
    Attributes:
        tracking_plan (NewConfigTrackingPlan):
    """

    tracking_plan: NewConfigTrackingPlan

    def to_dict(self) -> dict[str, Any]:
        tracking_plan = self.tracking_plan.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "tracking_plan": tracking_plan,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.new_config_tracking_plan import NewConfigTrackingPlan

        d = dict(src_dict)
        tracking_plan = NewConfigTrackingPlan.from_dict(d.pop("tracking_plan"))

        create_config_tracking_plan = cls(
            tracking_plan=tracking_plan,
        )

        return create_config_tracking_plan
