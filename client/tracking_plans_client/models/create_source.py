from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.source_kind import SourceKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.source_configuration import SourceConfiguration


T = TypeVar("T", bound="CreateSource")


@_attrs_define
class CreateSource:
    """
    Attributes:
        slug (str): Lower-case letters, digits, `-` and `_`; unique in the workspace.
        enabled (bool):
        metadata_id (SourceKind): The kinds of source a `metadataId` may name.
        settings (None | SourceConfiguration | Unset):
        name (None | str | Unset): A name of 1 to 200 characters, not blank, without control characters.
    """

    slug: str
    enabled: bool
    metadata_id: SourceKind
    settings: SourceConfiguration | Unset | None = UNSET
    name: str | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.source_configuration import SourceConfiguration

        slug = self.slug

        enabled = self.enabled

        metadata_id = self.metadata_id.value

        settings: dict[str, Any] | Unset | None
        if isinstance(self.settings, Unset):
            settings = UNSET
        elif isinstance(self.settings, SourceConfiguration):
            settings = self.settings.to_dict()
        else:
            settings = self.settings

        name: str | Unset | None
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "slug": slug,
                "enabled": enabled,
                "metadataId": metadata_id,
            }
        )
        if settings is not UNSET:
            field_dict["settings"] = settings
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.source_configuration import SourceConfiguration

        d = dict(src_dict)
        slug = d.pop("slug")

        enabled = d.pop("enabled")

        metadata_id = SourceKind(d.pop("metadataId"))

        def _parse_settings(data: object) -> SourceConfiguration | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                settings_type_0 = SourceConfiguration.from_dict(data)

                return settings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SourceConfiguration | Unset, data)

        settings = _parse_settings(d.pop("settings", UNSET))

        def _parse_name(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        create_source = cls(
            slug=slug,
            enabled=enabled,
            metadata_id=metadata_id,
            settings=settings,
            name=name,
        )

        return create_source
