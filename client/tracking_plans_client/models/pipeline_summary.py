from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pipeline_summary_violations import PipelineSummaryViolations


T = TypeVar("T", bound="PipelineSummary")


@_attrs_define
class PipelineSummary:
    """
    Attributes:
        events (int):
        delivered (int):
        blocked (int):
        dropped (int):
        rejected (int):
        violations (PipelineSummaryViolations):
    """

    events: int
    delivered: int
    blocked: int
    dropped: int
    rejected: int
    violations: PipelineSummaryViolations
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events = self.events

        delivered = self.delivered

        blocked = self.blocked

        dropped = self.dropped

        rejected = self.rejected

        violations = self.violations.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events": events,
                "delivered": delivered,
                "blocked": blocked,
                "dropped": dropped,
                "rejected": rejected,
                "violations": violations,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pipeline_summary_violations import PipelineSummaryViolations

        d = dict(src_dict)
        events = d.pop("events")

        delivered = d.pop("delivered")

        blocked = d.pop("blocked")

        dropped = d.pop("dropped")

        rejected = d.pop("rejected")

        violations = PipelineSummaryViolations.from_dict(d.pop("violations"))

        pipeline_summary = cls(
            events=events,
            delivered=delivered,
            blocked=blocked,
            dropped=dropped,
            rejected=rejected,
            violations=violations,
        )

        pipeline_summary.additional_properties = d
        return pipeline_summary

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
