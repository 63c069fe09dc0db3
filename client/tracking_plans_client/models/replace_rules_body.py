from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.rule_input import RuleInput


T = TypeVar("T", bound="ReplaceRulesBody")


@_attrs_define
class ReplaceRulesBody:
    """
    Attributes:
        rules (list[RuleInput]):
    """

    rules: list[RuleInput]

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
        from ..models.rule_input import RuleInput

        d = dict(src_dict)
        rules = []
        _rules = d.pop("rules")
        for rules_item_data in _rules:
            rules_item = RuleInput.from_dict(rules_item_data)

            rules.append(rules_item)

        replace_rules_body = cls(
            rules=rules,
        )

        return replace_rules_body
