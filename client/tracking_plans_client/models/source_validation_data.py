from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pipeline_result import PipelineResult
    from ..models.pipeline_summary import PipelineSummary


T = TypeVar("T", bound="SourceValidationData")


@_attrs_define
class SourceValidationData:
    """
    Attributes:
        source_id (str):
        tracking_plan_id (None | str):
        results (list[PipelineResult]):
        summary (PipelineSummary):
    """

    source_id: str
    tracking_plan_id: str | None
    results: list[PipelineResult]
    summary: PipelineSummary
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        tracking_plan_id: str | None
        tracking_plan_id = self.tracking_plan_id

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        summary = self.summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sourceId": source_id,
                "trackingPlanId": tracking_plan_id,
                "results": results,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_result import PipelineResult
        from ..models.pipeline_summary import PipelineSummary

        d = dict(src_dict)
        source_id = d.pop("sourceId")

        def _parse_tracking_plan_id(data: object) -> str | None:
            if data is None:
                return data
            return cast(None | str, data)

        tracking_plan_id = _parse_tracking_plan_id(d.pop("trackingPlanId"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = PipelineResult.from_dict(results_item_data)

            results.append(results_item)

        summary = PipelineSummary.from_dict(d.pop("summary"))

        source_validation_data = cls(
            source_id=source_id,
            tracking_plan_id=tracking_plan_id,
            results=results,
            summary=summary,
        )

        source_validation_data.additional_properties = d
        return source_validation_data

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
