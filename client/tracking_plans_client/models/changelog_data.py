from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.changelog_entry import ChangelogEntry
    from ..models.pagination import Pagination


T = TypeVar("T", bound="ChangelogData")


@_attrs_define
class ChangelogData:
    """
    Attributes:
        changelog (list[ChangelogEntry]):
        pagination (Pagination):
    """

    changelog: list[ChangelogEntry]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        changelog = []
        for changelog_item_data in self.changelog:
            changelog_item = changelog_item_data.to_dict()
            changelog.append(changelog_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "changelog": changelog,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.changelog_entry import ChangelogEntry
        from ..models.pagination import Pagination

        d = dict(src_dict)
        changelog = []
        _changelog = d.pop("changelog")
        for changelog_item_data in _changelog:
            changelog_item = ChangelogEntry.from_dict(changelog_item_data)

            changelog.append(changelog_item)

        pagination = Pagination.from_dict(d.pop("pagination"))

        changelog_data = cls(
            changelog=changelog,
            pagination=pagination,
        )

        changelog_data.additional_properties = d
        return changelog_data

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
