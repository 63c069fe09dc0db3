from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.schema_window import SchemaWindow

if TYPE_CHECKING:
    from ..models.observed_event import ObservedEvent
    from ..models.pagination import Pagination
    from ..models.schema_limits import SchemaLimits


T = TypeVar("T", bound="ObservedSchema")


@_attrs_define
class ObservedSchema:
    """
    Attributes:
        source_id (str):
        tracking_plan_id (None | str):
        window (SchemaWindow): How far back a schema read or import looks: whole days, the day the window starts in
            included.
        since (datetime.date):
        events (list[ObservedEvent]):
        limits (SchemaLimits):
        pagination (Pagination):
    """

    source_id: str
    tracking_plan_id: str | None
    window: SchemaWindow
    since: datetime.date
    events: list[ObservedEvent]
    limits: SchemaLimits
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        tracking_plan_id: str | None
        tracking_plan_id = self.tracking_plan_id

        window = self.window.value

        since = self.since.isoformat()

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        limits = self.limits.to_dict()

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sourceId": source_id,
                "trackingPlanId": tracking_plan_id,
                "window": window,
                "since": since,
                "events": events,
                "limits": limits,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.observed_event import ObservedEvent
        from ..models.pagination import Pagination
        from ..models.schema_limits import SchemaLimits

        d = dict(src_dict)
        source_id = d.pop("sourceId")

        def _parse_tracking_plan_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_plan_id = _parse_tracking_plan_id(d.pop("trackingPlanId"))

        window = SchemaWindow(d.pop("window"))

        since = datetime.date.fromisoformat(d.pop("since"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = ObservedEvent.from_dict(events_item_data)

            events.append(events_item)

        limits = SchemaLimits.from_dict(d.pop("limits"))

        pagination = Pagination.from_dict(d.pop("pagination"))

        observed_schema = cls(
            source_id=source_id,
            tracking_plan_id=tracking_plan_id,
            window=window,
            since=since,
            events=events,
            limits=limits,
            pagination=pagination,
        )

        observed_schema.additional_properties = d
        return observed_schema

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
