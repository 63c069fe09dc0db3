from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.config_tracking_plan_input import ConfigTrackingPlanInput
    from ..models.update_mask import UpdateMask


T = TypeVar("T", bound="UpdateConfigTrackingPlan")


@_attrs_define
class UpdateConfigTrackingPlan:
    """
    Attributes:
        update_mask (UpdateMask):
        tracking_plan (ConfigTrackingPlanInput):
    """

    update_mask: UpdateMask
    tracking_plan: ConfigTrackingPlanInput

    def to_dict(self) -> dict[str, Any]:
        update_mask = self.update_mask.to_dict()

        tracking_plan = self.tracking_plan.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "update_mask": update_mask,
                "tracking_plan": tracking_plan,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_tracking_plan_input import ConfigTrackingPlanInput
        from ..models.update_mask import UpdateMask

        d = dict(src_dict)
        update_mask = UpdateMask.from_dict(d.pop("update_mask"))

        tracking_plan = ConfigTrackingPlanInput.from_dict(d.pop("tracking_plan"))

        update_config_tracking_plan = cls(
            update_mask=update_mask,
            tracking_plan=tracking_plan,
        )

        return update_config_tracking_plan
