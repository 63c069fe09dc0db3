from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.config_event import ConfigEvent
    from ..models.json_schema import JsonSchema


T = TypeVar("T", bound="ConfigRules")


@_attrs_define
class ConfigRules:
    """
    Attributes:
        global_ (JsonSchema | None | Unset):
        events (list[ConfigEvent] | Unset):
        identify (JsonSchema | None | Unset):
        group (JsonSchema | None | Unset):
    """

    global_: JsonSchema | Unset | None = UNSET
    events: list[ConfigEvent] | Unset = UNSET
    identify: JsonSchema | Unset | None = UNSET
    group: JsonSchema | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.json_schema import JsonSchema

        global_: dict[str, Any] | Unset | None
        if isinstance(self.global_, Unset):
            global_ = UNSET
        elif isinstance(self.global_, JsonSchema):
            global_ = self.global_.to_dict()
        else:
            global_ = self.global_

        events: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.events, Unset):
            events = []
            for events_item_data in self.events:
                events_item = events_item_data.to_dict()
                events.append(events_item)

        identify: dict[str, Any] | Unset | None
        if isinstance(self.identify, Unset):
            identify = UNSET
        elif isinstance(self.identify, JsonSchema):
            identify = self.identify.to_dict()
        else:
            identify = self.identify

        group: dict[str, Any] | Unset | None
        if isinstance(self.group, Unset):
            group = UNSET
        elif isinstance(self.group, JsonSchema):
            group = self.group.to_dict()
        else:
            group = self.group

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if global_ is not UNSET:
            field_dict["global"] = global_
        if events is not UNSET:
            field_dict["events"] = events
        if identify is not UNSET:
            field_dict["identify"] = identify
        if group is not UNSET:
            field_dict["group"] = group

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.config_event import ConfigEvent
        from ..models.json_schema import JsonSchema

        d = dict(src_dict)

        def _parse_global_(data: object) -> JsonSchema | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                global_type_0 = JsonSchema.from_dict(data)

                return global_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonSchema | None | Unset, data)

        global_ = _parse_global_(d.pop("global", UNSET))

        _events = d.pop("events", UNSET)
        events: list[ConfigEvent] | Unset = UNSET
        if _events is not UNSET:
            events = []
            for events_item_data in _events:
                events_item = ConfigEvent.from_dict(events_item_data)

                events.append(events_item)

        def _parse_identify(data: object) -> JsonSchema | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                identify_type_0 = JsonSchema.from_dict(data)

                return identify_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonSchema | None | Unset, data)

        identify = _parse_identify(d.pop("identify", UNSET))

        def _parse_group(data: object) -> JsonSchema | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                group_type_0 = JsonSchema.from_dict(data)

                return group_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JsonSchema | None | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

        config_rules = cls(
            global_=global_,
            events=events,
            identify=identify,
            group=group,
        )

        return config_rules
