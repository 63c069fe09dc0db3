from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.schema_settings import SchemaSettings


T = TypeVar("T", bound="NotCopied")


@_attrs_define
class NotCopied:
    """
    Attributes:
        source_id (str):
        slug (str):
        name (str):
        settings (SchemaSettings):
        message (str):
    """

    source_id: str
    slug: str
    name: str
    settings: SchemaSettings
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source_id = self.source_id

        slug = self.slug

        name = self.name

        settings = self.settings.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sourceId": source_id,
                "slug": slug,
                "name": name,
                "settings": settings,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.schema_settings import SchemaSettings

        d = dict(src_dict)
        source_id = d.pop("sourceId")

        slug = d.pop("slug")

        name = d.pop("name")

        settings = SchemaSettings.from_dict(d.pop("settings"))

        message = d.pop("message")

        not_copied = cls(
            source_id=source_id,
            slug=slug,
            name=name,
            settings=settings,
            message=message,
        )

        not_copied.additional_properties = d
        return not_copied

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
