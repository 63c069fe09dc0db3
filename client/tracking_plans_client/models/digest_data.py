from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.digest_violation import DigestViolation
    from ..models.pagination import Pagination


T = TypeVar("T", bound="DigestData")


@_attrs_define
class DigestData:
    """
    Attributes:
        since (datetime.datetime):
        violations (list[DigestViolation]):
        pagination (Pagination):
    """

    since: datetime.datetime
    violations: list[DigestViolation]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        since = self.since.isoformat()

        violations = []
        for violations_item_data in self.violations:
            violations_item = violations_item_data.to_dict()
            violations.append(violations_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "since": since,
                "violations": violations,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.digest_violation import DigestViolation
        from ..models.pagination import Pagination

        d = dict(src_dict)
        since = datetime.datetime.fromisoformat(d.pop("since"))

        violations = []
        _violations = d.pop("violations")
        for violations_item_data in _violations:
            violations_item = DigestViolation.from_dict(violations_item_data)

            violations.append(violations_item)

        pagination = Pagination.from_dict(d.pop("pagination"))

        digest_data = cls(
            since=since,
            violations=violations,
            pagination=pagination,
        )

        digest_data.additional_properties = d
        return digest_data

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
