from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.common_traits_action import CommonTraitsAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="TraitsSettings")


@_attrs_define
class TraitsSettings:
    """
    Attributes:
        allow_unplanned_traits (bool | Unset):  Default: True.
        allow_traits_on_violations (bool | Unset):  Default: True.
        common_event_on_violations (CommonTraitsAction | Unset): What happens to an identify or group call that violates
            the common schema.
    """

    allow_unplanned_traits: bool | Unset = True
    allow_traits_on_violations: bool | Unset = True
    common_event_on_violations: CommonTraitsAction | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        allow_unplanned_traits = self.allow_unplanned_traits

        allow_traits_on_violations = self.allow_traits_on_violations

        common_event_on_violations: str | Unset = UNSET
        if not isinstance(self.common_event_on_violations, Unset):
            common_event_on_violations = self.common_event_on_violations.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if allow_unplanned_traits is not UNSET:
            field_dict["allowUnplannedTraits"] = allow_unplanned_traits
        if allow_traits_on_violations is not UNSET:
            field_dict["allowTraitsOnViolations"] = allow_traits_on_violations
        if common_event_on_violations is not UNSET:
            field_dict["commonEventOnViolations"] = common_event_on_violations

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allow_unplanned_traits = d.pop("allowUnplannedTraits", UNSET)

        allow_traits_on_violations = d.pop("allowTraitsOnViolations", UNSET)

        _common_event_on_violations = d.pop("commonEventOnViolations", UNSET)
        common_event_on_violations: CommonTraitsAction | Unset
        if isinstance(_common_event_on_violations, Unset):
            common_event_on_violations = UNSET
        else:
            common_event_on_violations = CommonTraitsAction(_common_event_on_violations)

        traits_settings = cls(
            allow_unplanned_traits=allow_unplanned_traits,
            allow_traits_on_violations=allow_traits_on_violations,
            common_event_on_violations=common_event_on_violations,
        )

        return traits_settings
