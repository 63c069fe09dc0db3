from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rule_ref import RuleRef
    from ..models.violation import Violation


T = TypeVar("T", bound="EventResult")


@_attrs_define
class EventResult:
    """
    Attributes:
        index (int):
        valid (bool):
        rules (list[RuleRef] | Unset):
        unplanned (bool | Unset):  Default: False.
        violations (list[Violation] | Unset):
        unplanned_properties (list[str] | Unset):
        error (None | str | Unset):
    """

    index: int
    valid: bool
    rules: list[RuleRef] | Unset = UNSET
    unplanned: bool | Unset = False
    violations: list[Violation] | Unset = UNSET
    unplanned_properties: list[str] | Unset = UNSET
    error: str | Unset | None = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        valid = self.valid

        rules: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = []
            for rules_item_data in self.rules:
                rules_item = rules_item_data.to_dict()
                rules.append(rules_item)

        unplanned = self.unplanned

        violations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.violations, Unset):
            violations = []
            for violations_item_data in self.violations:
                violations_item = violations_item_data.to_dict()
                violations.append(violations_item)

        unplanned_properties: list[str] | Unset = UNSET
        if not isinstance(self.unplanned_properties, Unset):
            unplanned_properties = self.unplanned_properties

        error: str | Unset | None
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "valid": valid,
            }
        )
        if rules is not UNSET:
            field_dict["rules"] = rules
        if unplanned is not UNSET:
            field_dict["unplanned"] = unplanned
        if violations is not UNSET:
            field_dict["violations"] = violations
        if unplanned_properties is not UNSET:
            field_dict["unplannedProperties"] = unplanned_properties
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_ref import RuleRef
        from ..models.violation import Violation

        d = dict(src_dict)
        index = d.pop("index")

        valid = d.pop("valid")

        _rules = d.pop("rules", UNSET)
        rules: list[RuleRef] | Unset = UNSET
        if _rules is not UNSET:
            rules = []
            for rules_item_data in _rules:
                rules_item = RuleRef.from_dict(rules_item_data)

                rules.append(rules_item)

        unplanned = d.pop("unplanned", UNSET)

        _violations = d.pop("violations", UNSET)
        violations: list[Violation] | Unset = UNSET
        if _violations is not UNSET:
            violations = []
            for violations_item_data in _violations:
                violations_item = Violation.from_dict(violations_item_data)

                violations.append(violations_item)

        unplanned_properties = cast(list[str], d.pop("unplannedProperties", UNSET))

        def _parse_error(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        event_result = cls(
            index=index,
            valid=valid,
            rules=rules,
            unplanned=unplanned,
            violations=violations,
            unplanned_properties=unplanned_properties,
            error=error,
        )

        event_result.additional_properties = d
        return event_result

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
