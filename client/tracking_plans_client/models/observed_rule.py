from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rule_type import RuleType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ObservedRule")


@_attrs_define
class ObservedRule:
    """
    Attributes:
        type_ (RuleType):
        key (None | str | Unset): Event name for TRACK, page or screen name for PAGE and SCREEN; matched exactly.
    """

    type_: RuleType
    key: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        key: str | Unset | None
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = RuleType(d.pop("type"))

        def _parse_key(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        key = _parse_key(d.pop("key", UNSET))

        observed_rule = cls(
            type_=type_,
            key=key,
        )

        return observed_rule
