from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.event_result import EventResult
    from ..models.validation_summary import ValidationSummary


T = TypeVar("T", bound="PlanValidationData")


@_attrs_define
class PlanValidationData:
    """
    Attributes:
        tracking_plan_id (str):
        revision (int):
        results (list[EventResult]):
        summary (ValidationSummary):
    """

    tracking_plan_id: str
    revision: int
    results: list[EventResult]
    summary: ValidationSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tracking_plan_id = self.tracking_plan_id

        revision = self.revision

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        summary = self.summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "trackingPlanId": tracking_plan_id,
                "revision": revision,
                "results": results,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_result import EventResult
        from ..models.validation_summary import ValidationSummary

        d = dict(src_dict)
        tracking_plan_id = d.pop("trackingPlanId")

        revision = d.pop("revision")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = EventResult.from_dict(results_item_data)

            results.append(results_item)

        summary = ValidationSummary.from_dict(d.pop("summary"))

        plan_validation_data = cls(
            tracking_plan_id=tracking_plan_id,
            revision=revision,
            results=results,
            summary=summary,
        )

        plan_validation_data.additional_properties = d
        return plan_validation_data

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
