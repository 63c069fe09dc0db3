from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="DeliveryCounts")


@_attrs_define
class DeliveryCounts:
    """
    Attributes:
        received (int | Unset):  Default: 0.
        delivered (int | Unset):  Default: 0.
        blocked (int | Unset):  Default: 0.
        dropped (int | Unset):  Default: 0.
        omitted (int | Unset):  Default: 0.
    """

    received: int | Unset = 0
    delivered: int | Unset = 0
    blocked: int | Unset = 0
    dropped: int | Unset = 0
    omitted: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        received = self.received

        delivered = self.delivered

        blocked = self.blocked

        dropped = self.dropped

        omitted = self.omitted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if received is not UNSET:
            field_dict["received"] = received
        if delivered is not UNSET:
            field_dict["delivered"] = delivered
        if blocked is not UNSET:
            field_dict["blocked"] = blocked
        if dropped is not UNSET:
            field_dict["dropped"] = dropped
        if omitted is not UNSET:
            field_dict["omitted"] = omitted

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        received = d.pop("received", UNSET)

        delivered = d.pop("delivered", UNSET)

        blocked = d.pop("blocked", UNSET)

        dropped = d.pop("dropped", UNSET)

        omitted = d.pop("omitted", UNSET)

        delivery_counts = cls(
            received=received,
            delivered=delivered,
            blocked=blocked,
            dropped=dropped,
            omitted=omitted,
        )

        delivery_counts.additional_properties = d
        return delivery_counts

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
