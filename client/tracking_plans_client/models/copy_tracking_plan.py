from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.copy_mode import CopyMode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.plan_document import PlanDocument


T = TypeVar("T", bound="CopyTrackingPlan")


@_attrs_define
class CopyTrackingPlan:
    """
    Attributes:
        mode (CopyMode):
        source_tracking_plan_id (None | str | Unset):
        document (None | PlanDocument | Unset):
        name (None | str | Unset): A name of 1 to 200 characters, not blank, without control characters.
        target_tracking_plan_id (None | str | Unset):
    """

    mode: CopyMode
    source_tracking_plan_id: str | Unset | None = UNSET
    document: PlanDocument | Unset | None = UNSET
    name: str | Unset | None = UNSET
    target_tracking_plan_id: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_document import PlanDocument

        mode = self.mode.value

        source_tracking_plan_id: str | Unset | None
        if isinstance(self.source_tracking_plan_id, Unset):
            source_tracking_plan_id = UNSET
        else:
            source_tracking_plan_id = self.source_tracking_plan_id

        document: dict[str, Any] | Unset | None
        if isinstance(self.document, Unset):
            document = UNSET
        elif isinstance(self.document, PlanDocument):
            document = self.document.to_dict()
        else:
            document = self.document

        name: str | Unset | None
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        target_tracking_plan_id: str | Unset | None
        if isinstance(self.target_tracking_plan_id, Unset):
            target_tracking_plan_id = UNSET
        else:
            target_tracking_plan_id = self.target_tracking_plan_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "mode": mode,
            }
        )
        if source_tracking_plan_id is not UNSET:
            field_dict["sourceTrackingPlanId"] = source_tracking_plan_id
        if document is not UNSET:
            field_dict["document"] = document
        if name is not UNSET:
            field_dict["name"] = name
        if target_tracking_plan_id is not UNSET:
            field_dict["targetTrackingPlanId"] = target_tracking_plan_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.plan_document import PlanDocument

        d = dict(src_dict)
        mode = CopyMode(d.pop("mode"))

        def _parse_source_tracking_plan_id(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_tracking_plan_id = _parse_source_tracking_plan_id(d.pop("sourceTrackingPlanId", UNSET))

        def _parse_document(data: object) -> PlanDocument | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                document_type_0 = PlanDocument.from_dict(data)

                return document_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanDocument | Unset, data)

        document = _parse_document(d.pop("document", UNSET))

        def _parse_name(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_target_tracking_plan_id(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_tracking_plan_id = _parse_target_tracking_plan_id(d.pop("targetTrackingPlanId", UNSET))

        copy_tracking_plan = cls(
            mode=mode,
            source_tracking_plan_id=source_tracking_plan_id,
            document=document,
            name=name,
            target_tracking_plan_id=target_tracking_plan_id,
        )

        return copy_tracking_plan
