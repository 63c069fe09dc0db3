"""What the OpenAPI document says of our msgspec models beyond Litestar's defaults."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec
from litestar._openapi.schema_generation.plugins.struct import StructSchemaPlugin  # Litestar's own, not exported
from litestar.openapi.spec import Link, OpenAPIType, Operation, Schema
from litestar.params import KwargDefinition
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition

from api.domain.json_objects import JsonSchema, Named
from api.domain.rules import MAX_VERSION, JsonObjectOrNull, Version

if TYPE_CHECKING:
    from litestar._openapi.schema_generation import SchemaCreator


class ClosedStructSchemaPlugin(StructSchemaPlugin):
    """Request bodies that refuse unknown fields say so with `additionalProperties: false`.

    Litestar leaves it out, so the document (and the client generated from it) would admit
    bodies that the server answers with 422. Their event versions, read as an integer or a
    number without a fractional part (`1.0`), are documented as what JSON Schema calls an
    `integer` (which `1.0` is), so clients keep sending and typing them as integers.
    """

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        if not super().is_plugin_supported_field(field_definition):
            return False
        config: msgspec.structs.StructConfig = field_definition.type_.__struct_config__
        return config.forbid_unknown_fields

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: "SchemaCreator") -> Schema:
        schema = super().to_openapi_schema(field_definition, schema_creator)
        schema.additional_properties = False
        for field in msgspec.structs.fields(field_definition.type_):
            if field.type == Version and schema.properties:
                schema.properties[field.encode_name] = Schema(
                    type=OpenAPIType.INTEGER,
                    minimum=1,
                    maximum=MAX_VERSION,
                    description="Event version, 1 or more.",
                    default=None if field.default is msgspec.NODEFAULT else field.default,
                )
        return schema


class SchemaTextPlugin(OpenAPISchemaPlugin):
    """A JSON Schema carried as its exact text (`SchemaText`, a `msgspec.Raw`) is documented as what it holds."""

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        # also `SchemaText | UnsetType`, which Litestar would nest in a `oneOf` of its own
        return any(
            isinstance(meta, JsonObjectOrNull)
            for field in (field_definition, *field_definition.inner_types)
            for meta in field.metadata
        )

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: "SchemaCreator") -> Schema:
        # the same as `JsonSchema | None`: a reference to the `JsonSchema` component, or null
        named = NamedObjectSchemaPlugin().to_openapi_schema(FieldDefinition.from_annotation(JsonSchema), schema_creator)
        return Schema(one_of=[named, Schema(type=OpenAPIType.NULL)])


def linking_created(parameter: str, pointer: str, *operation_ids: str) -> type[Operation]:
    """An operation class whose answer links the id it created to the calls that take it.

    Stateful tests (and clients that read links) follow them: `pointer` is the id's place in
    the 200 answer, `parameter` the path parameter of `operation_ids` that takes it.
    """

    @dataclass
    class CreatingOperation(Operation):
        def __post_init__(self) -> None:
            assert self.responses is not None
            created = self.responses["200"]
            created.links = {  # type: ignore[union-attr]
                name: Link(operation_id=name, parameters={parameter: f"$response.body#{pointer}"})
                for name in operation_ids
            }

    return CreatingOperation


class NamedObjectSchemaPlugin(OpenAPISchemaPlugin):
    """A free-form object marked `Named` is a component of that name (see `api.domain.json_objects`).

    Litestar writes such objects inline, and openapi-python-client then names their model after the place they
    stand in (`UpsertRuleJsonSchemaType0`); as a component, the model gets the title (`JsonSchema`).
    """

    @staticmethod
    def _named(field_definition: FieldDefinition) -> Named | None:
        return next((meta for meta in field_definition.metadata if isinstance(meta, Named)), None)

    def is_plugin_supported_field(self, field_definition: FieldDefinition) -> bool:
        return field_definition.is_mapping and self._named(field_definition) is not None

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: "SchemaCreator") -> Schema:
        named = self._named(field_definition)
        assert named is not None  # is_plugin_supported_field checked it
        keyed = FieldDefinition.from_annotation(
            dict[str, Any], kwarg_definition=KwargDefinition(schema_component_key=named.title)
        )
        registry = schema_creator.schema_registry
        if (reference := registry.get_reference_for_field_definition(keyed)) is None:
            schema = registry.get_schema_for_field_definition(keyed)
            schema.title = named.title
            schema.description = named.description
            schema.type = OpenAPIType.OBJECT
            schema.additional_properties = Schema()
            reference = registry.get_reference_for_field_definition(keyed)
        # the schema creator takes a reference from a plugin as it does from its own struct plugin
        return reference  # type: ignore[return-value]
