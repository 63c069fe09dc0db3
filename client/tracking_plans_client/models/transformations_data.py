from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pagination import Pagination
    from ..models.transformation import Transformation


T = TypeVar("T", bound="TransformationsData")


@_attrs_define
class TransformationsData:
    """
    Attributes:
        transformations (list[Transformation]):
        pagination (Pagination):
    """

    transformations: list[Transformation]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        transformations = []
        for transformations_item_data in self.transformations:
            transformations_item = transformations_item_data.to_dict()
            transformations.append(transformations_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "transformations": transformations,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pagination import Pagination
        from ..models.transformation import Transformation

        d = dict(src_dict)
        transformations = []
        _transformations = d.pop("transformations")
        for transformations_item_data in _transformations:
            transformations_item = Transformation.from_dict(transformations_item_data)

            transformations.append(transformations_item)

        pagination = Pagination.from_dict(d.pop("pagination"))

        transformations_data = cls(
            transformations=transformations,
            pagination=pagination,
        )

        transformations_data.additional_properties = d
        return transformations_data

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
