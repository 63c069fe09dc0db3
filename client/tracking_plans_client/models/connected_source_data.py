from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source import Source


T = TypeVar("T", bound="ConnectedSourceData")


@_attrs_define
class ConnectedSourceData:
    """
    Attributes:
        source (Source):
        tracking_plan_id (None | str):
    """

    source: Source
    tracking_plan_id: str | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_dict()

        tracking_plan_id: str | None
        tracking_plan_id = self.tracking_plan_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
                "trackingPlanId": tracking_plan_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source import Source

        d = dict(src_dict)
        source = Source.from_dict(d.pop("source"))

        def _parse_tracking_plan_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_plan_id = _parse_tracking_plan_id(d.pop("trackingPlanId"))

        connected_source_data = cls(
            source=source,
            tracking_plan_id=tracking_plan_id,
        )

        connected_source_data.additional_properties = d
        return connected_source_data

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
