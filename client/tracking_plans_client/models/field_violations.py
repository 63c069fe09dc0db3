from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_violations_samples_type_0_item import FieldViolationsSamplesType0Item


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
        samples (list[FieldViolationsSamplesType0Item] | Unset):
    """

    type_: str
    field: str
    count: int
    description: str
    last_seen_at: datetime.datetime
    samples: list[FieldViolationsSamplesType0Item] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        field = self.field

        count = self.count

        description = self.description

        last_seen_at = self.last_seen_at.isoformat()

        samples: list[dict[str, Any]] | Unset
        if isinstance(self.samples, Unset):
            samples = UNSET
        else:
            samples = []
            for samples_type_0_item_data in self.samples:
                samples_type_0_item = samples_type_0_item_data.to_dict()
                samples.append(samples_type_0_item)

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
        from ..models.field_violations_samples_type_0_item import FieldViolationsSamplesType0Item

        d = dict(src_dict)
        type_ = d.pop("type")

        field = d.pop("field")

        count = d.pop("count")

        description = d.pop("description")

        last_seen_at = datetime.datetime.fromisoformat(d.pop("lastSeenAt"))

        def _parse_samples(data: object) -> list[FieldViolationsSamplesType0Item] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            samples_type_0 = []
            _samples_type_0 = data
            for samples_type_0_item_data in _samples_type_0:
                samples_type_0_item = FieldViolationsSamplesType0Item.from_dict(samples_type_0_item_data)

                samples_type_0.append(samples_type_0_item)

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
