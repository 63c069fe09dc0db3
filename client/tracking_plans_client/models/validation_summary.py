from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.validation_summary_violations import ValidationSummaryViolations


T = TypeVar("T", bound="ValidationSummary")


@_attrs_define
class ValidationSummary:
    """
    Attributes:
        events (int):
        valid (int):
        invalid (int):
        unplanned (int):
        rejected (int):
        violations (ValidationSummaryViolations):
    """

    events: int
    valid: int
    invalid: int
    unplanned: int
    rejected: int
    violations: ValidationSummaryViolations
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events = self.events

        valid = self.valid

        invalid = self.invalid

        unplanned = self.unplanned

        rejected = self.rejected

        violations = self.violations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events": events,
                "valid": valid,
                "invalid": invalid,
                "unplanned": unplanned,
                "rejected": rejected,
                "violations": violations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.validation_summary_violations import ValidationSummaryViolations

        d = dict(src_dict)
        events = d.pop("events")

        valid = d.pop("valid")

        invalid = d.pop("invalid")

        unplanned = d.pop("unplanned")

        rejected = d.pop("rejected")

        violations = ValidationSummaryViolations.from_dict(d.pop("violations"))

        validation_summary = cls(
            events=events,
            valid=valid,
            invalid=invalid,
            unplanned=unplanned,
            rejected=rejected,
            violations=violations,
        )

        validation_summary.additional_properties = d
        return validation_summary

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
