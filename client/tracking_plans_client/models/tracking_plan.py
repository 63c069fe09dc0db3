from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.plan_type import PlanType

T = TypeVar("T", bound="TrackingPlan")


@_attrs_define
class TrackingPlan:
    """
    Attributes:
        id (str):
        resource_schema_id (str):
        name (str):
        slug (str):
        description (None | str):
        type_ (PlanType):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: str
    resource_schema_id: str
    name: str
    slug: str
    description: str | None
    type_: PlanType
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        resource_schema_id = self.resource_schema_id

        name = self.name

        slug = self.slug

        description: str | None
        description = self.description

        type_ = self.type_.value

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "resourceSchemaId": resource_schema_id,
                "name": name,
                "slug": slug,
                "description": description,
                "type": type_,
                "createdAt": created_at,
                "updatedAt": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        resource_schema_id = d.pop("resourceSchemaId")

        name = d.pop("name")

        slug = d.pop("slug")

        def _parse_description(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        type_ = PlanType(d.pop("type"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updatedAt"))

        tracking_plan = cls(
            id=id,
            resource_schema_id=resource_schema_id,
            name=name,
            slug=slug,
            description=description,
            type_=type_,
            created_at=created_at,
            updated_at=updated_at,
        )

        tracking_plan.additional_properties = d
        return tracking_plan

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
