from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.config_tracking_plan import ConfigTrackingPlan


T = TypeVar("T", bound="ConfigTrackingPlans")


@_attrs_define
class ConfigTrackingPlans:
    """
    Attributes:
        tracking_plans (list[ConfigTrackingPlan]):
        next_page_token (str):
    """

    tracking_plans: list[ConfigTrackingPlan]
    next_page_token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tracking_plans = []
        for tracking_plans_item_data in self.tracking_plans:
            tracking_plans_item = tracking_plans_item_data.to_dict()
            tracking_plans.append(tracking_plans_item)

        next_page_token = self.next_page_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tracking_plans": tracking_plans,
                "next_page_token": next_page_token,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_tracking_plan import ConfigTrackingPlan

        d = dict(src_dict)
        tracking_plans = []
        _tracking_plans = d.pop("tracking_plans")
        for tracking_plans_item_data in _tracking_plans:
            tracking_plans_item = ConfigTrackingPlan.from_dict(tracking_plans_item_data)

            tracking_plans.append(tracking_plans_item)

        next_page_token = d.pop("next_page_token")

        config_tracking_plans = cls(
            tracking_plans=tracking_plans,
            next_page_token=next_page_token,
        )

        config_tracking_plans.additional_properties = d
        return config_tracking_plans

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
