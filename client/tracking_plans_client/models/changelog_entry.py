from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_action import ChangeAction

if TYPE_CHECKING:
    from ..models.rule_identity import RuleIdentity


T = TypeVar("T", bound="ChangelogEntry")


@_attrs_define
class ChangelogEntry:
    """
    Attributes:
        id (int):
        at (datetime.datetime):
        token_id (str):
        token_name (str):
        action (ChangeAction):
        rule (None | RuleIdentity):
        before (Any):
        after (Any):
    """

    id: int
    at: datetime.datetime
    token_id: str
    token_name: str
    action: ChangeAction
    rule: RuleIdentity | None
    before: Any
    after: Any
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.rule_identity import RuleIdentity

        id = self.id

        at = self.at.isoformat()

        token_id = self.token_id

        token_name = self.token_name

        action = self.action.value

        rule: dict[str, Any] | None
        if isinstance(self.rule, RuleIdentity):
            rule = self.rule.to_dict()
        else:
            rule = self.rule

        before = self.before

        after = self.after

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "at": at,
                "tokenId": token_id,
                "tokenName": token_name,
                "action": action,
                "rule": rule,
                "before": before,
                "after": after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rule_identity import RuleIdentity

        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        token_id = d.pop("tokenId")

        token_name = d.pop("tokenName")

        action = ChangeAction(d.pop("action"))

        def _parse_rule(data: object) -> RuleIdentity | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rule_type_0 = RuleIdentity.from_dict(data)

                return rule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RuleIdentity, data)

        rule = _parse_rule(d.pop("rule"))

        before = d.pop("before")

        after = d.pop("after")

        changelog_entry = cls(
            id=id,
            at=at,
            token_id=token_id,
            token_name=token_name,
            action=action,
            rule=rule,
            before=before,
            after=after,
        )

        changelog_entry.additional_properties = d
        return changelog_entry

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
