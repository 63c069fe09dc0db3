from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.document_plan import DocumentPlan
    from ..models.document_rule import DocumentRule


T = TypeVar("T", bound="PlanDocument")


@_attrs_define
class PlanDocument:
    """
    Attributes:
        tracking_plan (DocumentPlan):
        rules (list[DocumentRule]):
        format_ (Literal['tracking-plan/v1'] | Unset):  Default: 'tracking-plan/v1'.
    """

    tracking_plan: DocumentPlan
    rules: list[DocumentRule]
    format_: Literal["tracking-plan/v1"] | Unset = "tracking-plan/v1"

    def to_dict(self) -> dict[str, Any]:
        tracking_plan = self.tracking_plan.to_dict()

        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        format_ = self.format_

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "trackingPlan": tracking_plan,
                "rules": rules,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.document_plan import DocumentPlan
        from ..models.document_rule import DocumentRule

        d = dict(src_dict)
        tracking_plan = DocumentPlan.from_dict(d.pop("trackingPlan"))

        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = DocumentRule.from_dict(rules_item_data)

            rules.append(rules_item)

        format_ = cast(Literal["tracking-plan/v1"] | Unset, d.pop("format", UNSET))
        if format_ != "tracking-plan/v1" and not isinstance(format_, Unset):
            raise ValueError(f"format must match const 'tracking-plan/v1', got '{format_}'")

        plan_document = cls(
            tracking_plan=tracking_plan,
            rules=rules,
            format_=format_,
        )

        return plan_document
