from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.upsert_rule import UpsertRule


T = TypeVar("T", bound="UpsertRulesBody")


@_attrs_define
class UpsertRulesBody:
    """
    Attributes:
        rules (list[UpsertRule]):
    """

    rules: list[UpsertRule]

    def to_dict(self) -> dict[str, Any]:
        rules = []
        for rules_item_data in self.rules:
            rules_item = rules_item_data.to_dict()
            rules.append(rules_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "rules": rules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.upsert_rule import UpsertRule

        d = dict(src_dict)
        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = UpsertRule.from_dict(rules_item_data)

            rules.append(rules_item)

        upsert_rules_body = cls(
            rules=rules,
        )

        return upsert_rules_body
