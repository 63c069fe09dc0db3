from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.fql_defined_property import FqlDefinedProperty
    from ..models.hash_properties_configuration import HashPropertiesConfiguration
    from ..models.property_rename import PropertyRename
    from ..models.property_value_transformation import PropertyValueTransformation


T = TypeVar("T", bound="TransformationInput")


@_attrs_define
class TransformationInput:
    """
    Attributes:
        name (str): A name of 1 to 200 characters, not blank, without control characters.
        source_id (str):
        enabled (bool):
        if_ (str): An FQL condition such as `event = 'Order Completed'`, up to 2000 characters.
        destination_metadata_id (None | str | Unset): The kind of destination it applies to; absent: at the source, for
            every destination.
        drop (bool | None | Unset):
        new_event_name (None | str | Unset):
        property_renames (list[PropertyRename] | None | Unset):
        property_value_transformations (list[PropertyValueTransformation] | None | Unset):
        fql_defined_properties (list[FqlDefinedProperty] | None | Unset): At most one FQL-defined property.
        allow_properties (list[str] | None | Unset):
        hash_properties_configuration (HashPropertiesConfiguration | None | Unset):
    """

    name: str
    source_id: str
    enabled: bool
    if_: str
    destination_metadata_id: str | Unset | None = UNSET
    drop: bool | Unset | None = UNSET
    new_event_name: str | Unset | None = UNSET
    property_renames: list[PropertyRename] | Unset | None = UNSET
    property_value_transformations: list[PropertyValueTransformation] | Unset | None = UNSET
    fql_defined_properties: list[FqlDefinedProperty] | Unset | None = UNSET
    allow_properties: list[str] | Unset | None = UNSET
    hash_properties_configuration: HashPropertiesConfiguration | Unset | None = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.hash_properties_configuration import HashPropertiesConfiguration

        name = self.name

        source_id = self.source_id

        enabled = self.enabled

        if_ = self.if_

        destination_metadata_id: str | Unset | None
        if isinstance(self.destination_metadata_id, Unset):
            destination_metadata_id = UNSET
        else:
            destination_metadata_id = self.destination_metadata_id

        drop: bool | Unset | None
        if isinstance(self.drop, Unset):
            drop = UNSET
        else:
            drop = self.drop

        new_event_name: str | Unset | None
        if isinstance(self.new_event_name, Unset):
            new_event_name = UNSET
        else:
            new_event_name = self.new_event_name

        property_renames: list[dict[str, Any]] | Unset | None
        if isinstance(self.property_renames, Unset):
            property_renames = UNSET
        elif isinstance(self.property_renames, list):
            property_renames = []
            for property_renames_type_0_item_data in self.property_renames:
                property_renames_type_0_item = property_renames_type_0_item_data.to_dict()
                property_renames.append(property_renames_type_0_item)

        else:
            property_renames = self.property_renames

        property_value_transformations: list[dict[str, Any]] | Unset | None
        if isinstance(self.property_value_transformations, Unset):
            property_value_transformations = UNSET
        elif isinstance(self.property_value_transformations, list):
            property_value_transformations = []
            for property_value_transformations_type_0_item_data in self.property_value_transformations:
                property_value_transformations_type_0_item = property_value_transformations_type_0_item_data.to_dict()
                property_value_transformations.append(property_value_transformations_type_0_item)

        else:
            property_value_transformations = self.property_value_transformations

        fql_defined_properties: list[dict[str, Any]] | Unset | None
        if isinstance(self.fql_defined_properties, Unset):
            fql_defined_properties = UNSET
        elif isinstance(self.fql_defined_properties, list):
            fql_defined_properties = []
            for fql_defined_properties_type_0_item_data in self.fql_defined_properties:
                fql_defined_properties_type_0_item = fql_defined_properties_type_0_item_data.to_dict()
                fql_defined_properties.append(fql_defined_properties_type_0_item)

        else:
            fql_defined_properties = self.fql_defined_properties

        allow_properties: list[str] | Unset | None
        if isinstance(self.allow_properties, Unset):
            allow_properties = UNSET
        elif isinstance(self.allow_properties, list):
            allow_properties = self.allow_properties

        else:
            allow_properties = self.allow_properties

        hash_properties_configuration: dict[str, Any] | Unset | None
        if isinstance(self.hash_properties_configuration, Unset):
            hash_properties_configuration = UNSET
        elif isinstance(self.hash_properties_configuration, HashPropertiesConfiguration):
            hash_properties_configuration = self.hash_properties_configuration.to_dict()
        else:
            hash_properties_configuration = self.hash_properties_configuration

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "sourceId": source_id,
                "enabled": enabled,
                "if": if_,
            }
        )
        if destination_metadata_id is not UNSET:
            field_dict["destinationMetadataId"] = destination_metadata_id
        if drop is not UNSET:
            field_dict["drop"] = drop
        if new_event_name is not UNSET:
            field_dict["newEventName"] = new_event_name
        if property_renames is not UNSET:
            field_dict["propertyRenames"] = property_renames
        if property_value_transformations is not UNSET:
            field_dict["propertyValueTransformations"] = property_value_transformations
        if fql_defined_properties is not UNSET:
            field_dict["fqlDefinedProperties"] = fql_defined_properties
        if allow_properties is not UNSET:
            field_dict["allowProperties"] = allow_properties
        if hash_properties_configuration is not UNSET:
            field_dict["hashPropertiesConfiguration"] = hash_properties_configuration

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.fql_defined_property import FqlDefinedProperty
        from ..models.hash_properties_configuration import HashPropertiesConfiguration
        from ..models.property_rename import PropertyRename
        from ..models.property_value_transformation import PropertyValueTransformation

        d = dict(src_dict)
        name = d.pop("name")

        source_id = d.pop("sourceId")

        enabled = d.pop("enabled")

        if_ = d.pop("if")

        def _parse_destination_metadata_id(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        destination_metadata_id = _parse_destination_metadata_id(d.pop("destinationMetadataId", UNSET))

        def _parse_drop(data: object) -> bool | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        drop = _parse_drop(d.pop("drop", UNSET))

        def _parse_new_event_name(data: object) -> str | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        new_event_name = _parse_new_event_name(d.pop("newEventName", UNSET))

        def _parse_property_renames(data: object) -> list[PropertyRename] | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                property_renames_type_0 = []
                _property_renames_type_0 = data
                for property_renames_type_0_item_data in _property_renames_type_0:
                    property_renames_type_0_item = PropertyRename.from_dict(property_renames_type_0_item_data)

                    property_renames_type_0.append(property_renames_type_0_item)

                return property_renames_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PropertyRename] | None | Unset, data)

        property_renames = _parse_property_renames(d.pop("propertyRenames", UNSET))

        def _parse_property_value_transformations(data: object) -> list[PropertyValueTransformation] | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                property_value_transformations_type_0 = []
                _property_value_transformations_type_0 = data
                for property_value_transformations_type_0_item_data in _property_value_transformations_type_0:
                    property_value_transformations_type_0_item = PropertyValueTransformation.from_dict(
                        property_value_transformations_type_0_item_data
                    )

                    property_value_transformations_type_0.append(property_value_transformations_type_0_item)

                return property_value_transformations_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PropertyValueTransformation] | None | Unset, data)

        property_value_transformations = _parse_property_value_transformations(
            d.pop("propertyValueTransformations", UNSET)
        )

        def _parse_fql_defined_properties(data: object) -> list[FqlDefinedProperty] | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                fql_defined_properties_type_0 = []
                _fql_defined_properties_type_0 = data
                for fql_defined_properties_type_0_item_data in _fql_defined_properties_type_0:
                    fql_defined_properties_type_0_item = FqlDefinedProperty.from_dict(
                        fql_defined_properties_type_0_item_data
                    )

                    fql_defined_properties_type_0.append(fql_defined_properties_type_0_item)

                return fql_defined_properties_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FqlDefinedProperty] | None | Unset, data)

        fql_defined_properties = _parse_fql_defined_properties(d.pop("fqlDefinedProperties", UNSET))

        def _parse_allow_properties(data: object) -> list[str] | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                allow_properties_type_0 = cast(list[str], data)

                return allow_properties_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        allow_properties = _parse_allow_properties(d.pop("allowProperties", UNSET))

        def _parse_hash_properties_configuration(data: object) -> HashPropertiesConfiguration | Unset | None:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hash_properties_configuration_type_0 = HashPropertiesConfiguration.from_dict(data)

                return hash_properties_configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HashPropertiesConfiguration | None | Unset, data)

        hash_properties_configuration = _parse_hash_properties_configuration(
            d.pop("hashPropertiesConfiguration", UNSET)
        )

        transformation_input = cls(
            name=name,
            source_id=source_id,
            enabled=enabled,
            if_=if_,
            destination_metadata_id=destination_metadata_id,
            drop=drop,
            new_event_name=new_event_name,
            property_renames=property_renames,
            property_value_transformations=property_value_transformations,
            fql_defined_properties=fql_defined_properties,
            allow_properties=allow_properties,
            hash_properties_configuration=hash_properties_configuration,
        )

        return transformation_input
