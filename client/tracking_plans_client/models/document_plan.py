from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.plan_type import PlanType
from ..types import UNSET, Unset

T = TypeVar("T", bound="DocumentPlan")


@_attrs_define
class DocumentPlan:
    """
    Attributes:
        name (str): A name of 1 to 200 characters, not blank, without control characters.
        type_ (PlanType):
        description (None | str | Unset): Up to 2,000 characters.
    """

    name: str
    type_: PlanType
    description: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        description: str | Unset | None
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "type": type_,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        type_ = PlanType(d.pop("type"))

        def _parse_description(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        document_plan = cls(
            name=name,
            type_=type_,
            description=description,
        )

        return document_plan
