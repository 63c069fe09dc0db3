from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.source_label import SourceLabel
    from ..models.source_metadata import SourceMetadata
    from ..models.source_settings import SourceSettings


T = TypeVar("T", bound="Source")


@_attrs_define
class Source:
    """
    Attributes:
        id (str):
        slug (str):
        name (str):
        workspace_id (str):
        enabled (bool):
        write_keys (list[str]):
        labels (list[SourceLabel]):
        metadata (SourceMetadata):
        settings (SourceSettings):
        created_at (datetime.datetime):
    """

    id: str
    slug: str
    name: str
    workspace_id: str
    enabled: bool
    write_keys: list[str]
    labels: list[SourceLabel]
    metadata: SourceMetadata
    settings: SourceSettings
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        name = self.name

        workspace_id = self.workspace_id

        enabled = self.enabled

        write_keys = self.write_keys

        labels = []
        for labels_item_data in self.labels:
            labels_item = labels_item_data.to_dict()
            labels.append(labels_item)

        metadata = self.metadata.to_dict()

        settings = self.settings.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "workspaceId": workspace_id,
                "enabled": enabled,
                "writeKeys": write_keys,
                "labels": labels,
                "metadata": metadata,
                "settings": settings,
                "createdAt": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_label import SourceLabel
        from ..models.source_metadata import SourceMetadata
        from ..models.source_settings import SourceSettings

        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        name = d.pop("name")

        workspace_id = d.pop("workspaceId")

        enabled = d.pop("enabled")

        write_keys = cast(list[str], d.pop("writeKeys"))

        labels = []
        _labels = d.pop("labels")
        for labels_item_data in _labels:
            labels_item = SourceLabel.from_dict(labels_item_data)

            labels.append(labels_item)

        metadata = SourceMetadata.from_dict(d.pop("metadata"))

        settings = SourceSettings.from_dict(d.pop("settings"))

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        source = cls(
            id=id,
            slug=slug,
            name=name,
            workspace_id=workspace_id,
            enabled=enabled,
            write_keys=write_keys,
            labels=labels,
            metadata=metadata,
            settings=settings,
            created_at=created_at,
        )

        source.additional_properties = d
        return source

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
