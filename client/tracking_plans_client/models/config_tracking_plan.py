from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.config_rules_out import ConfigRulesOut


T = TypeVar("T", bound="ConfigTrackingPlan")


@_attrs_define
class ConfigTrackingPlan:
    """
    Attributes:
        name (str):
        display_name (str):
        rules (ConfigRulesOut):
        create_time (datetime.datetime):
        update_time (datetime.datetime):
    """

    name: str
    display_name: str
    rules: ConfigRulesOut
    create_time: datetime.datetime
    update_time: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        display_name = self.display_name

        rules = self.rules.to_dict()

        create_time = self.create_time.isoformat()

        update_time = self.update_time.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "display_name": display_name,
                "rules": rules,
                "create_time": create_time,
                "update_time": update_time,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_rules_out import ConfigRulesOut

        d = dict(src_dict)
        name = d.pop("name")

        display_name = d.pop("display_name")

        rules = ConfigRulesOut.from_dict(d.pop("rules"))

        create_time = datetime.datetime.fromisoformat(d.pop("create_time"))

        update_time = datetime.datetime.fromisoformat(d.pop("update_time"))

        config_tracking_plan = cls(
            name=name,
            display_name=display_name,
            rules=rules,
            create_time=create_time,
            update_time=update_time,
        )

        config_tracking_plan.additional_properties = d
        return config_tracking_plan

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
