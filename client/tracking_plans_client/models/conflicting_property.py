from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_type import RuleType

if TYPE_CHECKING:
    from ..models.type_count import TypeCount


T = TypeVar("T", bound="ConflictingProperty")


@_attrs_define
class ConflictingProperty:
    """
    Attributes:
        type_ (RuleType):
        key (None | str):
        version (int):
        path (str):
        declared_type (list[str] | str):
        types (list[TypeCount]):
    """

    type_: RuleType
    key: str | None
    version: int
    path: str
    declared_type: list[str] | str
    types: list[TypeCount]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        key: str | None
        key = self.key

        version = self.version

        path = self.path

        declared_type: list[str] | str
        if isinstance(self.declared_type, list):
            declared_type = self.declared_type

        else:
            declared_type = self.declared_type

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
                "version": version,
                "path": path,
                "declaredType": declared_type,
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

        version = d.pop("version")

        path = d.pop("path")

        def _parse_declared_type(data: object) -> list[str] | str:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                declared_type_type_1 = cast(list[str], data)

                return declared_type_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | str, data)

        declared_type = _parse_declared_type(d.pop("declaredType"))

        types = []
        _types = d.pop("types")
        for types_item_data in _types:
            types_item = TypeCount.from_dict(types_item_data)

            types.append(types_item)

        conflicting_property = cls(
            type_=type_,
            key=key,
            version=version,
            path=path,
            declared_type=declared_type,
            types=types,
        )

        conflicting_property.additional_properties = d
        return conflicting_property

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
