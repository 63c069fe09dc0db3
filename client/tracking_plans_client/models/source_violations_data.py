from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.window import Window

if TYPE_CHECKING:
    from ..models.event_violations import EventViolations
    from ..models.pagination import Pagination


T = TypeVar("T", bound="SourceViolationsData")


@_attrs_define
class SourceViolationsData:
    """
    Attributes:
        source_id (str):
        window (Window): How far back: the last hour, 24 hours (when absent) or 7 days, in whole hourly buckets.
        since (datetime.datetime):
        events (list[EventViolations]):
        pagination (Pagination):
    """

    source_id: str
    window: Window
    since: datetime.datetime
    events: list[EventViolations]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        window = self.window.value

        since = self.since.isoformat()

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sourceId": source_id,
                "window": window,
                "since": since,
                "events": events,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_violations import EventViolations
        from ..models.pagination import Pagination

        d = dict(src_dict)
        source_id = d.pop("sourceId")

        window = Window(d.pop("window"))

        since = datetime.datetime.fromisoformat(d.pop("since"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = EventViolations.from_dict(events_item_data)

            events.append(events_item)

        pagination = Pagination.from_dict(d.pop("pagination"))

        source_violations_data = cls(
            source_id=source_id,
            window=window,
            since=since,
            events=events,
            pagination=pagination,
        )

        source_violations_data.additional_properties = d
        return source_violations_data

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
