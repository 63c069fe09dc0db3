from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="ValidateEvents")


@_attrs_define
class ValidateEvents:
    """
    Attributes:
        events (list[Any]): 1 to 1000 events as the analytics libraries send them (`type`, `event`, `properties`,
            `traits`, `context`, …); each at most 32 KB. An event that cannot be checked is reported as such; the others are
            still checked.
    """

    events: list[Any]

    def to_dict(self) -> dict[str, Any]:
        events = self.events

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        events = cast(list[Any], d.pop("events"))

        validate_events = cls(
            events=events,
        )

        return validate_events
