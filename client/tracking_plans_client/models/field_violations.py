from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FieldViolations")


@_attrs_define
class FieldViolations:
    """
    Attributes:
        type_ (str):
        field (str):
        count (int):
        description (str):
        last_seen_at (datetime.datetime):
        samples (list[Any] | Unset):
    """

    type_: str
    field: str
    count: int
    description: str
    last_seen_at: datetime.datetime
    samples: list[Any] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field = self.field

        count = self.count

        description = self.description

        last_seen_at = self.last_seen_at.isoformat()

        samples: list[Any] | Unset
        if isinstance(self.samples, Unset):
            samples = UNSET
        else:
            samples = self.samples

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "field": field,
                "count": count,
                "description": description,
                "lastSeenAt": last_seen_at,
            }
        )
        if samples is not UNSET:
            field_dict["samples"] = samples

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = d.pop("type")

        field = d.pop("field")

        count = d.pop("count")

        description = d.pop("description")

        last_seen_at = datetime.datetime.fromisoformat(d.pop("lastSeenAt"))

        def _parse_samples(data: object) -> list[Any] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            samples_type_0 = cast(list[Any], data)

            return samples_type_0

        samples = _parse_samples(d.pop("samples", UNSET))

        field_violations = cls(
            type_=type_,
            field=field,
            count=count,
            description=description,
            last_seen_at=last_seen_at,
            samples=samples,
        )

        field_violations.additional_properties = d
        return field_violations

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
