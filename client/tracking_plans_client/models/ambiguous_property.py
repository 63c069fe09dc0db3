from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_type import RuleType

if TYPE_CHECKING:
    from ..models.type_count import TypeCount


T = TypeVar("T", bound="AmbiguousProperty")


@_attrs_define
class AmbiguousProperty:
    """
    Attributes:
        type_ (RuleType):
        key (None | str):
        path (str):
        types (list[TypeCount]):
    """

    type_: RuleType
    key: str | None
    path: str
    types: list[TypeCount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        key: str | None
        key = self.key

        path = self.path

        types = []
        for types_item_data in self.types:
            types_item = types_item_data.to_dict()
            types.append(types_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "key": key,
                "path": path,
                "types": types,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.type_count import TypeCount

        d = dict(src_dict)
        type_ = RuleType(d.pop("type"))

        def _parse_key(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        key = _parse_key(d.pop("key"))

        path = d.pop("path")

        types = []
        _types = d.pop("types")
        for types_item_data in _types:
            types_item = TypeCount.from_dict(types_item_data)

            types.append(types_item)

        ambiguous_property = cls(
            type_=type_,
            key=key,
            path=path,
            types=types,
        )

        ambiguous_property.additional_properties = d
        return ambiguous_property

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
