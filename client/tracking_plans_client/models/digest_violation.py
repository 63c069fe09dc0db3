from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DigestViolation")


@_attrs_define
class DigestViolation:
    """
    Attributes:
        source_id (str):
        source_slug (str):
        source_name (str):
        event_name (None | str):
        event_type (str):
        field (str):
        type_ (str):
        count (int):
        last_seen_at (datetime.datetime):
    """

    source_id: str
    source_slug: str
    source_name: str
    event_name: str | None
    event_type: str
    field: str
    type_: str
    count: int
    last_seen_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        source_slug = self.source_slug

        source_name = self.source_name

        event_name: str | None
        event_name = self.event_name

        event_type = self.event_type

        field = self.field

        type_ = self.type_

        count = self.count

        last_seen_at = self.last_seen_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sourceId": source_id,
                "sourceSlug": source_slug,
                "sourceName": source_name,
                "eventName": event_name,
                "eventType": event_type,
                "field": field,
                "type": type_,
                "count": count,
                "lastSeenAt": last_seen_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = d.pop("sourceId")

        source_slug = d.pop("sourceSlug")

        source_name = d.pop("sourceName")

        def _parse_event_name(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        event_name = _parse_event_name(d.pop("eventName"))

        event_type = d.pop("eventType")

        field = d.pop("field")

        type_ = d.pop("type")

        count = d.pop("count")

        last_seen_at = datetime.datetime.fromisoformat(d.pop("lastSeenAt"))

        digest_violation = cls(
            source_id=source_id,
            source_slug=source_slug,
            source_name=source_name,
            event_name=event_name,
            event_type=event_type,
            field=field,
            type_=type_,
            count=count,
            last_seen_at=last_seen_at,
        )

        digest_violation.additional_properties = d
        return digest_violation

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
