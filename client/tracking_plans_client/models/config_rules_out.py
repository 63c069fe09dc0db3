from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_event_out import ConfigEventOut


T = TypeVar("T", bound="ConfigRulesOut")


@_attrs_define
class ConfigRulesOut:
    """
    Attributes:
        events (list[ConfigEventOut]):
        global_ (Any | Unset):
        identify (Any | Unset):
        group (Any | Unset):
    """

    events: list[ConfigEventOut]
    global_: Any | Unset = UNSET
    identify: Any | Unset = UNSET
    group: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        global_: Any | Unset
        if isinstance(self.global_, Unset):
            global_ = UNSET
        else:
            global_ = self.global_

        identify: Any | Unset
        if isinstance(self.identify, Unset):
            identify = UNSET
        else:
            identify = self.identify

        group: Any | Unset
        if isinstance(self.group, Unset):
            group = UNSET
        else:
            group = self.group

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events": events,
            }
        )
        if global_ is not UNSET:
            field_dict["global"] = global_
        if identify is not UNSET:
            field_dict["identify"] = identify
        if group is not UNSET:
            field_dict["group"] = group

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_event_out import ConfigEventOut

        d = dict(src_dict)
        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = ConfigEventOut.from_dict(events_item_data)

            events.append(events_item)

        def _parse_global_(data: object) -> Any | Unset:
            if isinstance(data, Unset):
                return data
            return cast(Any | Unset, data)

        global_ = _parse_global_(d.pop("global", UNSET))

        def _parse_identify(data: object) -> Any | Unset:
            if isinstance(data, Unset):
                return data
            return cast(Any | Unset, data)

        identify = _parse_identify(d.pop("identify", UNSET))

        def _parse_group(data: object) -> Any | Unset:
            if isinstance(data, Unset):
                return data
            return cast(Any | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

        config_rules_out = cls(
            events=events,
            global_=global_,
            identify=identify,
            group=group,
        )

        config_rules_out.additional_properties = d
        return config_rules_out

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
