from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.ambiguous_property import AmbiguousProperty
    from ..models.conflicting_property import ConflictingProperty
    from ..models.rule_identity import RuleIdentity
    from ..models.skipped_property import SkippedProperty
    from ..models.tracking_plan import TrackingPlan


T = TypeVar("T", bound="ObservedImportData")


@_attrs_define
class ObservedImportData:
    """
    Attributes:
        dry_run (bool):
        tracking_plan (TrackingPlan):
        ambiguous (list[AmbiguousProperty]):
        conflicting (list[ConflictingProperty]):
        skipped (list[SkippedProperty]):
        created (list[RuleIdentity] | Unset):
        updated (list[RuleIdentity] | Unset):
        removed (list[RuleIdentity] | Unset):
        unchanged (list[RuleIdentity] | Unset):
        status (Literal['SUCCESS'] | Unset):  Default: 'SUCCESS'.
    """

    dry_run: bool
    tracking_plan: TrackingPlan
    ambiguous: list[AmbiguousProperty]
    conflicting: list[ConflictingProperty]
    skipped: list[SkippedProperty]
    created: list[RuleIdentity] | Unset = UNSET
    updated: list[RuleIdentity] | Unset = UNSET
    removed: list[RuleIdentity] | Unset = UNSET
    unchanged: list[RuleIdentity] | Unset = UNSET
    status: Literal["SUCCESS"] | Unset = "SUCCESS"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        dry_run = self.dry_run

        tracking_plan = self.tracking_plan.to_dict()

        ambiguous = []
        for ambiguous_item_data in self.ambiguous:
            ambiguous_item = ambiguous_item_data.to_dict()
            ambiguous.append(ambiguous_item)

        conflicting = []
        for conflicting_item_data in self.conflicting:
            conflicting_item = conflicting_item_data.to_dict()
            conflicting.append(conflicting_item)

        skipped = []
        for skipped_item_data in self.skipped:
            skipped_item = skipped_item_data.to_dict()
            skipped.append(skipped_item)

        created: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.created, Unset):
            created = []
            for created_item_data in self.created:
                created_item = created_item_data.to_dict()
                created.append(created_item)

        updated: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.updated, Unset):
            updated = []
            for updated_item_data in self.updated:
                updated_item = updated_item_data.to_dict()
                updated.append(updated_item)

        removed: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.removed, Unset):
            removed = []
            for removed_item_data in self.removed:
                removed_item = removed_item_data.to_dict()
                removed.append(removed_item)

        unchanged: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.unchanged, Unset):
            unchanged = []
            for unchanged_item_data in self.unchanged:
                unchanged_item = unchanged_item_data.to_dict()
                unchanged.append(unchanged_item)

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "dryRun": dry_run,
                "trackingPlan": tracking_plan,
                "ambiguous": ambiguous,
                "conflicting": conflicting,
                "skipped": skipped,
            }
        )
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated
        if removed is not UNSET:
            field_dict["removed"] = removed
        if unchanged is not UNSET:
            field_dict["unchanged"] = unchanged
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ambiguous_property import AmbiguousProperty
        from ..models.conflicting_property import ConflictingProperty
        from ..models.rule_identity import RuleIdentity
        from ..models.skipped_property import SkippedProperty
        from ..models.tracking_plan import TrackingPlan

        d = dict(src_dict)
        dry_run = d.pop("dryRun")

        tracking_plan = TrackingPlan.from_dict(d.pop("trackingPlan"))

        ambiguous = []
        _ambiguous = d.pop("ambiguous")
        for ambiguous_item_data in _ambiguous:
            ambiguous_item = AmbiguousProperty.from_dict(ambiguous_item_data)

            ambiguous.append(ambiguous_item)

        conflicting = []
        _conflicting = d.pop("conflicting")
        for conflicting_item_data in _conflicting:
            conflicting_item = ConflictingProperty.from_dict(conflicting_item_data)

            conflicting.append(conflicting_item)

        skipped = []
        _skipped = d.pop("skipped")
        for skipped_item_data in _skipped:
            skipped_item = SkippedProperty.from_dict(skipped_item_data)

            skipped.append(skipped_item)

        _created = d.pop("created", UNSET)
        created: list[RuleIdentity] | Unset = UNSET
        if _created is not UNSET:
            created = []
            for created_item_data in _created:
                created_item = RuleIdentity.from_dict(created_item_data)

                created.append(created_item)

        _updated = d.pop("updated", UNSET)
        updated: list[RuleIdentity] | Unset = UNSET
        if _updated is not UNSET:
            updated = []
            for updated_item_data in _updated:
                updated_item = RuleIdentity.from_dict(updated_item_data)

                updated.append(updated_item)

        _removed = d.pop("removed", UNSET)
        removed: list[RuleIdentity] | Unset = UNSET
        if _removed is not UNSET:
            removed = []
            for removed_item_data in _removed:
                removed_item = RuleIdentity.from_dict(removed_item_data)

                removed.append(removed_item)

        _unchanged = d.pop("unchanged", UNSET)
        unchanged: list[RuleIdentity] | Unset = UNSET
        if _unchanged is not UNSET:
            unchanged = []
            for unchanged_item_data in _unchanged:
                unchanged_item = RuleIdentity.from_dict(unchanged_item_data)

                unchanged.append(unchanged_item)

        status = cast(Literal["SUCCESS"] | Unset, d.pop("status", UNSET))
        if status != "SUCCESS" and not isinstance(status, Unset):
            raise ValueError(f"status must match const 'SUCCESS', got '{status}'")

        observed_import_data = cls(
            dry_run=dry_run,
            tracking_plan=tracking_plan,
            ambiguous=ambiguous,
            conflicting=conflicting,
            skipped=skipped,
            created=created,
            updated=updated,
            removed=removed,
            unchanged=unchanged,
            status=status,
        )

        observed_import_data.additional_properties = d
        return observed_import_data

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
