from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.window import Window

if TYPE_CHECKING:
    from ..models.delivery_counts import DeliveryCounts
    from ..models.hourly_delivery import HourlyDelivery


T = TypeVar("T", bound="DeliveryData")


@_attrs_define
class DeliveryData:
    """
    Attributes:
        source_id (str):
        window (Window): How far back: the last hour, 24 hours (when absent) or 7 days, in whole hourly buckets.
        since (datetime.datetime):
        totals (DeliveryCounts):
        hours (list[HourlyDelivery]):
    """

    source_id: str
    window: Window
    since: datetime.datetime
    totals: DeliveryCounts
    hours: list[HourlyDelivery]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        window = self.window.value

        since = self.since.isoformat()

        totals = self.totals.to_dict()

        hours = []
        for hours_item_data in self.hours:
            hours_item = hours_item_data.to_dict()
            hours.append(hours_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sourceId": source_id,
                "window": window,
                "since": since,
                "totals": totals,
                "hours": hours,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_counts import DeliveryCounts
        from ..models.hourly_delivery import HourlyDelivery

        d = dict(src_dict)
        source_id = d.pop("sourceId")

        window = Window(d.pop("window"))

        since = datetime.datetime.fromisoformat(d.pop("since"))

        totals = DeliveryCounts.from_dict(d.pop("totals"))

        hours = []
        _hours = d.pop("hours")
        for hours_item_data in _hours:
            hours_item = HourlyDelivery.from_dict(hours_item_data)

            hours.append(hours_item)

        delivery_data = cls(
            source_id=source_id,
            window=window,
            since=since,
            totals=totals,
            hours=hours,
        )

        delivery_data.additional_properties = d
        return delivery_data

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
