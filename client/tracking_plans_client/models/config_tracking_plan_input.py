from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_rules import ConfigRules


T = TypeVar("T", bound="ConfigTrackingPlanInput")


@_attrs_define
class ConfigTrackingPlanInput:
    """
    Attributes:
        name (None | str | Unset):
        display_name (str | Unset): A name of 1 to 200 characters, not blank, without control characters.
        rules (ConfigRules | Unset):
        create_time (None | str | Unset):
        update_time (None | str | Unset):
    """

    name: str | Unset | None = UNSET
    display_name: str | Unset = UNSET
    rules: ConfigRules | Unset = UNSET
    create_time: str | Unset | None = UNSET
    update_time: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: str | Unset | None
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        display_name: str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        rules: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = self.rules.to_dict()

        create_time: str | Unset | None
        if isinstance(self.create_time, Unset):
            create_time = UNSET
        else:
            create_time = self.create_time

        update_time: str | Unset | None
        if isinstance(self.update_time, Unset):
            update_time = UNSET
        else:
            update_time = self.update_time

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if rules is not UNSET:
            field_dict["rules"] = rules
        if create_time is not UNSET:
            field_dict["create_time"] = create_time
        if update_time is not UNSET:
            field_dict["update_time"] = update_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_rules import ConfigRules

        d = dict(src_dict)

        def _parse_name(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_display_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))

        _rules = d.pop("rules", UNSET)
        rules: ConfigRules | Unset
        if isinstance(_rules, Unset):
            rules = UNSET
        else:
            rules = ConfigRules.from_dict(_rules)

        def _parse_create_time(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        create_time = _parse_create_time(d.pop("create_time", UNSET))

        def _parse_update_time(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        update_time = _parse_update_time(d.pop("update_time", UNSET))

        config_tracking_plan_input = cls(
            name=name,
            display_name=display_name,
            rules=rules,
            create_time=create_time,
            update_time=update_time,
        )

        return config_tracking_plan_input
