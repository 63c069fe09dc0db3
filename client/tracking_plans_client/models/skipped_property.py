from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.rule_type import RuleType

T = TypeVar("T", bound="SkippedProperty")


@_attrs_define
class SkippedProperty:
    """
    Attributes:
        type_ (RuleType):
        key (None | str):
        version (int):
        path (str):
        reason (str):
    """

    type_: RuleType
    key: str | None
    version: int
    path: str
    reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        key: str | None
        key = self.key

        version = self.version

        path = self.path

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "key": key,
                "version": version,
                "path": path,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = RuleType(d.pop("type"))

        def _parse_key(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        key = _parse_key(d.pop("key"))

        version = d.pop("version")

        path = d.pop("path")

        reason = d.pop("reason")

        skipped_property = cls(
            type_=type_,
            key=key,
            version=version,
            path=path,
            reason=reason,
        )

        skipped_property.additional_properties = d
        return skipped_property

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
